"""Colissimo-specific admission rules: options [C 4.3], shapes and rolls [C 5.1, 5.2],
non-mechanisable parcels [C 5.1.2, 9], vignettes [C 5.3, 6], conditional contents [C 5.4].
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.carriers.options import REGISTERED_LEVELS, amount, shape_of
from desktop.domain.carriers.weights import (
    Vignettes,
    deposit_check,
    nm_reasons,
    postage_vignettes,
    roll_measures,
)
from desktop.domain.carriers.zones import is_corsica, is_metropolitan
from desktop.domain.claims import standard_cap
from desktop.domain.messages import Text

INSURANCE_STEP = Decimal(500)  # [C 4.3] steps of 500 €
INSURANCE_MAX = Decimal(1500)  # [C 4.3] at most 1 500 € (3 vignettes)
COD_MAX = Decimal(1500)  # [C 4.3]
COD_NOTICE_ABOVE = Decimal(800)  # [C 7] above 800 € never left at the door
NM_SUPPLEMENT_DEFAULT = Decimal(25)  # [C 9] € excl. VAT; the contract table may override


def check(ctx) -> tuple[Vignettes | None, bool]:
    """Adds Colissimo refusals/warnings to ctx.c; returns (vignettes, non-mechanisable)."""
    _shape(ctx)
    _options(ctx)
    nm = _non_mechanisable(ctx)
    return _vignettes(ctx, nm), bool(nm)


def _shape(ctx) -> None:
    shape = shape_of(ctx.options)
    if shape == "sphere":
        ctx.c.add("options.shape", "shape_not_admitted", actual="sphere", source="[C 5.2]")
    if ctx.options.get("bundle") is True:
        ctx.c.add("options.bundle", "bundle_not_admitted", limit="mono-colis",
                  actual=True, source="[C 5.2]")
    if shape != "roll":
        return
    measures = roll_measures(ctx.parcel)
    if measures is None:
        ctx.c.add("parcel.length_mm", "required", source="[C 5.1.2]")
        return
    length, diameter = measures
    contract, sid = ctx.contract, ctx.service.id
    row = contract.dimension(sid, "roll_min_length_mm")
    if row and length < row[0]:
        ctx.c.add("parcel.length_mm", "roll_min_length", limit=row[0], actual=length, source=row[1])
    row = contract.dimension(sid, "roll_min_diameter_mm")
    if row and diameter < row[0]:
        ctx.c.add("parcel.width_mm", "roll_min_diameter", limit=row[0], actual=diameter,
                  source=row[1])
    total = length + 2 * diameter
    low = contract.dimension(sid, "roll_min_length_plus_2d_mm")
    high = contract.dimension(sid, "roll_max_length_plus_2d_mm")
    if low and high and not low[0] <= total <= high[0]:
        ctx.c.add("parcel.length_plus_2_diameters_mm", "roll_length_plus_2d",
                  limit=f"{low[0]}–{high[0]}", actual=total, source=low[1])


def _options(ctx) -> None:
    o, s, c = ctx.options, ctx.service, ctx.c
    level = o.get("registered")
    insurance = amount(o.get("insurance_eur")) if o.get("insurance_eur") else None
    cod = amount(o.get("cod_eur")) if o.get("cod_eur") else None
    if level and insurance:  # registered excludes insurance and standard indemnity [C 4.3]
        c.add("options.registered", "option_conflict", limit="insurance_eur", actual="registered",
              source="[C 4.3, 8.1]")
    if insurance is not None and s.allows("insurance_eur"):
        if insurance > INSURANCE_MAX:
            c.add("options.insurance_eur", "max_value", limit=INSURANCE_MAX, actual=insurance,
                  source="[C 4.3]")
        elif insurance <= 0 or insurance % INSURANCE_STEP:
            c.add("options.insurance_eur", "insurance_step", limit=INSURANCE_STEP,
                  actual=insurance, source="[C 4.3]")
    if cod is not None and s.allows("cod_eur"):
        if cod > COD_MAX:
            c.add("options.cod_eur", "max_value", limit=COD_MAX, actual=cod, source="[C 4.3]")
        if s.id.startswith("colissimo-domicile") and not is_metropolitan(ctx.shipment.recipient):
            c.add("options.cod_eur", "cod_territory", limit="FR métropole",
                  actual=f"{ctx.shipment.recipient.country} {ctx.shipment.recipient.postcode}",
                  source="[C 4.3]")
        elif s.id == "colissimo-expert-international":
            c.add("options.cod_eur", "cod_international", source="[C 4.3]", severity="warning")
        if cod > COD_NOTICE_ABOVE:
            c.add("options.cod_eur", "cod_notice", limit=COD_NOTICE_ABOVE, actual=cod,
                  source="[C 7]", severity="warning")
    if o.get("advice_of_delivery") is True and s.allows("advice_of_delivery"):
        c.add("options.advice_of_delivery", "cn07_required", source="[C 4.3, 5.3]",
              severity="warning")
    if s.allows("undeliverable") and not o.get("undeliverable"):
        c.add("options.undeliverable", "undeliverable_choice", source="[C 7]", severity="warning")
    _cover(ctx, level, insurance)


def _cover(ctx, level, insurance) -> None:
    """The sender must keep the value within the cover chosen [C 4.3, 8.1]."""
    if ctx.value is None:
        return
    if level in REGISTERED_LEVELS:
        _registered_cover(ctx, REGISTERED_LEVELS[level])
        return
    if insurance:
        cover, source = insurance, "[C 4.3]"
    else:
        cover, source = standard_cap(ctx.service, ctx.parcel.weight_g), "[C 8.1]"
    if cover is not None and ctx.value > cover:
        ctx.c.add(ctx.value_field, "value_exceeds_cover", limit=cover, actual=ctx.value,
                  source=source, severity="warning")


def _registered_cover(ctx, level_eur: Decimal) -> None:
    """Registered: the value *including postage* must stay within the level [C 4.3]. The
    postage is the contract price of the parcel (excl. VAT, prices.csv); without a price the
    value alone is compared."""
    price = ctx.contract.price(ctx.service.id, ctx.zone, ctx.chargeable_g)
    postage = price[0] if price else Decimal(0)
    total = ctx.value + postage
    if total > level_eur:
        rule = "registered_value_with_postage" if postage else "value_exceeds_cover"
        ctx.c.add(ctx.value_field, rule, limit=level_eur, actual=total, source="[C 4.3]",
                  severity="warning")


def _non_mechanisable(ctx) -> list:
    reasons = nm_reasons(ctx.service.id, ctx.parcel, shape_of(ctx.options),
                         ctx.options.get("non_mechanisable") is True, ctx.contract)
    if reasons:
        for v in reasons:
            ctx.c.violations.append(v)
        supplement = ctx.contract.parameter("nm_supplement_eur", NM_SUPPLEMENT_DEFAULT)
        ctx.c.add("parcel", "non_mechanisable", limit=supplement, actual=len(reasons),
                  source="[C 5.1.2, 9]", severity="warning")
    return reasons


def _vignettes(ctx, nm) -> Vignettes | None:
    weight = ctx.parcel.weight_g
    grid = postage_vignettes(weight, ctx.zone, ctx.contract)
    if grid is None:
        top = max((g[0] for g in ctx.contract.vignette_grid(ctx.zone)), default=0)
        ctx.c.add("parcel.weight_g", "vignette_grid", limit=top, actual=weight,
                  source="[C 5.3, 6]")
        return None
    count, covered, source = grid
    applied = ctx.options.get("vignettes_applied")
    if isinstance(applied, int) and not isinstance(applied, bool):
        problem = deposit_check(weight, applied, ctx.zone, ctx.contract)
        if problem:
            ctx.c.violations.append(problem)
    o = ctx.options
    insurance = amount(o.get("insurance_eur")) if o.get("insurance_eur") else None
    steps = int(insurance // INSURANCE_STEP) if insurance and insurance > 0 else 0
    extra = []
    if o.get("registered") in REGISTERED_LEVELS:
        extra.append(o["registered"])
    if o.get("advice_of_delivery") is True:
        extra.append("AR")
    if o.get("cod_eur"):
        extra.append("CRBT")
    return Vignettes(count, covered, (1 if nm else 0) + min(steps, 3), tuple(extra), source)


def conditional_contents(ctx, category) -> None:
    """Jewellery only registered on Domicile France with signature, within the R level;
    weapons only to mainland France, Corsica excluded [C 5.4]."""
    recipient = ctx.shipment.recipient
    if category.id == "jewellery":
        level = ctx.options.get("registered")
        ok = ctx.service.id == "colissimo-domicile-france-signature" and level in REGISTERED_LEVELS
        if ok and ctx.value is not None and ctx.value > REGISTERED_LEVELS[level]:
            ok = False
        if not ok:
            ctx.c.add("options.contents_flags", "contents_condition",
                      limit=Text("recommandé R1–R3 sur Domicile France avec signature, "
                                 "valeur ≤ taux", "registered R1–R3 on Domicile France with "
                                 "signature, value ≤ level"),
                      actual=category.short(), source=category.source)
    elif category.id == "weapons":
        if not is_metropolitan(recipient) or is_corsica(recipient):
            ctx.c.add("options.contents_flags", "contents_condition",
                      limit=Text("France métropolitaine hors Corse",
                                 "mainland France, Corsica excluded"), actual=category.short(),
                      source=category.source)
