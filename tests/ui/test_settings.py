"""Settings dialog: values round-trip through the settings file; the printer test button."""

from __future__ import annotations

from desktop.config import load_settings, settings_path


def test_settings_round_trip(qtbot, window, home, tmp_path, idle):
    dialog = window.open_settings()
    spool = (tmp_path / "other-spool").as_uri()
    dialog.printer.setText(spool)
    dialog.label_format.setCurrentIndex(dialog.label_format.findData("zpl300"))
    dialog.scale.setText("simulated://?weight=1250")
    dialog.database.setText(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    dialog.bench_name.setText("CAISSE-3")
    with qtbot.waitSignal(window.language_changed, timeout=10_000) as changed:
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        with qtbot.waitSignal(dialog.accepted, timeout=10_000):
            dialog.buttons.accepted.emit()
    assert changed.args == ["en"]

    assert settings_path().is_file() and str(settings_path()).startswith(str(home))
    saved = load_settings()
    assert (saved.printer_url, saved.label_format, saved.scale_url, saved.language) == (
        spool, "zpl300", "simulated://?weight=1250", "en")
    assert not hasattr(saved, "tracking_first")  # no local number range any more
    assert saved.database_url.endswith("other.sqlite3")
    assert saved.bench_name == "CAISSE-3"
    assert window.ctx.database._uow.bench == "CAISSE-3"  # new rows say so at once
    # Applied at once where it can be: the printer and format the counter uses.
    assert window.ctx.printer_url == spool
    assert window.ctx.label_format.value == "zpl300"
    assert "other-spool" in window.printer_label.text()
    # The database applies at the next start, and the clerk is told so.
    assert "prochain démarrage" in window.statusBar().currentMessage()
    # The scale was reopened on its new URL.
    qtbot.waitUntil(lambda: window.counter.parcel_panel.reading is not None
                    and window.counter.parcel_panel.reading.weight_g == 1250, timeout=5000)
    idle(window)


def test_printer_test_button(qtbot, window, tmp_path, idle):
    dialog = window.open_settings()
    dialog.printer.setText((tmp_path / "spool").as_uri())
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.printer_state.text().startswith("Prête"))
    dialog.printer.setText("system://No_Such_Queue")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.printer_state.text().startswith("Pas prête"))
    assert "No_Such_Queue" in dialog.printer_state.text()
    dialog.printer.setText("nonsense://x")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.printer_state.text().startswith("Pas prête"))
    assert "nonsense" in dialog.printer_state.text()
    dialog.reject()
    idle(window)


def test_a_bad_printer_url_is_refused_before_the_settings_are_saved(qtbot, window, home, idle):
    dialog = window.open_settings()
    for url in ("bogus://x", "tcp://127.0.0.1:99999"):
        dialog.printer.setText(url)
        dialog.buttons.accepted.emit()
        assert dialog.error.isVisible() and url.split(":")[0] in dialog.error.text()
        assert not settings_path().exists()
    dialog.reject()
    idle(window)
