"""Admission verdicts: all rules at once, contents checklist, suggestion, options, numbers."""

from __future__ import annotations

from dataclasses import replace

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.carriers.numbers import range_warning, validate_form_number, validate_range
from desktop.domain.carriers.options import option_states, validate_options
from desktop.domain.carriers.suggest import suggest_services
from desktop.domain.tracking import NumberRange
from desktop.services.admission import AdmissionService
from desktop.services.contract_tables import ContractStore
from tests.unit.test_carrier_helpers import TODAY, contract, hits, shipment, verdict

cat = default_catalogue()


def test_every_broken_rule_is_listed_not_just_the_first():
    s = shipment("colissimo-domicile-france", weight_g=31000, dims=(1600, 300, 300), to="DE",
                 options={"registered": "R1", "contents_confirmed": False})
    rules = {(x.field, x.rule) for x in verdict(s).refusals}
    assert {("recipient.country", "destination_not_served"),
            ("parcel.weight_g", "max_weight"), ("parcel.length_mm", "max_side"),
            ("options.registered", "option_not_available"),
            ("options.contents_confirmed", "contents_unconfirmed")} <= rules


def test_messages_in_french_and_english():
    [v] = hits(verdict(shipment("delivengo-profil-tracked", weight_g=2500, to="GB")),
               "max_weight")
    # numbers grouped by the clerk's locale (CLDR through Babel): narrow no-break space / comma
    assert v.describe("fr") == "Colis, poids : 2\u202f500 g, 2\u202f000 g au maximum [D 2, 6.1]"
    assert v.describe("en") == "Parcel, weight: 2,500 g, at most 2,000 g [D 2, 6.1]"


def test_prohibited_contents_and_conditions():
    v = verdict(shipment("novapost-parcel", options={"contents_flags": ["tobacco"]}))
    [x] = hits(v, "prohibited_contents")
    assert (x.actual.fr, x.source) == ("Tabac et cigarettes électroniques", "[N 9.1.12]")
    assert x.describe("fr") == ("Contenu : contenu interdit « Tabac et cigarettes "
                                "électroniques » [N 9.1.12]")
    v = verdict(shipment("colissimo-domicile-france-signature", to="COR",
                         options={"contents_flags": ["weapons"]}))
    assert hits(v, "contents_condition")  # weapons: mainland only, Corsica excluded [C 5.4]
    assert not hits(verdict(shipment("colissimo-domicile-france-signature",
                                     options={"contents_flags": ["weapons"]})),
                    "contents_condition")
    ok = shipment("colissimo-domicile-france-signature",
                  options={"contents_flags": ["jewellery"], "registered": "R2",
                           "declared_value_eur": "150"})
    assert not hits(verdict(ok), "contents_condition")
    over = replace(ok, options={**ok.options, "declared_value_eur": "200"})
    assert hits(verdict(over), "contents_condition")


def test_contents_must_be_confirmed_unless_passed():
    s = shipment("colissimo-domicile-france", options={"contents_confirmed": False})
    assert hits(verdict(s), "contents_unconfirmed")
    assert not hits(verdict(s, confirmed_contents=True), "contents_unconfirmed")


def test_suggestion_ranks_admissible_first_with_reasons_for_others():
    s = shipment("delivengo-profil-tracked", weight_g=2500, dims=(300, 200, 100), to="GB")
    out = suggest_services(s, cat, contract(), TODAY)
    assert len(out) == 10
    admissible = [x.service.id for x in out if x.admissible]
    assert admissible == ["novapost-parcel", "colissimo-expert-international"]  # by price
    first_refused = out.index(next(x for x in out if not x.admissible))
    assert first_refused == len(admissible)
    delivengo = next(x for x in out if x.service.id == "delivengo-profil-tracked")
    assert [r.rule for r in delivengo.reasons] == ["max_weight"]


def test_validate_options_shapes_and_availability():
    np = cat.get("novapost-parcel")
    out = {(v.field, v.rule) for v in validate_options(np, {
        "novapost_variant": "door-door", "pieces": 0, "payer": "sender", "weigth": 1,
        "registered": "R1"})}
    assert out == {("options.novapost_variant", "choice"), ("options.pieces", "min_value"),
                   ("options.weigth", "unknown_key"),
                   ("options.registered", "option_not_available")}


def test_option_states_exclude_registered_with_insurance():
    states = option_states(cat.get("colissimo-domicile-france-signature"),
                           {"insurance_eur": "500"})
    assert not states["registered"].enabled and states["insurance_eur"].enabled
    assert states["registered"].reason.rule == "option_conflict"
    assert states["insurance_eur"].choices == ("500", "1000", "1500")


def test_form_numbers_and_ranges():
    assert validate_form_number("6A15984040331", cat.get("colissimo-domicile-france")) == []
    [v] = validate_form_number("6A1598404033", cat.get("colissimo-domicile-france"))
    assert v.rule == "colissimo_format"
    assert validate_form_number("LD 037 468 675 FR", cat.get("delivengo-profil-tracked")) == []
    assert validate_form_number("LD037468676FR")[0].rule == "check_digit"
    r = NumberRange("carrier-x", "LD", 1, 1000, next_serial=901, low_water=100)
    assert range_warning(r).rule == "range_low" and range_warning(r).severity == "warning"
    assert range_warning(replace(r, next_serial=900)) is None
    assert range_warning(replace(r, next_serial=1001)).rule == "range_exhausted"
    assert {v.field for v in validate_range(NumberRange("x", "KX", 5, 4, country="F"))} == \
        {"prefix", "country"}


def test_admission_service_as_extra_check(tmp_path):
    service = AdmissionService(cat, ContractStore(tmp_path), now=lambda: TODAY)
    check = service.as_check()
    violations = check(shipment("delivengo-profil-tracked", weight_g=2500, to="GB"))
    assert any(v.rule == "max_weight" for v in violations)
    assert service.chargeable_weight_g("novapost-parcel",
                                       shipment("novapost-parcel", dims=(500, 400, 300)).parcel) \
        == 15000


def test_documents_service_is_not_suggested_first_for_a_parcel():
    # 1.25 kg to Paris, dimensions not typed yet: Nova Post documents passes its limits and
    # is the cheapest, but a parcel of goods is not documents [N 2.1.1].
    s = shipment("delivengo-profil-tracked", weight_g=1250, dims=None, to="FR")
    out = suggest_services(s, cat, contract(), TODAY)
    admissible = [x.service.id for x in out if x.admissible]
    assert admissible[0] == "colissimo-domicile-france"
    assert admissible.index("novapost-documents") > admissible.index("novapost-parcel")
    # Papers in an envelope: the documents service is the natural (cheapest) choice.
    papers = replace(s, options={**s.options, "shape": "envelope"})
    out = suggest_services(papers, cat, contract(), TODAY)
    assert next(x for x in out if x.admissible).service.id == "novapost-documents"
