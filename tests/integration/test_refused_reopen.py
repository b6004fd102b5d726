"""Issue 8 §6, a refusal that comes late: a Delivengo shipment saved while the carrier was
down is refused (400, a field error) by the automatic pass; `reopen_refused` gives the
counter the stored shipment as a draft with the carrier's errors on our fields, the
corrected draft goes out as the same shipment (one record, one creation), and once it is no
longer refused the operation says so, naming the shipment by recipient and reference."""

from __future__ import annotations

import json
import time
from dataclasses import replace

import pytest

from desktop.domain.draft import draft_from_shipment
from desktop.domain.errors import ValidationFailed
from desktop.domain.outbox import OutboxState
from desktop.domain.ports import HistoryQuery
from desktop.domain.printing import LabelFormat
from desktop.services.counter_operation import PrintTargets
from desktop.services.shipment_file import load_shipment_file
from tests.carrier_servers import LABEL_PDF, DelivengoServer
from tests.integration.cli_helpers import EXAMPLES


@pytest.fixture
def server():
    s = DelivengoServer()
    yield s
    s.close()


@pytest.fixture
def ctx(comptoir_home, server, monkeypatch):
    from desktop.app import build_context

    monkeypatch.setenv("COMPTOIR_DELIVENGO_API_URL", server.url)
    monkeypatch.setenv("COMPTOIR_DELIVENGO_API_KEY", server.api_key)
    settings = comptoir_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"extra": {"carriers": {
        "laposte-delivengo": {"timeout_s": 0.5}}}}), encoding="utf-8")
    context = build_context(lang="fr")
    context.outbox.policy = replace(context.outbox.policy, base_s=0.01, max_s=0.02)
    yield context
    context.close()


REFUSAL = {"error": {"code": 400, "message": "Données invalides", "details": {
    "plis[0].destinataire.code_postal_commune": ["Le code postal est inconnu"]}}}


def test_a_late_refusal_reopens_as_the_same_shipment_with_its_field_errors(
        ctx, server, comptoir_home):
    stored = load_shipment_file(EXAMPLES / "delivengo-usa.json")
    draft = draft_from_shipment(stored, None, contents_confirmed=True)
    spool = comptoir_home / "spool"
    targets = PrintTargets(f"file://{spool}", LabelFormat.PDF)

    server.down()
    waiting = ctx.counter.submit(draft, targets)
    assert waiting.awaiting_carrier and not waiting.carrier_refused
    shipment_id = waiting.shipment.id
    with pytest.raises(ValidationFailed) as not_yet:  # waiting, not refused: nothing to open
        ctx.counter.reopen_refused(shipment_id)
    assert "John Smith — CMD-2026-0043" in not_yet.value.describe("fr")

    server.up()
    server.fail("POST", "/envois", action="status", status=400,
                body=json.dumps(REFUSAL).encode())
    time.sleep(0.05)  # the failed first try's back-off (at most 0.02 s here) is over
    outbox_pass = ctx.outbox.resend_due()  # the GUI's automatic pass
    (result,) = outbox_pass.results
    assert result.entry.state is OutboxState.REFUSED and server.envois == {}
    (refused,) = outbox_pass.refused
    assert (refused.shipment_id, refused.name) == (shipment_id, "John Smith — CMD-2026-0043")

    # The history finds it by its outbox state, and says so for its row.
    page = ctx.history.page(HistoryQuery(carrier_state=OutboxState.REFUSED))
    assert [s.id for s in page.shipments] == [shipment_id]
    assert page.carrier_states == {shipment_id: OutboxState.REFUSED}
    assert ctx.history.search(HistoryQuery(carrier_state=OutboxState.CREATED)) == []

    reopened = ctx.counter.reopen_refused(shipment_id)
    assert reopened.shipment_id == shipment_id and reopened.carrier == "laposte-delivengo"
    assert reopened.name == "John Smith — CMD-2026-0043"
    again = reopened.draft
    assert again.id is None and again.tracking_number is None and again.created_at is None
    assert again.recipient == stored.recipient and again.parcel == stored.parcel
    assert again.customs == stored.customs and again.reference == stored.reference
    assert again.options["contents_confirmed"] is True  # the same parcel, already checked
    # "ship again" (a new parcel) asks for the confirmation again [C 5.4].
    assert "contents_confirmed" not in ctx.history.ship_again(shipment_id).options
    (error,) = reopened.violations
    assert error.field == "recipient.postcode" and error.rule == "carrier_refused"
    assert error.describe("fr") == (
        "Destinataire, code postal : refusé par La Poste Delivengo "
        "(plis[0].destinataire.code_postal_commune: Le code postal est inconnu)")
    assert "Le code postal est inconnu" in error.describe("en")

    # The clerk corrects the postcode; Print resends the same shipment.
    fixed = draft_from_shipment(replace(again, recipient=replace(again.recipient,
                                                                 postcode="20501")), None)
    sent = ctx.counter.resubmit_refused(shipment_id, fixed, targets)
    assert sent.shipment.id == shipment_id and not sent.awaiting_carrier
    (envoi,) = server.envois.values()
    assert sent.shipment.tracking_number == envoi["plis"][0]["numero"]
    creations = server.of("POST", "/envois")
    assert len(creations) == 2  # the refused one, then the corrected one
    body = creations[-1].json()["data"]["plis"][0]
    assert "20501" in json.dumps(body) and "20500" not in json.dumps(body)
    assert body["reference"] == creations[0].json()["data"]["plis"][0]["reference"]  # our key
    assert ctx.history.count(HistoryQuery(), cap=None) == 1
    label = sent.label
    assert label is not None and (spool / label.output.rsplit("/", 1)[-1]).read_bytes() \
        == LABEL_PDF

    # No longer refused: reopening (or resending) it is refused by name, nothing stored.
    with pytest.raises(ValidationFailed) as late:
        ctx.counter.reopen_refused(shipment_id)
    assert late.value.violations[0].rule == "carrier_not_refused"
    assert late.value.describe("fr") == (
        "Expédition : l'envoi « John Smith — CMD-2026-0043 » n'est plus refusé par le "
        "transporteur, rien à corriger : le transporteur l'a créé, son numéro et son "
        "étiquette sont arrivés")
    assert "John Smith — CMD-2026-0043" in late.value.describe("en")
    with pytest.raises(ValidationFailed):
        ctx.counter.resubmit_refused(shipment_id, fixed, targets)
    assert ctx.history.count(HistoryQuery(), cap=None) == 1
    assert len(server.of("POST", "/envois")) == 2


def test_a_refusal_that_names_no_field_still_says_why(ctx, server, comptoir_home):
    stored = load_shipment_file(EXAMPLES / "delivengo-usa.json")
    draft = draft_from_shipment(stored, None, contents_confirmed=True)
    server.down()
    waiting = ctx.counter.submit(draft, PrintTargets(f"file://{comptoir_home}/spool",
                                                     LabelFormat.PDF))
    server.up()
    server.fail("POST", "/envois", action="status", status=422,
                body=json.dumps({"error": {"code": 422, "message": "Compte suspendu"}}).encode())
    time.sleep(0.05)  # the failed first try's back-off (at most 0.02 s here) is over
    assert ctx.outbox.resend_due().results
    (error,) = ctx.counter.reopen_refused(waiting.shipment.id).violations
    assert error.field == "carrier" and "Compte suspendu" in error.describe("fr")
