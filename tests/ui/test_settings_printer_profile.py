"""Settings dialog: the printer model (profile) is chosen from the shipped profiles, saved,
and then decides the label format; "none" keeps the historical format setting."""

from __future__ import annotations

from desktop.config import load_settings


def test_printer_profile_is_chosen_and_saved(qtbot, window, home, idle):
    dialog = window.open_settings()
    assert dialog.printer_profile.currentData() == "" and dialog.label_format.isEnabled()
    index = dialog.printer_profile.findData("tsc-te200")
    assert dialog.printer_profile.itemText(index) == "TSC TE200 (203 dpi)"
    dialog.printer_profile.setCurrentIndex(index)
    assert not dialog.label_format.isEnabled()  # the model decides the format
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.accepted.emit()
    saved = load_settings()
    assert saved.printer_profile == "tsc-te200"
    assert saved.effective_label_format() == "tspl203"
    assert "TSC TE200 (203 dpi)" in window.printer_label.text()
    dialog = window.open_settings()
    assert dialog.printer_profile.currentData() == "tsc-te200"
    dialog.printer_profile.setCurrentIndex(0)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.accepted.emit()
    assert load_settings().printer_profile == ""
