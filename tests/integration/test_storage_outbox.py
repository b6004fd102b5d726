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


def test_a_waiting_entry_is_claimed_by_one_sender_until_its_lease_ends(db, db_url, clock):
    """Issue 14 §3: benches (and `comptoir submit`) racing for one entry — one conditional
    update wins, on both engines; the lease frees a crashed sender's entry; a finished
    entry is never claimed."""
    import threading
    from datetime import timedelta

    from desktop.storage.db import open_database

    s = db.shipments.add(shipment(tracking_number=None))
    waiting = db.carrier_outbox.add(entry(s.id))
    now = clock.now()
    benches = [open_database(db_url, clock=clock) for _ in range(6)]
    won, start = [], threading.Barrier(len(benches))

    def race(bench):
        start.wait()
        won.append(bench.carrier_outbox.claim(waiting.id, now, now + timedelta(minutes=5)))

    threads = [threading.Thread(target=race, args=(b,)) for b in benches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for b in benches:
        b.close()
    assert sorted(won) == [False] * 5 + [True]
    held = db.carrier_outbox.for_shipment(s.id)
    assert held.sending_until is not None
    assert not db.carrier_outbox.claim(waiting.id, now + timedelta(minutes=4),
                                       now + timedelta(minutes=9))
    # The sender crashed: after its lease, another may send the entry.
    assert db.carrier_outbox.claim(waiting.id, now + timedelta(minutes=6),
                                   now + timedelta(minutes=11))
    # The sender's result releases it; a created entry is never claimed again.
    done = db.carrier_outbox.update(replace(held, state=OutboxState.CREATED,
                                            sending_until=None))
    assert done.sending_until is None
    assert not db.carrier_outbox.claim(waiting.id, now + timedelta(hours=1),
                                       now + timedelta(hours=2))
