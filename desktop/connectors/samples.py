"""A fixed sample shipment for connection tests (a dry run that creates nothing)."""

from __future__ import annotations

from desktop.domain.address import Address
from desktop.domain.connectors import CreateRequest
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import Shipment

SAMPLE_SENDER = Address(company="Comptoir test", street="1 rue de Rivoli", postcode="75001",
                        city="PARIS", country="FR", phone="0102030405")
SAMPLE_RECIPIENT = Address(name="Test destinataire", street="10 avenue de la République",
                           postcode="69001", city="LYON", country="FR", phone="0607080910")


def sample_request(service_id: str, simulate: bool = True) -> CreateRequest:
    shipment = Shipment(sender=SAMPLE_SENDER, recipient=SAMPLE_RECIPIENT, service_id=service_id,
                        parcel=Parcel(500))
    return CreateRequest(shipment, "connection-test", simulate=simulate)
