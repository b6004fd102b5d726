"""Issue 8 acceptance for Nova Post at the outbox level (the Delivengo twin is
tests/integration/test_carrier_outbox.py): the connection dropped mid-request, a 500, a
timeout, or a creation whose answer was lost — the counter's shipment stays in the outbox,
then one send creates it exactly once and prints the carrier's label byte for byte."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from desktop.domain.draft import draft_from_shipment
from desktop.domain.outbox import OutboxState
from desktop.domain.printing import LabelFormat
from desktop.services.counter_operation import PrintTargets
from tests.carrier_servers import LABEL_PDF, NovaPostServer
from tests.connector_helpers import SENDER, novapost_shipment

OPTIONS = {"novapost_variant": "address-address", "payer": "sender",
           "payment_method": "non_cash", "pieces": 1, "contents_confirmed": True}


@pytest.fixture
def server():
    s = NovaPostServer()
    yield s
    s.close()


@pytest.fixture
def ctx(comptoir_home, server, monkeypatch):
    from desktop.app import build_context

    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_URL", server.url)
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_KEY", server.api_key)
    settings = comptoir_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"extra": {"carriers": {"novapost": {"timeout_s": 0.5}}}}),
                        encoding="utf-8")
    context = build_context(lang="fr")
    context.outbox.policy = replace(context.outbox.policy, base_s=0.01, max_s=0.02)
    yield context
    context.close()


def spooled(output: str) -> bytes:
    return Path(unquote(urlsplit(output).path) if output.startswith("file:") else output
                ).read_bytes()


@pytest.mark.parametrize("faults", [
    [("POST", dict(action="drop"))] * 2,  # the connection dropped mid-request
    [("POST", dict(action="status", status=500))] * 2,
    [("POST", dict(action="hang", seconds=1.5))] * 2,  # longer than the client's timeout
    # created at Nova Post, its answer lost, then the look-up finds Nova Post silent
    [("POST", dict(action="create_then_drop")), ("GET", dict(action="status", status=503))],
], ids=["dropped", "500", "timeout", "answer-lost"])
def test_the_shipment_waits_then_is_created_exactly_once(ctx, server, comptoir_home, faults):
    for method, fault in faults:
        server.fail(method, "/shipments", **fault)
    draft = draft_from_shipment(novapost_shipment(sender=SENDER, options=OPTIONS), None)
    targets = PrintTargets(f"file://{comptoir_home}/spool", LabelFormat.PDF)
    saved = ctx.counter.submit(draft, targets)
    assert saved.awaiting_carrier and saved.shipment.tracking_number is None
    assert len(server.shipments) <= 1  # at most the one whose answer was lost
    assert ctx.outbox.for_shipment(saved.shipment.id).state is OutboxState.AWAITING_CARRIER

    (result,) = ctx.outbox.send()  # `comptoir submit`, the GUI's pass
    assert result.created
    (created,) = server.shipments.values()  # exactly one creation at Nova Post
    assert result.shipment.id == saved.shipment.id
    assert result.shipment.tracking_number == created["number"]
    label = next(j for j in result.jobs if j.kind == "label")
    assert spooled(label.output) == LABEL_PDF  # the carrier's bytes, as received
    assert ctx.outbox.send() == [] and len(server.shipments) == 1
