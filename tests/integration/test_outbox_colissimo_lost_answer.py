"""Issue 8 §6 with a carrier that offers no look-up (Colissimo web service, contract holders):
the answer to a creation is lost, so the carrier may hold the shipment already. The outbox
never creates it again on its own; the refusal tells the clerk, in the clerk's language, to
check in the Colissimo account; the clerk who prints again after checking gets exactly one
new creation, on the same shipment."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import keyring
import pytest

from desktop.domain.draft import draft_from_shipment
from desktop.domain.outbox import OutboxState
from desktop.domain.ports import HistoryQuery
from desktop.domain.printing import LabelFormat
from desktop.services.counter_operation import PrintTargets
from desktop.services.shipment_file import load_shipment_file
from tests.carrier_servers import LABEL_PDF, ColissimoServer
from tests.connector_helpers import MemoryKeyring
from tests.integration.cli_helpers import EXAMPLES


@pytest.fixture
def server():
    s = ColissimoServer()
    yield s
    s.close()


@pytest.fixture
def ctx(comptoir_home, server):
    from desktop.app import build_context

    memory = MemoryKeyring()
    memory.set_password("comptoir", "colissimo.password", server.password)
    before = keyring.get_keyring()
    keyring.set_keyring(memory)
    settings = comptoir_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"extra": {"carriers": {"colissimo": {
        "mode": "api", "api_url": server.url, "contract_number": server.contract,
        "timeout_s": 0.5}}}}), encoding="utf-8")
    context = build_context(lang="fr")
    context.outbox.policy = replace(context.outbox.policy, base_s=0.01, max_s=0.02)
    yield context
    context.close()
    keyring.set_keyring(before)


def test_a_lost_answer_is_never_created_again_until_the_clerk_has_checked(
        ctx, server, comptoir_home):
    stored = replace(load_shipment_file(EXAMPLES / "colissimo-france.json"),
                     tracking_number=None)  # the web service gives the number
    draft = draft_from_shipment(stored, None, contents_confirmed=True)
    spool = comptoir_home / "spool"
    targets = PrintTargets(f"file://{spool}", LabelFormat.PDF)
    creations = server.of  # every POST the carrier received

    server.fail("POST", "/generateLabel", "create_then_drop")
    first = ctx.counter.submit(draft, targets)
    shipment_id = first.shipment.id
    assert first.awaiting_carrier and first.shipment.tracking_number is None
    assert len(creations("POST", "/generateLabel")) == 1  # it may exist at Colissimo now

    # The automatic pass must not create it a second time: it is left to the clerk.
    time.sleep(ctx.outbox.policy.max_s * 5)  # past the (shortened) back-off: the entry is due
    outbox_pass = ctx.outbox.resend_due()
    (result,) = outbox_pass.results
    assert result.entry.state is OutboxState.REFUSED
    assert len(creations("POST", "/generateLabel")) == 1
    (error,) = ctx.counter.reopen_refused(shipment_id).violations
    assert error.rule == "carrier_maybe_created" and error.field == "carrier"
    french = error.describe("fr")
    assert "Colissimo a peut-être déjà créé cet envoi" in french
    assert "Vérifiez dans votre espace Colissimo" in french
    assert "check" not in french and "looked up" not in french  # no English in French
    assert "Check in your Colissimo account" in error.describe("en")

    # The clerk checked: not there. Printing again creates it once, on the same shipment.
    reopened = ctx.counter.reopen_refused(shipment_id)
    sent = ctx.counter.resubmit_refused(shipment_id, draft_from_shipment(reopened.draft, None),
                                        targets)
    assert sent.shipment.id == shipment_id and not sent.awaiting_carrier
    assert len(creations("POST", "/generateLabel")) == 2
    assert sent.shipment.tracking_number.startswith("6A")
    assert (spool / sent.label.output.rsplit("/", 1)[-1]).read_bytes() == LABEL_PDF
    assert ctx.history.count(HistoryQuery(), cap=None) == 1
    assert ctx.outbox.resend_due().results == ()  # nothing left to send
    assert len(creations("POST", "/generateLabel")) == 2
