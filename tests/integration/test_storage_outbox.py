"""The carrier outbox table (migration 0020) on SQLite and, with COMPTOIR_TEST_PG_URL, on
PostgreSQL: one entry per shipment, waiting entries oldest first, state and log kept."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.exc import IntegrityError

from desktop.domain.outbox import OutboxEntry, OutboxState, idempotency_key
from desktop.domain.printing import LabelFormat
from tests.integration.helpers_storage import (  # noqa: F401
    clock,
    db,
    db_path,
    shipment,
)


def entry(shipment_id: int, carrier: str = "laposte-delivengo") -> OutboxEntry:
    return OutboxEntry(shipment_id=shipment_id, carrier=carrier,
                       key=idempotency_key(shipment_id), printer="file:///spool",
                       format=LabelFormat.ZPL203)


def test_waiting_entries_in_order_and_their_log_kept(db):
    a, b, c = (db.shipments.add(shipment(tracking_number=None)) for _ in range(3))
    with db.transaction():
        first = db.carrier_outbox.add(entry(a.id))
        db.carrier_outbox.add(entry(b.id, "novapost"))
        db.carrier_outbox.add(entry(c.id))
    assert [e.shipment_id for e in db.carrier_outbox.waiting()] == [a.id, b.id, c.id]
    assert [e.shipment_id for e in db.carrier_outbox.waiting("novapost")] == [b.id]
    done = db.carrier_outbox.update(replace(
        first, state=OutboxState.CREATED, attempts=2, maybe_created=True,
        field_errors=(("recipient.postcode", "code_postal: obligatoire"),),
        exchanges=({"method": "POST", "status": 500, "request_body": "é ***"},)))
    again = db.carrier_outbox.for_shipment(a.id)
    assert again == done and again.exchanges[0]["request_body"] == "é ***"
    assert again.field_errors == (("recipient.postcode", "code_postal: obligatoire"),)
    assert [e.shipment_id for e in db.carrier_outbox.waiting()] == [b.id, c.id]
    assert db.carrier_outbox.for_shipment(999_999) is None


def test_one_entry_per_shipment(db):
    s = db.shipments.add(shipment(tracking_number=None))
    db.carrier_outbox.add(entry(s.id))
    with pytest.raises(IntegrityError):
        db.carrier_outbox.add(entry(s.id))


def test_refused_entries_their_states_and_the_history_filter(db):
    from desktop.domain.ports import HistoryQuery

    a, b, c, plain = (db.shipments.add(shipment(tracking_number=None)) for _ in range(4))
    with db.transaction():
        first = db.carrier_outbox.add(entry(a.id))
        db.carrier_outbox.add(entry(b.id, "novapost"))
        third = db.carrier_outbox.add(entry(c.id))
    for e in (third, first):  # refused in the other order: listed by entry, oldest first
        db.carrier_outbox.update(replace(e, state=OutboxState.REFUSED))
    assert [e.shipment_id for e in db.carrier_outbox.refused()] == [a.id, c.id]
    assert [e.shipment_id for e in db.carrier_outbox.refused(first.bench)] == [a.id, c.id]
    assert db.carrier_outbox.refused("another bench") == []
    assert db.carrier_outbox.states([a.id, b.id, c.id, plain.id, 999_999]) == {
        a.id: OutboxState.REFUSED, b.id: OutboxState.AWAITING_CARRIER,
        c.id: OutboxState.REFUSED}
    assert db.carrier_outbox.states([]) == {}
    found = db.shipments.search(HistoryQuery(carrier_state=OutboxState.REFUSED))
    assert sorted(s.id for s in found) == [a.id, c.id]
    assert db.shipments.count(HistoryQuery(carrier_state=OutboxState.AWAITING_CARRIER)) == 1
    assert db.shipments.count(HistoryQuery()) == 4
