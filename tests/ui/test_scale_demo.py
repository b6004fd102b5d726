"""Issue 10 §6: in the counter, the simulated scale's controls put a weight on it and make it
move; the scale panel shows it and F2 takes only the settled weight."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_counter_offers_the_simulated_scale_controls(qtbot, shop, window):
    panel = window.counter.parcel_panel
    qtbot.waitUntil(lambda: window.scale.scale is not None)
    simulator = panel.simulator
    assert simulator.isVisible()  # simulated:// is the default scale
    simulator.grams.setValue(2350)
    qtbot.mouseClick(simulator.put_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.reading is not None and panel.reading.usable
                    and panel.reading.weight_g == 2350, timeout=5000)
    qtbot.mouseClick(simulator.move_button, Qt.MouseButton.LeftButton)  # a hand on it
    qtbot.waitUntil(lambda: panel.reading is not None and not panel.reading.stable,
                    timeout=5000)
    assert not panel.take_weight() and panel.weight_edit.text() == ""
    qtbot.mouseClick(simulator.move_button, Qt.MouseButton.LeftButton)  # let go
    qtbot.waitUntil(lambda: panel.reading.usable, timeout=5000)
    assert panel.take_weight() and panel.weight_edit.text() == "2350"
