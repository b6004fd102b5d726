"""Colissimo SLS generateLabel connector against a local fake server on 127.0.0.1."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.domain.backoff import RetryPolicy
from desktop.domain.connectors import COLISSIMO, CarrierError, CreateRequest, ErrorKind, LabelMedia
from desktop.services.carrier_calls import create_exactly_once
from tests.carrier_servers import CUSTOMS_PDF, LABEL_PDF, LABEL_ZPL, ColissimoServer
from tests.connector_helpers import MemoryKeyring, assert_golden, colissimo_shipment, connector


@pytest.fixture
def server():
    s = ColissimoServer()
    yield s
    s.close()


@pytest.fixture
def keyring():
    k = MemoryKeyring()
    k.set_password("comptoir", "colissimo.password", "cs-password-789")
    return k


@pytest.fixture
def cs(server, keyring):
    c, _ = connector(COLISSIMO, server, keyring=keyring, contract_number="123456")
    return c


def request(**kw) -> CreateRequest:
    return CreateRequest(colissimo_shipment(), "cpt-shipment-43", **kw)


def test_generate_label_reads_the_multipart_answer(server, cs, monkeypatch):
    monkeypatch.setattr(cs, "_today", lambda: __import__("datetime").date(2026, 12, 1))
    created = cs.create(request())
    assert_golden("colissimo_create", server.of("POST", "/generateLabel")[0].json())
    assert created.ref.tracking_number.startswith("6A") and len(created.ref.tracking_number) == 13
    assert created.label.content == LABEL_PDF  # CR, LF, NUL, 0xFF and "--" kept exactly
    assert [(d.kind, d.content) for d in created.documents] == [("customs", CUSTOMS_PDF)]


def test_zpl_label(server, cs):
    created = cs.create(request(media=LabelMedia.ZPL_203))
    assert server.of("POST", "/generateLabel")[0].json()["outputFormat"][
        "outputPrintingType"] == "ZPL_10x15_203dpi"
    assert created.label.content == LABEL_ZPL and created.label.media_type == "application/zpl"


def test_400_messages_map_to_fields(server, cs):
    bad = colissimo_shipment(recipient=replace(colissimo_shipment().recipient, postcode=""))
    with pytest.raises(CarrierError) as info:
        cs.create(CreateRequest(bad, "k"))
    assert info.value.kind is ErrorKind.PERMANENT
    assert [(f.carrier_field, f.field) for f in info.value.field_errors] == [
        ("30108", "recipient.postcode")]


def test_wrong_password_never_shown(server):
    k = MemoryKeyring()
    k.set_password("comptoir", "colissimo.password", "bad-password-000")
    c, _ = connector(COLISSIMO, server, keyring=k, contract_number="123456")
    check = c.test_connection()
    assert not check.ok and "bad-password-000" not in check.detail
    assert server.of("POST", "/checkGenerateLabel")  # a dry run, nothing generated


def test_connection_test_uses_check_generate_label(server, cs):
    assert cs.test_connection().ok
    assert not server.of("POST", "/generateLabel")


def test_no_credentials_is_a_config_error(server):
    c, _ = connector(COLISSIMO, server, contract_number="123456")
    with pytest.raises(CarrierError) as info:
        c.create(request())
    assert info.value.kind is ErrorKind.CONFIG and server.requests == []


def test_server_error_retryable_timeout_retryable(server, cs):
    server.fail("POST", "/generateLabel", status=503, body=b"{}")
    created = create_exactly_once(cs, request(), RetryPolicy(attempts=2), sleep=lambda s: None,
                                  rng=lambda: 0.0)
    assert created.label.content == LABEL_PDF


def test_lost_answer_without_lookup_is_left_to_the_clerk(server, cs):
    """Colissimo has no look-up by reference: after a dropped answer the helper stops rather
    than risk a second label."""
    server.fail("POST", "/generateLabel", "create_then_drop")
    with pytest.raises(CarrierError) as info:
        create_exactly_once(cs, request(), RetryPolicy(attempts=3), sleep=lambda s: None,
                            rng=lambda: 0.0)
    assert info.value.outcome_unknown and not info.value.retryable
    assert len(server.of("POST", "/generateLabel")) == 1


def test_timeout_and_dropped_connection_are_retryable_and_unknown(server, cs):
    server.fail("POST", "/generateLabel", "hang", seconds=2.0)
    with pytest.raises(CarrierError) as info:
        cs.create(request())
    assert info.value.retryable and info.value.outcome_unknown
    server.fail("POST", "/generateLabel", "drop")
    with pytest.raises(CarrierError) as info:
        cs.create(request())
    assert info.value.retryable and info.value.outcome_unknown


def test_429_is_retried(server, cs):
    server.fail("POST", "/generateLabel", status=429, headers={"Retry-After": "3"},
                body=b'{"messages": []}')
    waits = []
    created = create_exactly_once(cs, request(), RetryPolicy(attempts=2), sleep=waits.append,
                                  rng=lambda: 0.0)
    assert waits == [3.0] and created.label.content == LABEL_PDF
