"""`comptoir customs FILE.json --out DIR [--json]`."""

import copy
import io
import json
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.integration.cli_helpers import run_in_process as run
from tests.integration.cli_helpers import write_json

ORDER = {
    "version": 1,
    "sender": {"name": "Camille Martin", "street": "12 rue des Lilas", "postcode": "69003",
               "city": "LYON", "country": "FR"},
    "recipient": {"name": "Jane Doe", "street": "350 Fifth Avenue", "postcode": "10118",
                  "city": "New York", "country": "US", "state": "NY"},
    "service": "delivengo-profil-tracked",
    "parcel": {"weight_g": 900},
    "tracking_number": "LD037468675FR",
    "customs": {"category": "sale_of_goods", "invoice_number": "F-1",
                "items": [{"description": "Men's cotton shirt, long sleeves", "quantity": 2,
                           "net_weight_g": 400, "value": "59.80", "currency": "EUR",
                           "hs_code": "620520", "origin": "FR"},
                          {"description": "Stoneware coffee mug", "quantity": 1,
                           "net_weight_g": 350, "value": "18.50", "hs_code": "691200",
                           "origin": "FR"}]},
}


def write(tmp_path, data):
    return str(write_json(tmp_path, data, "order.json"))


def test_cn22_label_invoice_and_data(tmp_path, capsys):
    out_dir = tmp_path / "out"
    code, out, _ = run(capsys, "customs", write(tmp_path, ORDER), "--out", str(out_dir),
                       "--date", "2024-03-15", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["required"] and report["form"] == "CN22" and report["ok"]
    assert report["totals"] == {"value": "78.30", "currency": "EUR", "value_sdr": "61.81",
                                "net_weight_g": 750, "gross_weight_g": 900}
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == ["order-cn22.pdf", "order-colissimo.csv", "order-colissimo.json",
                     "order-delivengo.csv", "order-delivengo.json", "order-invoice.pdf"]
    cn22 = PdfReader(io.BytesIO((out_dir / "order-cn22.pdf").read_bytes()))
    assert len(cn22.pages) == 3  # La Poste: CN22 × 3
    assert "78.30 EUR" in cn22.pages[0].extract_text()
    delivengo = json.loads((out_dir / "order-delivengo.json").read_text(encoding="utf-8"))
    assert delivengo["valeur_dts"] == "61.81" and delivengo["valeur_total"] == "78.30"


def test_cn23_above_threshold_and_sdr_rate_option(tmp_path, capsys):
    data = copy.deepcopy(ORDER)
    data["customs"]["items"][0]["value"] = "361.51"  # total 380.01 €
    code, out, _ = run(capsys, "customs", write(tmp_path, data), "--out", str(tmp_path / "o"),
                       "--json", "--sdr-rate", "1.20", "--date", "2024-03-15")
    report = json.loads(out)
    assert code == 0 and report["form"] == "CN23"
    assert report["totals"]["value_sdr"] == "316.68"
    assert (tmp_path / "o" / "order-cn23.pdf").exists()


def test_a4_option(tmp_path, capsys):
    code, out, _ = run(capsys, "customs", write(tmp_path, ORDER), "--out", str(tmp_path / "o"),
                       "--a4", "--json")
    assert code == 0
    assert [d["kind"] for d in json.loads(out)["documents"]] == ["CN22-A4", "invoice"]


def test_not_needed_says_why_and_writes_nothing(tmp_path, capsys):
    data = copy.deepcopy(ORDER)
    data["recipient"].update(postcode="28001", city="Madrid", country="ES")
    code, out, _ = run(capsys, "customs", write(tmp_path, data), "--out", str(tmp_path / "o"))
    assert code == 0
    assert "pas de déclaration" in out and "Espagne" in out
    assert not (tmp_path / "o").exists()
    code, out, _ = run(capsys, "--lang", "en", "customs", write(tmp_path, data), "--out",
                       str(tmp_path / "o"))
    assert "no customs declaration" in out


def test_canary_islands_need_a_declaration(tmp_path, capsys):
    data = copy.deepcopy(ORDER)
    data["recipient"].update(postcode="35001", city="Las Palmas", country="ES")
    code, out, _ = run(capsys, "customs", write(tmp_path, data), "--out", str(tmp_path / "o"),
                       "--json")
    assert code == 0 and json.loads(out)["territory"] == "ES-CN"


def test_validation_errors_exit_non_zero_name_line_and_field(tmp_path, capsys):
    data = copy.deepcopy(ORDER)
    data["customs"]["items"][1].update(description="Gifts", hs_code="69120")
    code, _, err = run(capsys, "customs", write(tmp_path, data), "--out", str(tmp_path / "o"))
    assert code == 3
    assert "Ligne 2, description précise" in err and "Ligne 2, code SH" in err
    assert not (tmp_path / "o").exists()
    code, out, _ = run(capsys, "--lang", "en", "customs", write(tmp_path, data), "--out",
                       str(tmp_path / "o"), "--json")
    report = json.loads(out)
    assert code == 3 and not report["ok"]
    fields = {e["field"] for e in report["errors"]}
    assert {"customs.items[1].description", "customs.items[1].hs_code"} <= fields


def test_unreadable_file_is_refused(tmp_path, capsys):
    code, _, err = run(capsys, "customs", str(tmp_path / "missing.json"), "--out", str(tmp_path))
    assert code == 2 and "missing.json" in err  # bad input, not a refusal


@pytest.mark.slow
def test_as_a_process(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop", "--lang", "en", "customs",
                             write(tmp_path, ORDER), "--out", str(tmp_path / "o")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "CN22 (10×15 label) ×3" in result.stdout and "61.81 SDR" in result.stdout
