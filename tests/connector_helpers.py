"""Shipments, credentials and connectors for the carrier connector tests."""

from __future__ import annotations

from decimal import Decimal

from keyring.backend import KeyringBackend

from desktop.connectors.credentials import CredentialStore
from desktop.connectors.registry import CarrierConfig, open_api_connector
from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import Shipment

TEST_TIMEOUT_S = 0.5


class MemoryKeyring(KeyringBackend):
    """A file-less keyring for tests (the system one is never touched)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


SENDER = Address(company="Atelier Dupont", name="Marie Dupont", street="12 rue de la Paix",
                 postcode="75002", city="PARIS", country="FR", phone="01 42 60 00 00",
                 email="atelier@example.fr")
UK = Address(name="John Smith", street="1 High Street", building="Flat 2", postcode="SW1A 1AA",
             city="London", country="GB", phone="+44 20 7946 0000", email="john@example.co.uk")
KYIV = Address(name="Olena Kovalenko", street="Khreshchatyk 22", complement="kv. 5",
               postcode="01001", city="Kyiv", country="UA", phone="+380 44 123 4567",
               email="olena@example.ua")
CUSTOMS = CustomsDeclaration(
    category="sale_of_goods", invoice_number="F-2026-118",
    items=(CustomsItem("Cotton scarf", 2, 300, Decimal("59.80"), "EUR", "621420", "FR"),
           CustomsItem("Ceramic mug", 1, 450, Decimal("18.50"), "EUR", "691200", "FR")))


def delivengo_shipment(**kw) -> Shipment:
    base = dict(sender=SENDER, recipient=UK, service_id="delivengo-profil-tracked",
                parcel=Parcel(1200, 300, 200, 50), reference="CMD-4471", customs=CUSTOMS)
    return Shipment(**{**base, **kw})


def novapost_shipment(**kw) -> Shipment:
    base = dict(sender=SENDER, recipient=KYIV, service_id="novapost-parcel",
                parcel=Parcel(2357, 400, 300, 200), reference="CMD-4472", customs=CUSTOMS,
                options={"insurance_eur": "150"})
    return Shipment(**{**base, **kw})


def colissimo_shipment(**kw) -> Shipment:
    base = dict(sender=SENDER, recipient=UK, service_id="colissimo-expert-international",
                parcel=Parcel(3000, 400, 300, 200), reference="CMD-4473", customs=CUSTOMS)
    return Shipment(**{**base, **kw})


def connector(carrier: str, server, *, environ=None, keyring=None, log=None, **config):
    store = CredentialStore(environ=environ or {}, backend=keyring or MemoryKeyring())
    return open_api_connector(CarrierConfig(carrier, "api", api_url=server.url,
                                            timeout_s=TEST_TIMEOUT_S, **config),
                              store, log=log), store


def assert_golden(name: str, body: dict) -> None:
    """The request body a fake server received equals tests/golden/connectors/NAME.json.
    Regenerate on purpose only: COMPTOIR_UPDATE_GOLDEN=1."""
    import json
    import os
    from pathlib import Path

    path = Path(__file__).parent / "golden" / "connectors" / f"{name}.json"
    if os.environ.get("COMPTOIR_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with COMPTOIR_UPDATE_GOLDEN=1"
    assert body == json.loads(path.read_text(encoding="utf-8"))
