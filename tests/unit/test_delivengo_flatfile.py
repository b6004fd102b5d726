"""The Delivengo flat file: same fields as the API body, one row per shipment."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.connectors.delivengo.flatfile import export_csv
from desktop.domain.connectors import CreateRequest
from tests.connector_helpers import delivengo_shipment

GOLDEN = Path(__file__).parents[1] / "golden" / "connectors" / "delivengo_flat.csv"


def _export() -> bytes:
    plain = replace(delivengo_shipment(), customs=None, reference="CMD-1")
    return export_csv([CreateRequest(delivengo_shipment(), "cpt-1"), CreateRequest(plain, "cpt-2")])


def test_rows_carry_the_api_fields():
    data = _export()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM for spreadsheets
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    first, second = rows
    assert first["destinataire_code_postal_commune"] == "SW1A 1AA London"
    assert first["poids"] == "1200" and first["id_support"] == "33"
    assert first["article2_valeur"] == "18.5" and first["envoi_nature"] == "6"
    assert first["descriptif"] == "comptoir:cpt-1" and first["reference"] == "CMD-4471"
    assert second["article1_valeur"] == "" and second["reference"] == "CMD-1"


def test_golden_file():
    data = _export()
    if os.environ.get("COMPTOIR_UPDATE_GOLDEN") == "1":
        GOLDEN.write_bytes(data)
    assert data == GOLDEN.read_bytes()


def test_untracked_without_product_is_refused():
    with pytest.raises(ValueError):
        export_csv([CreateRequest(delivengo_shipment(service_id="delivengo-profil-untracked"),
                                  "k")])
