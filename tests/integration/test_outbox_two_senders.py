"""Issue 14 §3 through the service: two senders on one database — a bench's automatic pass
and `comptoir submit` (here two application contexts on the same file, in two threads) —
find the same waiting shipment while MyDelivengo is slow to answer. Exactly one of them
sends it: the carrier receives one creation, and the other sender reports nothing sent."""

from __future__ import annotations

import json
import threading

import pytest

from desktop.domain.draft import draft_from_shipment
from desktop.domain.outbox import OutboxState
from desktop.domain.printing import LabelFormat
from desktop.services.counter_operation import PrintTargets
from desktop.services.shipment_file import load_shipment_file
from tests.carrier_servers import DelivengoServer
from tests.integration.cli_helpers import EXAMPLES


@pytest.fixture
def server():
    s = DelivengoServer()
    yield s
    s.close()


def test_two_senders_one_creation(comptoir_home, server, monkeypatch):
    from desktop.app import build_context

    monkeypatch.setenv("COMPTOIR_DELIVENGO_API_URL", server.url)
    monkeypatch.setenv("COMPTOIR_DELIVENGO_API_KEY", server.api_key)
    settings = comptoir_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"extra": {"carriers": {
        "laposte-delivengo": {"timeout_s": 5.0}}}}), encoding="utf-8")
    first, second = build_context(lang="fr"), build_context(lang="fr")
    try:
        stored = load_shipment_file(EXAMPLES / "delivengo-usa.json")
        targets = PrintTargets(f"file://{comptoir_home}/spool", LabelFormat.PDF)
        server.down()
        waiting = first.counter.submit(draft_from_shipment(stored, None,
                                                           contents_confirmed=True), targets)
        assert waiting.awaiting_carrier
        server.up()
        server.fail("POST", "/envois", action="delay", seconds=1.0)
        results, start = {}, threading.Barrier(2)

        def send(name, ctx):
            start.wait()
            results[name] = ctx.outbox.send()  # `comptoir submit`: every waiting entry

        threads = [threading.Thread(target=send, args=pair)
                   for pair in (("first", first), ("second", second))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        sent = [r for rs in results.values() for r in rs]
        assert len(sent) == 1 and sent[0].entry.state is OutboxState.CREATED
        assert len(server.of("POST", "/envois")) == 1 and len(server.envois) == 1
        entry = first.outbox.for_shipment(waiting.shipment.id)
        assert entry.state is OutboxState.CREATED and entry.sending_until is None
    finally:
        first.close()
        second.close()
