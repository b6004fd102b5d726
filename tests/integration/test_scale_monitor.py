"""The scale monitor thread: delivers readings, survives failures, stops cleanly.

Waits are bounded by generous timeouts but nothing asserts how long anything took.
"""

import queue
import threading

import pytest

from desktop.devices.scales import ScaleDisconnected, ScaleMonitor, SimulatedScale
from desktop.domain.weighing import ScaleReading, ScaleState

WAIT_S = 10  # upper bound for a reading to arrive on a loaded 2-core machine


def monitor_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("comptoir-scale-")]


class Collector:
    def __init__(self):
        self.readings: queue.Queue[ScaleReading] = queue.Queue()

    def __call__(self, reading: ScaleReading) -> None:
        self.readings.put(reading)

    def next(self) -> ScaleReading:
        return self.readings.get(timeout=WAIT_S)

    def until(self, predicate) -> ScaleReading:
        while True:
            reading = self.next()
            if predicate(reading):
                return reading


@pytest.fixture(autouse=True)
def no_leaked_threads():
    yield
    assert monitor_threads() == []


def test_delivers_readings_and_follows_the_scale():
    scale = SimulatedScale(1250, settle_s=0)
    got = Collector()
    monitor = ScaleMonitor.for_scale(scale, got, interval_s=0.01, name="bench")
    monitor.start()
    try:
        assert got.next() == ScaleReading(1250, True, ScaleState.OK)
        assert [t.name for t in monitor_threads()] == ["comptoir-scale-bench"]
        scale.set_moving()
        moving = got.until(lambda r: not r.stable)
        assert moving.state is ScaleState.MOTION
        scale.set_weight(480)
        assert got.until(lambda r: r.stable) == ScaleReading(480, True, ScaleState.OK)
        assert monitor.latest is not None
    finally:
        assert monitor.stop() is True
    assert not monitor.running


def test_stop_joins_the_thread_and_closes_the_device_it_opened():
    scale = SimulatedScale(100)
    got = Collector()
    monitor = ScaleMonitor(lambda: scale, got, interval_s=0.001)
    monitor.start()
    got.next()
    assert monitor.stop() is True
    assert monitor_threads() == [] and not monitor.running
    assert scale.closed  # the I/O thread released the device on its way out


def test_a_scale_given_by_the_caller_stays_open_and_is_the_one_retried():
    scale = SimulatedScale(250)
    got = Collector()
    with ScaleMonitor.for_scale(scale, got, interval_s=0.001, backoff_s=(0.001,)):
        got.until(lambda r: r.state is ScaleState.OK)
        scale.set_state(ScaleState.DISCONNECTED)
        got.until(lambda r: r.state is ScaleState.DISCONNECTED)
        scale.set_state(ScaleState.OK)
        got.until(lambda r: r.state is ScaleState.OK)
    assert not scale.closed  # the caller owns it and closes it


def test_stop_reports_a_driver_stuck_in_read_and_the_thread_ends_when_it_returns():
    release = threading.Event()
    entered = threading.Event()

    class Stuck:
        def read(self):
            entered.set()
            release.wait(WAIT_S)
            return ScaleReading(1, True, ScaleState.OK)

        def close(self):
            pass

    got = Collector()
    monitor = ScaleMonitor.for_scale(Stuck(), got)
    monitor.start()
    assert entered.wait(WAIT_S)
    assert monitor.stop(timeout=0.05) is False
    release.set()
    for t in monitor_threads():
        t.join(WAIT_S)
    assert got.readings.empty()  # the late reading is not delivered after stop()


def test_failing_read_gives_disconnected_then_recovers():
    scale = SimulatedScale(900)
    got = Collector()
    with ScaleMonitor.for_scale(scale, got, interval_s=0.01, backoff_s=(0.01,)) as monitor:
        got.until(lambda r: r.state is ScaleState.OK)
        scale.set_state(ScaleState.DISCONNECTED)
        lost = got.until(lambda r: r.state is ScaleState.DISCONNECTED)
        assert lost == ScaleReading(0, False, ScaleState.DISCONNECTED)
        assert "ScaleDisconnected" in monitor.last_error
        scale.set_state(ScaleState.OK)
        assert got.until(lambda r: r.state is ScaleState.OK) == ScaleReading(900, True,
                                                                             ScaleState.OK)
        assert monitor.last_error == ""


def test_reopens_the_device_through_the_opener_with_backoff():
    attempts = []
    scale = SimulatedScale(2000)
    lock = threading.Lock()

    def opener():
        with lock:
            attempts.append(len(attempts))
            if len(attempts) <= 3:
                raise ScaleDisconnected("no such device /dev/ttyUSB0")
        return scale

    got = Collector()
    with ScaleMonitor(opener, got, interval_s=0.01, backoff_s=(0.001, 0.002)):
        first = [got.next() for _ in range(3)]
        assert first == [ScaleReading(0, False, ScaleState.DISCONNECTED)] * 3
        assert got.next() == ScaleReading(2000, True, ScaleState.OK)
    assert len(attempts) == 4  # opened once it worked, then kept open


def test_broken_device_is_closed_before_reopening():
    events = []

    class Flaky:
        def __init__(self, n):
            self.n = n

        def read(self):
            if self.n == 0:
                raise OSError("EIO")
            return ScaleReading(10 * self.n, True, ScaleState.OK)

        def close(self):
            events.append(f"close {self.n}")

    devices = iter([Flaky(0), Flaky(1)])
    got = Collector()
    with ScaleMonitor(lambda: next(devices), got, interval_s=0.01, backoff_s=(0.001,)):
        assert got.next().state is ScaleState.DISCONNECTED
        assert got.next() == ScaleReading(10, True, ScaleState.OK)
    assert events == ["close 0", "close 1"]  # the broken one at once, the good one at stop


def test_a_failing_callback_does_not_kill_the_thread():
    calls = []

    def callback(reading):
        calls.append(reading)
        if len(calls) == 1:
            raise RuntimeError("listener bug")

    done = threading.Event()

    def watching(reading):
        callback(reading)
        if len(calls) >= 3:
            done.set()

    with ScaleMonitor.for_scale(SimulatedScale(5), watching, interval_s=0.001) as monitor:
        assert done.wait(WAIT_S)
        assert monitor.running


def test_start_twice_is_one_thread_and_restart_after_stop_works():
    got = Collector()
    monitor = ScaleMonitor.for_scale(SimulatedScale(7), got, interval_s=0.01)
    monitor.start()
    monitor.start()
    assert len(monitor_threads()) == 1
    monitor.stop()
    monitor.stop()  # idempotent
    monitor.start()
    got.next()
    monitor.stop()


def test_stop_without_start():
    assert ScaleMonitor.for_scale(SimulatedScale(), lambda r: None).stop() is True


def test_stop_from_inside_the_callback_does_not_deadlock():
    holder = {}
    stopped = threading.Event()

    def callback(reading):
        holder["monitor"].stop()
        stopped.set()

    monitor = holder["monitor"] = ScaleMonitor.for_scale(SimulatedScale(1), callback)
    monitor.start()
    assert stopped.wait(WAIT_S)
    assert not monitor.running
    # The thread ends on its own once the callback returns (the fixture checks it).
    for t in monitor_threads():
        t.join(WAIT_S)


@pytest.mark.parametrize("kwargs", [{"interval_s": -1}, {"backoff_s": ()},
                                    {"backoff_s": (1, -1)}])
def test_bad_settings(kwargs):
    with pytest.raises(ValueError):
        ScaleMonitor.for_scale(SimulatedScale(), lambda r: None, **kwargs)
