"""Admission check: every rule a shipment breaks for its service, refusals and warnings apart.

`check_admission` never stops at the first problem: the clerk sees them all, each with the
field, the limit, the actual value and the article it comes from. Limits come from the
catalogue (`services.json`, the carriers' terms) and the contract tables (Annexe 1, vignette
grid, calendar). Carrier-specific rules are in `rules_colissimo` and `rules_novapost`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from desktop.domain import calendar, countries
from desktop.domain.carriers import (
    rules_colissimo,
    rules_novapost,
)
from desktop.domain.carriers.catalogue import Catalogue, Service
from desktop.domain.carriers.contract import Contract
from desktop.domain.carriers.options import amount, shape_of, validate_options
from desktop.domain.carriers.weights import Vignettes, chargeable_weight_g
from desktop.domain.carriers.zones import ZONE_NAMES, zone_of
from desktop.domain.errors import Collector, Violation, unique_violations
from desktop.domain.messages import Text, lower_first
from desktop.domain.shipment import Shipment

# Rules about missing data or the clerk's confirmation, not about the parcel itself: the
# service suggestion ignores them (they are fixed after a service is chosen).
DATA_RULES = frozenset({"required", "contents_unconfirmed", "undeliverable_choice"})


@dataclass(frozen=True)
class Verdict:
    service_id: str
    refusals: list[Violation] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)
    chargeable_weight_g: int | None = None
    vignettes: Vignettes | None = None
    estimated_delivery: date | None = None
    departure: date | None = None
    zone: str = ""
    price_eur: Decimal | None = None
    label_expires: date | None = None
    non_mechanisable: bool = False

    @property
    def admissible(self) -> bool:
        return not self.refusals

    @property
    def violations(self) -> list[Violation]:
        return self.refusals + self.warnings


@dataclass
class Context:
    """What the rule functions share for one check."""

    shipment: Shipment
    service: Service
    contract: Contract
    now: datetime
    zone: str
    chargeable_g: int
    value: Decimal | None  # declared value of the contents
    value_field: str
    c: Collector

    @property
    def options(self):
        return self.shipment.options or {}

    @property
    def parcel(self):
        return self.shipment.parcel


def check_admission(shipment: Shipment, catalogue: Catalogue, contract: Contract, *,
                    today: date | datetime, confirmed_contents: bool = False) -> Verdict:
    """`today` may be a datetime (then the cut-off hour counts) or a date."""
    now = today if isinstance(today, datetime) else datetime.combine(today, time(0, 0))
    c = Collector()
    if not catalogue.has(shipment.service_id):
        c.add("service", "unknown_service", actual=shipment.service_id)
        return Verdict(shipment.service_id, refusals=c.errors)
    service = catalogue.get(shipment.service_id)
    weight = shipment.parcel.weight_g
    if not isinstance(weight, int) or isinstance(weight, bool) or weight <= 0:
        c.add("parcel.weight_g", "positive", limit=0, actual=weight)
        return Verdict(service.id, refusals=c.errors)
    value, value_field = declared_value(shipment)
    ctx = Context(shipment, service, contract, now, zone_of(shipment.recipient),
                  chargeable_weight_g(service, shipment.parcel), value, value_field, c)
    c.extend(validate_options(service, shipment.options))
    _destination(ctx)
    _weight(ctx)
    _dimensions(ctx)
    _value(ctx)
    _required(ctx)
    _contents(ctx, confirmed_contents)
    vignettes, nm, label_expires = None, False, None
    if service.carrier == "colissimo":
        vignettes, nm = rules_colissimo.check(ctx)
    elif service.carrier == "novapost":
        label_expires = rules_novapost.check(ctx)
    departure, delivery = _calendar(ctx)
    price = contract.price(service.id, ctx.zone, ctx.chargeable_g)
    if price and service.carrier == "colissimo":  # the fuel adjustment (CAP) is Colissimo's
        price = (contract.with_fuel_adjustment(price[0]), price[1])
    return Verdict(service.id, refusals=unique_violations(c.errors),
                   warnings=unique_violations([v for v in c.violations if v.severity == "warning"]),
                   chargeable_weight_g=ctx.chargeable_g, vignettes=vignettes,
                   estimated_delivery=delivery, departure=departure, zone=ctx.zone,
                   price_eur=price[0] if price else None, label_expires=label_expires,
                   non_mechanisable=nm)


def declared_value(shipment: Shipment) -> tuple[Decimal | None, str]:
    """The contents' value: `options.declared_value_eur`, else the customs total."""
    explicit = amount((shipment.options or {}).get("declared_value_eur"))
    if explicit is not None:
        return explicit, "options.declared_value_eur"
    if shipment.customs is not None and shipment.customs.items:
        return shipment.customs.total_value, "customs.total_value"
    return None, "options.declared_value_eur"


def _destination(ctx: Context) -> None:
    s = ctx.service
    if s.destinations and ctx.zone not in s.destinations:
        country = ctx.shipment.recipient.country

        def zones(lang: str, codes) -> str:
            return ", ".join(ZONE_NAMES[z].fr if lang == "fr" else ZONE_NAMES[z].en
                             if z in ZONE_NAMES else z for z in codes)

        ctx.c.add("recipient.country", "destination_not_served",
                  limit=Text(zones("fr", s.destinations), zones("en", s.destinations)),
                  actual=Text(f"{country_name(country, 'fr')} ({zones('fr', [ctx.zone])})",
                              f"{country_name(country, 'en')} ({zones('en', [ctx.zone])})"),
                  source=s.destinations_source or s.source)


def country_name(code: str, lang: str) -> str:
    known = countries.get(code)
    return known.name(lang) if known else code


def _strictest(candidates, actual):
    """The lowest of the limits `actual` exceeds, as (limit, source), or None."""
    exceeded = [x for x in candidates if x is not None and actual > x[0]]
    return min(exceeded, key=lambda x: x[0]) if exceeded else None


def _as_pair(lim):
    return (lim.value, lim.source) if lim else None


def _weight(ctx: Context) -> None:
    s, weight = ctx.service, ctx.parcel.weight_g
    country = (ctx.shipment.recipient.country or "").upper()
    hit = _strictest([_as_pair(s.limit("max_weight_g")),
                      ctx.contract.max_weight_g(s.id, ctx.zone, country)], weight)
    if hit:
        ctx.c.add("parcel.weight_g", "max_weight", limit=hit[0], actual=weight, source=hit[1])
    lim = s.limit("max_chargeable_weight_g")
    if lim and ctx.chargeable_g > lim.value:
        ctx.c.add("parcel.chargeable_weight_g", "max_chargeable_weight", limit=lim.value,
                  actual=ctx.chargeable_g, source=lim.source)
    lim = s.limit("min_chargeable_weight_g")
    if lim and ctx.chargeable_g < lim.value:
        ctx.c.add("parcel.chargeable_weight_g", "min_chargeable_weight", limit=lim.value,
                  actual=ctx.chargeable_g, source=lim.source)


def _dimensions(ctx: Context) -> None:
    s, dims = ctx.service, ctx.parcel.dimensions_mm
    rules = ("max_length_mm", "max_width_mm", "max_height_mm", "max_other_side_mm", "max_sum_mm")
    has_limits = any(s.limit(r) or ctx.contract.dimension(s.id, r) for r in rules)
    if dims is None:
        if has_limits and "parcel.dimensions" not in s.required:
            ctx.c.add("parcel.length_mm", "dimensions_unknown", source=s.source,
                      severity="warning")
        return
    if s.carrier == "colissimo" and shape_of(ctx.options) == "roll":
        return  # rolls have their own limits [C 5.1.2]
    length, width, height = dims
    checks = [("max_length_mm", length, "parcel.length_mm", "max_side"),
              ("max_width_mm", width, "parcel.width_mm", "max_side"),
              ("max_height_mm", height, "parcel.height_mm", "max_side"),
              ("max_other_side_mm", width, "parcel.width_mm", "max_side"),
              ("max_sum_mm", length + width + height, "parcel.sum_of_sides_mm", "max_sum_of_sides")]
    for rule, actual, field_, rule_id in checks:
        hit = _strictest([_as_pair(s.limit(rule)), ctx.contract.dimension(s.id, rule)], actual)
        if hit:
            ctx.c.add(field_, rule_id, limit=hit[0], actual=actual, source=hit[1])


def _value(ctx: Context) -> None:
    lim = ctx.service.limit("max_value_eur")
    if lim and ctx.value is not None and ctx.value > lim.value:
        ctx.c.add(ctx.value_field, "max_value_eur", limit=lim.value, actual=ctx.value,
                  source=lim.source)


def _required(ctx: Context) -> None:
    s, sh = ctx.service, ctx.shipment
    for path in s.required:
        head, _, name = path.partition(".")
        if head in ("sender", "recipient"):
            if not str(getattr(getattr(sh, head), name, "") or "").strip():
                ctx.c.add(path, "required", source=s.required_source)
        elif head == "options":
            if ctx.options.get(name) in (None, ""):
                ctx.c.add(path, "required", source=s.required_source)
        elif path == "parcel.dimensions":
            if ctx.parcel.dimensions_mm is None:
                ctx.c.add("parcel.length_mm", "required", source=s.required_source)
        elif path == "customs.hs_code":
            if sh.customs is None or not sh.customs.items:
                ctx.c.add("customs.items", "required", source=s.required_source)
            else:
                for i, item in enumerate(sh.customs.items):
                    if not item.hs_code.strip():
                        ctx.c.add(f"customs.items[{i}].hs_code", "required",
                                  source=s.required_source)


def _contents(ctx: Context, confirmed: bool) -> None:
    s = ctx.service
    flags = ctx.options.get("contents_flags") or []
    by_id = {p.id: p for p in s.prohibited}
    for flag in flags if isinstance(flags, list) else []:
        category = by_id.get(flag)
        if category is None:
            continue
        if not category.conditional:
            ctx.c.add("options.contents_flags", "prohibited_contents", actual=category.short(),
                      source=category.source)
        elif s.carrier == "colissimo":
            rules_colissimo.conditional_contents(ctx, category)
    if s.prohibited and not confirmed and ctx.options.get("contents_confirmed") is not True:
        ctx.c.add("options.contents_confirmed", "contents_unconfirmed",
                  limit=prohibited_names(s.prohibited),
                  source=", ".join(sorted({p.source for p in s.prohibited})))


def prohibited_names(categories) -> Text:
    """The carrier's prohibited contents as the clerk reads them, in both languages: each
    category's name without its parenthesised detail ("Marchandises dangereuses, piles ou
    batteries au lithium…"); the full texts are on the counter's checklist."""
    def names(lang: str) -> str:
        short = [c.short().fr if lang == "fr" else c.short().en for c in categories]
        return ", ".join([short[0], *(lower_first(n) for n in short[1:])]) if short else ""
    return Text(names("fr"), names("en"))


def _calendar(ctx: Context) -> tuple[date | None, date | None]:
    row = ctx.contract.calendar(ctx.service.id, ctx.zone)
    if row is None:
        return None, None
    departure = calendar.departure_date(ctx.now, row["cutoff"], ctx.service.workdays)
    delivery = calendar.add_working_days(departure, row["transit_days"], ctx.service.workdays)
    return departure, delivery


