"""Every connector implements the one interface; what a carrier lacks is refused as such;
the tracking use case finds the carrier of a number."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.connectors.credentials import CredentialStore
from desktop.connectors.registry import CarrierConfig, open_api_connector
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.connectors import (
    CANCEL,
    COLISSIMO,
    DELIVENGO,
    DEMO,
    DEPOSIT_SLIP,
    LOOKUP,
    NOVAPOST,
    PICKUP_POINTS,
    QUOTE,
    TRACK,
    CarrierConnector,
    CarrierError,
    CarrierRef,
    ErrorKind,
    PickupQuery,
    Tracking,
)
from desktop.domain.errors import ValidationFailed
from desktop.services.tracking import TrackingService
from tests.connector_helpers import MemoryKeyring, delivengo_shipment

UNREACHABLE = "http://127.0.0.1:9/"  # nothing listens: no test here may send a request


def _open(carrier):
    return open_api_connector(CarrierConfig(carrier, "api", api_url=UNREACHABLE),
                              CredentialStore(environ={}, backend=MemoryKeyring()))


OPERATIONS = {
    CANCEL: lambda c: c.cancel(CarrierRef(c.carrier, "X")),
    TRACK: lambda c: c.track("X"),
    DEPOSIT_SLIP: lambda c: c.deposit_slip(date(2026, 12, 1)),
    PICKUP_POINTS: lambda c: c.pickup_points(PickupQuery("FR")),
    QUOTE: lambda c: c.quote(delivengo_shipment()),
    LOOKUP: lambda c: c.find_by_reference("k"),
}


@pytest.mark.parametrize("carrier", [DELIVENGO, NOVAPOST, COLISSIMO])
def test_protocol_and_capabilities_agree(carrier):
    c = _open(carrier)
    assert isinstance(c, CarrierConnector) and c.carrier == carrier
    for name, call in OPERATIONS.items():
        if name in c.capabilities:
            continue
        with pytest.raises(CarrierError) as info:
            call(c)
        assert info.value.kind is ErrorKind.UNSUPPORTED, name


@pytest.mark.parametrize("carrier", [DELIVENGO, NOVAPOST])
def test_missing_key_is_a_config_error_before_any_request(carrier):
    with pytest.raises(CarrierError) as info:
        _open(carrier).find_by_reference("k")
    assert info.value.kind is ErrorKind.CONFIG


class _Shipments:
    def __init__(self, rows):
        self.rows = rows

    def find_by_tracking(self, number):
        return self.rows.get(number)


class _Connector:
    def __init__(self, carrier):
        self.carrier, self.asked = carrier, []

    def track(self, number):
        self.asked.append(number)
        return Tracking(number, "ok")


def _service(rows=None):
    opened = {}

    def connector_for(carrier):
        return opened.setdefault(carrier, _Connector(carrier))
    return TrackingService(_Shipments(rows or {}), default_catalogue(), connector_for), opened


def test_stored_shipment_decides_the_carrier():
    stored = replace(delivengo_shipment(), tracking_number="LD037508768FR")
    service, opened = _service({"LD037508768FR": stored})
    carrier, tracking = service.track("ld 037 508 768 fr")
    assert carrier == DELIVENGO and opened[DELIVENGO].asked == ["LD037508768FR"]


@pytest.mark.parametrize("number,carrier", [("SHLT4009860665", NOVAPOST),
                                            ("6A15984040331", COLISSIMO),
                                            ("DEMO-0000000007", DEMO)])
def test_shape_decides_for_numbers_we_never_stored(number, carrier):
    assert _service()[0].track(number)[0] == carrier


def test_unknown_shape_or_empty_is_a_refusal_naming_the_field():
    for number in ("LD037508768FR", "  "):
        with pytest.raises(ValidationFailed) as info:
            _service()[0].track(number)
        assert info.value.violations[0].field == "tracking_number"
