"""Builders and fixtures shared by the storage tests (imported by test_storage_*.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import Shipment
from desktop.storage.db import Database, open_database
from tests.engines import ENGINES, fresh_postgres_database

CET = timezone(timedelta(hours=1), "CET")  # fixed offset: no tz database needed
START = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)


class FixedClock:
    def __init__(self, start: datetime = START):
        self.value = start

    def now(self) -> datetime:
        return self.value

    def advance(self, **delta: float) -> datetime:
        self.value += timedelta(**delta)
        return self.value


def url_for(path: Path) -> str:
    return f"sqlite:///{path}"


def sender() -> Address:
    return Address(company="Atelier Comptoir", name="Service expédition",
                   street="12 rue des Tanneurs", postcode="69001", city="LYON",
                   phone="+33 4 72 00 00 00", email="envoi@example.fr")


def recipient(name: str = "Hélène Dupont", city: str = "PARIS", company: str = "",
              country: str = "FR", postcode: str = "75011") -> Address:
    return Address(name=name, company=company, complement="Bât. B, 3e étage",
                   street="8 boulevard Voltaire", postcode=postcode, city=city, country=country,
                   phone="06 12 34 56 78", email="helene@example.org")


def declaration() -> CustomsDeclaration:
    return CustomsDeclaration(
        category="sale_of_goods",
        items=(CustomsItem("Chemise en coton", 2, 400, Decimal("59.90"), "EUR", "620520", "FR",
                           "CH-01"),
               CustomsItem("Cartes postales", 10, 50, Decimal("0.10"), "EUR", "490900", "FR")),
        invoice_number="F-2026-0042",
        postal_charges=Decimal("17.35"),
        sender_customs_reference="FR12345678901234",
        importer_phone="+44 20 7946 0000",
        extra={"note": "fragile", "ratio": Decimal("0.333")},
    )


def shipment(**changes) -> Shipment:
    values = dict(sender=sender(), recipient=recipient(), service_id="colissimo-domicile-france",
                  parcel=Parcel(1250, 300, 200, 100), options={"signature": True},
                  reference="CMD-1001")
    values.update(changes)
    return Shipment(**values)


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, to look at the file without our code in the way."""
    conn = sqlite3.connect(str(path))
    try:
        yield conn
    finally:
        conn.close()


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    """Each storage test runs on SQLite and on PostgreSQL (tests/engines.py)."""
    return request.param


@pytest.fixture
def db_url(engine_name: str, tmp_path: Path) -> Iterator[str]:
    if engine_name == "sqlite":
        yield url_for(tmp_path / "data" / "comptoir.sqlite3")
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def db_path(engine_name: str, tmp_path: Path) -> Path:
    """The SQLite file: tests that look at the file itself run on SQLite only."""
    if engine_name != "sqlite":
        pytest.skip("looks at the SQLite file itself")
    return tmp_path / "data" / "comptoir.sqlite3"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def db(db_url: str, clock: FixedClock):
    database: Database = open_database(db_url, clock=clock, local_tz=CET)
    yield database
    database.close()
