"""Issue 13 acceptance: two shop orders walked through the work list at the bench with the
simulated scale — a moving weight is never taken, a stable one is, each label prints (file
printer) with the weighing recorded as coming from the scale."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.domain.customs import Product
from tests.ui.helpers import db_rows, pdf_barcodes, spooled

WOO = Path(__file__).resolve().parents[1] / "data" / "woocommerce_orders.csv"
FORMS = {"1042": "6A15984040331", "1043": "6A15984040332"}  # pre-printed Colissimo forms


def orders_at_the_bench(qtbot, ctx, window):
    """The shop's catalogue, the work-list tab open with the three WooCommerce orders
    imported, and the simulated scale empty: (view, scale)."""
    ctx.products.save(Product("SAV-ANE", "Savon au lait d'ânesse", "Donkey milk soap",
                              "340111", "FR", 100, Decimal("6.50")))
    ctx.products.save(Product("BOUG-01", "Bougie parfumée", "Scented candle", "340600", "FR",
                              250, Decimal("18.00")))
    view = window.worklist
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: window.scale.scale is not None)
    scale = window.scale.scale
    scale.set_weight(0)
    with qtbot.waitSignal(view.imported, timeout=10_000):
        view.import_file(str(WOO))
    qtbot.waitUntil(lambda: [i.reference for i in view.items] == ["1042", "1043", "1044"])
    return view, scale


def test_two_orders_weighed_and_printed_at_the_bench(qtbot, ctx, shop, window, home, spool,
                                                     idle):
    view, scale = orders_at_the_bench(qtbot, ctx, window)
    assert view.progress.maximum() == 3 and view.progress.value() == 0

    for n, (reference, grams) in enumerate((("1043", 830), ("1042", 1250)), start=1):
        # The order number scanned (code + Enter) selects its draft.
        view.scan.setFocus()
        qtbot.keyClicks(view.scan, f"#{reference}")
        qtbot.keyClick(view.scan, Qt.Key.Key_Return)
        assert view.selected().reference == reference
        assert view.current.text() == reference

        # A hand on the parcel: moving, never taken.
        scale.set_weight(grams)
        scale.set_moving()
        qtbot.waitUntil(lambda: view.parcel_panel.reading is not None
                        and view.parcel_panel.reading.weight_g > 0
                        and not view.parcel_panel.reading.stable, timeout=5000)
        qtbot.wait(300)  # a few more moving readings
        assert view.parcel_panel.weight_edit.text() == ""
        assert view.taken is None

        # Settled: taken by itself.
        scale.set_stable(True)
        qtbot.waitUntil(lambda g=grams: view.parcel_panel.weight_edit.text() == str(g),
                        timeout=5000)
        view.form_number.setText(FORMS[reference])
        view.contents_box.setChecked(True)
        with qtbot.waitSignal(view.printed, timeout=20_000) as printed:
            qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
        result = printed.args[0]
        assert result.printed and result.shipment.reference == reference
        assert result.shipment.tracking_number == FORMS[reference]
        qtbot.waitUntil(lambda n=n: view.progress.value() == n and len(view.items) == 3 - n)
        scale.set_weight(0)  # the parcel leaves the scale
        qtbot.waitUntil(lambda: view.armed)

    idle(window)
    assert [i.reference for i in view.items] == ["1044"]
    assert view.current.text() == "1044"  # the row index stayed 0, the order changed
    rows = db_rows(home, "SELECT reference, weight_g, weighing, tracking_number, status "
                   "FROM shipments ORDER BY id")
    assert [(r["reference"], r["weight_g"], r["status"]) for r in rows] == [
        ("1043", 830, "printed"), ("1042", 1250, "printed")]
    for r in rows:
        weighing = json.loads(r["weighing"])
        assert weighing["kind"] == "scale" and weighing["scale_id"]
    done = db_rows(home, "SELECT reference, status FROM work_drafts ORDER BY id")
    assert [(d["reference"], d["status"]) for d in done] == [
        ("1042", "done"), ("1043", "done"), ("1044", "pending")]
    labels = spooled(spool)
    assert len(labels) == 2
    # Colissimo pré-affranchie: the filled-in pre-paid form, never a competing barcode [C 5.3]
    codes = [c for p in labels for c in pdf_barcodes(p)]
    assert not [c for c in codes if c in FORMS.values()]


def test_a_typed_weight_needs_a_reason(qtbot, ctx, shop, window, home):
    ctx.products.save(Product("SAV-ANE", "Savon", "Soap", "340111", "FR", 100, Decimal("6.50")))
    ctx.products.save(Product("BOUG-01", "Bougie", "Candle", "340600", "FR", 250,
                              Decimal("18.00")))
    view = window.worklist
    qtbot.waitUntil(lambda: window.scale.scale is not None)
    window.scale.scale.set_weight(0)
    with qtbot.waitSignal(view.imported, timeout=10_000):
        view.import_file(str(WOO))
    qtbot.waitUntil(lambda: len(view.items) == 3)
    view.table.selectRow(0)
    qtbot.keyClicks(view.parcel_panel.weight_edit, "900")
    view.form_number.setText(FORMS["1042"])
    view.contents_box.setChecked(True)
    with qtbot.waitSignal(view.refused, timeout=20_000) as refused:
        view.print_current()
    assert "weighing.reason" in {v.field for v in refused.args[0]}
    assert db_rows(home, "SELECT count(*) AS n FROM shipments")[0]["n"] == 0
    view.reason.setText("balance en maintenance")
    with qtbot.waitSignal(view.printed, timeout=20_000):
        view.print_current()
    weighing = json.loads(db_rows(home, "SELECT weighing FROM shipments")[0]["weighing"])
    assert weighing["kind"] == "typed" and weighing["reason"] == "balance en maintenance"
    assert weighing["who"]


def test_a_selection_printed_as_a_series_resumes_after_a_stop(qtbot, ctx, shop, window, home,
                                                              spool, idle, monkeypatch):
    """Two orders selected, contents confirmed once: each prints when its weight is stable
    and its form scanned, in the table's order; Esc stops, a new series resumes."""
    from desktop.ui import confirm

    asked = []
    monkeypatch.setattr(confirm, "ask", lambda *a: asked.append(a) or True)
    view, scale = orders_at_the_bench(qtbot, ctx, window)

    view.table.selectRow(0)
    view.table.selectionModel().select(
        view.table.model().index(1, 0),
        view.table.selectionModel().SelectionFlag.Select
        | view.table.selectionModel().SelectionFlag.Rows)
    qtbot.mouseClick(view.series_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "2" in asked[0][2]
    assert view.series and view.contents_box.isChecked() and view.current.text() == "1042"

    # 1042: the weight settles, then the scanner types the form number and Enter: printed.
    scale.set_weight(1250)
    scale.set_stable(True)
    qtbot.waitUntil(lambda: view.taken is not None and view.taken.weight_g == 1250,
                    timeout=5000)
    assert view.form_number.hasFocus() or view.focusWidget() is view.form_number
    with qtbot.waitSignal(view.printed, timeout=20_000) as printed:
        qtbot.keyClicks(view.form_number, FORMS["1042"])
        qtbot.keyClick(view.form_number, Qt.Key.Key_Return)
    assert printed.args[0].shipment.reference == "1042"
    qtbot.waitUntil(lambda: view.current.text() == "1043" and view.progress.value() == 1)
    assert view.contents_box.isChecked()  # confirmed for the whole selection

    # Esc stops before 1043 is weighed: nothing more prints, 1043 stays pending.
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert not view.series and "1 colis reste à imprimer" in view.outcome.text()
    scale.set_weight(0)
    qtbot.waitUntil(lambda: view.armed)
    scale.set_weight(830)
    qtbot.wait(500)
    idle(window)
    assert [r["reference"] for r in db_rows(home, "SELECT reference FROM shipments")] == ["1042"]

    # The same selection again resumes with what is left.
    view.table.selectRow(0)
    qtbot.waitUntil(lambda: view.current.text() == "1043")
    scale.set_weight(0)
    qtbot.waitUntil(lambda: view.armed)
    qtbot.mouseClick(view.series_button, Qt.MouseButton.LeftButton)
    assert view.series_total == 1
    scale.set_weight(830)
    qtbot.waitUntil(lambda: view.taken is not None and view.taken.weight_g == 830, timeout=5000)
    with qtbot.waitSignal(view.printed, timeout=20_000):
        qtbot.keyClicks(view.form_number, FORMS["1043"])
        qtbot.keyClick(view.form_number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.series and "Série terminée" in view.outcome.text())
    idle(window)
    rows = db_rows(home, "SELECT reference, weight_g, tracking_number FROM shipments ORDER BY id")
    assert [(r["reference"], r["weight_g"], r["tracking_number"]) for r in rows] == [
        ("1042", 1250, FORMS["1042"]), ("1043", 830, FORMS["1043"])]
    assert len(spooled(spool)) == 2
