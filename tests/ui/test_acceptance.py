"""Issue 2 acceptance: the counter screen driven end to end with keyboard and mouse.

Pick a recipient through the address-book type-ahead, a moving weight is refused, a stable
one is taken, Print (F12) stores the shipment and prints its label into the spool folder.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from desktop.domain.ports import HistoryQuery
from tests.ui.helpers import db_rows, pdf_barcodes, spooled


def pick_recipient(qtbot, counter, typed: str, expected_name: str) -> None:
    panel = counter.recipient
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, typed)
    popup = panel.completer.popup()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.model().rowCount() > 0)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # the best match is preselected
    qtbot.waitUntil(lambda: panel.form.edits["name"].text() == expected_name)


def wait_reading(qtbot, panel, predicate) -> None:
    qtbot.waitUntil(lambda: panel.reading is not None and predicate(panel.reading), timeout=5000)


def test_counter_end_to_end(qtbot, shop, contacts, window, home, spool, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    qtbot.waitUntil(lambda: window.scale.scale is not None)
    scale = window.scale.scale
    panel = counter.parcel_panel

    pick_recipient(qtbot, counter, "Dup", "Mme Claire Dupont")
    form = counter.recipient.form.edits
    assert form["postcode"].text() == "75019"
    assert form["city"].text() == "PARIS"
    assert counter.recipient.contact_id() == contacts[0].id

    # A hand on the parcel: the weight is moving and must not be taken.
    scale.set_weight(1250)
    scale.set_moving()
    wait_reading(qtbot, panel, lambda r: not r.stable and r.weight_g > 0)
    qtbot.keyClick(counter, Qt.Key.Key_F2)  # a button shortcut clicks after a short animation
    qtbot.waitUntil(lambda: "stable" in panel.info.text())
    assert panel.weight_edit.text() == ""
    assert panel.indicator.text() == "En mouvement"

    # Settled: now it is taken, in grams.
    scale.set_stable(True)
    wait_reading(qtbot, panel, lambda r: r.usable and r.weight_g == 1250)
    assert panel.indicator.text() == "Stable"
    qtbot.keyClick(counter, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: panel.weight_edit.text() == "1250")

    # Parcel delivered in France, prohibited-contents checklist confirmed by the clerk.
    # Colissimo Domicile: the number comes from the pre-paid form, scanned (code + Enter).
    counter.services.set_service_id("colissimo-domicile-france")
    assert counter.form_number.isVisible()
    counter.form_number.setFocus()
    qtbot.keyClicks(counter.form_number, "6A15984040331")
    qtbot.keyClick(counter.form_number, Qt.Key.Key_Return)
    assert not counter.form_number.hasFocus()  # Enter moved on, it did not print
    assert db_rows(home, "SELECT count(*) AS n FROM shipments")[0]["n"] == 0
    counter.contents_box.click()
    counter.reference.setText("CMD-1042")
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.keyClick(counter.reference, Qt.Key.Key_F12)
    result = shipped.args[0]
    number = result.shipment.tracking_number
    assert result.printed and number == "6A15984040331"

    # The stored row, read through a fresh connection to the SQLite file.
    rows = db_rows(home, "SELECT * FROM shipments")
    assert len(rows) == 1
    row = rows[0]
    assert row["tracking_number"] == number
    weighing = json.loads(row["weighing"])  # the weighing audit: from the scale, its frame
    assert weighing["kind"] == "scale" and weighing["scale_id"] and "reason" not in weighing
    assert row["recipient_name"] == "Mme Claire Dupont"
    assert row["weight_g"] == 1250
    assert row["status"] == "printed"
    assert row["reference"] == "CMD-1042"
    assert row["service_id"] == "colissimo-domicile-france"
    # ... and through the history service.
    found = window.ctx.history.search(HistoryQuery(text=number))
    assert [s.id for s in found] == [result.shipment.id]

    # The printed file: one PDF in the spool folder, the pre-paid form's fields filled in;
    # no barcode of ours: the form carries the number's own [C 5.3, 6].
    files = spooled(spool)
    assert len(files) == 1
    assert files[0].read_bytes().startswith(b"%PDF-")
    assert number in files[0].name
    assert pdf_barcodes(files[0]) == []
    assert str(files[0]) in counter.outcome.text()

    # Ready for the next parcel.
    assert form["name"].text() == "" and panel.weight_edit.text() == ""
    assert counter.form_number.text() == ""
    assert counter.recipient.search.hasFocus()
    idle(window)


def test_counter_zpl_label_contains_number(qtbot, shop, contacts, window, home, spool, idle):
    window.ctx.settings.label_format = "zpl203"
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    pick_recipient(qtbot, counter, "Hans", "Hans Müller")  # keyClicks: ASCII only
    counter.services.set_service_id("delivengo-profil-tracked")  # the demo carrier's label
    counter.parcel_panel.weight_edit.setText("800")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.contents_box.click()
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.keyClick(counter, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    number = shipped.args[0].shipment.tracking_number
    files = spooled(spool)
    assert [f.suffix for f in files] == [".zpl"]
    payload = files[0].read_bytes()
    assert payload.startswith(b"^XA") or b"^XA" in payload[:64]
    assert number.encode() in payload
    idle(window)
