"""Issue 12 §4, the history at work: a carrier or one of its services, and a country, as
filters; "Expédier à nouveau" opens a copy of a shipment at the counter, which prints as a
new shipment with the carrier's new number, the original untouched."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.novapost_counter)
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import db_rows
from tests.ui.novapost_counter import KYIV, fill, home, server, shop  # noqa: F401 - fixtures
from tests.ui.test_history import rows_loaded, ship


def test_carrier_service_and_country_filters(qtbot, ctx, idle):
    from tests.ui.conftest import DUPONT, MULLER

    dupont, muller = ship(ctx, DUPONT), ship(ctx, MULLER)
    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(window)
    view = window.history
    rows_loaded(qtbot, view, 2)

    def shown() -> set[int]:
        return {view.model.shipment(r).id for r in range(view.model.rowCount())}

    # A carrier: all its services; one service; a carrier without shipments here.
    view.service.setCurrentIndex(view.service.findData("services:colissimo"))
    rows_loaded(qtbot, view, 2)
    assert view.service.currentText() == "Colissimo"
    view.service.setCurrentIndex(view.service.findData("colissimo-domicile-france"))
    rows_loaded(qtbot, view, 1)
    assert shown() == {dupont.id}
    assert view.service.currentText().strip() == "Colissimo Domicile France sans signature"
    view.service.setCurrentIndex(view.service.findData("services:novapost"))
    rows_loaded(qtbot, view, 0)
    view.service.setCurrentIndex(0)
    rows_loaded(qtbot, view, 2)

    # A country by its name, in French: it becomes its code.
    view.country.setFocus()
    qtbot.keyClicks(view.country, "allemagne")
    qtbot.keyClick(view.country, Qt.Key.Key_Return)
    rows_loaded(qtbot, view, 1)
    assert view.country.text() == "DE" and shown() == {muller.id}
    # A text that names no country is said so, and matches nothing.
    view.country.clear()
    qtbot.keyClicks(view.country, "Suis")
    qtbot.keyClick(view.country, Qt.Key.Key_Return)
    rows_loaded(qtbot, view, 0)
    assert view.info.text() == "Pays inconnu : « Suis » (code ou nom : FR, Suisse, US…)"
    qtbot.keyClick(view.country, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.country, Qt.Key.Key_Backspace)  # cleared: every country again
    rows_loaded(qtbot, view, 2)
    assert view.current_query().country is None
    idle(window)
    window.shutdown()


def test_ship_again_prints_a_new_shipment_with_the_carriers_new_number(
        qtbot, shop, window, home, server, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill(counter, "address-address")
    counter.reference.setText("CMD-80")
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.keyClick(counter.reference, Qt.Key.Key_F12)
    first = shipped.args[0].shipment
    assert first.tracking_number and shipped.args[0].printed

    # The history: the row selected by the keyboard, then "Expédier à nouveau".
    window.show_tab(window.history)
    history = window.history
    rows_loaded(qtbot, history, 1)
    assert not history.copy_button.isEnabled()  # nothing selected yet
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Space)
    qtbot.waitUntil(history.copy_button.isEnabled)
    qtbot.keyClick(history.copy_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is counter
                    and counter.recipient.form.edits["name"].text() == KYIV["name"],
                    timeout=10_000)

    # The copy: same recipient, parcel, service, contents and reference; a new parcel, so
    # the contents are confirmed again [C 5.4]; nothing refers to the first shipment.
    assert counter.parcel_panel.weight_edit.text() == "1200"
    assert counter.services.service_id() == "novapost-parcel"
    assert [i.description for i in counter.customs.model.items()] == ["Livres"]
    assert counter.reference.text() == "CMD-80"
    assert not counter.contents_box.isChecked()
    assert counter.refused_shipment_id is None
    assert counter.outcome.text().startswith("Copie de l'envoi ")
    assert counter.parcel_panel.weight_edit.hasFocus()

    counter.contents_box.setChecked(True)
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.keyClick(counter.parcel_panel.weight_edit, Qt.Key.Key_F12)
    second = shipped.args[0].shipment
    idle(window)
    assert shipped.args[0].printed and second.id != first.id
    assert second.tracking_number and second.tracking_number != first.tracking_number

    # Two creations at Nova Post, each with its own key; the first shipment unchanged.
    posts = server.of("POST", "/shipments")
    assert len(posts) == 2 and len(server.shipments) == 2
    rows = db_rows(home, "SELECT id, tracking_number, status, recipient_name FROM shipments"
                         " ORDER BY id")
    assert [(r["id"], r["tracking_number"], r["status"]) for r in rows] == [
        (first.id, first.tracking_number, "printed"),
        (second.id, second.tracking_number, "printed")]
    assert {r["recipient_name"] for r in rows} == {KYIV["name"]}
