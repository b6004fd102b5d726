"""The carrier outbox as a user meets it (issue 8): `comptoir ship` against a fake
MyDelivengo on 127.0.0.1 that drops the connection, answers 500 or hangs; the shipment is
saved and waits (exit 5), `comptoir submit` creates it exactly once and prints the very bytes
the carrier returned."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from desktop.domain.tracking import is_valid_s10
from tests.carrier_servers import LABEL_PDF, DelivengoServer
from tests.integration.cli_helpers import EXAMPLES, run


@pytest.fixture
def server():
    s = DelivengoServer()
    yield s
    s.close()


@pytest.fixture
def home(comptoir_home, server, monkeypatch):
    monkeypatch.setenv("COMPTOIR_DELIVENGO_API_URL", server.url)
    monkeypatch.setenv("COMPTOIR_DELIVENGO_API_KEY", server.api_key)
    settings = comptoir_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    # No mode set: a key in the environment means the web service (registry default).
    settings.write_text(json.dumps({"extra": {"carriers": {
        "laposte-delivengo": {"timeout_s": 0.5}}}}), encoding="utf-8")
    return comptoir_home


def spooled(path: str) -> bytes:
    return Path(unquote(urlsplit(path).path) if path.startswith("file:") else path).read_bytes()


def created_envois(server) -> list[dict]:
    return list(server.envois.values())


@pytest.mark.parametrize("faults", [
    [("POST", dict(action="drop"))] * 2,  # the connection dropped mid-request
    [("POST", dict(action="status", status=500))] * 2,
    [("POST", dict(action="hang", seconds=2.0))] * 2,  # longer than the client's timeout
    # created at the carrier, its answer lost, then the look-up finds the carrier silent
    [("POST", dict(action="create_then_drop")), ("GET", dict(action="status", status=503))],
], ids=["dropped", "500", "timeout", "answer-lost"])
def test_a_silent_carrier_leaves_the_shipment_in_the_outbox_then_it_is_created_once(
        home, server, faults):
    for method, fault in faults:
        server.fail(method, "/envois", **fault)
    shipped = run(home, "ship", str(EXAMPLES / "delivengo-usa.json"), "--json")
    assert shipped.returncode == 5, shipped.stderr + shipped.stdout
    saved = json.loads(shipped.stdout)
    assert saved["status"] == "awaiting_carrier" and saved["tracking_number"] is None
    assert len(created_envois(server)) <= 1  # at most the one whose answer was lost

    sent = run(home, "submit", "--json")
    assert sent.returncode == 0, sent.stderr + sent.stdout
    report = json.loads(sent.stdout)
    (row,) = report["sent"]
    (envoi,) = created_envois(server)  # exactly one creation at the carrier
    number = envoi["plis"][0]["numero"]
    assert row["tracking_number"] == number and is_valid_s10(number)
    assert row["shipment_id"] == saved["shipment_id"] and report["waiting"] == []
    # The label in the file spool is the carrier's PDF, byte for byte [D 13.3].
    assert spooled(row["output"]) == LABEL_PDF
    # Nothing left to send: a second submit creates nothing.
    again = run(home, "submit", "--json")
    assert again.returncode == 0 and json.loads(again.stdout)["sent"] == []
    assert len(created_envois(server)) == 1

    # Every exchange is kept on the shipment's outbox entry, the API key masked.
    with sqlite3.connect(home / "data" / "comptoir.sqlite3") as con:
        state, exchanges = con.execute("select state, exchanges from carrier_outbox").fetchone()
    assert state == "created" and server.api_key not in exchanges
    logged = json.loads(exchanges)
    assert len(logged) >= 3 and "POST" in {x["method"] for x in logged}  # tries, look-ups
    assert any(x["status"] == 200 for x in logged)

    listed = run(home, "history", "--json")
    (shipment,) = json.loads(listed.stdout)["shipments"]
    assert shipment["tracking_number"] == number


def test_a_carrier_that_answers_at_once_prints_its_label_and_ship_exits_0(home, server):
    shipped = run(home, "ship", str(EXAMPLES / "delivengo-usa.json"), "--json")
    assert shipped.returncode == 0, shipped.stderr + shipped.stdout
    out = json.loads(shipped.stdout)
    (envoi,) = created_envois(server)
    assert out["tracking_number"] == envoi["plis"][0]["numero"]
    assert spooled(out["output"]) == LABEL_PDF
    (create,) = server.of("POST", "/envois")
    assert create.json()["data"]["plis"][0]["reference"]  # our key goes with the creation


def test_fields_the_carrier_refuses_come_back_on_our_fields_and_submit_exits_3(
        home, server, tmp_path):
    data = json.loads((EXAMPLES / "delivengo-usa.json").read_text(encoding="utf-8"))
    server.fail("POST", "/envois", action="status", status=400, body=json.dumps(
        {"error": {"code": 400, "message": "Données invalides", "details": {
            "plis[0].destinataire.code_postal_commune": ["Le code postal est obligatoire"]}}}
    ).encode(), headers={"Content-Type": "application/json"})
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    shipped = run(home, "ship", str(path), "--json", "--lang", "en")
    assert shipped.returncode == 5
    errors = json.loads(shipped.stdout)["errors"]
    assert [e["field"] for e in errors] == ["recipient.postcode"]
    assert "refused by" in errors[0]["message"] and server.envois == {}
