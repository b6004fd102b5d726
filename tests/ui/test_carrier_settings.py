"""Settings for the carrier data: contract tables edited as tables (a save changes the
counter's verdict without restart; a bad table is refused with file, row and reason) and
number ranges (remaining numbers, low-range warning, a carrier-assigned range)."""

from __future__ import annotations

from desktop.domain.carriers.numbers import range_name
from desktop.ui.dialogs.contract_tables import RAW
from tests.ui.helpers import db_rows


def fill_paris(counter, weight="1250"):
    for name, value in {"name": "Mme Claire Dupont", "street": "8 avenue Jean Jaures",
                        "postcode": "75019", "city": "PARIS", "country": "FR"}.items():
        counter.recipient.form.edits[name].setText(value)
    counter.parcel_panel.weight_edit.setText(weight)
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.parcel_panel.changed.emit()


def find_row(table, column, raw):
    """The row whose cell holds `raw` (a contract table's file value; its cell shows words)."""
    return next(r for r in range(table.rowCount())
                if raw in (table.item(r, column).data(RAW), table.item(r, column).text()))


def test_lower_weight_limit_refuses_the_parcel_without_restart(qtbot, shop, window, home, idle):
    counter = window.counter
    services = counter.services
    fill_paris(counter)
    qtbot.waitUntil(lambda: services.admissible.get("colissimo-domicile-france") is True)

    settings = window.open_settings()
    dialog = settings.open_contract_tables()
    dialog.picker.setCurrentIndex(dialog.picker.findData("weight_limits.csv"))
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0 and dialog.save_button.isEnabled())
    row = find_row(dialog.table, 0, "colissimo-domicile-france")
    assert dialog.table.item(row, 0).text() == "Colissimo Domicile France sans signature"
    assert dialog.table.item(row, 2).text() == "30\u202f000 g"
    dialog.table.item(row, 2).setText("1000")  # max_weight_g: 30 kg → 1 kg
    assert dialog.table.item(row, 2).text() == "1\u202f000 g"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    assert "enregistrée" in dialog.status.text()
    override = home / "config" / "contract" / "weight_limits.csv"
    assert "colissimo-domicile-france,*,1000," in override.read_text(encoding="utf-8")
    # The counter asked for a new verdict: the 1.25 kg parcel is now refused, and says why.
    qtbot.waitUntil(lambda: services.admissible.get("colissimo-domicile-france") is False)
    assert "1\u202f000 g" in services.row_text("colissimo-domicile-france")
    assert services.service_id() != "colissimo-domicile-france"
    idle(window)


def test_bad_table_is_refused_with_row_and_reason(qtbot, window, home, idle):
    settings = window.open_settings()
    dialog = settings.open_contract_tables()
    dialog.picker.setCurrentIndex(dialog.picker.findData("weight_limits.csv"))
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0 and dialog.save_button.isEnabled())
    dialog.table.item(0, 2).setText("-5")
    assert dialog.status.text() == "Ligne 1, poids maximum : -5, doit être au moins 0"
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "refusée" in dialog.status.text())
    assert "Ligne 1, poids maximum : -5, doit être au moins 0" in dialog.status.text()
    assert not (home / "config" / "contract" / "weight_limits.csv").exists()
    idle(window)


def test_number_ranges_add_list_and_warn(qtbot, shop, window, home, spool, idle):
    settings = window.open_settings()
    dialog = settings.open_number_ranges()
    dialog.service.setCurrentIndex(dialog.service.findData("delivengo-profil-tracked"))
    for form_only in ("colissimo-domicile-france", "colissimo-expert-international"):
        assert dialog.service.findData(form_only) == -1  # numbers from the pre-paid form
    assert dialog.prefix.text() == window.ctx.catalogue.get(
        "delivengo-profil-tracked").tracking_prefix
    # A bad range is refused, nothing stored.
    dialog.first.setValue(500)
    dialog.last.setValue(100)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "")
    assert db_rows(home, "SELECT count(*) AS n FROM tracking_ranges")[0]["n"] == 0
    # Three numbers, alert under five: the list warns at once.
    dialog.first.setValue(1000)
    dialog.last.setValue(1002)
    dialog.low_water.setValue(5)
    dialog.add_button.click()  # no reference of the carrier's assignment: refused
    qtbot.waitUntil(lambda: "référence" in dialog.error.text().lower()
                    or "reference" in dialog.error.text().lower())
    assert db_rows(home, "SELECT count(*) AS n FROM tracking_ranges")[0]["n"] == 0
    dialog.reference.setText("Courrier La Poste 2026-11-02")
    dialog.add_button.click()
    name = range_name("delivengo-profil-tracked")
    qtbot.waitUntil(lambda: any(r.range.name == name for r in dialog.rows))
    row = find_row(dialog.table, 0, name)
    assert dialog.table.item(row, 5).text() == "3"
    assert dialog.table.item(row, 6).text() != ""  # low-range warning shown
    dialog.accept()
    settings.reject()

    # The counter draws from it and tells the clerk the range runs low.
    counter = window.counter
    for k, v in {"name": "Hans Muller", "street": "Hauptstrasse 5", "postcode": "10115",
                 "city": "Berlin", "country": "DE"}.items():
        counter.recipient.form.edits[k].setText(v)
    counter.parcel_panel.weight_edit.setText("800")
    counter.services.set_service_id("delivengo-profil-tracked")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.contents_box.setChecked(True)
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        counter.print_label()
    number = shipped.args[0].shipment.tracking_number
    assert number[2:10] == "00001000"
    warning = counter.outcome_warnings  # amber, apart from the green result
    assert warning.isVisible() and "⚠" in warning.text() and "2" in warning.text()
    assert "⚠" not in counter.outcome.text()
    idle(window)


def test_carriers_connection_test_button(qtbot, window, idle):
    """Out of the box the API carriers are the demo carrier: the button asks each once."""
    settings = window.open_settings()
    settings.carriers_button.click()
    qtbot.waitUntil(lambda: settings.carriers_button.isEnabled()
                    and "✔" in settings.carriers_state.text(), timeout=10_000)
    text = settings.carriers_state.text()
    assert "laposte-delivengo (demo)" in text and "novapost (demo)" in text
    assert "colissimo" not in text  # pre-paid forms: nothing to connect to
    settings.reject()
    idle(window)
