"""MyDelivengo v2.4 connector against a local fake server on 127.0.0.1."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop.domain.backoff import RetryPolicy
from desktop.domain.connectors import DELIVENGO, CarrierError, CreateRequest, ErrorKind, LabelMedia
from desktop.domain.tracking import is_valid_s10
from desktop.services.carrier_calls import create_exactly_once
from tests.carrier_servers import CUSTOMS_PDF, LABEL_PDF, LABEL_ZPL, SLIP_PDF, DelivengoServer
from tests.connector_helpers import assert_golden, connector, delivengo_shipment


@pytest.fixture
def server():
    s = DelivengoServer()
    yield s
    s.close()


@pytest.fixture
def dlv(server):
    c, _ = connector(DELIVENGO, server,
                     environ={"COMPTOIR_DELIVENGO_API_KEY": server.api_key})
    return c


def request(**kw) -> CreateRequest:
    return CreateRequest(delivengo_shipment(), "cpt-shipment-41", **kw)


def test_create_sends_the_golden_body_and_returns_the_servers_number_and_label(server, dlv):
    created = dlv.create(request())
    sent = server.of("POST", "/envois")[0]
    assert_golden("delivengo_create", sent.json())
    assert sent.headers["api-authorization"] == server.api_key  # raw key, no scheme
    assert sent.headers["accept"] == "application/pdf"
    assert sent.query["support"] == ["32"]  # PDF 10×15
    envoi = next(iter(server.envois.values()))
    assert created.ref.tracking_number == envoi["plis"][0]["numero"]
    assert is_valid_s10(created.ref.tracking_number)
    assert created.ref.carrier_id == str(envoi["id"])
    assert created.label.content == LABEL_PDF  # byte-identical [D 13.3]
    assert created.label.media_type == "application/pdf"
    assert [(d.kind, d.content) for d in created.documents] == [("customs", CUSTOMS_PDF)]


@pytest.mark.parametrize("media,support", [(LabelMedia.ZPL_203, "64"), (LabelMedia.ZPL_300, "128"),
                                           (LabelMedia.PDF_A4, "4")])
def test_supports(server, dlv, media, support):
    created = dlv.create(request(media=media))
    sent = server.of("POST", "/envois")[0]
    assert sent.query["support"] == [support]
    if media.media_type == "application/zpl":
        assert created.label.content == LABEL_ZPL
        # ZPL answers carry no customs documents: fetched again as PDF.
        again = server.of("GET", f"/envois/{created.ref.carrier_id}")
        assert again and again[0].headers["accept"] == "application/pdf"
        assert [d.content for d in created.documents] == [CUSTOMS_PDF]
    else:
        assert created.label.content == LABEL_PDF


def test_simulation_mode_checks_without_creating(server, dlv):
    created = dlv.create(request(simulate=True))
    assert server.of("POST", "/envois")[0].headers["api-creation-mode"] == "simulation"
    assert created.simulated and created.label is None
    assert server.envois == {}


def test_field_errors_are_mapped_onto_our_fields(server, dlv):
    bad = replace(delivengo_shipment(), parcel=delivengo_shipment().parcel.__class__(2500))
    bad = replace(bad, recipient=replace(bad.recipient, postcode="", city=""))
    with pytest.raises(CarrierError) as info:
        dlv.create(CreateRequest(bad, "k1"))
    err = info.value
    assert err.kind is ErrorKind.PERMANENT and err.status == 400 and not err.retryable
    assert {(f.carrier_field, f.field) for f in err.field_errors} == {
        ("plis[0].destinataire.code_postal_commune", "recipient.postcode"),
        ("plis[0].poids", "parcel.weight_g")}
    assert "Destinataire, code postal" in err.describe("fr") and "Le code postal" in err.describe("fr")


@pytest.mark.parametrize("status", [429, 500, 503])
def test_rate_limit_and_server_errors_are_retryable(server, dlv, status):
    server.fail("POST", "/envois", status=status, headers={"Retry-After": "7"},
                body=b'{"error": {"code": %d, "message": "busy"}}' % status)
    with pytest.raises(CarrierError) as info:
        dlv.create(request())
    assert info.value.retryable and info.value.status == status
    assert info.value.retry_after_s == 7.0


def test_refused_key_is_an_auth_error_without_the_key(server):
    c, _ = connector(DELIVENGO, server, environ={"COMPTOIR_DELIVENGO_API_KEY": "wrong-key-999"})
    with pytest.raises(CarrierError) as info:
        c.create(request())
    assert info.value.kind is ErrorKind.AUTH and not info.value.retryable
    assert "wrong-key-999" not in info.value.describe("fr")
    check = c.test_connection()
    assert not check.ok and "wrong-key-999" not in check.detail


def test_timeout_is_retryable_and_may_have_created(server, dlv):
    server.fail("POST", "/envois", "hang", seconds=2.0)
    with pytest.raises(CarrierError) as info:
        dlv.create(request())
    assert info.value.retryable and info.value.outcome_unknown
    assert info.value.message == "timeout"


def test_connection_dropped_mid_request_is_retryable(server, dlv):
    server.fail("GET", "/utilisateurs/0", "drop")
    check = dlv.test_connection()
    assert not check.ok
    server.fail("POST", "/envois", "drop")
    with pytest.raises(CarrierError) as info:
        dlv.create(request())
    assert info.value.retryable and info.value.outcome_unknown


def test_answer_lost_after_creation_then_created_exactly_once(server, dlv):
    """The carrier creates the envoi but the connection drops: the retry looks our key up
    and takes that envoi (its label fetched again) instead of creating a second one."""
    server.fail("POST", "/envois", "create_then_drop")
    sleeps = []
    created = create_exactly_once(dlv, request(), RetryPolicy(attempts=3),
                                  sleep=sleeps.append, rng=lambda: 0.5)
    assert len(server.envois) == 1
    assert len(server.of("POST", "/envois")) == 1
    envoi = next(iter(server.envois.values()))
    assert created.ref.tracking_number == envoi["plis"][0]["numero"]
    assert created.label.content == LABEL_PDF
    assert sleeps == [0.25]  # base 0.5 s × jitter 0.5


def test_retry_after_500_creates_once(server, dlv):
    server.fail("POST", "/envois", status=500, body=b"{}")
    created = create_exactly_once(dlv, request(), RetryPolicy(attempts=3),
                                  sleep=lambda s: None, rng=lambda: 0.0)
    assert len(server.envois) == 1 and created.label.content == LABEL_PDF


def test_find_by_reference_matches_our_key_only(server, dlv):
    dlv.create(CreateRequest(delivengo_shipment(), "other-key"))
    assert dlv.find_by_reference("cpt-shipment-41") is None
    dlv.create(request())
    found = dlv.find_by_reference("cpt-shipment-41", LabelMedia.ZPL_203)
    assert found.ref.reference == "cpt-shipment-41" and found.label.content == LABEL_ZPL


def test_cancel_deletes_the_envoi(server, dlv):
    created = dlv.create(request())
    dlv.cancel(created.ref)
    assert server.envois == {}
    with pytest.raises(CarrierError) as info:
        dlv.cancel(created.ref)
    assert info.value.status == 404 and info.value.kind is ErrorKind.PERMANENT


def test_deposit_slip_of_the_day(server, dlv):
    slip = dlv.deposit_slip(date(2026, 12, 1))
    assert slip.content == SLIP_PDF and slip.kind == "deposit_slip"
    assert server.of("POST", "/depots")[0].json() == {"data": {"date": "01/12/2026"}}
    dlv.deposit_slip(date(2026, 12, 1))  # the second time the existing one is fetched
    assert len(server.of("POST", "/depots")) == 1


def test_connection_test_names_the_account(dlv):
    check = dlv.test_connection()
    assert check.ok and check.detail == "Atelier Dupont Dupont"


def test_untracked_needs_its_product_id(server):
    c, _ = connector(DELIVENGO, server, environ={"COMPTOIR_DELIVENGO_API_KEY": server.api_key})
    untracked = CreateRequest(delivengo_shipment(service_id="delivengo-profil-untracked"), "u1")
    with pytest.raises(CarrierError) as info:
        c.create(untracked)
    assert info.value.kind is ErrorKind.CONFIG and server.requests == []
    c2, _ = connector(DELIVENGO, server, environ={"COMPTOIR_DELIVENGO_API_KEY": server.api_key},
                      untracked_product_id=36)
    c2.create(untracked)
    assert server.of("POST", "/envois")[0].json()["data"]["id_support"] == 36


def test_garbage_answer_is_a_typed_error(server, dlv):
    server.fail("POST", "/envois", status=200, body=b'{"data": {"documents_supports": "@@"}}')
    with pytest.raises(CarrierError) as info:
        dlv.create(request())
    assert info.value.outcome_unknown and info.value.kind is ErrorKind.PERMANENT

