"""The carrier outbox: shipments saved at the counter that wait for their carrier's number.

A shipment whose number comes from a carrier's web service is stored with an outbox entry in
the same transaction (nothing lost); the entry is then sent in order when the carrier
answers. Our idempotency key is sent with the creation so a lost answer is looked up, never
created twice. The carrier's exchanges (secrets masked) and the fields it refused are kept
on the entry, so the shipment shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from desktop.domain.errors import Violation
from desktop.domain.printing import LabelFormat


class OutboxState(str, Enum):
    AWAITING_CARRIER = "awaiting_carrier"  # to send (again, after `next_attempt_at`)
    CREATED = "created"  # the carrier gave the number and the label
    REFUSED = "refused"  # the carrier refused the fields: the clerk must change them


def idempotency_key(shipment_id: int) -> str:
    """Our key for one shipment, sent with every creation attempt (look-up after a loss)."""
    return f"CPT-{shipment_id:08d}"


@dataclass(frozen=True)
class OutboxEntry:
    shipment_id: int
    carrier: str
    key: str
    printer: str  # where the carrier's label goes when it arrives
    format: LabelFormat
    forms_printer: str = ""
    state: OutboxState = OutboxState.AWAITING_CARRIER
    attempts: int = 0
    next_attempt_at: datetime | None = None
    maybe_created: bool = False  # a creation may have reached the carrier: look up first
    # Until when the process sending it holds it (`CarrierOutbox.claim`); None: nobody.
    sending_until: datetime | None = None
    last_error: str = ""
    # The carrier's refusal on our fields: ((our field path, carrier field: message), …);
    # a third item names our own message when the words are ours (`carrier_maybe_created`).
    field_errors: tuple[tuple[str, ...], ...] = ()
    exchanges: tuple[dict, ...] = field(default=(), repr=False)  # redacted, oldest first
    id: int | None = None
    bench: str = ""  # the bench that saved it (setting `bench_name`; stamped by storage)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def refusal(self) -> list[Violation]:
        """The carrier's stored refusal on our fields (as `CarrierError.violations` gave it
        when it happened), for the counter to show under each field; empty unless refused."""
        if self.state is not OutboxState.REFUSED:
            return []
        return [Violation(path or "carrier", rule[0] if rule else "carrier_refused",
                          limit=self.carrier, actual=text)
                for path, text, *rule in self.field_errors] or [
            Violation("carrier", "carrier_refused", limit=self.carrier,
                      actual=self.last_error or "?")]
