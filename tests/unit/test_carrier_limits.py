"""Every limit of the carriers' terms ([D], [C], [N]) at, just under and just over the limit (issue 3 acceptance)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from tests.unit.test_carrier_helpers import TODAY, hits, shipment, verdict

D = Decimal


def weight(service, to="FR", dims=(300, 200, 100), **kw):
    return lambda v: shipment(service, weight_g=v, to=to, dims=dims, **kw)


def longest(service, other=(100, 10), to="FR", w=1000, **kw):
    return lambda v: shipment(service, weight_g=w, dims=(v, *other), to=to, **kw)


def side(service, fixed, to="FR", w=1000, **kw):
    """Second side varies, the others fixed: fixed=(longest, shortest)."""
    return lambda v: shipment(service, weight_g=w, dims=(fixed[0], v, fixed[1]), to=to, **kw)


def third(service, fixed, to="FR", w=500, **kw):
    return lambda v: shipment(service, weight_g=w, dims=(fixed[0], fixed[1], v), to=to, **kw)


def sum_sides(service, to="FR", w=1000):
    return lambda v: shipment(service, weight_g=w, dims=(v - 400, 200, 200), to=to)


def value(service, to="FR", w=1000, dims=(300, 200, 100), extra=None):
    return lambda v: shipment(service, weight_g=w, dims=dims, to=to,
                              options={"declared_value_eur": str(v), **(extra or {})})


def option(service, key, to="FR", extra=None, w=1000):
    return lambda v: shipment(service, weight_g=w, to=to, options={key: str(v), **(extra or {})})


def roll(service, diameter=None, length=None):
    if diameter is None:
        return lambda v: shipment(service, dims=(v, 60, 60), options={"shape": "roll"})
    if length is None:
        return lambda v: shipment(service, dims=(400, v, v), options={"shape": "roll"})


def roll_total(service):  # length + 2 × diameter with diameter 100
    return lambda v: shipment(service, dims=(v - 200, 100, 100), options={"shape": "roll"})


def chargeable(service, to="FR", **kw):
    # v × 40 × 100 mm³ / 4 000 = v grams of volumetric weight, actual weight 1 kg
    return lambda v: shipment(service, weight_g=1000, dims=(v, 40, 100), to=to, **kw)


def locker(country, to):
    extra = {"novapost_variant": "address-locker", "division_id": "123", "locker_country": country}
    return extra


CS = "colissimo-domicile-france-signature"
EI = "colissimo-expert-international"
NPD, NPP, NPC = "novapost-documents", "novapost-parcel", "novapost-cargo"

# (id, make(value) -> shipment, limit, field, rule, kind, severity)
# kind: "max" → over the limit breaks; "min" → under breaks; "from" → at or over triggers;
# "below" → at or over breaks (strictly under required).
CASES = [
    # Delivengo Profil [D 2, 6.1]
    ("delivengo-tracked weight", weight("delivengo-profil-tracked", to="GB"), 2000,
     "parcel.weight_g", "max_weight", "max", "error"),
    ("delivengo-untracked weight", weight("delivengo-profil-untracked", to="DE"), 2000,
     "parcel.weight_g", "max_weight", "max", "error"),
    # Colissimo [C 1] 30 kg, Annexe 1 per destination
    ("colissimo france weight", weight("colissimo-domicile-france"), 30000, "parcel.weight_g",
     "max_weight", "max", "error"),
    ("colissimo france signature weight", weight(CS), 30000, "parcel.weight_g", "max_weight",
     "max", "error"),
    ("colissimo OM weight", weight("colissimo-domicile-outremer", to="GP"), 30000,
     "parcel.weight_g", "max_weight", "max", "error"),
    ("colissimo OM signature weight", weight("colissimo-domicile-outremer-signature", to="NC"),
     30000, "parcel.weight_g", "max_weight", "max", "error"),
    ("colissimo expert EU weight", weight(EI, to="DE"), 30000, "parcel.weight_g", "max_weight",
     "max", "error"),
    ("colissimo expert non-EU weight (Annexe 1 table)", weight(EI, to="GB"), 20000,
     "parcel.weight_g", "max_weight", "max", "error"),
    # rolls [C 5.1.2]
    ("roll length ≥ 16 cm", roll(CS), 160, "parcel.length_mm", "roll_min_length", "min", "error"),
    ("roll diameter ≥ 5 cm", roll(CS, diameter=True), 50, "parcel.width_mm",
     "roll_min_diameter", "min", "error"),
    ("roll length + 2d ≤ 200 cm", roll_total(CS), 2000, "parcel.length_plus_2_diameters_mm",
     "roll_length_plus_2d", "max", "error"),
    # options [C 4.3]
    ("insurance ≤ 1 500 €", option(CS, "insurance_eur"), 1500, "options.insurance_eur",
     "max_value", "max", "error"),
    ("cod ≤ 1 500 €", option(CS, "cod_eur"), 1500, "options.cod_eur", "max_value", "max",
     "error"),
    ("cod > 800 € notified", option(CS, "cod_eur"), 801, "options.cod_eur", "cod_notice",
     "from", "warning"),
    ("standard indemnity 990 € cap (signature)", value(CS, w=30000), 990,
     "options.declared_value_eur", "value_exceeds_cover", "max", "warning"),
    ("standard indemnity 690 € cap (no signature)", value("colissimo-domicile-france", w=30000),
     690, "options.declared_value_eur", "value_exceeds_cover", "max", "warning"),
    ("standard indemnity 33 €/kg (2 kg → 66 €)", value(CS, w=2000), 66,
     "options.declared_value_eur", "value_exceeds_cover", "max", "warning"),
    # Nova Post documents [N 2.1.1]
    ("np documents weight 2 kg", weight(NPD, dims=(300, 200, 10)), 2000, "parcel.weight_g",
     "max_weight", "max", "error"),
    ("np documents length 35 cm", longest(NPD, other=(200, 10), w=500), 350, "parcel.length_mm",
     "max_side", "max", "error"),
    ("np documents width 25 cm", side(NPD, (349, 10), w=500), 250, "parcel.width_mm",
     "max_side", "max", "error"),
    ("np documents height 2 cm", third(NPD, (300, 200)), 20, "parcel.height_mm", "max_side",
     "max", "error"),
    # parcel [N 2.1.2]
    ("np parcel weight 30 kg", weight(NPP, dims=(300, 200, 100)), 30000, "parcel.weight_g",
     "max_weight", "max", "error"),
    ("np parcel longest 120 cm", longest(NPP, other=(100, 100)), 1200, "parcel.length_mm",
     "max_side", "max", "error"),
    ("np parcel sum 150 cm", sum_sides(NPP), 1500, "parcel.sum_of_sides_mm", "max_sum_of_sides",
     "max", "error"),
    ("np parcel value 10 000 €", value(NPP), 10000, "options.declared_value_eur",
     "max_value_eur", "max", "error"),
    ("np parcel chargeable 30 kg [N 1.1.7]", chargeable(NPP), 30000,
     "parcel.chargeable_weight_g", "max_chargeable_weight", "max", "error"),
    # cargo [N 1.1.7, 2.1.3]
    ("np cargo over 30 kg", lambda v: shipment(NPC, weight_g=v, dims=(500, 400, 300),
                                               options={"novapost_variant": "address-branch",
                                                        "division_id": "7"}),
     30001, "parcel.chargeable_weight_g", "min_chargeable_weight", "min", "error"),
    ("np cargo 1 000 kg", lambda v: shipment(NPC, weight_g=v, dims=(500, 400, 300),
                                             options={"novapost_variant": "address-branch",
                                                      "division_id": "7"}),
     1_000_000, "parcel.weight_g", "max_weight", "max", "error"),
    ("np cargo longest 300 cm", longest(NPC, other=(1000, 1000), w=40000), 3000,
     "parcel.length_mm", "max_side", "max", "error"),
    ("np cargo other sides 170 cm", side(NPC, (2500, 500), w=40000), 1700, "parcel.width_mm",
     "max_side", "max", "error"),
    ("np cargo value 10 000 €", value(NPC, w=40000, dims=(500, 400, 300),
                                      extra={"novapost_variant": "address-branch",
                                             "division_id": "7"}),
     10000, "options.declared_value_eur", "max_value_eur", "max", "error"),
    # lockers [N 4.9.1, 4.9.2]: over the limits the parcel falls back to a branch (warning)
    ("np locker FR 25 kg", weight(NPP, dims=(300, 200, 100), options=locker("FR", "FR")), 25000,
     "parcel.weight_g", "locker_fallback", "max", "warning"),
    ("np locker FR 64 cm", longest(NPP, other=(300, 200), options=locker("FR", "FR")), 640,
     "parcel.length_mm", "locker_fallback", "max", "warning"),
    ("np locker FR 41 cm", side(NPP, (600, 100), options=locker("FR", "FR")), 410, "parcel.width_mm", "locker_fallback",
     "max", "warning"),
    ("np locker FR 38 cm", third(NPP, (600, 400), options=locker("FR", "FR")), 380, "parcel.height_mm", "locker_fallback",
     "max", "warning"),
    ("np locker FR 10 000 €", value(NPP, extra=locker("FR", "FR")), 10000,
     "options.declared_value_eur", "locker_fallback", "max", "warning"),
    ("np locker UA 20 kg", weight(NPP, to="UA", options=locker("UA", "UA")), 20000,
     "parcel.weight_g", "locker_fallback", "max", "warning"),
    ("np locker UA 60 cm", longest(NPP, other=(300, 200), to="UA", options=locker("UA", "UA")),
     600, "parcel.length_mm", "locker_fallback", "max", "warning"),
    # pick-up point [N 4.7.8]
    ("np pick-up 10 kg", weight(NPP, options={"novapost_variant": "address-pickup",
                                               "division_id": "9"}),
     10000, "parcel.weight_g", "pickup_limit", "max", "error"),
    ("np pick-up longest 60 cm", longest(NPP, other=(300, 200),
                                         options={"novapost_variant": "address-pickup",
                                                  "division_id": "9"}),
     600, "parcel.length_mm", "pickup_limit", "max", "error"),
    ("np pick-up value < 10 000 €", value(NPP, extra={"novapost_variant": "address-pickup",
                                                       "division_id": "9"}),
     10000, "options.declared_value_eur", "pickup_limit_value", "below", "error"),
    # identity [N 4.7.5]
    ("np identity from 6 000 €", value(NPP), 6000, "options.declared_value_eur",
     "identity_check", "from", "warning"),
    # bundles [N 4.3.9]
    ("np bundle textiles ≤ 10 kg", weight(NPP, options={
        "novapost_variant": "branch-address", "bundle": True, "bundle_textiles": True,
        "bundle_layers": 5}), 10000, "options.bundle", "bundle_not_admitted", "max", "error"),
    ("np bundle ≥ 5 layers", lambda v: shipment(NPP, options={
        "novapost_variant": "branch-address", "bundle": True, "bundle_textiles": True,
        "bundle_layers": v}), 5, "options.bundle", "bundle_not_admitted", "min", "error"),
]


def _present(make, v, field, rule, severity):
    found = hits(verdict(make(v)), rule, field)
    assert all(x.severity == severity for x in found), found
    return found


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_limit_at_under_and_over(case):
    _, make, limit, field, rule, kind, severity = case
    at = _present(make, limit, field, rule, severity)
    under = _present(make, limit - 1, field, rule, severity)
    over = _present(make, limit + 1, field, rule, severity)
    if kind == "max":
        assert not at and not under and over
    elif kind == "min":
        assert at == [] and not _present(make, limit + 1, field, rule, severity) and under
        return
    elif kind == "from":
        assert not under and at and over
        return
    elif kind == "below":
        assert not under and at and over
        return
    # the refusal names the limit and the source article
    v = over[0]
    assert str(limit) in str(v.limit)
    assert v.source


def test_every_case_cites_an_article():
    for _, make, limit, field, rule, kind, _sev in CASES:
        probe = {"max": limit + 1, "min": limit - 1, "from": limit, "below": limit}[kind]
        found = hits(verdict(make(probe)), rule, field)
        assert found and all(x.source for x in found), (field, rule)


def test_insurance_steps_of_500():
    for amount_, ok in ((500, True), (1000, True), (1500, True), (499, False), (501, False),
                        (750, False), (0, False)):
        v = verdict(shipment(CS, options={"insurance_eur": str(amount_)}))
        steps = hits(v, "insurance_step", "options.insurance_eur")
        assert (not steps) == ok or amount_ == 0, amount_


def test_options_only_on_signature_services():
    v = verdict(shipment("colissimo-domicile-france", options={"registered": "R1"}))
    [x] = hits(v, "option_not_available", "options.registered")
    assert x.source.startswith("[C 4.3]")
    assert not hits(verdict(shipment(CS, options={"registered": "R1"})), "option_not_available")


def test_registered_excludes_insurance():
    v = verdict(shipment(CS, options={"registered": "R2", "insurance_eur": "500"}))
    assert hits(v, "option_conflict", "options.registered")
    assert not v.admissible


def test_cod_national_only_in_metropolitan_france():
    assert not hits(verdict(shipment(CS, to="COR", options={"cod_eur": "100"})), "cod_territory")
    v = verdict(shipment("colissimo-domicile-outremer-signature", to="GP",
                         options={"cod_eur": "100"}))
    assert hits(v, "cod_territory", "options.cod_eur")


def test_delivengo_is_export_only():
    v = verdict(shipment("delivengo-profil-tracked", to="FR"))
    [x] = hits(v, "destination_not_served", "recipient.country")
    assert "[D 2, 6.1]" in x.source
    assert not hits(verdict(shipment("delivengo-profil-tracked", to="GB")),
                    "destination_not_served")


def test_nm_dimension_limits_from_annexe_table_warn_with_supplement():
    v = verdict(shipment(CS, dims=(1100, 200, 100)))  # longer than 100 cm: NM, still admitted
    assert hits(v, "nm_too_long", "parcel.length_mm")
    [nm] = hits(v, "non_mechanisable")
    assert nm.severity == "warning" and nm.limit == Decimal(25) and v.non_mechanisable
    assert v.vignettes.nm_insurance == 1
    assert not hits(verdict(shipment(CS, dims=(1000, 200, 100))), "nm_too_long")
    v = verdict(shipment(CS, dims=(1501, 200, 100)))  # over the admitted maximum: refused
    assert hits(v, "max_side", "parcel.length_mm") and not v.admissible


def test_roll_is_always_non_mechanisable_and_sphere_refused():
    v = verdict(shipment(CS, dims=(500, 80, 80), options={"shape": "roll"}))
    assert v.admissible and v.non_mechanisable and hits(v, "nm_roll")
    v = verdict(shipment(CS, options={"shape": "sphere"}))
    assert hits(v, "shape_not_admitted") and not v.admissible


def test_novapost_label_valid_14_days():
    created = TODAY - timedelta(days=14)
    s = shipment(NPP, options={"label_created_at": created.isoformat()})
    v = verdict(s)
    assert v.label_expires == TODAY and hits(v, "label_expires") and v.admissible
    s = shipment(NPP, options={"label_created_at": (created - timedelta(days=1)).isoformat()})
    v = verdict(s)
    [x] = hits(v, "label_expired", "label")
    assert x.source == "[N 4.3.4]" and not v.admissible


def test_novapost_cut_off_15h():
    before = verdict(shipment(NPP), today=datetime(2024, 6, 4, 14, 59))
    after = verdict(shipment(NPP), today=datetime(2024, 6, 4, 15, 0))
    assert before.departure.isoformat() == "2024-06-04"
    assert after.departure.isoformat() == "2024-06-05"
    assert before.estimated_delivery.isoformat() == "2024-06-05"  # 1 working day in France
    intl = verdict(shipment(NPP, to="DE"), today=datetime(2024, 6, 4, 10, 0))
    assert intl.estimated_delivery.isoformat() == "2024-06-11"  # 5 working days Mon–Fri


def test_locker_one_parcel_per_label_and_cargo_at_branch():
    v = verdict(shipment(NPP, options={**locker("FR", "FR"), "pieces": 2}))
    assert hits(v, "locker_one_piece", "options.pieces") and not v.admissible
    v = verdict(shipment(NPC, weight_g=40000, dims=(500, 400, 300),
                         options={"novapost_variant": "address-address"}))
    assert hits(v, "variant_not_allowed", "options.novapost_variant")


def test_novapost_required_data_all_reported():
    s = shipment(NPP, options={"novapost_variant": None, "payer": None, "payment_method": None,
                               "pieces": None}, with_customs=False)
    from dataclasses import replace
    s = replace(s, recipient=replace(s.recipient, phone="", email=""))
    v = verdict(s)
    fields = {x.field for x in hits(v, "required")}
    assert {"recipient.phone", "recipient.email", "options.novapost_variant", "options.payer",
            "options.payment_method", "options.pieces", "customs.items"} <= fields
    assert all(x.source == "[N 5]" for x in hits(v, "required"))


@pytest.mark.parametrize("level,cover", [("R1", D(31)), ("R2", D(153)), ("R3", D(458))])
def test_registered_level_counts_the_postage(level, cover):
    """[C 4.3]: the value *including postage* must not exceed the registration level. The
    postage is the contract price: Domicile France with signature ≤ 1 kg, 8.40 € (prices.csv)."""
    postage = D("8.40")
    at = verdict(shipment(CS, options={"registered": level,
                                       "declared_value_eur": str(cover - postage)}))
    assert not hits(at, "registered_value_with_postage")
    over = verdict(shipment(CS, options={"registered": level,
                                         "declared_value_eur": str(cover - postage + D("0.01"))}))
    [v] = hits(over, "registered_value_with_postage", "options.declared_value_eur")
    assert (v.limit, v.actual, v.source, v.severity) == (cover, cover + D("0.01"), "[C 4.3]",
                                                         "warning")
    assert "port compris" in v.describe("fr") and "including postage" in v.describe("en")
    # the value alone at the level used to pass: the postage now tips it over
    assert hits(verdict(shipment(CS, options={"registered": level,
                                              "declared_value_eur": str(cover)})),
                "registered_value_with_postage")


def test_novapost_parcels_are_rectangular():
    """[N 2.1.2 c] parcel and [N 2.1.3 c] cargo "de forme rectangulaire"."""
    for shape, ok in (("box", True), ("envelope", True), ("roll", False),
                      ("irregular", False), ("sphere", False)):
        v = verdict(shipment(NPP, options={"shape": shape}))
        found = hits(v, "shape_not_admitted", "options.shape")
        assert (not found) == ok, shape
        if found:
            assert found[0].source == "[N 2.1.2 c]" and not v.admissible
    v = verdict(shipment(NPC, weight_g=40000, dims=(500, 400, 300),
                         options={"shape": "roll", "novapost_variant": "address-branch",
                                  "division_id": "7"}))
    assert hits(v, "shape_not_admitted")[0].source == "[N 2.1.3 c]"


def test_novapost_address_delivery_up_to_30_kg():
    """[N 4.8.7]: delivery to an address only up to 30 kg (cargo goes to a branch anyway)."""
    ok = verdict(shipment(NPP, weight_g=30000, dims=(300, 200, 100),
                          options={"novapost_variant": "branch-address"}))
    assert not hits(ok, "address_delivery_max_weight")
    over = verdict(shipment(NPC, weight_g=30001, dims=(500, 400, 300),
                            options={"novapost_variant": "branch-address"}))
    [v] = hits(over, "address_delivery_max_weight", "parcel.weight_g")
    assert (v.limit, v.actual, v.source) == (30000, 30001, "[N 4.8.7]")


def test_holding_periods_from_the_terms():
    """Colissimo: 15 consecutive days nationally, 5 to 15 abroad [C 7]; Nova Post: 7 days at
    the branch after a missed address delivery [N 4.8.2]."""
    from desktop.domain.carriers.catalogue import default_catalogue

    cat = default_catalogue()
    home = cat.get("colissimo-domicile-france-signature")
    assert (home.holding_days_min, home.holding_days) == (None, 15)
    assert home.holding_source.startswith("[C 7]")
    abroad = cat.get(EI)
    assert (abroad.holding_days_min, abroad.holding_days) == (5, 15)
    nova = cat.get(NPP)
    assert (nova.holding_days, nova.holding_source[:9]) == (7, "[N 4.8.2]")
    assert cat.get("delivengo-profil-tracked").holding_days is None  # not in the terms
