"""Task runner: the work runs off the GUI thread, its outcome comes back on it."""

from __future__ import annotations

import threading

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
