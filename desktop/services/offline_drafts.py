"""Counter saves that survive the shared database server being unreachable.

Each draft is written to a local journal (desktop/storage/draft_journal.py, in the user data
folder) before the attempt; it leaves the journal only once the database has it. When the
server does not answer, the clerk is told in one line and the draft waits; `retry` (on a
timer, or before the next save) stores what waits, oldest first.

Each entry carries a key (a UUID) stored on its shipment (`draft_key`, unique): when a save
committed but its entry outlived it (a crash, the connection dropped after COMMIT), the
replay finds that shipment instead of saving it twice and taking a second number. A draft
the database refuses on replay (now invalid: its form number used meanwhile…) is set aside
with its reason, reported once, listed by `comptoir drafts`, and never retried.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol

from desktop.domain.draft import ShipmentDraft, draft_from_shipment
from desktop.domain.errors import DatabaseUnreachable, NotFound, ValidationFailed
from desktop.domain.shipment import SenderProfile
from desktop.services.counter_operation import CounterOperation, PrintTargets, Submitted
from desktop.services.shipment_file import parse_shipment, shipment_to_dict

UNREACHABLE_FR = "Serveur injoignable : l'envoi est gardé sur ce poste et sera enregistré au retour."
UNREACHABLE_EN = "Server unreachable: the shipment is kept on this bench and saved when it is back."


class DraftJournal(Protocol):
    def keep(self, record: dict) -> str: ...  # durable before it returns; a key
    def drop(self, key: str) -> None: ...
    def pending(self) -> list[tuple[str, dict]]: ...  # oldest first
    def set_aside(self, key: str, record: dict) -> None: ...  # out of pending(), kept
    def set_aside_entries(self) -> list[tuple[str, dict]]: ...  # oldest first


@dataclass(frozen=True)
class SetAside:
    """A journaled draft the database refused on replay: kept on this bench, not retried."""

    key: str
    record: dict

    @property
    def reason(self) -> dict:
        return self.record.get("set_aside", {})

    def message(self, lang: str = "fr") -> str:
        return (self.reason.get(lang) or self.reason.get("en") or "?").strip()

    @property
    def recipient(self) -> str:
        return (self.record.get("shipment", {}).get("recipient") or {}).get("name", "")


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
        record = dict(draft_record(draft), draft_key=str(uuid.uuid4()))
        key = self._journal.keep(record)
        try:
            result = self._counter.submit(draft, targets, draft_key=record["draft_key"])
        except DatabaseUnreachable as lost:
            return Kept(key, str(lost))
        except BaseException:
            self._journal.drop(key)
            raise
        self._journal.drop(key)
        return result

    def waiting(self) -> int:
        return len(self._journal.pending())

    def set_aside(self) -> list[SetAside]:
        """The drafts refused on replay, oldest first (`comptoir drafts`)."""
        return [SetAside(k, r) for k, r in self._journal.set_aside_entries()]

    def retry(self, targets: PrintTargets) -> tuple[list[Submitted], list[SetAside]]:
        """Stores what waits, oldest first; stops at the first unreachable server. A draft
        already saved (same key) is found, not saved again. A draft the database now
        refuses is set aside with its reason and returned once, for the clerk to be told;
        it is not retried."""
        saved, refused = [], []
        for key, record in self._journal.pending():
            try:
                # Entries journaled before keys existed: the journal's own key, unique too.
                saved.append(self._counter.submit(draft_from_record(record), targets,
                                                  draft_key=record.get("draft_key") or key))
            except DatabaseUnreachable:
                break
            except (ValidationFailed, NotFound) as refusal:
                # Now invalid, or its contact or sender profile deleted: never retried.
                aside = dict(record, set_aside=_reason(refusal))
                self._journal.set_aside(key, aside)
                refused.append(SetAside(key, aside))
                continue
            self._journal.drop(key)
        return saved, refused


def _reason(refusal: Exception) -> dict:
    at = datetime.now(UTC).isoformat(timespec="seconds")
    if isinstance(refusal, ValidationFailed):
        return {"fr": refusal.describe("fr"), "en": refusal.describe("en"), "at": at}
    what, key = getattr(refusal, "what", "?"), getattr(refusal, "key", "?")
    return {"fr": f"{what} n° {key} introuvable (supprimé entre-temps)",
            "en": f"{what} no. {key} not found (deleted meanwhile)", "at": at}
