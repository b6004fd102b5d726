"""Counter saves that survive the shared database server being unreachable.

Each draft is written to a local journal (desktop/storage/draft_journal.py, in the user data
folder) before the attempt; it leaves the journal only once the database has it. When the
server does not answer, the clerk is told in one line and the draft waits; `retry` (on a
timer, or before the next save) stores what waits, oldest first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from desktop.domain.draft import ShipmentDraft, draft_from_shipment
from desktop.domain.errors import DatabaseUnreachable, ValidationFailed
from desktop.domain.shipment import SenderProfile
from desktop.services.counter_operation import CounterOperation, PrintTargets, Submitted
from desktop.services.shipment_file import parse_shipment, shipment_to_dict

UNREACHABLE_FR = "Serveur injoignable : l'envoi est gardé sur ce poste et sera enregistré au retour."
UNREACHABLE_EN = "Server unreachable: the shipment is kept on this bench and saved when it is back."


class DraftJournal(Protocol):
    def keep(self, record: dict) -> str: ...  # durable before it returns; a key
    def drop(self, key: str) -> None: ...
    def pending(self) -> list[tuple[str, dict]]: ...  # oldest first


@dataclass(frozen=True)
class Kept:
    """Not stored yet: the server did not answer; the draft waits in the journal."""

    key: str
    reason: str

    def message(self, lang: str = "fr") -> str:
        return UNREACHABLE_FR if lang == "fr" else UNREACHABLE_EN


def draft_record(draft: ShipmentDraft) -> dict:
    shipment = shipment_to_dict(draft.to_shipment())
    for stored in ("id", "status"):
        shipment.pop(stored, None)
    sender = draft.sender
    return {"shipment": shipment, "contact_id": draft.contact_id,
            "save_contact": draft.save_contact,
            "sender": None if sender is None else {"id": sender.id, "label": sender.label,
                                                    "eori": sender.eori}}


def draft_from_record(record: dict) -> ShipmentDraft:
    shipment = parse_shipment(record["shipment"])
    draft = draft_from_shipment(shipment, None)
    sender = record.get("sender")
    if sender is not None and draft.sender is not None:
        draft = replace(draft, sender=SenderProfile(
            label=sender.get("label") or draft.sender.label, address=draft.sender.address,
            id=sender.get("id"), eori=sender.get("eori") or ""))
    return replace(draft, contact_id=record.get("contact_id"),
                   save_contact=bool(record.get("save_contact")))


class OfflineDrafts:
    def __init__(self, counter: CounterOperation, journal: DraftJournal):
        self._counter, self._journal = counter, journal

    def submit(self, draft: ShipmentDraft, targets: PrintTargets) -> Submitted | Kept:
        """`CounterOperation.submit`, the draft journaled first. A refusal
        (ValidationFailed) drops it from the journal: the clerk corrects the form."""
        key = self._journal.keep(draft_record(draft))
        try:
            result = self._counter.submit(draft, targets)
        except DatabaseUnreachable as lost:
            return Kept(key, str(lost))
        except BaseException:
            self._journal.drop(key)
            raise
        self._journal.drop(key)
        return result

    def waiting(self) -> int:
        return len(self._journal.pending())

    def retry(self, targets: PrintTargets) -> tuple[list[Submitted], list[ValidationFailed]]:
        """Stores what waits, oldest first; stops at the first unreachable server. A draft
        the database now refuses (its form number was used meanwhile) is returned with its
        refusal and left in the journal for the clerk."""
        saved, refused = [], []
        for key, record in self._journal.pending():
            try:
                saved.append(self._counter.submit(draft_from_record(record), targets))
            except DatabaseUnreachable:
                break
            except ValidationFailed as refusal:
                refused.append(refusal)
                continue
            self._journal.drop(key)
        return saved, refused
