"""Acceptance (issue 7): the default sender profile's EORI reaches the CN 23 of a 1 200 €
Colissimo parcel — `comptoir sender add --eori`, then `comptoir ship` of a file without a
sender, the CN 23 read back from the spooled PDF."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pypdf import PdfReader

from tests.integration.cli_helpers import run, write_json

EORI = "FR12345678900013"
SHOP = {"company": "Atelier Comptoir", "street": "3 rue des Lilas", "postcode": "69003",
        "city": "Lyon", "country": "FR", "phone": "04 72 00 00 00"}
PARCEL_1200 = {
    "version": 1,
    "recipient": {"name": "John Smith", "street": "1600 Pennsylvania Ave NW",
                  "postcode": "20500", "city": "Washington", "state": "DC", "country": "US",
                  "phone": "+1 202 456 1111", "email": "john.smith@example.com"},
    "service": "colissimo-expert-international",
    "parcel": {"weight_g": 1800, "length_mm": 300, "width_mm": 200, "height_mm": 100},
    "options": {"contents_confirmed": True},
    "reference": "CMD-1200",
    "tracking_number": "CE123456785FR",  # Expert International: scanned from its pre-paid form
    "customs": {"category": "sale_of_goods", "invoice_number": "F-1200", "items": [
        {"description": "Leather handbag, hand-stitched", "quantity": 2, "net_weight_g": 1400,
         "value": "1200.00", "currency": "EUR", "hs_code": "420221", "origin": "FR"}]},
}


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_the_default_profiles_eori_is_printed_on_the_cn23(comptoir_home, tmp_path):
    shop = write_json(tmp_path, SHOP, "shop.json")
    added = run(comptoir_home, "sender", "add", str(shop), "--label", "Boutique", "--default",
                "--eori", EORI.lower())
    assert added.returncode == 0, added.stderr
    listed = json.loads(run(comptoir_home, "sender", "list", "--json").stdout)
    assert listed[0]["eori"] == EORI  # stored normalised

    parcel = write_json(tmp_path, PARCEL_1200)
    done = run(comptoir_home, "ship", str(parcel), "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    cn23 = [f for f in report["forms"] if f["kind"] == "cn23"]
    assert cn23 and cn23[0]["state"] == "sent", report["forms"]
    text = _pdf_text(Path(cn23[0]["output"]))
    assert EORI in text
    assert report["tracking_number"] in text.replace(" ", "")


def test_without_an_eori_the_same_parcel_is_refused_by_ship_and_check(comptoir_home, tmp_path):
    shop = write_json(tmp_path, SHOP, "shop.json")
    assert run(comptoir_home, "sender", "add", str(shop), "--default").returncode == 0
    parcel = write_json(tmp_path, PARCEL_1200)
    for command in ("check", "ship"):
        done = run(comptoir_home, command, str(parcel), "--json")
        assert done.returncode == 3, (command, done.stdout, done.stderr)
        payload = json.loads(done.stdout)
        errors = payload.get("errors") or payload.get("refusals")
        assert "customs_eori_required" in {e["rule"] for e in errors}, command


def test_a_malformed_eori_is_refused_with_its_field(comptoir_home, tmp_path):
    shop = write_json(tmp_path, SHOP, "shop.json")
    done = run(comptoir_home, "sender", "add", str(shop), "--eori", "12-34", "--json")
    assert done.returncode == 3
    assert "eori" in {e["field"] for e in json.loads(done.stdout)["errors"]}
