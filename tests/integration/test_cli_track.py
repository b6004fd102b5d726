"""`comptoir track` and `comptoir carriers test` end to end (in-process CLI, fake servers)."""

from __future__ import annotations

import json

import pytest

from desktop.app_carriers import demo_carrier
from desktop.domain.connectors import NOVAPOST, CreateRequest
from tests.carrier_servers import DelivengoServer, NovaPostServer
from tests.connector_helpers import connector, delivengo_shipment, novapost_shipment
from tests.integration.cli_helpers import run_in_process


@pytest.fixture
def nova(monkeypatch):
    server = NovaPostServer()
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_URL", server.url)
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_KEY", server.api_key)
    yield server
    server.close()


def test_track_a_nova_post_number_json(capsys, nova):
    c, _ = connector(NOVAPOST, nova, environ={"COMPTOIR_NOVAPOST_API_KEY": nova.api_key})
    number = c.create(CreateRequest(novapost_shipment(), "k1")).ref.tracking_number
    code, out, _ = run_in_process(capsys, "track", number, "--json")
    data = json.loads(out)
    assert code == 0 and data["carrier"] == "novapost" and data["tracking_number"] == number
    assert [e["code"] for e in data["events"]] == ["1", "7"]
    assert data["events"][1]["location"] == "Kyiv 12"


def test_track_text_output(capsys, nova):
    c, _ = connector(NOVAPOST, nova, environ={"COMPTOIR_NOVAPOST_API_KEY": nova.api_key})
    number = c.create(CreateRequest(novapost_shipment(), "k1")).ref.tracking_number
    code, out, _ = run_in_process(capsys, "track", number)
    assert code == 0 and "At the branch" in out and "Kyiv 12" in out


def test_track_demo_number(capsys):
    number = demo_carrier().create(CreateRequest(delivengo_shipment(), "cli-demo")).ref
    code, out, _ = run_in_process(capsys, "track", number.tracking_number, "--json")
    assert code == 0 and json.loads(out)["carrier"] == "demo"


def test_s10_number_alone_asks_for_the_carrier(capsys):
    code, _, err = run_in_process(capsys, "track", "LD 037 508 768 FR", "--lang", "en")
    assert code == 3 and "--carrier" in err and "LD037508768FR" in err


def test_carrier_without_tracking_says_so(capsys, monkeypatch):
    monkeypatch.setenv("COMPTOIR_DELIVENGO_API_KEY", "dlv-key-unused")  # Delivengo's API
    code, _, err = run_in_process(capsys, "track", "LD037508768FR", "--carrier",
                                  "laposte-delivengo", "--lang", "en")
    assert code == 1 and "not offered" in err and "Traceback" not in err


def test_carrier_down_is_a_clear_message(capsys, nova, monkeypatch):
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_URL", "http://127.0.0.1:9/v.1.0/")  # nothing there
    code, out, _ = run_in_process(capsys, "track", "SHLT4009860665", "--json")
    data = json.loads(out)
    assert code == 1 and data["retryable"] and data["carrier"] == "novapost"


def test_carriers_test_json(capsys, nova):
    code, out, _ = run_in_process(capsys, "carriers", "test", "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"]
    assert [(c["carrier"], c["mode"], c["ok"]) for c in data["carriers"]] == [
        ("demo", "demo", True), ("novapost", "api", True)]  # Delivengo: demo out of the box
    assert nova.logins == 1


def test_carriers_test_refused_key(capsys, monkeypatch):
    server = DelivengoServer()
    try:
        monkeypatch.setenv("COMPTOIR_DELIVENGO_API_URL", server.url)
        monkeypatch.setenv("COMPTOIR_DELIVENGO_API_KEY", "not-the-key-42")
        code, out, _ = run_in_process(capsys, "carriers", "test", "--carrier",
                                      "laposte-delivengo")
        assert code == 1 and "FAILED" in out and "not-the-key-42" not in out
    finally:
        server.close()


def test_set_key_goes_to_the_keyring_only(capsys, monkeypatch, tmp_path):
    import io

    import keyring

    from tests.connector_helpers import MemoryKeyring

    ring = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO("np-secret-7777\n"))
        code, out, err = run_in_process(capsys, "--lang", "en", "carriers", "set-key",
                                       "novapost")
        assert code == 0 and "np-secret-7777" not in out + err
        assert ring.store == {("comptoir", "novapost.api_key"): "np-secret-7777"}
        home = tmp_path / "comptoir-home"
        stored = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
        assert b"np-secret-7777" not in stored  # not in settings, database or logs
    finally:
        keyring.set_keyring(previous)


def test_exchanges_reach_the_debug_log_redacted(capsys, nova, caplog):
    import logging

    with caplog.at_level(logging.DEBUG, logger="comptoir.carriers"):
        code, _, _ = run_in_process(capsys, "carriers", "test", "--carrier", "novapost")
    assert code == 0
    lines = [r.getMessage() for r in caplog.records if r.name == "comptoir.carriers"]
    assert lines and "clients/authorization" in lines[0]
    assert nova.api_key not in "".join(lines) and nova.jwt not in "".join(lines)
