"""CSV import/export against the real SQLite products repository."""

from decimal import Decimal

import pytest

from desktop.services import catalogue_io

storage = pytest.importorskip("desktop.storage.db")

CSV = ("sku;ean;description_fr;description_en;hs_code;origin;unit_net_weight_g;unit_value;currency\n"
       "SH-01;3760123456789;Chemise homme coton;Men's cotton shirt;620520;FR;200;29,90;EUR\n"
       "MUG-02;;Mug en grès;Stoneware mug;691200;PT;350;18.50;EUR\n")


def test_import_export_with_sqlite(tmp_path):
    db = storage.open_database(f"sqlite:///{tmp_path / 'comptoir.db'}")
    try:
        report = catalogue_io.import_csv(CSV, db.products)
        assert report.ok and report.written == 2
        shirt = db.products.find_code("3760123456789")
        assert shirt is not None and shirt.unit_value == Decimal("29.90")
        text = catalogue_io.export_all(db.products)
        assert "SH-01;3760123456789;Chemise homme coton;Men's cotton shirt;620520;FR;200;29.90;EUR" in text
        # Importing again updates by SKU, it does not duplicate.
        catalogue_io.import_csv(CSV.replace("29,90", "31,00"), db.products)
        assert len(db.products.search("", limit=100)) == 2
        assert db.products.find_code("SH-01").unit_value == Decimal("31.00")
    finally:
        db.close()
