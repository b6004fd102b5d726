"""Personal data kept as the carriers' terms and the law say (docs/personal-data.md).

- `purge_preview()` lists, per service, how many shipments are past their retention period
  (desktop/domain/retention.py); `purge()` deletes exactly those, with an audit entry per
  service, in one transaction. Services without a stated period are never purged.
- `person(query)` gathers one person's contacts and shipments (access request, GDPR art. 15);
  `erase(query)` deletes the contacts and blanks the recipient of the shipments (art. 17),
  except shipments with a customs declaration still inside the customs period, which the
  law requires to keep (art. 17(3)(b); Union Customs Code art. 51).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from desktop.domain.ports import Clock, PersonalData
from desktop.domain.retention import AuditEntry, PersonData, RetentionRule, policy


@dataclass(frozen=True)
class PurgeLine:
    service_id: str
    count: int
    rule: RetentionRule


@dataclass(frozen=True)
class ErasePlan:
    person: PersonData
    erased_shipment_ids: tuple[int, ...]
    kept_shipment_ids: tuple[int, ...]  # customs records still under legal retention


class PersonalDataService:
    def __init__(self, store: PersonalData, services, clock: Clock):
        self._store = store
        self._rules = policy(services)
        self._clock = clock

    @property
    def rules(self) -> dict[str, RetentionRule]:
        return dict(self._rules)

    def _cutoffs(self, now: datetime) -> dict[str, tuple[datetime, datetime]]:
        return {sid: rule.cutoffs(now) for sid, rule in self._rules.items()}

    def purge_preview(self) -> list[PurgeLine]:
        counts = self._store.expired_counts(self._cutoffs(self._clock.now()))
        return [PurgeLine(sid, n, self._rules[sid]) for sid, n in sorted(counts.items()) if n]

    def purge(self) -> dict[str, int]:
        now = self._clock.now()
        return self._store.purge(self._cutoffs(now),
                                 {sid: r.source for sid, r in self._rules.items()})

    def person(self, query: str) -> PersonData:
        return self._store.find_person(query)

    def export_person(self, query: str) -> dict:
        """Everything about the person as plain data; the export itself is audited."""
        from desktop.services.shipment_file import shipment_to_dict

        found = self._store.find_person(query)
        self._store.record("export", "GDPR art. 15",
                           len(found.contacts) + len(found.shipments),
                           f"{len(found.contacts)} contact(s), {len(found.shipments)} shipment(s)")
        return {"contacts": [_contact_dict(c) for c in found.contacts],
                "shipments": [shipment_to_dict(s) for s in found.shipments]}

    def erase_plan(self, query: str) -> ErasePlan:
        found = self._store.find_person(query)
        now = self._clock.now()
        kept, erased = [], []
        for s in found.shipments:
            rule = self._rules.get(s.service_id)
            last = s.deposited_at or s.printed_at or s.created_at
            if s.customs is not None and rule is not None and last is not None \
                    and last >= rule.cutoffs(now)[1]:
                kept.append(s.id)
            else:
                erased.append(s.id)
        return ErasePlan(found, tuple(erased), tuple(kept))

    def erase(self, plan: ErasePlan) -> int:
        return self._store.erase([c.id for c in plan.person.contacts], plan.erased_shipment_ids,
                                 "GDPR art. 17")

    def record(self, action: str, detail: str = "", count: int = 0) -> None:
        self._store.record(action, "", count, detail)

    def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        return self._store.audit_log(limit)


def _contact_dict(c) -> dict:
    out = {"id": c.id, "note": c.note, "favourite": c.favourite,
           "last_used_at": c.last_used_at.isoformat() if c.last_used_at else None}
    out.update(asdict(c.address))
    return out
