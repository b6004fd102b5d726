"""How long a shipment's personal data is kept, per carrier service (docs/personal-data.md).

Each service carries its period in resources/carriers/services.json (`retention`):
Delivengo 6 months minimum for claims [D 7.2]; Colissimo 13 months in France, 4 years for the
DOM and outside the EU [C Annexe 1 §1]; Nova Post 3 years [N 16.10]. A shipment with a customs
declaration is kept at least as long as customs records must be: 3 years (Union Customs
Code, Regulation (EU) 952/2013, art. 51), or the carrier's customs period when longer
(Delivengo: 6 years [D 7.2]).

The clock starts at the last known event of the shipment (deposit, else print, else
creation): the carriers count from delivery, which is not recorded, so DELIVERY_MARGIN_DAYS
is added rather than purging a parcel still on its way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DAYS_PER_YEAR = 365.25
CUSTOMS_LEGAL_YEARS = 3  # Union Customs Code art. 51: keep customs records 3 years at least
DELIVERY_MARGIN_DAYS = 30  # international parcels may take weeks to be delivered
# The reason an erased shipment's print jobs carry (their bytes purged, never sent again).
ERASED_JOB = "erased at the person's request (GDPR art. 17)"


@dataclass(frozen=True)
class RetentionRule:
    service_id: str
    days: int  # without customs declaration
    customs_days: int  # with one
    source: str

    def cutoffs(self, now: datetime) -> tuple[datetime, datetime]:
        """(plain, with customs): shipments whose last event is before these are expired."""
        margin = timedelta(days=DELIVERY_MARGIN_DAYS)
        return now - timedelta(days=self.days) - margin, now - timedelta(
            days=self.customs_days) - margin


def rule_for(service) -> RetentionRule | None:
    """The rule of a catalogue `Service`, or None when it states no period (never purged)."""
    data = getattr(service, "retention", None) or {}
    days = data.get("shipment_days")
    if not isinstance(days, int) or days <= 0:
        return None
    customs_years = max(CUSTOMS_LEGAL_YEARS, int(data.get("customs_years") or 0))
    customs_days = max(days, round(customs_years * DAYS_PER_YEAR))
    return RetentionRule(service.id, days, customs_days, str(data.get("source", "")))


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
