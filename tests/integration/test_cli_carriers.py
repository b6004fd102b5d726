"""`comptoir services` and `comptoir check` end to end (in-process CLI)."""

from __future__ import annotations

import json

import pytest

from desktop.cli import main
from tests.integration.cli_helpers import write_json

SHIPMENT = {
    "version": 1,
    "sender": {"name": "Atelier Dupont", "street": "12 rue de la Paix", "postcode": "75002",
               "city": "Paris", "country": "FR"},
    "recipient": {"name": "John Smith", "street": "1 High Street", "postcode": "SW1A 1AA",
                  "city": "London", "country": "GB"},
    "service": "delivengo-profil-tracked",
    "parcel": {"weight_g": 1200, "length_mm": 300, "width_mm": 200, "height_mm": 50},
    "options": {"contents_confirmed": True},
    # GB is outside the EU: `ship` requires a declaration, so `check` does too.
    "customs": {"category": "gift", "items": [
        {"description": "Men's cotton shirt, long sleeves", "quantity": 1, "net_weight_g": 300,
         "value": "25.00", "currency": "EUR"}]},
}


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPTOIR_HOME", str(tmp_path / "home"))


def _write(tmp_path, **changes):
    data = json.loads(json.dumps(SHIPMENT))
    for key, value in changes.items():
        data[key] = value
    return str(write_json(tmp_path, data))


def test_services_lists_the_ten_ids_with_limits(capsys):
    assert main(["services", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = [s["id"] for s in data["services"]]
    assert len(ids) == 10 and "novapost-cargo" in ids
    np = next(s for s in data["services"] if s["id"] == "novapost-parcel")
    assert {"rule": "max_sum_mm", "value": 1500, "source": "[N 2.1.2]"} in np["limits"]
    assert main(["services"]) == 0
    text = capsys.readouterr().out
    assert "colissimo-expert-international" in text and "[D 2, 6.1]" in text


def test_check_admissible_exits_zero(tmp_path, capsys):
    path = _write(tmp_path)
    assert main(["check", path, "--json", "--date", "2024-06-04T10:00"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and data["refusals"] == []
    assert data["chargeable_weight_g"] == 1200
    assert data["estimated_delivery"] == "2024-06-11"
    assert data["suggestions"][0]["admissible"]


def test_check_refusal_exits_non_zero_with_rule_field_limit_source(tmp_path, capsys):
    path = _write(tmp_path, parcel={"weight_g": 2500, "length_mm": 300, "width_mm": 200,
                                    "height_mm": 50})
    assert main(["check", path, "--json", "--date", "2024-06-04"]) == 3
    data = json.loads(capsys.readouterr().out)
    # `ship`'s own weight ceiling may be reported beside the carrier's rule: same verdict.
    [r] = [r for r in data["refusals"] if r["rule"] == "max_weight"]
    assert {x["field"] for x in data["refusals"]} == {"parcel.weight_g"}
    assert (r["rule"], r["field"], r["limit"], r["actual"], r["source"]) == \
        ("max_weight", "parcel.weight_g", 2000, 2500, "[D 2, 6.1]")
    ok = [s["service"] for s in data["suggestions"] if s["admissible"]]
    assert ok and "delivengo-profil-tracked" not in ok


def test_check_text_output_french_then_english(tmp_path, capsys):
    path = _write(tmp_path, parcel={"weight_g": 2500})
    assert main(["check", path, "--date", "2024-06-04"]) == 3
    out = capsys.readouterr().out
    assert "Refusé" in out and "2\u202f000 g au maximum" in out and "Services" in out
    assert main(["--lang", "en", "check", path, "--date", "2024-06-04"]) == 3
    assert "at most 2,000 g" in capsys.readouterr().out


def test_check_uses_the_contract_override_folder(tmp_path, capsys):
    contract = tmp_path / "contract"
    contract.mkdir()
    (contract / "weight_limits.csv").write_text(
        "service_id,destination,max_weight_g,source\n"
        "delivengo-profil-tracked,GB,1000,[D 2] our contract\n", encoding="utf-8")
    path = _write(tmp_path)
    assert main(["check", path, "--json", "--contract-dir", str(contract),
                 "--date", "2024-06-04"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert data["refusals"][0]["source"] == "[D 2] our contract"
    (contract / "weight_limits.csv").write_text("service_id,max_weight_g\nx,1\n")
    assert main(["check", path, "--json", "--contract-dir", str(contract),
                 "--date", "2024-06-04"]) == 0  # bad table refused: the default is in force
    data = json.loads(capsys.readouterr().out)
    assert any("weight_limits.csv, row 1" in p for p in data["contract_problems"])


def test_check_bad_file_is_reported(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    assert main(["check", str(path)]) == 2  # a file that is not JSON: bad input, not a refusal
