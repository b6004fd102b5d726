"""Personal data kept as the carriers' terms and the law say (docs/personal-data.md).

- `purge_preview()` lists, per service, how many shipments are past their retention period
  (desktop/domain/retention.py); `purge()` deletes exactly those, with an audit entry per
  service, in one transaction. Services without a stated period are never purged.
- `person(query)` gathers one person's contacts and shipments (access request, GDPR art. 15);
  `erase(query)` deletes the contacts and blanks the recipient of the shipments (art. 17),
  except shipments with a customs declaration still inside the customs period, which the
  law requires to keep (art. 17(3)(b); Union Customs Code art. 51). Every stored copy of the
  recipient goes with it: the print jobs' bytes (a reprint is then refused), the files a
  spool kept of them, the work-list drafts and the carrier exchanges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from desktop.domain.ports import Clock, PersonalData
from desktop.domain.retention import AuditEntry, Cutoff, PersonData, RetentionRule, policy


@dataclass(frozen=True)
class PurgeLine:
    service_id: str
    count: int
    rule: RetentionRule


# Removes a file a printer spool kept of a job: (printer URL, the job's output) → whether it
# was removed; False when the printer keeps no file (not a spool) or it is gone already.
RemoveSpooled = Callable[[str, str], bool]


@dataclass(frozen=True)
class Erasure:
    """What an erasure did: records deleted or blanked, spool files removed, and the files
    that could not be removed (named so the clerk deletes them by hand)."""

    count: int
    files_removed: int = 0
    files_left: tuple[str, ...] = ()


@dataclass(frozen=True)
class ErasePlan:
    person: PersonData
    erased_shipment_ids: tuple[int, ...]
    kept_shipment_ids: tuple[int, ...]  # customs records still under legal retention


class PersonalDataService:
    def __init__(self, store: PersonalData, services, clock: Clock,
                 remove_spooled: RemoveSpooled | None = None):
        self._store = store
        self._rules = policy(services)
        self._clock = clock
        self._remove_spooled = remove_spooled or (lambda _printer, _output: False)

    @property
    def rules(self) -> dict[str, RetentionRule]:
        return dict(self._rules)

    def _cutoffs(self, now: datetime) -> list[Cutoff]:
        return [cut for rule in self._rules.values() for cut in rule.scopes(now)]

    def purge_preview(self) -> list[PurgeLine]:
        counts = self._store.expired_counts(self._cutoffs(self._clock.now()))
        return [PurgeLine(sid, n, self._rules[sid]) for sid, n in sorted(counts.items()) if n]

    def purge(self) -> dict[str, int]:
        """Deletes the expired shipments (one transaction), then the files a spool kept of
        their documents (one that cannot be removed stays: the purge is not undone)."""
        now = self._clock.now()
        done, spooled = self._store.purge(self._cutoffs(now),
                                          {sid: r.source for sid, r in self._rules.items()})
        self._remove_files(spooled)
        return done

    def _remove_files(self, spooled) -> tuple[int, list[str]]:
        removed, left = 0, []
        for printer, output in dict.fromkeys(spooled):
            try:
                if self._remove_spooled(printer, output):
                    removed += 1
            except OSError:
                left.append(output)
        return removed, left

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
            if rule is not None:  # the period to this destination
                rule = rule.for_country(s.recipient.country)
            last = s.deposited_at or s.printed_at or s.created_at
            if _customs_record(s) and rule is not None and last is not None \
                    and last >= rule.cutoffs(now)[1]:
                kept.append(s.id)
            else:
                erased.append(s.id)
        return ErasePlan(found, tuple(erased), tuple(kept))

    def erase(self, plan: ErasePlan) -> Erasure:
        """Erases in one transaction, then removes the spool files of the erased documents
        (a file cannot be part of the transaction: one left behind is reported)."""
        done = self._store.erase([c.id for c in plan.person.contacts],
                                 plan.erased_shipment_ids, "GDPR art. 17")
        removed, left = self._remove_files(done.spooled)
        return Erasure(done.count, removed, tuple(left))

    def record(self, action: str, detail: str = "", count: int = 0) -> None:
        self._store.record(action, "", count, detail)

    def audit_log(self, limit: int = 100) -> list[AuditEntry]:
        return self._store.audit_log(limit)


def _customs_record(shipment) -> bool:
    """A declaration the law makes us keep: one that crossed a customs border. Content
    lines on a parcel within one customs territory (a shop order to France carries them)
    are no customs record and do not keep the recipient from being erased."""
    from desktop.domain import territories

    if shipment.customs is None:
        return False
    return (territories.of_address(shipment.sender).customs_zone
            != territories.of_address(shipment.recipient).customs_zone)


def _contact_dict(c) -> dict:
    out = {"id": c.id, "note": c.note, "favourite": c.favourite,
           "last_used_at": c.last_used_at.isoformat() if c.last_used_at else None}
    out.update(asdict(c.address))
    return out
