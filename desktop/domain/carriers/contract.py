"""Contract tables: the figures the terms leave to the contract (Annexe 1, price lists).

Each table is a CSV file with a header; `parse_table` checks every row (columns present,
known service ids, whole numbers ≥ 0, a source on every row) and refuses the *whole table* at
the first bad row set, so a half-valid table never replaces a good one. File reading and the
fall-back to the previous good table are in `desktop.services.contract_tables`.

| file | columns | used for |
|---|---|---|
| weight_limits.csv | service_id, destination (ISO country, zone or *), max_weight_g, source | [C 1] Annexe 1 |
| dimension_limits.csv | service_id (or prefix-*), rule, limit_mm, source | [C 5.1] Annexe 1, rolls |
| vignettes.csv | zone, max_weight_g, vignettes, source | [C 5.3, 6] postage vignettes |
| calendar.csv | service_id, zone (or *), cutoff (HH:MM), transit_days, source | [C 4.2.1], [N 4.3.10, 4.6.1] |
| prices.csv | service_id, zone (or *), max_weight_g, price_eur, source | [C 9] |
| parameters.csv | key, value, source | fuel coefficient (CAP), NM supplement [C 9]; range low-water mark |
"""

from __future__ import annotations

import csv
import fnmatch
import io
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal

from desktop.domain.carriers.catalogue import SERVICE_IDS, ZONES, LoadProblem
from desktop.domain.input_rules import MAX_AMOUNT, MAX_INT_DIGITS, parse_amount
from desktop.domain.tracking import RANGE_LOW_WATER

DIMENSION_RULES = ("mech_min_length_mm", "mech_min_width_mm", "mech_min_height_mm",
                   "mech_max_length_mm", "mech_max_sum_mm", "max_length_mm", "max_sum_mm",
                   "roll_min_length_mm", "roll_min_diameter_mm", "roll_min_length_plus_2d_mm",
                   "roll_max_length_plus_2d_mm")
PARAMETER_KEYS = ("fuel_coefficient", "nm_supplement_eur", "range_low_water")
# Keys an older version knew and that nothing uses any more: still read (an override table
# that has them is not refused), never used. `vat_rate`: every price is shown excl. VAT.
RETIRED_PARAMETER_KEYS = ("vat_rate",)


def _service(v: str) -> str:
    if v in SERVICE_IDS:
        return v
    if "*" in v and fnmatch.filter(SERVICE_IDS, v):
        return v
    raise ValueError(f"unknown service id '{v}'")


def _destination(v: str) -> str:
    if v == "*" or v in ZONES or (len(v) == 2 and v.isalpha() and v.isupper()):
        return v
    raise ValueError(f"destination must be *, a zone {ZONES} or an ISO country code, not '{v}'")


def _one_of(allowed: tuple[str, ...], what: str, *, list_them: bool = False):
    """A column check that accepts only the values in `allowed`."""
    def check(v: str) -> str:
        if v in allowed:
            return v
        hint = f" (expected one of {', '.join(allowed)})" if list_them else ""
        raise ValueError(f"unknown {what} '{v}'{hint}")
    return check


_zone = _one_of(ZONES, "zone", list_them=True)
_dimension_rule = _one_of(DIMENSION_RULES, "dimension rule")
_parameter = _one_of(PARAMETER_KEYS + RETIRED_PARAMETER_KEYS, "parameter")


def _zone_or_any(v: str) -> str:
    return v if v == "*" else _zone(v)


def _count(v: str) -> int:
    if len(v) > MAX_INT_DIGITS or not v.lstrip("-").isdigit():  # checked before int()
        raise ValueError(f"'{v[:20]}' is not a whole number of at most {MAX_INT_DIGITS} digits")
    n = int(v)
    if n < 0:
        raise ValueError(f"negative limit {n}")
    return n


def _positive(v: str) -> int:
    n = _count(v)
    if n == 0:
        raise ValueError("must be greater than 0")
    return n


def _amount(v: str) -> Decimal:
    d, problem = parse_amount("", v)  # bounded, no exponent ("1e999999" is refused)
    if problem:
        raise ValueError(f"'{v[:20]}' is not a decimal amount (at most {MAX_AMOUNT})")
    if d < 0:
        raise ValueError(f"negative amount {v}")
    return d


def _time(v: str) -> time:
    try:
        hours, minutes = v.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValueError(f"'{v}' is not an HH:MM time") from None


def _source(v: str) -> str:
    if not v.strip():
        raise ValueError("source missing (every row names its article)")
    return v.strip()


TABLES: dict[str, dict] = {
    "weight_limits.csv": {"service_id": _service, "destination": _destination,
                          "max_weight_g": _count, "source": _source},
    "dimension_limits.csv": {"service_id": _service, "rule": _dimension_rule,
                             "limit_mm": _count, "source": _source},
    "vignettes.csv": {"zone": _zone, "max_weight_g": _positive, "vignettes": _positive,
                      "source": _source},
    "calendar.csv": {"service_id": _service, "zone": _zone_or_any, "cutoff": _time, "transit_days": _count,
                     "source": _source},
    "prices.csv": {"service_id": _service, "zone": _zone_or_any, "max_weight_g": _positive,
                   "price_eur": _amount, "source": _source},
    "parameters.csv": {"key": _parameter, "value": _amount, "source": _source},
}


def parse_table(name: str, text: str) -> tuple[tuple[dict, ...] | None, list[LoadProblem]]:
    """(rows, []) when every row is good, else (None, problems) with file, row and reason."""
    try:
        return _parse_table(name, text)
    except csv.Error as exc:  # a field over csv.field_size_limit(), a NUL byte…
        return None, [LoadProblem(name, 0, f"unreadable CSV: {exc}")]


def _parse_table(name: str, text: str) -> tuple[tuple[dict, ...] | None, list[LoadProblem]]:
    columns = TABLES[name]
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        return None, [LoadProblem(name, 1, f"missing column(s): {', '.join(missing)}")]
    rows, problems = [], []
    for line_no, raw in enumerate(reader, start=2):
        if not any((v or "").strip() for v in raw.values()):
            continue  # blank line
        row = {"row": line_no}
        for column, parse in columns.items():
            try:
                row[column] = parse((raw.get(column) or "").strip())
            except ValueError as exc:
                problems.append(LoadProblem(name, line_no, f"{column}: {exc}"))
        rows.append(row)
    if problems:
        return None, problems
    return tuple(rows), []


@dataclass(frozen=True)
class Contract:
    """The tables in force; lookups return (value, source) so every verdict cites its row."""

    tables: dict[str, tuple[dict, ...]] = field(default_factory=dict)

    def rows(self, name: str) -> tuple[dict, ...]:
        return self.tables.get(name, ())

    def max_weight_g(self, service_id: str, zone: str, country: str) -> tuple[int, str] | None:
        """Most specific row wins: country, then zone, then *."""
        rows = [r for r in self.rows("weight_limits.csv") if _matches(r["service_id"], service_id)]
        for key in (country, zone, "*"):
            hit = [r for r in rows if r["destination"] == key]
            if hit:
                return hit[-1]["max_weight_g"], hit[-1]["source"]
        return None

    def dimension(self, service_id: str, rule: str) -> tuple[int, str] | None:
        hit = [r for r in self.rows("dimension_limits.csv")
               if r["rule"] == rule and _matches(r["service_id"], service_id)]
        exact = [r for r in hit if r["service_id"] == service_id]
        best = (exact or hit)[-1:] if hit else []
        return (best[0]["limit_mm"], best[0]["source"]) if best else None

    def vignette_grid(self, zone: str) -> list[tuple[int, int, str]]:
        """(max weight g, vignettes, source), by weight."""
        rows = sorted((r for r in self.rows("vignettes.csv") if r["zone"] == zone),
                      key=lambda r: r["max_weight_g"])
        return [(r["max_weight_g"], r["vignettes"], r["source"]) for r in rows]

    def calendar(self, service_id: str, zone: str) -> dict | None:
        hit = [r for r in self.rows("calendar.csv") if _matches(r["service_id"], service_id)
               and r["zone"] in (zone, "*")]
        hit.sort(key=lambda r: (r["zone"] != "*", r["service_id"] == service_id))
        return hit[-1] if hit else None

    def price(self, service_id: str, zone: str, weight_g: int) -> tuple[Decimal, str] | None:
        rows = [r for r in self.rows("prices.csv") if _matches(r["service_id"], service_id)
                and r["zone"] in (zone, "*") and r["max_weight_g"] >= weight_g]
        if not rows:
            return None
        rows.sort(key=lambda r: (r["zone"] == "*", r["max_weight_g"]))
        return rows[0]["price_eur"], rows[0]["source"]

    def parameter(self, key: str, default: Decimal | None = None) -> Decimal | None:
        hit = [r for r in self.rows("parameters.csv") if r["key"] == key]
        return hit[-1]["value"] if hit else default

    @property
    def range_low_water(self) -> int:
        """Warn when fewer numbers than this remain in a new range (contract parameter)."""
        value = self.parameter("range_low_water")
        return int(value) if value is not None else RANGE_LOW_WATER

    def with_fuel_adjustment(self, postage: Decimal) -> Decimal:
        """Postage after discount, excl. VAT, plus the fuel adjustment: × (1 + CAP) [C 9]."""
        cap = self.parameter("fuel_coefficient", Decimal(0))
        return (postage * (1 + cap)).quantize(Decimal("0.01"))


def _matches(pattern: str, service_id: str) -> bool:
    return pattern == service_id or ("*" in pattern and fnmatch.fnmatch(service_id, pattern))
