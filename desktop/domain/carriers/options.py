"""Shipment options (`Shipment.options`, a plain dict): keys, types and per-service checks.

The shipment file passes `options` through as-is; `validate_options(service, options)`
checks the shape of each value and that the service offers it. Combination rules
(registered vs insurance, COD zones …) are in `admission.py`. Keys:

| key | type | meaning | source |
|---|---|---|---|
| `registered` | "R1"/"R2"/"R3" | Colissimo registration level (31/153/458 €) | [C 4.3] |
| `insurance_eur` | amount | ad valorem insurance, 500 € steps, ≤ 1 500 € | [C 4.3] |
| `cod_eur` | amount | cash on delivery (Colissimo ≤ 1 500 €; Nova Post) | [C 4.3], [N 11.3] |
| `advice_of_delivery` | bool | AR vignette + CN07 form | [C 4.3, 5.3] |
| `undeliverable` | "abandon"/"return" | Expert International: what to do if undeliverable | [C 7] |
| `declared_value_eur` | amount | value of the contents (defaults to the customs total) | [N 10.1], [C 4.3] |
| `novapost_variant` | see VARIANTS | Nova Post delivery variant | [N 2.2], [N 4.7.8] |
| `division_id` | text | Nova Post branch / locker / pick-up point number | [N 5.3] |
| `locker_country` | "FR"/"UA" | country of the destination locker | [N 4.9] |
| `payer` | "sender"/"recipient"/"third_party" | who pays Nova Post | [N 5.5] |
| `payment_method` | "cash"/"non_cash" | Nova Post payment method | [N 5.6] |
| `pieces` | int ≥ 1 | number of pieces | [N 5.4] |
| `sms`, `packaging` | bool | Nova Post extra services | [N 7, 8] |
| `adult_only` | bool | contents for adults only (ID at delivery) | [N 4.6.5] |
| `bundle` | bool | film-wrapped / strapped group of parcels | [C 5.2], [N 4.3.9] |
| `bundle_textiles` | bool | the bundle holds textiles only | [N 4.3.9] |
| `bundle_layers` | int | layers of stretch film around the bundle | [N 4.3.9] |
| `shape` | "box"/"envelope"/"roll"/"irregular"/"sphere" | packaging shape (`roll: true` is an alias) | [C 5.1, 5.2], [N 2.1.2 c] |
| `non_mechanisable` | bool | clerk flags an NM reason (loose packaging, overhang …) | [C 5.1.2] |
| `contents_flags` | list of category ids | declared contents (checked against the carrier's prohibited list) | [C 5.4], [N 9] |
| `contents_confirmed` | bool | the clerk confirmed the prohibited-contents checklist | [C 5.4], [N 9] |
| `vignettes_applied` | int | postage vignettes stuck on the parcel (deposit check) | [C 6] |
| `label_created_at` | ISO date | when the Nova Post label was created (default: shipment creation) | [N 4.3.4] |
| `signature` | bool | informative: implied by the service id | [C 4.3] |

Keys valid for every service: shape, roll, non_mechanisable, contents_flags, contents_confirmed,
vignettes_applied, label_created_at, signature, declared_value_eur.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop.domain.errors import Violation
from desktop.domain.input_rules import parse_amount
from desktop.domain.messages import Text

VARIANTS = ("address-address", "address-branch", "address-locker", "branch-branch",
            "branch-address", "branch-locker", "address-pickup", "branch-pickup")  # [N 2.2, 4.7.8]
REGISTERED_LEVELS = {"R1": Decimal(31), "R2": Decimal(153), "R3": Decimal(458)}  # [C 4.3]
SHAPES = ("box", "envelope", "roll", "irregular", "sphere")
_CHOICES = {
    "registered": tuple(REGISTERED_LEVELS), "undeliverable": ("abandon", "return"),
    "novapost_variant": VARIANTS, "locker_country": ("FR", "UA"),
    "payer": ("sender", "recipient", "third_party"), "payment_method": ("cash", "non_cash"),
    "shape": SHAPES,
}
_AMOUNTS = ("insurance_eur", "cod_eur", "declared_value_eur")
_BOOLS = ("advice_of_delivery", "sms", "packaging", "adult_only", "bundle", "bundle_textiles",
          "non_mechanisable", "contents_confirmed", "signature", "roll")
_INTS = {"pieces": 1, "bundle_layers": 0, "vignettes_applied": 0}  # minimum values
COMMON_KEYS = frozenset({"shape", "roll", "non_mechanisable", "contents_flags",
                         "contents_confirmed", "vignettes_applied", "label_created_at",
                         "signature", "declared_value_eur"})
OPTION_KEYS = frozenset(_CHOICES) | frozenset(_AMOUNTS) | frozenset(_BOOLS) | frozenset(_INTS) \
    | {"division_id", "contents_flags", "label_created_at"}


def validate_options(service, options) -> list[Violation]:
    """Shape of each option and whether `service` offers it; never raises."""
    out: list[Violation] = []
    for key, value in (options or {}).items():
        path = f"options.{key}"
        if key not in OPTION_KEYS:
            out.append(Violation(path, "unknown_key", limit=", ".join(sorted(OPTION_KEYS)),
                                 actual=key))
            continue
        if value is None or value is False:
            continue  # an option switched off is always fine
        if key not in COMMON_KEYS and not service.allows(key):
            out.append(Violation(path, "option_not_available",
                                 limit=Text(service.name("fr"), service.name("en")), actual=key,
                                 source=service.options_source or service.source))
            continue
        problem = option_problem(key, value)
        if problem:
            out.append(Violation(path, *problem))
    return out


def option_problem(key: str, value) -> tuple | None:
    if key in _CHOICES:
        if value not in _CHOICES[key]:
            return ("choice", " | ".join(_CHOICES[key]), value)
    elif key in _AMOUNTS:
        parsed, problem = parse_amount("", value)
        if problem:
            return (problem.rule, problem.limit, problem.actual)
        if parsed < 0:
            return ("min_value", 0, value)
    elif key in _BOOLS:
        if not isinstance(value, bool):
            return ("wrong_type", "true/false", type(value).__name__)
    elif key in _INTS:
        if not isinstance(value, int) or isinstance(value, bool):
            return ("not_a_number", None, value)
        if value < _INTS[key]:
            return ("min_value", _INTS[key], value)
    elif key == "contents_flags":
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            return ("wrong_type", "list of category ids", type(value).__name__)
    elif key == "label_created_at":
        if as_date(value) is None:
            return ("wrong_type", "YYYY-MM-DD", value)
    elif key == "division_id":
        if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
            return ("wrong_type", "text", value)
    return None


def amount(value) -> Decimal | None:
    """An option amount as Decimal ('12,50', '12.50', 12); floats are refused."""
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    return parse_amount("", value)[0]  # bounded, no exponent ("1e999999" is not money)


def as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def shape_of(options) -> str:
    if (options or {}).get("roll") is True:
        return "roll"
    shape = (options or {}).get("shape", "box")
    return shape if shape in SHAPES else "box"


@dataclass(frozen=True)
class OptionState:
    """What the options panel may offer for one key, given the others (GUI helper)."""

    key: str
    enabled: bool
    choices: tuple = ()
    reason: Violation | None = None


def option_states(service, options) -> dict[str, OptionState]:
    """For each option of `service`: enabled or not (with the conflicting rule), and choices.

    Registration, insurance and standard indemnity exclude each other [C 4.3, 8.1].
    """
    options = options or {}
    states: dict[str, OptionState] = {}
    for key in service.options:
        choices = _CHOICES.get(key, ())
        if key == "insurance_eur":
            choices = ("500", "1000", "1500")  # 500 € steps up to 1 500 € [C 4.3]
        reason = None
        if key == "registered" and options.get("insurance_eur"):
            reason = Violation("options.registered", "option_conflict", limit="insurance_eur",
                               actual="registered", source="[C 4.3]")
        if key == "insurance_eur" and options.get("registered"):
            reason = Violation("options.insurance_eur", "option_conflict", limit="registered",
                               actual="insurance_eur", source="[C 4.3]")
        if key == "locker_country" and "locker" not in str(options.get("novapost_variant", "")):
            reason = Violation("options.locker_country", "option_conflict",
                               limit=Text("Variante de livraison → consigne",
                                          "Delivery variant → locker"), actual="locker_country",
                               source="[N 4.9]")
        states[key] = OptionState(key, reason is None, choices, reason)
    return states
