"""Every request and answer can be logged; no secret reaches the log (keys, JWT, password)."""

from __future__ import annotations

import json

from desktop.domain.connectors import COLISSIMO, DELIVENGO, NOVAPOST, CreateRequest, PickupQuery
from tests.carrier_servers import ColissimoServer, DelivengoServer, NovaPostServer
from tests.connector_helpers import (
    MemoryKeyring,
    colissimo_shipment,
    connector,
    delivengo_shipment,
    novapost_shipment,
)


def _dump(log) -> str:
    return json.dumps([e.__dict__ for e in log], default=str)


def test_delivengo_exchanges_logged_without_the_key():
    server, log = DelivengoServer(), []
    try:
        c, _ = connector(DELIVENGO, server, log=log.append,
                         environ={"COMPTOIR_DELIVENGO_API_KEY": server.api_key})
        c.create(CreateRequest(delivengo_shipment(), "k1"))
        server.fail("POST", "/envois", status=400,
                    body=json.dumps({"error": {"message": f"bad key {server.api_key}"}}).encode())
        try:
            c.create(CreateRequest(delivengo_shipment(), "k2"))
        except Exception as exc:  # noqa: BLE001 - the message is checked below
            assert server.api_key not in str(exc)
        text = _dump(log)
        assert server.api_key not in text
        assert [e.status for e in log] == [200, 400]
        assert log[0].request_headers["api-authorization"] == "***"
        assert "destinataire" in log[0].request_body  # the body itself is kept
        assert "base64 characters" in log[0].response_body  # the label is summarised
    finally:
        server.close()


def test_novapost_exchanges_logged_without_key_or_jwt():
    server, log = NovaPostServer(), []
    try:
        c, _ = connector(NOVAPOST, server, log=log.append,
                         environ={"COMPTOIR_NOVAPOST_API_KEY": server.api_key})
        c.create(CreateRequest(novapost_shipment(), "k1"))
        server.expire()
        c.pickup_points(PickupQuery("UA"))
        text = _dump(log)
        assert server.api_key not in text
        assert "session1" not in text and "session2" not in text  # both JWTs
        assert any(e.status == 401 for e in log)  # the refused call is logged too
    finally:
        server.close()


def test_colissimo_password_not_logged():
    server, log = ColissimoServer(), []
    ring = MemoryKeyring()
    ring.set_password("comptoir", "colissimo.password", server.password)
    try:
        c, _ = connector(COLISSIMO, server, log=log.append, keyring=ring,
                         contract_number=server.contract)
        c.create(CreateRequest(colissimo_shipment(), "k1"))
        text = _dump(log)
        assert server.password not in text
        assert "<" in log[0].response_body and "multipart" in log[0].response_body
    finally:
        server.close()


def test_transport_failures_are_logged_too():
    server, log = DelivengoServer(), []
    try:
        c, _ = connector(DELIVENGO, server, log=log.append,
                         environ={"COMPTOIR_DELIVENGO_API_KEY": server.api_key})
        server.fail("GET", "/utilisateurs/0", "drop")
        assert not c.test_connection().ok
        assert log[-1].status is None and log[-1].error.startswith("connection")
    finally:
        server.close()
