"""Issue 8 §6: the fields Nova Post refuses (422) come back next to our fields at the counter,
named by their labels; the form stays filled, and the corrected Print sends the same
shipment again (one record, one creation at the carrier)."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.novapost_counter)
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from tests.ui.helpers import db_rows
from tests.ui.novapost_counter import KYIV, fill, home, server, shop  # noqa: F401 - fixtures


def test_refused_fields_are_shown_on_them_then_the_correction_is_sent(
        qtbot, shop, window, home, server, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    server.fail("POST", "/shipments", action="status", status=422, body=json.dumps(
        {"errors": {"recipient.divisionId": "Division 7001 is closed",
                    "recipient.phone": ["Wrong operator code"]}}).encode())
    fill(counter, "address-branch")
    counter.options_panel.widgets["division_id"].setText("7001")
    with qtbot.waitSignal(counter.shipped, timeout=15_000) as shipped:
        qtbot.keyClick(counter.reference, Qt.Key.Key_F12)
    assert shipped.args[0].carrier_refused
    idle(window)

    phone = counter.errors.label("recipient.phone")
    assert phone.isVisible() and "Téléphone : refusé par Nova Post" in phone.text()
    assert "Wrong operator code" in phone.text()
    division = counter.options_panel.errors.label("options.division_id")
    assert division.isVisible() and "N° d'agence / consigne : refusé par" in division.text()
    assert "Division 7001 is closed" in division.text()
    assert "Refusé par le transporteur" in counter.outcome.text()
    # The form is kept for the correction; nothing was created at the carrier.
    assert counter.recipient.form.edits["name"].text() == KYIV["name"]
    assert server.shipments == {}
    (row,) = db_rows(home, "SELECT id, tracking_number FROM shipments")
    assert row["tracking_number"] is None
    (entry,) = db_rows(home, "SELECT state FROM carrier_outbox")
    assert entry["state"] == "refused"

    counter.options_panel.widgets["division_id"].setText("7002")
    with qtbot.waitSignal(counter.shipped, timeout=15_000) as shipped:
        qtbot.keyClick(counter.reference, Qt.Key.Key_F12)
    result = shipped.args[0]
    idle(window)
    assert not result.carrier_refused and result.shipment.id == row["id"]
    (created,) = server.shipments.values()
    assert result.shipment.tracking_number == created["number"]
    assert server.of("POST", "/shipments")[-1].json()["recipient"]["divisionId"] == "7002"
    (again,) = db_rows(home, "SELECT id, tracking_number FROM shipments")  # the same record
    assert again["id"] == row["id"] and again["tracking_number"] == created["number"]
    (entry,) = db_rows(home, "SELECT state FROM carrier_outbox")
    assert entry["state"] == "created"
    assert not counter.errors.has_error("recipient.phone")
    assert counter.recipient.form.edits["name"].text() == ""  # the next parcel
