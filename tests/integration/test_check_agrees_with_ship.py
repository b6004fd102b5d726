"""`check` is `ship` without side effects (issue 7 §1): on the cases where `check` used to
say "Admissible" while `ship` refused, both now refuse with the same rules, and `check`
stores, numbers and prints nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.connectors.fake import is_demo_number
from tests.integration.cli_helpers import EXAMPLES, run_in_process, write_json

USA = json.loads((EXAMPLES / "delivengo-usa.json").read_text(encoding="utf-8"))
FRANCE = json.loads((EXAMPLES / "colissimo-france.json").read_text(encoding="utf-8"))


def _item(**change):
    return {**USA["customs"]["items"][0], **change}


CASES = {
    "missing customs": (USA, lambda d: d.pop("customs")),
    "country XX": (USA, lambda d: d["recipient"].update(country="XX")),
    "empty street": (USA, lambda d: d["recipient"].update(street="")),
    "bad HS code": (USA, lambda d: d["customs"].update(items=[_item(hs_code="12")])),
    "negative value": (USA, lambda d: d["customs"].update(items=[_item(value="-5")])),
    "bad check digit": (USA, lambda d: d.update(tracking_number="LD000000015FR")),  # …14FR
    "form number already used": (FRANCE, lambda d: d.update(
        service="colissimo-domicile-france", tracking_number="6A15984040331")),
}


def _file(tmp_path, base, mutate):
    data = json.loads(json.dumps(base))
    mutate(data)
    return str(write_json(tmp_path, data))


def _count(home, table):
    db = home / "data" / "comptoir.sqlite3"
    with sqlite3.connect(db) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_refuses_what_ship_refuses_with_the_same_rules(case, tmp_path, capsys,
                                                              comptoir_home):
    path = _file(tmp_path, *CASES[case])
    before = 0
    if case == "form number already used":  # the form was shipped once already
        assert run_in_process(capsys, "ship", path, "--printer",
                              (tmp_path / "spool").as_uri())[0] == 0
        before = 1
    code, out, _ = run_in_process(capsys, "check", path, "--json")
    checked = json.loads(out)
    assert code == 3 and not checked["ok"], checked
    code, out, _ = run_in_process(capsys, "ship", path, "--json", "--printer",
                                  (tmp_path / "spool").as_uri())
    shipped = json.loads(out)
    assert code == 3, shipped
    assert {(r["field"], r["rule"]) for r in checked["refusals"]} == {
        (e["field"], e["rule"]) for e in shipped["errors"]}
    assert _count(comptoir_home, "shipments") == before


def test_an_admissible_check_takes_no_number_and_ship_then_gets_the_first(tmp_path, capsys,
                                                                          comptoir_home):
    path = _file(tmp_path, USA, lambda d: None)
    for _ in range(2):
        code, out, _ = run_in_process(capsys, "check", path, "--json")
        assert code == 0 and json.loads(out)["ok"]
    assert _count(comptoir_home, "shipments") == 0 and _count(comptoir_home, "print_jobs") == 0
    spool = tmp_path / "spool"
    code, out, _ = run_in_process(capsys, "ship", path, "--json", "--printer", spool.as_uri(),
                                  "--format", "zpl203", "--forms-printer", spool.as_uri())
    assert code == 0
    # Out of the box Delivengo is the demo carrier: its number, never one of ours.
    assert is_demo_number(json.loads(out)["tracking_number"])
    assert len(list(spool.iterdir())) == 3  # check printed nothing before
