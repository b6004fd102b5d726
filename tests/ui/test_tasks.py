"""Task runner: the work runs off the GUI thread, its outcome comes back on it."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from desktop.services.changes import Changes
from desktop.ui.events import EventBridge
from desktop.ui.tasks import TaskRunner


def test_result_delivered_on_gui_thread(qtbot, qapp):
    runner = TaskRunner()
    seen = {}

    def work(a, b=0):
        seen["worker"] = threading.get_ident()
        return a + b

    def done(value):
        seen["value"] = value
        seen["callback_on_gui"] = QThread.currentThread() is qapp.thread()

    with qtbot.waitSignal(runner.task_done, timeout=5000):
        runner.run(work, 2, b=3, on_done=done)
    assert seen["value"] == 5
    assert seen["callback_on_gui"] is True
    assert seen["worker"] != threading.get_ident()
    assert runner.active == 0


def test_exception_delivered_to_on_error(qtbot):
    runner = TaskRunner()
    caught = []

    def boom():
        raise ValueError("printer on fire")

    with qtbot.waitSignal(runner.task_done, timeout=5000):
        runner.run(boom, on_done=lambda _v: pytest.fail("no result expected"),
                   on_error=caught.append)
    assert isinstance(caught[0], ValueError) and str(caught[0]) == "printer on fire"


def test_unhandled_error_is_reported(qtbot):
    runner = TaskRunner()
    with qtbot.waitSignal(runner.failed, timeout=5000) as failed:
        runner.run(lambda: 1 / 0, name="divide")
    name, exc = failed.args
    assert name == "divide" and isinstance(exc, ZeroDivisionError)


def test_busy_signal(qtbot):
    runner = TaskRunner()
    states = []
    runner.busy_changed.connect(states.append)
    gate = threading.Event()
    with qtbot.waitSignal(runner.task_done, timeout=5000):
        runner.run(gate.wait, 5)
        assert runner.active == 1
        gate.set()
    assert states == [True, False]


def test_emitting_keeps_the_reference_to_true(qapp):
    """PySide6 6.12.0's emit() steals a reference to True; desktop.ui.qt_fixes gives it back.
    Without the fix, 1 000 emits take 1 000 references and a long day at the counter aborts."""
    import sys

    from desktop.ui import qt_fixes

    bridge = EventBridge()
    before = sys.getrefcount(True)
    for _ in range(1000):
        bridge.contacts.emit()
    assert sys.getrefcount(True) >= before - 10  # other threads may hold a few meanwhile
    assert qt_fixes.emit_steals_true() is False  # the patched emit no longer loses any


def test_event_bridge_emits_only_what_changed(qtbot):
    bridge = EventBridge()
    fired = []
    for kind in ("shipments", "contacts", "sender_profiles", "print_jobs"):
        getattr(bridge, kind).connect(lambda k=kind: fired.append(k))
    bridge.publish(Changes(contacts=True))
    bridge.publish(Changes(shipments=True, print_jobs=True))
    bridge.publish(None)
    assert fired == ["contacts", "shipments", "print_jobs"]


def test_latest_request_wins_a_slow_old_answer_is_dropped(qtbot):
    """Service suggestions for the previous destination arrive last: they must not win."""
    runner = TaskRunner()
    shown, release_old = [], threading.Event()

    def suggest(destination, slow):
        if slow:
            release_old.wait(5)  # the old request is still being worked on …
        return f"services for {destination}"

    runner.run(suggest, "DE", True, name="suggest", latest="suggest", on_done=shown.append)
    with qtbot.waitSignal(runner.task_done, timeout=5000):
        runner.run(suggest, "UA", False, name="suggest", latest="suggest", on_done=shown.append)
    assert shown == ["services for UA"]
    with qtbot.waitSignal(runner.superseded, timeout=5000) as dropped:
        release_old.set()  # … and finishes after the newer one
    assert dropped.args == ["suggest"]
    qtbot.waitUntil(lambda: runner.active == 0, timeout=5000)
    assert shown == ["services for UA"]  # the old verdict never reached the screen


def test_latest_keys_are_independent_and_plain_runs_always_answer(qtbot):
    runner = TaskRunner()
    got = []
    runner.run(lambda: "contacts", latest="contacts", on_done=got.append)
    runner.run(lambda: "products", latest="products", on_done=got.append)
    runner.run(lambda: "plain", on_done=got.append)
    qtbot.waitUntil(lambda: runner.active == 0, timeout=5000)
    assert sorted(got) == ["contacts", "plain", "products"]


def test_writes_run_one_at_a_time_in_the_order_asked(qtbot):
    runner = TaskRunner()
    log, inside, overlaps = [], [], []
    lock = threading.Lock()

    def write(n):
        with lock:
            inside.append(n)
            if len(inside) > 1:
                overlaps.append(tuple(inside))
        time.sleep(0.02)  # long enough for a second thread to step in, if there were one
        with lock:
            inside.remove(n)
            log.append((n, threading.get_ident()))
        return n

    for n in range(8):
        runner.write(write, n, name="write")
    qtbot.waitUntil(lambda: runner.active == 0, timeout=10_000)
    assert [n for n, _ in log] == list(range(8)) and overlaps == []
    assert len({thread for _, thread in log}) == 1  # the one writer thread
