"""How long a shipment's personal data is kept, per carrier service (docs/personal-data.md).

Each service carries its period in resources/carriers/services.json (`retention`):
Delivengo 6 months minimum for claims [D 7.2]; Colissimo 13 months in France, 4 years for the
DOM and outside the EU [C Annexe 1 §1]; Nova Post 3 years [N 16.10]. A shipment with a customs
declaration is kept at least as long as customs records must be: 3 years (Union Customs
Code, Regulation (EU) 952/2013, art. 51), or the carrier's customs period when longer
(Delivengo: 6 years [D 7.2]).

Where the terms' period depends on the destination, the service says so with `zone_days`:
Colissimo Expert International keeps 4 years outside the EU but 13 months to an EU member
state ("4 ans pour les colis DOM et Hors Union Européenne", [C Annexe 1 §1]: an EU parcel is
neither, so the national 13 months, the shorter, apply).

The clock starts at the last known event of the shipment (deposit, else print, else
creation): the carriers count from delivery, which is not recorded, so DELIVERY_MARGIN_DAYS
is added rather than purging a parcel still on its way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from desktop.domain.countries import EU_MEMBERS

DAYS_PER_YEAR = 365.25
CUSTOMS_LEGAL_YEARS = 3  # Union Customs Code art. 51: keep customs records 3 years at least
DELIVERY_MARGIN_DAYS = 30  # international parcels may take weeks to be delivered
# The reason an erased shipment's print jobs carry (their bytes purged, never sent again).
ERASED_JOB = "erased at the person's request (GDPR art. 17)"


# The zones a service's `zone_days` may name, by the recipient's country (desktop/domain/
# carriers/zones.py names them the same way).
ZONE_COUNTRIES: dict[str, frozenset[str]] = {"EU": frozenset(EU_MEMBERS)}


@dataclass(frozen=True)
class Cutoff:
    """Shipments of `service_id` whose last event is before `plain` (`customs` with a
    customs declaration) are expired; `countries`: only those whose recipient is in (or,
    `inside` False, not in) these countries; None: every destination."""

    service_id: str
    plain: datetime
    customs: datetime
    countries: frozenset[str] | None = None
    inside: bool = True


@dataclass(frozen=True)
class RetentionRule:
    service_id: str
    days: int  # without customs declaration
    customs_days: int  # with one
    source: str
    # (zone, days) where the terms keep another period to that destination
    zone_days: tuple[tuple[str, int], ...] = ()
    customs_years: int = CUSTOMS_LEGAL_YEARS

    def cutoffs(self, now: datetime) -> tuple[datetime, datetime]:
        """(plain, with customs): shipments whose last event is before these are expired."""
        margin = timedelta(days=DELIVERY_MARGIN_DAYS)
        return now - timedelta(days=self.days) - margin, now - timedelta(
            days=self.customs_days) - margin

    def for_country(self, country: str) -> RetentionRule:
        """The rule for a parcel to `country` (its zone's period, if the terms give one)."""
        for zone, days in self.zone_days:
            if (country or "").upper() in ZONE_COUNTRIES[zone]:
                return replace(self, days=days, customs_days=_customs_days(days,
                                                                           self.customs_years),
                               zone_days=())
        return replace(self, zone_days=())

    def scopes(self, now: datetime) -> list[Cutoff]:
        """The cutoffs per destination: one per zone named, then every other country."""
        out, named = [], frozenset()
        for zone, _days in self.zone_days:
            countries = ZONE_COUNTRIES[zone]
            plain, customs = self.for_country(next(iter(countries))).cutoffs(now)
            out.append(Cutoff(self.service_id, plain, customs, countries - named))
            named |= countries
        plain, customs = self.cutoffs(now)
        out.append(Cutoff(self.service_id, plain, customs, named or None, inside=False))
        return out


def _customs_days(days: int, customs_years: int) -> int:
    return max(days, round(customs_years * DAYS_PER_YEAR))


def rule_for(service) -> RetentionRule | None:
    """The rule of a catalogue `Service`, or None when it states no period (never purged)."""
    data = getattr(service, "retention", None) or {}
    days = data.get("shipment_days")
    if not isinstance(days, int) or days <= 0:
        return None
    customs_years = max(CUSTOMS_LEGAL_YEARS, int(data.get("customs_years") or 0))
    zones = dict(data.get("zone_days") or {})
    for zone, zone_days in zones.items():
        if zone not in ZONE_COUNTRIES or not isinstance(zone_days, int) or zone_days <= 0:
            raise ValueError(f"{service.id}: retention zone_days {zone!r}: {zone_days!r} "
                             f"(zones: {', '.join(ZONE_COUNTRIES)}; days > 0)")
    return RetentionRule(service.id, days, _customs_days(days, customs_years),
                         str(data.get("source", "")), tuple(sorted(zones.items())),
                         customs_years)


def policy(services) -> dict[str, RetentionRule]:
    return {r.service_id: r for r in (rule_for(s) for s in services) if r is not None}


@dataclass(frozen=True)
class AuditEntry:
    """One line of the personal-data audit log: what was done, when, by which rule, to how
    many records (never the data itself)."""

    at: datetime
    action: str  # "purge", "erase", "export", "backup", "restore"
    rule: str = ""
    count: int = 0
    detail: str = ""
    bench: str = ""  # the bench that did it (setting `bench_name`)


@dataclass(frozen=True)
class PersonData:
    """Everything stored about one person (a GDPR access or erasure request)."""

    contacts: tuple = ()  # Contact
    shipments: tuple = ()  # Shipment


@dataclass(frozen=True)
class Erased:
    """What an erasure changed: records deleted or blanked, and the files the printers'
    spools keep of the erased documents, as (printer URL, file) to remove after the commit."""

    count: int = 0
    spooled: tuple[tuple[str, str], ...] = ()
