"""The weight panel: readings come from the scale's own thread through a Qt signal; a moving
weight is never taken; a disconnected or silent scale never leaves its weight on screen."""

from __future__ import annotations

import sys

import pytest

from desktop.devices.scales import SimulatedScale, open_scale
from desktop.devices.scales.manager import ScaleManager
from desktop.domain.weighing import ScaleReading, ScaleState
from desktop.ui.widgets import weight_panel as weight_panel_module
from desktop.ui.widgets.scale_simulator import ScaleSimulator
from desktop.ui.widgets.weight_panel import WeightPanel


class Bridge:
    """What `ScaleLink` does: a signal of a GUI-thread object, emitted from the I/O thread."""

    def __init__(self, panel):
        from PySide6.QtCore import QObject, Signal

        class _Emitter(QObject):
            reading = Signal(object)
        self.emitter = _Emitter()
        self.emitter.reading.connect(panel.show_reading)

    def __call__(self, reading):
        self.emitter.reading.emit(reading)


@pytest.fixture
def panel(qtbot):
    widget = WeightPanel()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def manager():
    m = ScaleManager()
    yield m
    m.close()


def test_moving_weight_is_never_taken_and_stable_one_is(qtbot, panel, manager):
    scale = SimulatedScale(0, settle_s=0)
    manager.watch(scale, Bridge(panel), interval_s=0.01)
    scale.set_weight(1250)
    scale.set_moving()
    qtbot.waitUntil(lambda: panel.reading is not None and panel.reading.state
                    is ScaleState.MOTION)
    assert panel.take_weight() is False
    assert panel.weight_edit.text() == ""
    scale.set_stable(True)
    qtbot.waitUntil(lambda: panel.reading.usable)
    assert panel.take_weight() is True and panel.weight_edit.text() == "1250"


def test_disconnected_scale_clears_the_weight_on_screen(qtbot, panel, manager):
    scale = SimulatedScale(1250, settle_s=0)
    manager.watch(scale, Bridge(panel), interval_s=0.01)
    qtbot.waitUntil(lambda: panel.display.text() == "1,250 kg")
    scale.set_state(ScaleState.DISCONNECTED)
    qtbot.waitUntil(lambda: panel.indicator.text() == "Déconnectée")
    assert panel.display.text() == "—"
    assert panel.take_weight() is False and panel.weight_edit.text() == ""
    scale.set_state(ScaleState.OK)  # plugged back in
    qtbot.waitUntil(lambda: panel.display.text() == "1,250 kg")


def test_a_scale_that_stops_reporting_is_shown_disconnected(qtbot, panel, monkeypatch):
    panel.stale_timer.setInterval(200)
    panel.show_reading(ScaleReading(800, True, ScaleState.OK))
    assert panel.display.text() == "0,800 kg"
    qtbot.waitUntil(lambda: panel.display.text() == "—", timeout=3000)
    assert panel.indicator.property("state") == "disconnected"
    assert weight_panel_module.STALE_AFTER_MS >= 1000


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_unplugged_serial_scale_never_leaves_its_weight(qtbot, panel, manager):
    from tests.integration.scale_devices import StreamPtyScale
    dev = StreamPtyScale()
    try:
        scale = open_scale(f"ascii://{dev.path}?timeout=0.5", connect=False)
        manager.watch(scale, Bridge(panel))
        def frames():
            try:
                dev.send(b"ST,GS,+  2.000kg\r\n")
            except OSError:
                pass
        from PySide6.QtCore import QTimer
        timer = QTimer()
        timer.timeout.connect(frames)
        timer.start(50)
        qtbot.waitUntil(lambda: panel.display.text() == "2,000 kg", timeout=10_000)
        dev.unplug()
        qtbot.waitUntil(lambda: panel.display.text() == "—", timeout=10_000)
        assert panel.reading.state is ScaleState.DISCONNECTED
        timer.stop()
    finally:
        manager.close()
        dev.close()


def test_overload_and_fault_show_no_weight(panel):
    panel.show_reading(ScaleReading(0, False, ScaleState.OVERLOAD))
    assert (panel.display.text(), panel.indicator.text()) == ("—", "Surcharge")
    panel.show_reading(ScaleReading(-20, True, ScaleState.UNDERLOAD))
    assert panel.display.text() == "-0,020 kg" and panel.take_weight() is False


def test_state_texts_in_english(panel):
    from desktop.ui.i18n import set_language
    set_language("en")
    try:
        panel.show_reading(ScaleReading(0, False, ScaleState.DISCONNECTED))
        assert panel.indicator.text() == "Disconnected"
        panel.show_reading(ScaleReading(10, False, ScaleState.MOTION))
        assert panel.indicator.text() == "Moving"
    finally:
        set_language("fr")


def test_simulator_controls_drive_the_simulated_scale(qtbot):
    sim = ScaleSimulator()
    qtbot.addWidget(sim)
    assert sim.isHidden()
    sim.set_scale(open_scale("mtsics+loop://", connect=False))  # a real driver: no controls
    assert sim.scale is None
    scale = SimulatedScale(0, settle_s=0)
    sim.set_scale(scale)
    assert sim.scale is scale
    sim.grams.setValue(2300)
    sim.put_button.click()
    assert scale.read() == ScaleReading(2300, True, ScaleState.OK)
    sim.move_button.click()
    assert scale.read().state is ScaleState.MOTION
    sim.move_button.click()
    sim.overload_button.click()
    assert scale.read().state is ScaleState.OVERLOAD
    sim.overload_button.click()
    sim.unplug_button.click()
    with pytest.raises(OSError):
        scale.read()
    sim.unplug_button.click()
    assert scale.read() == ScaleReading(2300, True, ScaleState.OK)


class _Ctx:
    """The two AppContext methods ScaleLink uses, over a given scale."""

    def __init__(self, scale):
        self.scale, self.manager = scale, ScaleManager()

    def open_scale(self):
        return self.scale

    def scale_monitor(self, scale, callback, interval_s=0.2):
        return self.manager.watch(scale, callback, interval_s=interval_s)


def test_zero_and_tare_go_through_the_link_off_the_gui_thread(qtbot, panel):
    from desktop.ui.scale_link import ScaleLink
    from desktop.ui.tasks import TaskRunner

    scale = SimulatedScale(500, settle_s=0)
    runner = TaskRunner()
    link = ScaleLink(_Ctx(scale), runner, interval_s=0.01)
    link.reading.connect(panel.show_reading)
    link.opened.connect(panel.set_scale)
    panel.zero_requested.connect(link.zero)
    with qtbot.waitSignal(link.opened):
        link.start()
    try:
        assert panel.zero_button.isVisibleTo(panel) and not panel.tare_button.isVisibleTo(panel)
        qtbot.waitUntil(lambda: panel.reading is not None and panel.reading.weight_g == 500)
        panel.zero_button.click()
        qtbot.waitUntil(lambda: panel.reading.state is ScaleState.ZERO)
    finally:
        link.stop()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_refused_zero_is_reported(qtbot, panel):
    from desktop.ui.scale_link import ScaleLink
    from desktop.ui.tasks import TaskRunner
    from tests.integration.scale_devices import PolledPtyScale

    dev = PolledPtyScale({b"SI": [b"S S     0.100 kg\r\n"], b"Z": [b"Z I\r\n"]})
    scale = open_scale(f"mtsics://{dev.path}")
    link = ScaleLink(_Ctx(scale), TaskRunner(), interval_s=0.05)
    link.opened.connect(panel.set_scale)
    try:
        with qtbot.waitSignal(link.opened):
            link.start()
        assert panel.zero_button.isVisibleTo(panel) and panel.tare_button.isVisibleTo(panel)
        with qtbot.waitSignal(link.error, timeout=5000) as error:
            link.zero()
        assert error.args == ["Zéro refusé par la balance."]
        assert b"Z" in dev.commands
    finally:
        link.stop()
        dev.close()
