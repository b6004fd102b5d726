"""Contract tables: overrides change the verdict without restart; bad data is refused at load
with file, row and reason, and the previous good table stays in force."""

from __future__ import annotations

import json

from desktop.domain.carriers.admission import check_admission
from desktop.domain.carriers.catalogue import default_catalogue, load_catalogue
from desktop.domain.reference import resource_path
from desktop.services.contract_tables import ContractStore, load_contract
from tests.unit.test_carrier_helpers import TODAY, hits, shipment

HEADER = "service_id,destination,max_weight_g,source\n"
EI = "colissimo-expert-international"


def _verdict(store, s):
    return check_admission(s, default_catalogue(), store.contract, today=TODAY)


def test_editing_a_table_changes_the_verdict_without_restart(tmp_path):
    store = ContractStore(override_dir=tmp_path)
    s = shipment(EI, weight_g=15000, to="GB")
    assert not hits(_verdict(store, s), "max_weight")
    (tmp_path / "weight_limits.csv").write_text(
        HEADER + f"{EI},GB,10000,[C 1] Annexe 1 (our contract)\n", encoding="utf-8")
    assert store.reload() == []
    [v] = hits(_verdict(store, s), "max_weight", "parcel.weight_g")
    assert (v.limit, v.actual, v.source) == (10000, 15000, "[C 1] Annexe 1 (our contract)")


def test_save_table_writes_only_valid_tables(tmp_path):
    store = ContractStore(override_dir=tmp_path / "contract")
    problems = store.save_table("weight_limits.csv", HEADER + f"{EI},GB,-5,[C 1]\n")
    assert problems and problems[0].row == 2 and "negative" in problems[0].reason
    assert not (tmp_path / "contract" / "weight_limits.csv").exists()
    assert store.save_table("weight_limits.csv", HEADER + f"{EI},GB,5000,[C 1]\n") == []
    assert hits(_verdict(store, shipment(EI, weight_g=6000, to="GB")), "max_weight")


def _bad(tmp_path, name, text):
    store = ContractStore(override_dir=tmp_path)
    (tmp_path / "weight_limits.csv").write_text(HEADER + f"{EI},GB,10000,[C 1] good\n")
    assert store.reload() == []
    good = store.contract.rows("weight_limits.csv")
    (tmp_path / name).write_text(text, encoding="utf-8")
    problems = store.reload()
    return store, good, problems


def test_negative_limit_refused_previous_kept(tmp_path):
    store, good, problems = _bad(tmp_path, "weight_limits.csv",
                                 HEADER + f"{EI},GB,9000,[C 1]\n{EI},US,-1,[C 1]\n")
    [p] = problems
    assert p.file.endswith("weight_limits.csv") and p.row == 3 and "negative" in p.reason
    assert store.contract.rows("weight_limits.csv") == good  # the previous good table
    [v] = hits(_verdict(store, shipment(EI, weight_g=10500, to="GB")), "max_weight")
    assert v.limit == 10000  # the good override, not the refused 9 000 nor the 20 000 default
    assert not hits(_verdict(store, shipment(EI, weight_g=9500, to="GB")), "max_weight")


def test_missing_column_refused(tmp_path):
    store, good, problems = _bad(tmp_path, "weight_limits.csv",
                                 "service_id,destination,source\nx,GB,[C 1]\n")
    [p] = problems
    assert p.row == 1 and "max_weight_g" in p.reason
    assert store.contract.rows("weight_limits.csv") == good


def test_unknown_service_id_refused(tmp_path):
    store, good, problems = _bad(tmp_path, "weight_limits.csv",
                                 HEADER + "colissimo-express,GB,5000,[C 1]\n")
    [p] = problems
    assert p.row == 2 and "unknown service id 'colissimo-express'" in p.reason
    assert store.contract.rows("weight_limits.csv") == good


def test_missing_source_and_bad_vignette_zone_refused(tmp_path):
    store = ContractStore(override_dir=tmp_path)
    (tmp_path / "vignettes.csv").write_text(
        "zone,max_weight_g,vignettes,source\nFR,1000,1,\nMARS,2000,2,[C 6]\n")
    problems = store.reload()
    assert [(p.row, p.reason.split(":")[0]) for p in problems] == [(2, "source"), (3, "zone")]
    assert store.contract.vignette_grid("FR")[0][0] == 1000  # the shipped default remains


def test_defaults_without_override_load_cleanly():
    contract, problems = load_contract(resource_path("carriers", "contract"), None)
    assert problems == []
    assert contract.max_weight_g(EI, "INT", "GB")[0] == 20000
    assert contract.max_weight_g(EI, "INT", "CH")[0] == 30000  # country row beats zone row
    assert contract.parameter("nm_supplement_eur") == 25


def _services(tmp_path, mutate):
    data = json.loads(resource_path("carriers", "services.json").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "services.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_catalogue(path)


def test_catalogue_refuses_negative_limit(tmp_path):
    def mutate(d):
        d["services"][0]["limits"][0]["value"] = -2000
    catalogue, problems = _services(tmp_path, mutate)
    assert any(p.row == "delivengo-profil-tracked" and "≥ 0" in p.reason for p in problems)
    assert not catalogue.has("delivengo-profil-tracked")


def test_catalogue_refuses_unknown_id_and_missing_key(tmp_path):
    def mutate(d):
        d["services"][1]["id"] = "delivengo-express"
        del d["services"][2]["limits"]
    _, problems = _services(tmp_path, mutate)
    reasons = {(str(p.row), p.reason) for p in problems}
    assert ("delivengo-express", "unknown service id 'delivengo-express'") in reasons
    assert ("colissimo-domicile-france", "missing key 'limits'") in reasons
    assert any(p.file == "services.json" for p in problems)


def test_shipped_catalogue_has_the_ten_stable_ids_and_every_limit_cites_an_article():
    catalogue = default_catalogue()
    assert len(catalogue.all()) == 10
    for s in catalogue.all():
        assert s.limits and all(x.source.startswith("[") for x in s.limits), s.id
    contract, _ = load_contract(resource_path("carriers", "contract"), None)
    for name, rows in contract.tables.items():
        assert rows and all(r["source"] for r in rows), name


def test_every_limit_row_cites_a_carrier_article():
    import re

    # a carrier article, a standard, or a page under docs/ (docs/citation-audit.md)
    article = re.compile(r"\[[DCN] [0-9A]|docs/[\w.-]+\.md|UPU ")
    contract, _ = load_contract(resource_path("carriers", "contract"), None)
    for name, rows in contract.tables.items():
        if name == "parameters.csv":
            continue
        for row in rows:
            assert article.search(row["source"]), (name, row["row"], row["source"])
    for s in default_catalogue().all():
        for limit in s.limits:
            assert article.search(limit.source), (s.id, limit)
        for category in s.prohibited:
            assert article.search(category.source), (s.id, category.id)


def test_the_fuel_coefficient_adjusts_colissimo_postage(tmp_path):
    """[C 9]: the CAP applies to Colissimo postage after discount, excl. VAT."""
    store = ContractStore(override_dir=tmp_path)
    s = shipment("colissimo-domicile-france", weight_g=800, to="FR")
    base = _verdict(store, s).price_eur
    (tmp_path / "parameters.csv").write_text(
        "key,value,source\nfuel_coefficient,0.125,[C 9] CAP of the month\n", encoding="utf-8")
    assert store.reload() == []
    from decimal import Decimal

    assert _verdict(store, s).price_eur == (base * Decimal("1.125")).quantize(Decimal("0.01"))
    other = shipment("delivengo-profil-tracked", weight_g=800, to="GB")
    before = check_admission(other, default_catalogue(), load_contract(
        resource_path("carriers", "contract"), None)[0], today=TODAY).price_eur
    assert _verdict(store, other).price_eur == before  # not La Poste's letters


def test_range_low_water_is_the_threshold_of_new_ranges_and_vat_rate_is_retired(tmp_path):
    store = ContractStore(override_dir=tmp_path)
    assert store.contract.range_low_water == 100
    (tmp_path / "parameters.csv").write_text(
        "key,value,source\nrange_low_water,500,our choice\nvat_rate,0.20,old table\n",
        encoding="utf-8")
    assert store.reload() == []  # an old table naming vat_rate still loads
    assert store.contract.range_low_water == 500
    from desktop.domain.tracking import NumberRange

    # A carrier-assigned range added with the contract's threshold (Number ranges dialog).
    r = NumberRange("carrier-delivengo-profil-tracked", "LD", 1, 1000,
                    low_water=store.contract.range_low_water)
    from dataclasses import replace

    from desktop.domain.carriers.numbers import range_warning

    assert range_warning(replace(r, next_serial=400)) is None  # 601 left
    low = range_warning(replace(r, next_serial=502))  # 499 left
    assert low is not None and (low.rule, low.limit, low.actual) == ("range_low", 500, 499)


def test_hostile_contract_tables_are_refused_whole_and_never_crash(tmp_path):
    store = ContractStore(override_dir=tmp_path)
    good = store.contract
    for name, text in (
            ("parameters.csv", "key,value,source\nfuel_coefficient,1e999999,[C 9]\n"),
            ("parameters.csv", "key,value,source\nfuel_coefficient,NaN,[C 9]\n"),
            ("weight_limits.csv", HEADER + f"{EI},GB,{'9' * 5000},[C 1]\n"),
            ("weight_limits.csv", HEADER + f"{EI},GB,{'9' * 200_000}\n"),
            ("parameters.csv", "x" * 2_000_000)):
        problems = store.save_table(name, text)
        assert problems and all(len(p.reason) < 200 for p in problems), (name, problems)
        assert store.contract is good  # the previous good tables stay in force
