"""The repositories implement the ports of desktop.domain.ports exactly (names, parameters)."""

from __future__ import annotations

import inspect

import pytest

from desktop.domain import ports
from desktop.storage.db import open_database

PORTS = {
    "address_book": ports.AddressBook,
    "sender_profiles": ports.SenderProfiles,
    "shipments": ports.Shipments,
    "print_jobs": ports.PrintJobs,
    "tracking_ranges": ports.TrackingRanges,
    "products": ports.Products,
}


def _methods(protocol: type) -> list[str]:
    return [name for name, value in vars(protocol).items()
            if callable(value) and not name.startswith("_")]


@pytest.fixture(scope="module")
def database():
    db = open_database("sqlite://")
    yield db
    db.close()


@pytest.mark.parametrize("attribute", sorted(PORTS))
def test_repository_matches_its_port(database, attribute):
    protocol, repository = PORTS[attribute], getattr(database, attribute)
    assert _methods(protocol)
    for name in _methods(protocol):
        wanted = inspect.signature(getattr(protocol, name))
        actual = inspect.signature(getattr(repository, name))
        expected = [(p.name, p.kind, p.default) for p in wanted.parameters.values()
                    if p.name != "self"]
        assert [(p.name, p.kind, p.default) for p in actual.parameters.values()] == expected, \
            f"{type(repository).__name__}.{name}"
