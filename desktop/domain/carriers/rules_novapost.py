"""Nova Post-specific admission rules: delivery variants [N 2.2], lockers [N 4.9],
pick-up points [N 4.7.8], address delivery [N 4.8.7], rectangular shape [N 2.1.2 c, 2.1.3 c],
bundles [N 4.3.9], identity [N 4.7.5, 4.6.5] and the 14-day label validity [N 4.3.4].
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from desktop.domain.carriers.options import as_date, shape_of

# Locker boxes: (max weight g, box sides mm sorted, max value €, source).
LOCKERS = {
    "FR": (25_000, (640, 410, 380), Decimal(10_000), "[N 4.9.2]"),
    "UA": (20_000, (600, 400, 300), Decimal(10_000), "[N 4.9.1]"),
}
PICKUP_MAX_WEIGHT_G = 10_000  # [N 4.7.8]
PICKUP_MAX_SIDE_MM = 600  # [N 4.7.8]
PICKUP_VALUE_BELOW = Decimal(10_000)  # [N 4.7.8] strictly under 10 000 €
BUNDLE_MAX_WEIGHT_G = 10_000  # [N 4.3.9] textiles only, ≤ 10 kg
BUNDLE_MIN_LAYERS = 5  # [N 4.3.9] at least five layers of film
IDENTITY_FROM_EUR = Decimal(6_000)  # [N 4.7.5] value ≥ 6 000 €: ID + SMS code
LABEL_VALIDITY_DAYS = 14  # [N 4.3.4] default when the catalogue has none
ADDRESS_DELIVERY_MAX_G = 30_000  # [N 4.8.7] delivery to an address only up to 30 kg
# Parcels and cargo are "de forme rectangulaire" [N 2.1.2 c, 2.1.3 c]; documents travel in a
# cardboard envelope or packet [N 2.1.1 c]. A box or a flat envelope is rectangular.
RECTANGULAR_SHAPES = ("box", "envelope")
SHAPE_SOURCES = {"novapost-parcel": "[N 2.1.2 c]", "novapost-cargo": "[N 2.1.3 c]",
                 "novapost-documents": "[N 2.1.1 c]"}


# The kinds of division (desktop.domain.connectors.PickupPoint.kind) each destination of a
# delivery variant is handed to [N 2.2, 4.7.8, 4.9]; a cargo branch takes cargo [N 2.1.3].
DIVISION_KINDS = {"branch": ("branch", "cargo_branch"), "locker": ("locker",),
                  "pickup": ("pickup_point",)}


def division_kinds(service, options) -> tuple[str, ...]:
    """The division kinds the recipient's side needs (a number is then required [N 5.3]),
    or () when the parcel goes to an address. A service delivered only at a branch needs
    one before its variant is chosen."""
    if "division_id" not in getattr(service, "options", ()):
        return ()
    destination = str(options.get("novapost_variant") or "").partition("-")[2]
    if not destination and getattr(service, "delivery_at_branch", False):
        destination = "branch"
    return DIVISION_KINDS.get(destination, ())


def check(ctx) -> date | None:
    """Adds Nova Post refusals/warnings to ctx.c; returns the label's expiry date."""
    variant = str(ctx.options.get("novapost_variant") or "")
    if variant:
        _variant(ctx, variant)
    _shape(ctx)
    _bundle(ctx, variant)
    _identity(ctx)
    _mobile(ctx)
    return _label_validity(ctx)


def _variant(ctx, variant: str) -> None:
    origin, _, destination = variant.partition("-")
    s, c, o = ctx.service, ctx.c, ctx.options
    if s.delivery_at_branch and destination != "branch":
        c.add("options.novapost_variant", "variant_not_allowed", limit="*-branch", actual=variant,
              source=s.delivery_at_branch_source)
    if destination in ("branch", "locker", "pickup") and not o.get("division_id"):
        c.add("options.division_id", "required", source="[N 5.3]")
    if destination == "address" and ctx.parcel.weight_g > ADDRESS_DELIVERY_MAX_G:
        c.add("parcel.weight_g", "address_delivery_max_weight", limit=ADDRESS_DELIVERY_MAX_G,
              actual=ctx.parcel.weight_g, source="[N 4.8.7]")
    if destination == "locker":
        _locker(ctx)
    if destination == "pickup":
        _pickup(ctx)


def _shape(ctx) -> None:
    shape = shape_of(ctx.options)
    if shape not in RECTANGULAR_SHAPES:
        ctx.c.add("options.shape", "shape_not_admitted", limit="rectangulaire / rectangular",
                  actual=shape, source=SHAPE_SOURCES.get(ctx.service.id, "[N 2.1.2 c]"))


def _locker(ctx) -> None:
    c, o = ctx.c, ctx.options
    country = str(o.get("locker_country") or ctx.shipment.recipient.country or "").upper()
    if country not in LOCKERS:
        c.add("options.locker_country", "locker_country", limit="FR, UA", actual=country,
              source="[N 4.9]")
        return
    pieces = o.get("pieces")
    if isinstance(pieces, int) and pieces > 1:
        c.add("options.pieces", "locker_one_piece", limit=1, actual=pieces, source="[N 4.9.4]")
    max_g, box, max_value, source = LOCKERS[country]
    source = f"{source}, [N 4.9.3]"

    def fallback(field_, limit, actual):  # not a refusal: goes to the nearest branch [N 4.9.3]
        c.add(field_, "locker_fallback", limit=limit, actual=actual, source=source,
              severity="warning")

    if ctx.parcel.weight_g > max_g:
        fallback("parcel.weight_g", max_g, ctx.parcel.weight_g)
    dims = ctx.parcel.dimensions_mm
    for field_, actual, limit in zip(("parcel.length_mm", "parcel.width_mm", "parcel.height_mm"),
                                     dims or (), box, strict=False):
        if actual > limit:
            fallback(field_, limit, actual)
    if ctx.value is not None and ctx.value > max_value:
        fallback(ctx.value_field, max_value, ctx.value)


def _pickup(ctx) -> None:
    c = ctx.c
    if ctx.parcel.weight_g > PICKUP_MAX_WEIGHT_G:
        c.add("parcel.weight_g", "pickup_limit", limit=PICKUP_MAX_WEIGHT_G,
              actual=ctx.parcel.weight_g, source="[N 4.7.8]")
    dims = ctx.parcel.dimensions_mm
    if dims and dims[0] > PICKUP_MAX_SIDE_MM:
        c.add("parcel.length_mm", "pickup_limit", limit=PICKUP_MAX_SIDE_MM,
              actual=dims[0], source="[N 4.7.8]")
    if ctx.value is not None and ctx.value >= PICKUP_VALUE_BELOW:
        c.add(ctx.value_field, "pickup_limit_value", limit=PICKUP_VALUE_BELOW,
              actual=ctx.value, source="[N 4.7.8]")


def _bundle(ctx, variant: str) -> None:
    o = ctx.options
    if o.get("bundle") is not True:
        return
    missing = []
    if o.get("bundle_textiles") is not True:
        missing.append("textiles")
    if ctx.parcel.weight_g > BUNDLE_MAX_WEIGHT_G:
        missing.append(f"≤ {BUNDLE_MAX_WEIGHT_G} g")
    layers = o.get("bundle_layers")
    if not isinstance(layers, int) or layers < BUNDLE_MIN_LAYERS:
        missing.append(f"≥ {BUNDLE_MIN_LAYERS} couches/layers")
    if not variant.startswith("branch-"):
        missing.append("branch-*")
    if missing:
        ctx.c.add("options.bundle", "bundle_not_admitted", limit=", ".join(missing), actual=True,
                  source="[N 4.3.9]")


def _identity(ctx) -> None:
    if ctx.value is not None and ctx.value >= IDENTITY_FROM_EUR:
        ctx.c.add(ctx.value_field, "identity_check", limit=IDENTITY_FROM_EUR, actual=ctx.value,
                  source="[N 4.7.5]", severity="warning")
    if ctx.options.get("adult_only") is True:
        ctx.c.add("options.adult_only", "adult_id", source="[N 4.6.5]", severity="warning")


def _mobile(ctx) -> None:
    """Nova Post texts the recipient (delivery date, pick-up and locker codes) [N 4.7.2,
    4.8.1, 4.9.5]: a landline number means the recipient never gets the code."""
    from desktop.domain.phones import parse_phone

    recipient = ctx.shipment.recipient
    if not recipient.phone:
        return
    phone = parse_phone(recipient.phone, recipient.country or "UA")
    if phone.valid and phone.kind == "landline":
        ctx.c.add("recipient.phone", "sms_needs_mobile", actual=recipient.phone,
                  source="[N 4.7.2, 4.8.1]", severity="warning")


def label_expiry(created: date, days: int = LABEL_VALIDITY_DAYS) -> date:
    """Last day the label is valid: `days` days after its creation [N 4.3.4]."""
    return created + timedelta(days=days)


def _label_validity(ctx) -> date:
    sh = ctx.shipment
    created = as_date(ctx.options.get("label_created_at")) or \
        (sh.created_at.date() if sh.created_at else ctx.now.date())
    days = ctx.service.label_validity_days or LABEL_VALIDITY_DAYS
    source = ctx.service.label_validity_source or "[N 4.3.4]"
    expires = label_expiry(created, days)
    if ctx.now.date() > expires:
        ctx.c.add("label", "label_expired", limit=expires.isoformat(), actual=created.isoformat(),
                  source=source)
    else:
        ctx.c.add("label", "label_expires", limit=expires.isoformat(), actual=created.isoformat(),
                  source=source, severity="warning")
    return expires
