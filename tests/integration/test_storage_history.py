"""History search over a real SQLite file: text, tracking numbers, local days, paging."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import ShipmentStatus
from desktop.domain.tracking import make_s10
from tests.integration.helpers_storage import (  # noqa: F401
    CET,
    FixedClock,
    clock,
    db,
    db_path,
    recipient,
    shipment,
)


@pytest.fixture
def history(db, clock: FixedClock):
    """25 shipments, one per hour from 2026-03-14 09:00 UTC; every fifth one to Hélène."""
    made = []
    for i in range(25):
        who = recipient("Hélène Dupont", "PARIS") if i % 5 == 0 else recipient(
            f"Client {i:02d}", "MARSEILLE", company="Savonnerie du Midi" if i % 7 == 0 else "",
            postcode="13001")
        made.append(db.shipments.add(shipment(recipient=who, reference=f"CMD-{1000 + i}",
                                              tracking_number=make_s10("LD", 100 + i))))
        clock.advance(hours=1)
    return made


def ids(items):
    return [s.id for s in items]


def test_newest_first_and_count(db, history):
    found = db.shipments.search(HistoryQuery())
    assert ids(found) == ids(reversed(history))
    assert db.shipments.count(HistoryQuery()) == 25


def test_search_by_name_company_city_and_reference(db, history):
    helene = [s for s in history if s.recipient.name == "Hélène Dupont"]
    assert ids(db.shipments.search(HistoryQuery(text="helene"))) == ids(reversed(helene))
    assert db.shipments.count(HistoryQuery(text="DUPONT")) == 5
    assert db.shipments.count(HistoryQuery(text="savonnerie midi")) == 3  # i = 7, 14, 21
    assert db.shipments.count(HistoryQuery(text="marseille")) == 20
    assert ids(db.shipments.search(HistoryQuery(text="cmd-1013"))) == [history[13].id]
    assert db.shipments.count(HistoryQuery(text="personne")) == 0
    assert db.shipments.count(HistoryQuery(text="%")) == 0  # no SQL wildcard leaks


def test_search_by_tracking_number_with_spaces_or_partial(db, history):
    number = history[7].tracking_number
    spaced = f" {number[0:2]} {number[2:5]} {number[5:8]} {number[8:11]} {number[11:]} "
    assert ids(db.shipments.search(HistoryQuery(text=spaced))) == [history[7].id]
    assert ids(db.shipments.search(HistoryQuery(text=spaced.lower()))) == [history[7].id]
    assert db.shipments.count(HistoryQuery(text="LD 000 001")) == 25  # a typed prefix


def test_date_range_uses_local_days(db, history):
    # CET is UTC+1: 2026-03-14 23:00 UTC is already the 15th locally.
    on_14th = [s for s in history if s.created_at < datetime(2026, 3, 14, 23, tzinfo=UTC)]
    assert len(on_14th) == 14  # 09:00 … 22:00 UTC
    day = date(2026, 3, 14)
    assert ids(db.shipments.search(HistoryQuery(date_from=day, date_to=day))) == ids(
        reversed(on_14th))
    assert db.shipments.count(HistoryQuery(date_from=date(2026, 3, 15))) == 11
    assert db.shipments.count(HistoryQuery(date_to=date(2026, 3, 13))) == 0
    assert db.shipments.count(HistoryQuery(date_from=date(2026, 3, 16))) == 0


def test_date_range_combines_with_text_and_status(db, history, clock):
    printed = db.shipments.update(history[10].moved_to(ShipmentStatus.PRINTED, clock.now()))
    query = HistoryQuery(text="helene", date_from=date(2026, 3, 14), date_to=date(2026, 3, 14),
                         status=ShipmentStatus.PRINTED)
    assert ids(db.shipments.search(query)) == [printed.id]
    assert db.shipments.count(HistoryQuery(status=ShipmentStatus.DRAFT)) == 24


def test_paging_covers_everything_once(db, history):
    pages = [db.shipments.search(HistoryQuery(offset=offset, limit=7))
             for offset in range(0, 28, 7)]
    assert [len(p) for p in pages] == [7, 7, 7, 4]
    flat = [s.id for page in pages for s in page]
    assert flat == ids(reversed(history)) and len(set(flat)) == 25
    assert db.shipments.count(HistoryQuery(offset=20, limit=1)) == 25  # count ignores paging


def test_same_instant_is_ordered_by_id(db, clock):
    first = db.shipments.add(shipment(reference="A"))
    second = db.shipments.add(shipment(reference="B"))
    assert first.created_at == second.created_at
    assert ids(db.shipments.search(HistoryQuery())) == [second.id, first.id]
