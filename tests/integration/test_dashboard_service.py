"""Dashboard figures (issue 13 Deliver 5) from a real database with a frozen clock."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

import pytest

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.shipment import ShipmentStatus
from desktop.domain.tracking import NumberRange
from desktop.services.clock import FixedClock
from desktop.services.dashboard import DashboardService
from desktop.storage.db import open_database
from tests.unit.test_carrier_helpers import shipment

NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


@pytest.fixture
def db(db_url):  # SQLite and PostgreSQL (tests/engines.py, issue 14)
    database = open_database(db_url)
    yield database
    database.close()


_serial = itertools.count(1)


def add(db, service_id, days_ago, status=ShipmentStatus.PRINTED, weight_g=1000):
    n = [next(_serial)]
    when = NOW - timedelta(days=days_ago)
    number = {"colissimo": f"6A1598404{n[0]:04d}", "novapost": f"2045000000{n[0]:04d}"}.get(
        service_id.split("-")[0], None)
    s = shipment(service_id, weight_g=weight_g, to="GB" if "delivengo" in service_id else "FR",
                 tracking_number=number or f"LD{n[0]:08d}5FR", created_at=when,
                 updated_at=when, status=status)
    return db.shipments.add(s)


def service(db):
    return DashboardService(shipments=db.shipments, ranges=db.tracking_ranges,
                            catalogue=default_catalogue(), clock=FixedClock(NOW),
                            local_day=lambda when: when.astimezone(UTC).date())


def test_parcels_per_day_and_carrier_today_waiting_and_ranges(db):
    add(db, "colissimo-domicile-france", 0, weight_g=1200)
    add(db, "colissimo-domicile-france", 0, status=ShipmentStatus.DRAFT, weight_g=800)
    add(db, "novapost-parcel", 0, status=ShipmentStatus.DEPOSITED, weight_g=3000)
    add(db, "colissimo-domicile-france", 0, status=ShipmentStatus.VOIDED)  # not a parcel
    add(db, "delivengo-profil-tracked", 3)
    add(db, "delivengo-profil-tracked", 3, status=ShipmentStatus.DEPOSITED)
    add(db, "colissimo-domicile-france", 27)  # first day of 4 weeks
    add(db, "colissimo-domicile-france", 28)  # before the window
    db.tracking_ranges.ensure(NumberRange("carrier-delivengo-profil-tracked", "LD", 1, 150))
    for _ in range(60):
        db.tracking_ranges.allocate("carrier-delivengo-profil-tracked")
    d = service(db).snapshot(weeks=4)
    assert d.today == date(2026, 11, 30) and len(d.days) == 28
    assert d.days[0] == date(2026, 11, 3) and d.days[-1] == d.today
    assert d.carriers == ("laposte-delivengo", "colissimo", "novapost")
    assert d.today_by_carrier == {"colissimo": 2, "novapost": 1}
    assert (d.today_parcels, d.today_weight_g) == (3, 1200 + 800 + 3000)
    assert d.count(date(2026, 11, 27), "laposte-delivengo") == 2
    assert d.count(date(2026, 11, 3), "colissimo") == 1
    assert sum(d.total(day) for day in d.days) == 3 + 2 + 1  # the 28-day-old one is out
    assert d.labels_waiting == 1  # the draft
    assert d.to_deposit == 4  # printed, not deposited, any day (the 28-day-old one too)
    [r] = d.ranges
    assert (r.label, r.remaining, r.low_water, r.low) == ("Delivengo Profil suivi", 90, 100, True)


def test_empty_database(db):
    d = service(db).snapshot(weeks=1)
    assert len(d.days) == 7 and d.today_parcels == 0 and d.per_day == {} and d.ranges == ()
