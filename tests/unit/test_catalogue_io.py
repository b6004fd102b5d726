"""Product CSV import/export over the Products port (in-memory fake; real SQLite below)."""

from dataclasses import replace
from decimal import Decimal

import pytest

from desktop.domain.customs import CustomsDeclaration, Product
from desktop.domain.errors import NotFound
from desktop.services import catalogue_io, customs_forms


class FakeProducts:
    def __init__(self):
        self.rows: dict[str, Product] = {}
        self.calls = 0

    def search(self, text="", limit=50):
        return [p for p in self.rows.values() if text.lower() in p.sku.lower()][:limit]

    def find_code(self, code):
        return next((p for p in self.rows.values() if code in (p.sku, p.ean)), None)

    def upsert_many(self, products):
        self.calls += 1
        products = list(products)
        for p in products:
            self.rows[p.sku] = replace(p, id=len(self.rows) + 1)
        return len(products)


HEADER = "sku;ean;description_fr;description_en;hs_code;origin;unit_net_weight_g;unit_value;currency\n"
GOOD = (HEADER +
        "SH-01;3760123456789;Chemise homme coton;Men's cotton shirt;620520;FR;200;29,90;EUR\n"
        "MUG-02;;Mug en grès;Stoneware mug;6912 00;PT;350;18.50;\n")


def test_import_semicolon_decimal_comma_and_bom():
    repo = FakeProducts()
    report = catalogue_io.import_csv("\ufeff" + GOOD, repo)
    assert report.ok and report.written == 2 and repo.calls == 1
    shirt = repo.rows["SH-01"]
    assert shirt.unit_value == Decimal("29.90") and isinstance(shirt.unit_value, Decimal)
    assert shirt.unit_net_weight_g == 200 and shirt.ean == "3760123456789"
    mug = repo.rows["MUG-02"]
    assert mug.hs_code == "691200" and mug.currency == "EUR" and mug.origin == "PT"


def test_import_comma_separated_any_column_order():
    text = ("unit_value,sku,description_fr,unit_net_weight_g,origin,description_en,hs_code\n"
            "\"12.50\",CAND-1,Bougie parfumée soja,180,FR,Scented soy candle,340600\n")
    repo = FakeProducts()
    assert catalogue_io.import_csv(text, repo).written == 1
    assert repo.rows["CAND-1"].unit_value == Decimal("12.50")


def test_bad_rows_name_row_and_column_and_write_nothing():
    text = (GOOD +
            "BAD-1;123;Chose;Thing;62052;FRA;0;0;EURO\n"
            ";;;;;;abc;x;\n"
            "SH-01;;Doublon;Duplicate;620520;FR;10;1.50;EUR\n")
    repo = FakeProducts()
    report = catalogue_io.import_csv(text, repo)
    assert not report.ok and report.written == 0 and repo.calls == 0
    found = {(v.field, v.rule) for v in report.problems}
    assert {("row 4.ean", "ean_format"), ("row 4.hs_code", "customs_hs_format"),
            ("row 4.origin", "unknown_country"), ("row 4.unit_net_weight_g", "positive"),
            ("row 4.unit_value", "customs_zero_value"), ("row 4.currency", "customs_currency"),
            ("row 5.sku", "required"), ("row 5.description_fr", "required"),
            ("row 5.unit_net_weight_g", "not_a_number"), ("row 5.unit_value", "not_a_decimal"),
            ("row 6.sku", "duplicate_row")} <= found
    assert all(v.describe("fr") for v in report.problems)


def test_skip_invalid_writes_the_good_rows():
    repo = FakeProducts()
    report = catalogue_io.import_csv(GOOD + "BAD;;;;;;0;0;\n", repo, skip_invalid=True)
    assert report.written == 2 and set(repo.rows) == {"SH-01", "MUG-02"}
    assert report.problems


def test_header_problems():
    report = catalogue_io.import_csv("sku;colour\nA;red\n", FakeProducts())
    found = {(v.field, v.rule) for v in report.problems}
    assert ("row 1.description_fr", "required") in found
    assert ("row 1.colour", "unknown_key") in found
    assert not catalogue_io.import_csv("", FakeProducts()).ok


def test_export_round_trip_is_exact():
    repo = FakeProducts()
    catalogue_io.import_csv(GOOD, repo)
    text = catalogue_io.export_all(repo)
    assert text.splitlines()[0] == HEADER.strip()
    assert "SH-01;3760123456789;Chemise homme coton;Men's cotton shirt;620520;FR;200;29.90;EUR" in text
    again = FakeProducts()
    assert catalogue_io.import_csv(text, again).ok
    assert [replace(p, id=None) for p in again.rows.values()] == \
           [replace(p, id=None) for p in repo.rows.values()]


def test_add_product_by_code_with_quantity():
    repo = FakeProducts()
    catalogue_io.import_csv(GOOD, repo)
    decl = CustomsDeclaration(category="sale_of_goods")
    decl = customs_forms.add_product(decl, repo, "3760123456789", 2)  # scanned EAN
    decl = customs_forms.add_product(decl, repo, "MUG-02", 1)  # typed SKU
    decl = customs_forms.add_product(decl, repo, "SH-01", 1)  # same product again: same line
    assert len(decl.items) == 2
    shirt = decl.items[0]
    assert (shirt.quantity, shirt.net_weight_g, shirt.value) == (3, 600, Decimal("89.70"))
    assert shirt.description == "Men's cotton shirt" and shirt.hs_code == "620520"
    assert decl.total_value == Decimal("108.20")
    fr = customs_forms.add_product(CustomsDeclaration(category="gift"), repo, "SH-01", 1, "fr")
    assert fr.items[0].description == "Chemise homme coton"
    with pytest.raises(NotFound):
        customs_forms.add_product(decl, repo, "NOPE", 1)


def test_import_runs_the_editor_validator():
    """The CSV import accepted an HS code 999999 and a vague description that the product
    editor refused: both now go through `services.products.check_product`."""
    from desktop.services.products import check_product

    row = {"sku": "X-1", "description_fr": "Vêtements", "description_en": "Clothes",
           "hs_code": "999999", "origin": "FR", "unit_net_weight_g": "200",
           "unit_value": "10.00", "currency": "EUR"}
    _, editor = check_product(row)
    text = HEADER + "X-1;;Vêtements;Clothes;999999;FR;200;10.00;EUR\n"
    report = catalogue_io.import_csv(text, FakeProducts())
    imported = {(v.field.removeprefix("row 2."), v.rule) for v in report.problems}
    assert {(v.field, v.rule) for v in editor} == imported
    assert {("hs_code", "customs_hs_unknown"), ("description_fr", "customs_vague_description"),
            ("description_en", "customs_vague_description")} <= imported
    assert report.written == 0


@pytest.mark.parametrize("cell,rule", [("1e999999", "not_a_decimal"), ("12.5.0", "not_a_decimal")])
def test_import_money_is_a_plain_decimal(cell, rule):
    text = HEADER + f"SH-9;;Chemise homme coton;Men's cotton shirt;620520;FR;200;{cell};EUR\n"
    report = catalogue_io.import_csv(text, FakeProducts())
    assert ("row 2.unit_value", rule) in {(v.field, v.rule) for v in report.problems}


def test_extra_cells_and_control_characters_are_reported_not_crashing():
    text = HEADER + "SH-9;;Chemise\x1b[31m;Shirt;620520;FR;200;1.00;EUR;extra;cells\n"
    report = catalogue_io.import_csv(text, FakeProducts())
    assert [(v.field, v.rule) for v in report.problems] == [("row 2", "max_value")]
    text = HEADER + "SH-9;;Chemise\x1b[31m;Shirt;620520;FR;200;2.00;EUR\n"
    report = catalogue_io.import_csv(text, FakeProducts())
    assert ("row 2.description_fr", "control_character") in \
        {(v.field, v.rule) for v in report.problems}
