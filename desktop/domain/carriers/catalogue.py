"""The carrier services and their stable ids, loaded from
`resources/carriers/services.json` and checked at load.

A bad row (negative limit, unknown rule, unknown option, missing key) is reported as a
`LoadProblem` naming the file, the row and the reason; `default_catalogue()` refuses to start
on shipped data that does not load cleanly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from desktop.domain.errors import NotFound
from desktop.domain.messages import Text
from desktop.domain.reference import resource_path

SERVICE_IDS = (  # stable ids used in shipment files, the database and the CLI
    "delivengo-profil-tracked", "delivengo-profil-untracked", "colissimo-domicile-france",
    "colissimo-domicile-france-signature", "colissimo-domicile-outremer",
    "colissimo-domicile-outremer-signature", "colissimo-expert-international",
    "novapost-documents", "novapost-parcel", "novapost-cargo",
)
ZONES = ("FR", "OM1", "OM2", "EU", "INT")  # see zones.py
LIMIT_RULES = ("max_weight_g", "max_chargeable_weight_g", "min_chargeable_weight_g", "max_length_mm", "max_width_mm",
               "max_height_mm", "max_other_side_mm", "max_sum_mm", "max_value_eur")
WORKDAYS = ("mon-sat", "mon-fri")
NUMBER_FORMATS = ("s10", "colissimo13", "novapost")
# Where a service's tracking number may come from, never invented (docs/number-sources.md):
# the carrier's web service at creation, the carrier's pre-paid form (scanned or typed), or
# a range the carrier assigned in writing (stored with its reference).
NUMBER_SOURCES = ("carrier_api", "form", "carrier_range")


@dataclass(frozen=True)
class LoadProblem:
    """A row of reference data refused at load."""

    file: str
    row: int | str  # 1-based CSV line, or the JSON index / service id
    reason: str

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}: {self.reason}"


@dataclass(frozen=True)
class Limit:
    rule: str
    value: int
    source: str


@dataclass(frozen=True)
class ProhibitedCategory:
    id: str
    fr: str
    en: str
    source: str
    conditional: bool = False  # allowed under conditions (checked by the admission rules)

    def text(self, lang: str = "fr") -> str:
        return self.fr if lang == "fr" else self.en

    def short(self) -> Text:
        """The name without its parenthesised detail, as a message quotes it."""
        return Text(self.fr.split(" (")[0], self.en.split(" (")[0])


@dataclass(frozen=True)
class Service:
    id: str
    carrier: str  # "laposte-delivengo", "colissimo", "novapost"
    carrier_name: str
    name_fr: str
    name_en: str
    max_weight_g: int
    tracked: bool
    tracking_prefix: str | None  # S10 service indicator for locally numbered items
    source: str = ""
    number_format: str = "s10"
    number_sources: tuple[str, ...] = ()  # in order of preference (NUMBER_SOURCES)
    destinations: tuple[str, ...] = ()
    destinations_source: str = ""
    workdays: str = "mon-sat"
    workdays_source: str = ""
    signature: bool = False
    options: tuple[str, ...] = ()
    options_source: str = ""
    required: tuple[str, ...] = ()
    required_source: str = ""
    limits: tuple[Limit, ...] = ()
    prohibited: tuple[ProhibitedCategory, ...] = ()
    indemnity_rate_eur_per_kg: Decimal | None = None
    indemnity_cap_eur: Decimal | None = None
    indemnity_source: str = ""
    claim_months: int = 6
    claim_months_om2: int | None = None
    claim_source: str = ""
    label_validity_days: int | None = None
    label_validity_source: str = ""
    volumetric_divisor: int | None = None
    volumetric_source: str = ""
    delivery_at_branch: bool = False
    delivery_at_branch_source: str = ""
    # How long an undelivered parcel waits for the recipient before going back: up to
    # `holding_days` (from `holding_days_min` where the term gives a range) [C 7], [N 4.8.2].
    holding_days: int | None = None
    holding_days_min: int | None = None
    holding_source: str = ""
    retention: dict = field(default_factory=dict, compare=False, hash=False)

    def name(self, lang: str = "fr") -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def limit(self, rule: str) -> Limit | None:
        return next((x for x in self.limits if x.rule == rule), None)

    def allows(self, option: str) -> bool:
        return option in self.options


class Catalogue:
    def __init__(self, services: tuple[Service, ...] | list[Service] | None = None):
        if services is None:
            services = default_catalogue().all()
        self._by_id = {s.id: s for s in services}

    def get(self, service_id: str) -> Service:
        try:
            return self._by_id[service_id]
        except KeyError:
            raise NotFound("service", service_id) from None

    def has(self, service_id: str) -> bool:
        return service_id in self._by_id

    def all(self) -> list[Service]:
        return list(self._by_id.values())

    def ids(self) -> list[str]:
        return list(self._by_id)


def load_catalogue(path: Path | str) -> tuple[Catalogue, list[LoadProblem]]:
    """Reads and checks a services file; refused rows are left out and reported."""
    name = Path(path).name
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return Catalogue([]), [LoadProblem(name, 0, f"unreadable: {exc}")]
    problems: list[LoadProblem] = []
    categories = _categories(data.get("prohibited", {}), name, problems)
    services = []
    for index, row in enumerate(data.get("services", []), start=1):
        service = _service(row, categories, name, index, problems)
        if service is not None:
            services.append(service)
    seen = [s.id for s in services]
    for sid in SERVICE_IDS:
        if sid not in seen:
            problems.append(LoadProblem(name, sid, "service missing from the catalogue"))
    return Catalogue(services), problems


def _categories(data: dict, name: str, problems: list[LoadProblem]) -> dict:
    out: dict[str, tuple[ProhibitedCategory, ...]] = {}
    for key, rows in data.items():
        cats = []
        for i, r in enumerate(rows, start=1):
            try:
                cats.append(ProhibitedCategory(r["id"], r["fr"], r["en"], r["source"],
                                               bool(r.get("conditional", False))))
            except KeyError as exc:
                problems.append(LoadProblem(name, f"prohibited.{key}[{i}]", f"missing {exc}"))
        out[key] = tuple(cats)
    return out


def _service(row: dict, categories: dict, name: str, index: int,
             problems: list[LoadProblem]) -> Service | None:
    from desktop.domain.carriers.options import OPTION_KEYS  # options imports this module

    where = row.get("id", index)
    before = len(problems)

    def bad(reason: str) -> None:
        problems.append(LoadProblem(name, where, reason))

    for key in ("id", "carrier", "carrier_name", "name_fr", "name_en", "tracked", "limits",
                "destinations", "source"):
        if key not in row:
            bad(f"missing key '{key}'")
    if len(problems) > before:
        return None
    if row["id"] not in SERVICE_IDS:
        bad(f"unknown service id '{row['id']}'")
    limits = []
    for i, lim in enumerate(row["limits"], start=1):
        rule, value, source = lim.get("rule"), lim.get("value"), lim.get("source")
        if rule not in LIMIT_RULES:
            bad(f"limit {i}: unknown rule '{rule}'")
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            bad(f"limit {i} ({rule}): value must be a whole number ≥ 0, not {value!r}")
        elif not source:
            bad(f"limit {i} ({rule}): source article missing")
        else:
            limits.append(Limit(rule, value, source))
    for zone in row["destinations"]:
        if zone not in ZONES:
            bad(f"unknown destination zone '{zone}'")
    for option in row.get("options", []):
        if option not in OPTION_KEYS:
            bad(f"unknown option '{option}'")
    if row.get("workdays", "mon-sat") not in WORKDAYS:
        bad(f"workdays must be one of {WORKDAYS}")
    if row.get("number_format", "s10") not in NUMBER_FORMATS:
        bad(f"number_format must be one of {NUMBER_FORMATS}")
    sources = row.get("number_sources")
    if not isinstance(sources, list) or not sources or \
            any(x not in NUMBER_SOURCES for x in sources):
        bad(f"number_sources must be a non-empty list of {NUMBER_SOURCES}")
        sources = []
    prohibited_key = row.get("prohibited", "")
    if prohibited_key and prohibited_key not in categories:
        bad(f"unknown prohibited-contents list '{prohibited_key}'")
    rate = _decimal(row.get("indemnity_rate_eur_per_kg"), bad, "indemnity_rate_eur_per_kg")
    cap = _decimal(row.get("indemnity_cap_eur"), bad, "indemnity_cap_eur")
    for key in ("claim_months", "claim_months_om2", "label_validity_days", "volumetric_divisor",
                "holding_days", "holding_days_min"):
        value = row.get(key)
        if value is not None and (not isinstance(value, int) or value <= 0):
            bad(f"{key} must be a whole number > 0, not {value!r}")
    if len(problems) > before:
        return None
    max_weight = next((x.value for x in limits if x.rule == "max_weight_g"), 0)
    return Service(
        id=row["id"], carrier=row["carrier"], carrier_name=row["carrier_name"],
        name_fr=row["name_fr"], name_en=row["name_en"], max_weight_g=max_weight,
        tracked=bool(row["tracked"]), tracking_prefix=row.get("tracking_prefix"),
        source=row["source"], number_format=row.get("number_format", "s10"),
        number_sources=tuple(sources),
        destinations=tuple(row["destinations"]),
        destinations_source=row.get("destinations_source", ""),
        workdays=row.get("workdays", "mon-sat"), workdays_source=row.get("workdays_source", ""),
        signature=bool(row.get("signature", False)), options=tuple(row.get("options", ())),
        options_source=row.get("options_source", ""), required=tuple(row.get("required", ())),
        required_source=row.get("required_source", ""), limits=tuple(limits),
        prohibited=categories.get(prohibited_key, ()), indemnity_rate_eur_per_kg=rate,
        indemnity_cap_eur=cap, indemnity_source=row.get("indemnity_source", ""),
        claim_months=row.get("claim_months", 6), claim_months_om2=row.get("claim_months_om2"),
        claim_source=row.get("claim_source", ""),
        label_validity_days=row.get("label_validity_days"),
        label_validity_source=row.get("label_validity_source", ""),
        volumetric_divisor=row.get("volumetric_divisor"),
        volumetric_source=row.get("volumetric_source", ""),
        delivery_at_branch=bool(row.get("delivery_at_branch", False)),
        delivery_at_branch_source=row.get("delivery_at_branch_source", ""),
        holding_days=row.get("holding_days"), holding_days_min=row.get("holding_days_min"),
        holding_source=row.get("holding_source", ""),
        retention=dict(row.get("retention", {})))


def _decimal(value, bad, key) -> Decimal | None:
    if value is None:
        return None
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        bad(f"{key}: not a decimal: {value!r}")
        return None
    if result < 0:
        bad(f"{key}: must be ≥ 0, not {value}")
        return None
    return result


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    catalogue, problems = load_catalogue(resource_path("carriers", "services.json"))
    if problems:
        raise ValueError("bad shipped carrier data: " + "; ".join(map(str, problems)))
    return catalogue
