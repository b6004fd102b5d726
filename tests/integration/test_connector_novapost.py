"""Nova Post Europe v1.0 connector against a local fake server on 127.0.0.1."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from desktop.connectors.http import CarrierHttp
from desktop.connectors.novapost.client import NovaPostConnector
from desktop.domain.backoff import RetryPolicy
from desktop.domain.connectors import (
    NOVAPOST,
    CarrierError,
    CarrierRef,
    CreateRequest,
    ErrorKind,
    LabelMedia,
    PickupQuery,
)
from desktop.domain.money import Money
from desktop.domain.parcel import Parcel
from desktop.services.carrier_calls import create_exactly_once
from tests.carrier_servers import INVOICE_PDF, LABEL_PDF, NovaPostServer
from tests.connector_helpers import TEST_TIMEOUT_S, assert_golden, connector, novapost_shipment


@pytest.fixture
def server():
    s = NovaPostServer()
    yield s
    s.close()


@pytest.fixture
def np_(server):
    c, _ = connector(NOVAPOST, server, environ={"COMPTOIR_NOVAPOST_API_KEY": server.api_key})
    return c


def request(**kw) -> CreateRequest:
    return CreateRequest(novapost_shipment(), "cpt-shipment-42", **kw)


def test_create_logs_in_sends_the_golden_body_and_prints_the_marking_label(server, np_):
    created = np_.create(request())
    login = server.of("GET", "/clients/authorization")
    assert len(login) == 1 and login[0].query["apiKey"] == [server.api_key]
    sent = server.of("POST", "/shipments")[0]
    assert_golden("novapost_create", sent.json())
    assert sent.headers["authorization"] == server.jwt  # the JWT alone, no "Bearer"
    assert created.ref.tracking_number == next(iter(server.shipments.values()))["number"]
    assert created.label.content == LABEL_PDF
    prints = server.of("GET", "/shipments/print")
    assert prints[0].query == {"numbers[]": [created.ref.tracking_number], "type": ["marking"],
                               "printSizeType": ["size_100_100"]}
    assert [(d.kind, d.content) for d in created.documents] == [("invoice", INVOICE_PDF)]


def test_weight_rounded_down_to_10_g_and_branch_delivery(server, np_):
    np_.create(request(pickup_point_id="7001"))
    body = server.of("POST", "/shipments")[0].json()
    assert body["parcels"][0]["actualWeight"] == 2350
    assert body["recipient"]["divisionId"] == "7001" and "addressParts" not in body["recipient"]


def test_expired_token_gives_exactly_one_relogin(server, np_):
    np_.create(request())
    server.expire()
    np_.track(next(iter(server.shipments.values()))["number"])
    assert server.logins == 2  # one login, then one refresh after the 401


def test_refused_twice_is_an_auth_error_not_a_loop(server, np_):
    np_.create(request())
    server.expire()
    server.fail("GET", "/shipments/tracking", status=401, body=b'{"errors": {"jwt": "expired"}}')
    server.fail("GET", "/shipments/tracking", status=401, body=b'{"errors": {"jwt": "expired"}}')
    with pytest.raises(CarrierError) as info:
        np_.track("SHLT4009860665")
    assert info.value.kind is ErrorKind.AUTH
    assert server.logins == 2 and len(server.of("GET", "/shipments/tracking")) == 2


def test_wrong_key_fails_the_connection_test_without_showing_it(server):
    c, _ = connector(NOVAPOST, server, environ={"COMPTOIR_NOVAPOST_API_KEY": "np-wrong-0000"})
    check = c.test_connection()
    assert not check.ok and "np-wrong-0000" not in check.detail


def test_422_field_errors_map_to_our_fields(server, np_):
    bad = novapost_shipment(recipient=replace(novapost_shipment().recipient, phone=""),
                            parcel=Parcel(5))
    with pytest.raises(CarrierError) as info:
        np_.create(CreateRequest(bad, "k"))
    err = info.value
    assert err.status == 422 and not err.retryable
    assert {(f.carrier_field, f.field) for f in err.field_errors} == {
        ("recipient.phone", "recipient.phone"), ("parcels.0.actualWeight", "parcel.weight_g")}
    assert [v.field for v in err.violations()] == ["recipient.phone", "parcel.weight_g"]


@pytest.mark.parametrize("status", [429, 500])
def test_429_and_500_are_retryable_then_succeed_once(server, np_, status):
    server.fail("POST", "/shipments", status=status, body=b'{"errors": {"server": "busy"}}')
    waits = []
    created = create_exactly_once(np_, request(), RetryPolicy(attempts=3), sleep=waits.append,
                                  rng=lambda: 1.0)
    assert len(server.shipments) == 1 and created.label.content == LABEL_PDF
    assert waits == [0.5]


def test_timeout_and_dropped_connection_are_retryable(server, np_):
    np_.test_connection()
    server.fail("GET", "/divisions", "hang", seconds=2.0)
    with pytest.raises(CarrierError) as info:
        np_.pickup_points(PickupQuery("UA", postcode="01001"))
    assert info.value.retryable and not info.value.outcome_unknown  # a read: nothing created
    server.fail("POST", "/shipments", "drop")
    with pytest.raises(CarrierError) as info:
        np_.create(request())
    assert info.value.retryable and info.value.outcome_unknown


def test_lost_creation_answer_is_found_by_client_order(server, np_):
    server.fail("POST", "/shipments", "create_then_drop")
    created = create_exactly_once(np_, request(), RetryPolicy(attempts=3),
                                  sleep=lambda s: None, rng=lambda: 0.0)
    assert len(server.shipments) == 1 and len(server.of("POST", "/shipments")) == 1
    assert created.ref.tracking_number == next(iter(server.shipments.values()))["number"]
    assert created.label.content == LABEL_PDF


def test_tracking_events(server, np_):
    number = np_.create(request()).ref.tracking_number
    tracking = np_.track(number)
    assert tracking.status == "At the branch" and not tracking.delivered
    assert [(e.code, e.location) for e in tracking.events] == [("1", "Paris"), ("7", "Kyiv 12")]
    with pytest.raises(CarrierError):
        np_.track("SHLT0000000000")


def test_divisions_are_mapped_and_cached(server):
    now = [0.0]
    http = CarrierHttp(NOVAPOST, server.url, secrets=lambda: [], timeout_s=TEST_TIMEOUT_S)
    c = NovaPostConnector(http, lambda: server.api_key, clock=lambda: now[0])
    query = PickupQuery("UA", postcode="01001", kinds=("locker", "branch"))
    points = c.pickup_points(query)
    assert [(p.id, p.kind, p.max_weight_g, p.distance_m) for p in points] == [
        ("7001", "locker", 30_000, 420), ("7002", "branch", 1_000_000, 1350),
        ("7003", "branch", 1_000_000, 2100)]
    assert points[0].address.postcode == "01001" and points[0].address.city == "Kyiv"
    sent = server.of("GET", "/divisions")[0].query
    assert sent["countryCodes[]"] == ["UA"]
    assert sent["divisionCategories[]"] == ["Postomat", "PostBranch"]
    now[0] = 3600.0
    c.pickup_points(query)
    assert len(server.of("GET", "/divisions")) == 1  # from the cache
    now[0] = 7 * 3600.0
    c.pickup_points(query)
    assert len(server.of("GET", "/divisions")) == 2  # past the TTL


def test_quote_and_cancel(server, np_):
    assert np_.quote(novapost_shipment()).price == Money(Decimal("11.9"), "EUR")
    created = np_.create(request())
    np_.cancel(CarrierRef(NOVAPOST, created.ref.tracking_number))  # id looked up by number
    assert server.shipments == {}


def test_a4_label(server, np_):
    np_.create(request(media=LabelMedia.PDF_A4))
    assert server.of("GET", "/shipments/print")[0].query["printSizeType"] == ["size_A4"]


def test_token_renewed_before_it_lapses(server):
    now = [0.0]
    http = CarrierHttp(NOVAPOST, server.url, secrets=lambda: [], timeout_s=TEST_TIMEOUT_S)
    c = NovaPostConnector(http, lambda: server.api_key, clock=lambda: now[0])
    c.quote(novapost_shipment())
    now[0] = 49 * 60.0
    c.quote(novapost_shipment())
    assert server.logins == 1
    now[0] = 51 * 60.0
    c.quote(novapost_shipment())
    assert server.logins == 2
    assert server.requests[-1].headers["authorization"] == server.jwt  # the new token
