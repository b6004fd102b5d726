"""Issue 4 §6: the customs editor in the counter screen.

Shown for a US recipient and not for a French one; totals follow cell edits to the cent;
a vague description marks its cell; a scanned EAN adds a catalogue line with its quantity;
printing to the US spools the label and the CN 23 PDF (Colissimo always wants a CN 23).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem, Product
from desktop.domain.tracking import make_s10
from desktop.ui.models.customs_lines import KEYS, CustomsLinesModel
from tests.ui.helpers import spooled

US = Address(name="Mr John Smith", street="350 Fifth Avenue", postcode="10118",
             city="NEW YORK", country="US", state="NY", phone="+1 212 555 0100",
             email="john@example.com")
SERVICE = "colissimo-expert-international"  # pré-affranchie: the form's number is scanned
FORM_NUMBER = make_s10("CE", 12_345_678)
SHIRT = CustomsItem(description="Men's cotton shirt", quantity=2, net_weight_g=400,
                    value=Decimal("45.50"), hs_code="620520", origin="FR")


def fill_recipient(counter, address: Address) -> None:
    counter.recipient.form.set_address(address)
    counter.recipient.changed.emit()


def cell(model, row: int, key: str):
    return model.index(row, KEYS.index(key))


@pytest.fixture
def counter(shop, window):
    c = window.counter
    c.services.set_service_id(SERVICE)
    return c


def test_editor_shown_for_us_not_for_france(qtbot, counter, window, idle):
    editor = counter.customs
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill_recipient(counter, US)
    assert editor.isVisible()
    assert editor.need.required
    assert "États-Unis" in editor.need_label.text()

    counter.parcel_panel.weight_edit.setText("1200")  # known weight and value: the form
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    editor.set_declaration(CustomsDeclaration("sale_of_goods", (SHIRT,), invoice_number="F-1"))
    assert editor.need.form == "CN23"  # Colissimo always wants a CN23
    assert "toujours une CN23" in editor.need_label.text()
    counter.services.set_service_id("delivengo-profil-tracked")  # 45,50 € and 1,2 kg: CN22
    assert editor.need.form == "CN22"
    assert "Formulaire : CN22" in editor.need_label.text()
    editor.model.set_cell(0, "value", "380,01")  # over the CN 22 limit (docs/sources/customs.md §2)
    assert editor.need.form == "CN23"
    editor.model.set_cell(0, "value", "380,00")
    assert editor.need.form == "CN22"
    assert editor.declaration().items[0].value == Decimal("380.00")

    fill_recipient(counter, Address(name="Mme Claire Dupont", street="8 avenue Jean Jaurès",
                                    postcode="75019", city="PARIS", country="FR"))
    assert not editor.isVisible()
    assert editor.declaration() is None
    shipment, _ = counter.build_shipment()
    assert shipment.customs is None
    idle(window)


def test_canary_islands_need_a_declaration_by_postcode(qtbot, counter, window, idle):
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill_recipient(counter, Address(name="Sr. Pérez", street="Calle Mayor 1", postcode="35001",
                                    city="LAS PALMAS", country="ES"))
    assert counter.customs.isVisible()
    fill_recipient(counter, Address(name="Sr. Pérez", street="Calle Mayor 1", postcode="28001",
                                    city="MADRID", country="ES"))
    assert not counter.customs.isVisible()
    idle(window)


def test_cell_edits_update_totals_to_the_cent(qtbot, counter, window, idle):
    editor = counter.customs
    fill_recipient(counter, US)
    editor.set_declaration(CustomsDeclaration("gift", (SHIRT,)))
    row = editor.model.append()
    model = editor.model
    assert model.setData(cell(model, row, "description"), "Silk scarf for women")
    assert model.setData(cell(model, row, "quantity"), "3")
    assert model.setData(cell(model, row, "net_weight_g"), "150")
    assert model.setData(cell(model, row, "value"), "0,10")
    assert model.setData(cell(model, row, "value"), "19,99")
    s = editor.total_summary
    assert s.value == Decimal("65.49") and isinstance(s.value, Decimal)
    assert s.quantity == 5 and s.net_weight_g == 550
    assert "65,49\xa0€" in editor.totals.text()
    assert "5 articles" in editor.totals.text() and "550 g" in editor.totals.text()
    assert editor.declaration().items[1].value == Decimal("19.99")

    # Unparseable text: the line keeps its value, the cell is red and says why.
    assert not model.setData(cell(model, row, "value"), "douze")
    assert editor.declaration().items[1].value == Decimal("19.99")
    assert cell(model, row, "value").data() == "douze"
    assert cell(model, row, "value").data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Ligne 2, valeur" in editor.summary.text()
    idle(window)


def test_vague_description_marks_its_cell(qtbot, counter, window, idle):
    editor = counter.customs
    fill_recipient(counter, US)
    editor.set_declaration(CustomsDeclaration("gift", (SHIRT, SHIRT)))
    model = editor.model
    model.setData(cell(model, 1, "description"), "clothes")
    bad = cell(model, 1, "description")
    assert bad.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "trop vague" in bad.data(Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 0, "description").data(Qt.ItemDataRole.BackgroundRole) is None
    assert "Ligne 2, description précise" in editor.summary.text()
    model.setData(bad, "Men's cotton trousers")
    assert bad.data(Qt.ItemDataRole.BackgroundRole) is None
    assert "trop vague" not in editor.summary.text()
    idle(window)


def test_scanned_ean_adds_the_line_with_its_quantity(qtbot, ctx, counter, window, idle):
    ctx.database.products.add(Product(
        sku="TS-01", ean="3760000000017", description_fr="Tee-shirt homme en coton",
        description_en="Men's cotton T-shirt", hs_code="610910", origin="PT",
        unit_net_weight_g=180, unit_value=Decimal("12.50")))
    editor = counter.customs
    fill_recipient(counter, US)
    editor.quantity.setValue(3)
    qtbot.keyClicks(editor.code, "3760000000017")
    qtbot.keyClick(editor.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(editor.model.items()) == 1)
    item = editor.model.items()[0]
    assert (item.sku, item.quantity, item.net_weight_g, item.value) == \
        ("TS-01", 3, 540, Decimal("37.50"))
    assert item.description == "Men's cotton T-shirt" and item.hs_code == "610910"
    assert editor.code.text() == "" and editor.quantity.value() == 1

    qtbot.keyClicks(editor.code, "NOPE-42")
    qtbot.keyClick(editor.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "NOPE-42" in editor.code_error.text())
    assert len(editor.model.items()) == 1
    idle(window)


def test_remove_line_and_hs_search(qtbot, counter, window, idle):
    editor = counter.customs
    fill_recipient(counter, US)
    editor.set_declaration(CustomsDeclaration("gift", (SHIRT, SHIRT)))
    editor.table.setCurrentIndex(cell(editor.model, 0, "hs_code"))
    dialog = editor.search_hs()
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() > 0)
    assert dialog.selected_code() == "620520"  # "Men's cotton shirt" → 6205 20
    dialog.query.setText("pullover")
    dialog.search()
    qtbot.waitUntil(lambda: dialog.selected_code().startswith("6110"))
    code = dialog.selected_code()
    dialog.accept()
    assert editor.model.items()[0].hs_code == code
    assert editor.remove_current_line()
    assert len(editor.model.items()) == 1
    idle(window)


def test_counter_violations_go_to_the_cells(qtbot, counter, window, idle):
    editor = counter.customs
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill_recipient(counter, US)
    counter.parcel_panel.weight_edit.setText("900")
    counter.form_number.setText(FORM_NUMBER)
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.contents_box.setChecked(True)
    editor.set_declaration(CustomsDeclaration("sale_of_goods", (
        CustomsItem("Men's cotton shirt", 1, 300, Decimal("1"), hs_code="620520",
                    origin="FR"),)))
    with qtbot.waitSignal(counter.refused, timeout=20_000):
        counter.print_label()
    assert cell(editor.model, 0, "value").data(Qt.ItemDataRole.BackgroundRole) is not None
    assert editor.invoice.property("invalid")
    assert "Ligne 1, valeur" in counter.outcome.text()
    assert "n° de facture" in counter.outcome.text()
    idle(window)


def test_print_to_us_spools_label_and_customs_form(qtbot, counter, window, spool, idle):
    editor = counter.customs
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill_recipient(counter, US)
    counter.parcel_panel.weight_edit.setText("900")
    counter.form_number.setText(FORM_NUMBER)
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.contents_box.setChecked(True)
    editor.set_declaration(CustomsDeclaration("sale_of_goods", (SHIRT,),
                                              invoice_number="F-2024-118"))
    assert editor.need.form == "CN23"
    with qtbot.waitSignal(counter.shipped, timeout=30_000) as shipped:
        counter.print_label()
    result = shipped.args[0]
    number = result.shipment.tracking_number
    assert result.printed and result.shipment.customs.items == (SHIRT,)
    files = spooled(spool)
    names = [f.name for f in files]
    labels = [f for f in files if number in f.name and "cn23" not in f.name
              and "invoice" not in f.name]
    cn23 = [f for f in files if f.name.endswith("cn23.pdf")]
    assert len(labels) == 1 and len(cn23) == 1, names
    assert any(n.endswith("invoice.pdf") for n in names), names  # travels with a CN 23
    text = "".join(page.extract_text() for page in PdfReader(cn23[0]).pages)
    assert "620520" in text.replace(" ", "") and "Men's cotton shirt" in text
    assert number in text.replace(" ", "")  # the item number box (and its barcode)
    assert f"CN23 → {cn23[0]}" in counter.outcome.text()  # the clerk sees where it went
    invoice = next(f for f in files if f.name.endswith("invoice.pdf"))
    assert f"Facture → {invoice}" in counter.outcome.text()  # by its name, not "INVOICE"
    assert "INVOICE" not in counter.outcome.text()
    assert not editor.isVisible()  # the form was cleared for the next parcel
    idle(window)


def test_lines_model_passes_modeltester(qtmodeltester):
    model = CustomsLinesModel()
    model.set_items((SHIRT, SHIRT))
    model.set_violations([])
    qtmodeltester.check(model, force_py=True)
    model.append()
    qtmodeltester.check(model, force_py=True)
