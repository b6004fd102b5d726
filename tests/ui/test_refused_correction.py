"""Issue 8 §6, a refusal that comes late: Nova Post is down when the clerk prints, the
parcel waits in the outbox; back up, Nova Post refuses a field (422) during the automatic
pass. The status bar names the shipment and offers to correct it; from the history the
clerk opens it at the counter, the carrier's error under the field's label, corrects the
field with the keyboard and prints: the same shipment is created once, its label prints."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.novapost_counter)
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import Qt

from tests.carrier_servers import LABEL_PDF
from tests.ui.helpers import db_rows
from tests.ui.novapost_counter import KYIV, fill, home, server, shop  # noqa: F401 - fixtures

NEW_PHONE = "+380 67 765 43 21"


def spooled(output: str) -> bytes:
    return Path(unquote(urlsplit(output).path) if output.startswith("file:") else output
                ).read_bytes()


def saved_while_down(qtbot, window, server) -> int:
    """The parcel printed while Nova Post is down: saved, waiting for the carrier."""
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    server.down()
    fill(counter, "address-address")
    counter.reference.setText("CMD-77")
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.keyClick(counter.reference, Qt.Key.Key_F12)
    result = shipped.args[0]
    assert result.awaiting_carrier and not result.carrier_refused
    return result.shipment.id


def refused_by_the_automatic_pass(qtbot, window, server, home) -> None:
    server.fail("POST", "/shipments", action="status", status=422, body=json.dumps(
        {"errors": {"recipient.phone": ["Wrong operator code"]}}).encode())
    server.up()
    window.outbox.timer.setInterval(200)
    window.outbox.run_pass()
    qtbot.waitUntil(lambda: window.refused_button.isVisible(), timeout=20_000)
    (entry,) = db_rows(home, "SELECT state FROM carrier_outbox")
    assert entry["state"] == "refused" and server.shipments == {}


def test_refused_later_corrected_from_the_history_is_created_once(
        qtbot, shop, window, home, server, idle):
    counter = window.counter
    shipment_id = saved_while_down(qtbot, window, server)
    refused_by_the_automatic_pass(qtbot, window, server, home)

    # The status bar says which shipment, and how to correct it.
    said = window.statusBar().currentMessage()
    assert f"Envoi « {KYIV['name']} — CMD-77 » refusé par le transporteur" in said
    assert "Destinataire, téléphone : refusé par Nova Post" in said
    assert "Wrong operator code" in said
    assert window.refused_button.text() == (f"Refusé par le transporteur : {KYIV['name']} — "
                                            "CMD-77 — Corriger et renvoyer (Ctrl+Shift+R)")
    assert window.correct_action.isEnabled()

    # The history shows it as refused; the filter finds it; the action opens it.
    window.show_tab(window.history)
    history = window.history
    history.status.setCurrentIndex(history.status.findData("carrier:refused"))
    qtbot.waitUntil(lambda: history.model.rowCount() == 1 and history.model.index(0, 7).data()
                    == "Refusé par le transporteur", timeout=10_000)
    assert not history.correct_button.isEnabled()  # nothing selected yet
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Space)  # the keyboard selects the row
    qtbot.waitUntil(history.correct_button.isEnabled)
    qtbot.keyClick(history.correct_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is counter
                    and counter.refused_shipment_id == shipment_id, timeout=10_000)

    # The form holds the shipment as sent, the carrier's error under the phone's label.
    form = counter.recipient.form.edits
    assert form["name"].text() == KYIV["name"] and form["phone"].text() == KYIV["phone"]
    assert counter.reference.text() == "CMD-77" and counter.contents_box.isChecked()
    assert counter.parcel_panel.weight_edit.text() == "1200"
    assert counter.services.service_id() == "novapost-parcel"
    assert [i.description for i in counter.customs.model.items()] == ["Livres"]
    phone_error = counter.errors.label("recipient.phone")
    assert phone_error.isVisible()
    assert phone_error.text().startswith("Téléphone : refusé par Nova Post")
    assert "Wrong operator code" in phone_error.text()
    assert f"Envoi « {KYIV['name']} — CMD-77 »" in counter.outcome.text()

    # The clerk retypes the phone and prints.
    phone = form["phone"]
    phone.setFocus()
    qtbot.keyClick(phone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(phone, NEW_PHONE)
    assert phone.text() == NEW_PHONE
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.keyClick(phone, Qt.Key.Key_F12)
    result = shipped.args[0]
    idle(window)
    assert result.shipment.id == shipment_id and not result.carrier_refused
    assert not result.awaiting_carrier

    # Exactly one creation at Nova Post, with the corrected phone; one shipment, numbered.
    (created,) = server.shipments.values()
    posts = server.of("POST", "/shipments")
    assert len(posts) == 2  # the refused attempt, then the corrected one
    assert posts[0].json()["recipient"]["phone"] != posts[1].json()["recipient"]["phone"]
    assert "765" in json.dumps(posts[1].json()["recipient"])
    rows = db_rows(home, "SELECT id, tracking_number FROM shipments")
    assert [(r["id"], r["tracking_number"]) for r in rows] == [(shipment_id, created["number"])]
    (entry,) = db_rows(home, "SELECT state FROM carrier_outbox")
    assert entry["state"] == "created"
    label = result.label
    assert label is not None and spooled(label.output) == LABEL_PDF  # the carrier's bytes

    # Nothing refused is left: the status bar button goes; the history has one row.
    qtbot.waitUntil(lambda: not window.refused_button.isVisible(), timeout=10_000)
    assert not window.correct_action.isEnabled()
    history.status.setCurrentIndex(0)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1
                    and history.model.index(0, 7).data() == "Imprimé", timeout=10_000)
    idle(window)


def test_the_status_bar_offers_the_correction_with_its_key(
        qtbot, shop, window, home, server, idle):
    counter = window.counter
    shipment_id = saved_while_down(qtbot, window, server)
    refused_by_the_automatic_pass(qtbot, window, server, home)
    window.show_tab(window.history)  # wherever the clerk is, the key opens it
    qtbot.keyClick(window.history.search, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: counter.refused_shipment_id == shipment_id, timeout=10_000)
    assert window.tabs.currentWidget() is counter
    assert counter.errors.label("recipient.phone").isVisible()

    # Printed as it is (this time Nova Post takes it); opening it again is refused by name.
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.keyClick(counter.reference, Qt.Key.Key_F12)
    assert shipped.args[0].shipment.id == shipment_id and len(server.shipments) == 1
    idle(window)
    window.show_tab(window.history)
    window.open_refused(shipment_id)
    qtbot.waitUntil(lambda: "n'est plus refusé" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage() == (
        f"Expédition : l'envoi « {KYIV['name']} — CMD-77 » n'est plus refusé par le "
        "transporteur, rien à corriger : le transporteur l'a créé, son numéro et son "
        "étiquette sont arrivés")
    assert window.history.info.text() == window.statusBar().currentMessage()
    assert window.tabs.currentWidget() is window.history  # nothing opened
    idle(window)


def test_a_sender_that_is_no_saved_profile_is_pointed_out(qtbot, shop, window, idle):
    """A shipment saved from a file with its own sender: the counter can only send with a
    saved profile, so it says so before the clerk prints."""
    from decimal import Decimal

    from desktop.domain.address import Address
    from desktop.domain.customs import CustomsDeclaration, CustomsItem
    from desktop.domain.errors import Violation
    from desktop.domain.parcel import Parcel
    from desktop.domain.shipment import Shipment
    from desktop.domain.weighing import WeightSource
    from desktop.services.counter_operation import Reopened

    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    draft = Shipment(
        sender=Address(company="Entrepôt Nord", street="1 rue du Port", postcode="59000",
                       city="LILLE"),
        recipient=Address(**KYIV), service_id="novapost-parcel",
        parcel=Parcel(1500, 300, 200, 100),
        options={"novapost_variant": "address-address", "pieces": 1,
                 "contents_confirmed": True},
        reference="CMD-78", weighing=WeightSource.typed("POSTE-2", "colis déjà fermé"),
        customs=CustomsDeclaration("gift", (CustomsItem("Livres", 1, 900, Decimal("20.00"),
                                                        hs_code="490199", origin="FR"),)))
    counter.open_refused(Reopened(41, draft, (Violation(
        "parcel.weight_g", "carrier_refused", limit="novapost", actual="weight: too light"),),
        "novapost"))
    assert counter.refused_shipment_id == 41
    assert counter.outcome_warnings.isVisible()
    assert "n'est pas un profil enregistré (Entrepôt Nord)" in counter.outcome_warnings.text()
    weight_error = counter.parcel_panel.errors.label("parcel.weight_g")
    assert weight_error.isVisible() and "refusé par Nova Post" in weight_error.text()
    # The weight keeps its weighing record while unchanged; a new weight needs its own.
    assert counter.parcel_panel.reason_edit.text() == "colis déjà fermé"
    assert counter.build_draft().weighing == WeightSource.typed("POSTE-2", "colis déjà fermé")
    assert counter.build_draft().customs.items[0].description == "Livres"
    counter.parcel_panel.weight_edit.setText("1600")
    assert counter.build_draft().weighing.who != "POSTE-2"
    idle(window)
