"""Erasure (GDPR art. 17) reaches every stored copy of the recipient: the label kept for a
reprint, the spool file, the work-list draft it was printed from, the carrier exchanges; a
reprint is refused with a sentence that says why."""

# ruff: noqa: F811  (pytest fixtures imported from test_orders_import)
from __future__ import annotations

import base64
import json
import re
import sqlite3
import zlib
from pathlib import Path

import pytest

from desktop.domain.address import Address
from desktop.domain.draft import draft_from_shipment
from desktop.domain.printing import JobOutcome, LabelFormat
from desktop.domain.weighing import WeightSource
from desktop.services.counter_operation import PrintTargets
from desktop.services.print_jobs import ReprintRefused
from desktop.services.work_list import AtTheBench
from tests.carrier_servers import NovaPostServer
from tests.connector_helpers import SENDER, novapost_shipment
from tests.integration.cli_helpers import run_in_process

# The shop, its catalogue and the orders file of the work-list import tests.
from tests.integration.test_orders_import import FORMS, SHOP, WOO, ctx, home  # noqa: E402,F401

# How order 1042's recipient (Hélène Lefèvre, Épicerie Fine Ça & Là, 12 rue de l'Église)
# can be stored: typed, folded for the search, upper-cased on the label, in a PDF string.
HELENE_TEXT = ("lefèvre", "lefevre", "helene@example.fr", "église", "eglise", "picerie fine",
               "0472000000", "+33472000000")
HELENE_BYTES = (b"Lef", b"LEFEVRE", b"EGLISE", b"picerie", b"helene@example")


def readable(value: bytes) -> bytes:
    """The bytes, inflated when zlib-stored, plus the text of a PDF's compressed streams
    (reportlab: ASCII85 then Flate)."""
    try:
        value = zlib.decompress(value)
    except zlib.error:
        pass
    out = [value]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", value, re.S):
        data = stream.group(1).strip()
        for decode in (lambda d: zlib.decompress(base64.a85decode(d.removesuffix(b"~>"))),
                       zlib.decompress):
            try:
                out.append(decode(data))
                break
            except (ValueError, zlib.error):
                continue
    return b"\n".join(out)


def stored_hits(db: Path, texts, blobs) -> set[tuple[str, str]]:
    """(table, column) of every stored value, in every table of the file, holding one of
    the words (text case-insensitive) or byte strings (blobs, decoded as above)."""
    hits = set()
    with sqlite3.connect(db) as con:
        tables = [t for (t,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL TABLE%'")]
        for table in tables:
            columns = [c[1] for c in con.execute(f"PRAGMA table_info('{table}')")]
            for row in con.execute(f"SELECT * FROM '{table}'"):
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, bytes):
                        found = readable(value)
                        if any(b in found or b.upper() in found.upper() for b in blobs):
                            hits.add((table, column))
                    elif isinstance(value, str) and any(t in value.lower() for t in texts):
                        hits.add((table, column))
    return hits


def _ship_orders(ctx, spool: Path):
    stored, _ = ctx.work_list.commit_import(ctx.work_list.plan_import(
        WOO.read_bytes(), service_id="colissimo-domicile-france",
        service_abroad="colissimo-expert-international"))
    targets = PrintTargets(spool.as_uri(), LabelFormat.PDF)
    done = []
    for draft in stored[:2]:  # 1042 (Hélène Lefèvre), 1043 (Noël Garçon)
        bench = AtTheBench(1250, WeightSource("scale", scale_id="sim-1",
                                              raw_frame="S S     1.250 kg"),
                           tracking_number=FORMS[draft.reference], contents_confirmed=True)
        done.append(ctx.work_list.submit(draft, bench, targets).shipment)
    return done


def test_erasure_purges_the_stored_label_the_spool_file_and_the_order_draft(ctx, home, capsys):
    spool = home / "spool"
    helene, noel = _ship_orders(ctx, spool)
    ctx.printing.reprint_shipment(helene.id)  # a reprint: a second file, a second job
    db = home / "data" / "comptoir.sqlite3"
    before = stored_hits(db, HELENE_TEXT, HELENE_BYTES)
    assert ("print_job_bytes", "data") in before and ("work_drafts", "document") in before
    helene_files = {Path(j.output) for j in ctx.printing.history(helene.id)}
    noel_files = {Path(j.output) for j in ctx.printing.history(noel.id)}
    assert len(helene_files) == 2 and all(p.exists() for p in helene_files | noel_files)

    code, out, err = run_in_process(capsys, "person", "erase", "Hélène Lefèvre", "--yes")
    assert code == 0, err
    assert "2 fichier(s) d'impression supprimé(s)" in out

    assert stored_hits(db, HELENE_TEXT, HELENE_BYTES) == set()
    assert not any(p.exists() for p in helene_files)
    assert all(p.exists() for p in noel_files)  # nobody else's file is touched
    # The scan does find a recipient that was not erased: it is not blind.
    assert ("print_job_bytes", "data") in stored_hits(db, ("garçon",), (b"Gar",))
    jobs = ctx.printing.history(helene.id)
    assert {(j.payload, len(j.payload_sha256)) for j in jobs} == {(b"", 64)}  # hash kept
    assert ctx.printing.waiting() == []
    with sqlite3.connect(db) as con:
        docs = dict(con.execute("SELECT reference, document FROM work_drafts"))
    assert json.loads(docs["1042"])["recipient"] == {"postcode": "69003", "city": "Lyon",
                                                     "country": "FR"}
    assert json.loads(docs["1043"])["recipient"]["name"] == "Noël Garçon"

    # Reprints are refused, saying why; nothing reaches the spool.
    code, _, err = run_in_process(capsys, "reprint", FORMS["1042"])
    assert code != 0
    assert "6A15984040331 : réimpression impossible, ses documents ont été effacés à la " \
           "demande du destinataire (RGPD art. 17)" in err
    with pytest.raises(ReprintRefused) as refused:
        ctx.shipping.print_again(helene.id, spool.as_uri(), LabelFormat.ZPL203)
    assert "erased at the recipient's request" in refused.value.describe("en")
    assert len(ctx.printing.history(helene.id)) == len(jobs)
    assert {p.name for p in spool.iterdir()} == {p.name for p in noel_files}
    # The same shipment's other recipient stays reprintable.
    assert ctx.printing.reprint_shipment(noel.id).ok


def test_a_job_still_queued_is_never_sent_after_the_erasure(ctx, home):
    blocker = home / "not-a-folder"
    blocker.write_text("a file where the spool folder should be")
    stuck = blocker / "spool"
    stored, _ = ctx.work_list.commit_import(ctx.work_list.plan_import(
        WOO.read_bytes(), service_id="colissimo-domicile-france",
        service_abroad="colissimo-expert-international"))
    bench = AtTheBench(1250, WeightSource("scale", scale_id="sim-1", raw_frame="S S 1.250 kg"),
                       tracking_number=FORMS["1042"], contents_confirmed=True)
    saved = ctx.work_list.submit(stored[0], bench, PrintTargets(stuck.as_uri(), LabelFormat.PDF))
    assert [j.outcome for j in ctx.printing.history(saved.shipment.id)] == [JobOutcome.QUEUED]
    ctx.personal_data.erase(ctx.personal_data.erase_plan("Hélène Lefèvre"))
    blocker.unlink()  # the printer is back
    assert ctx.printing.retry() == [] and not stuck.exists()
    (job,) = ctx.printing.history(saved.shipment.id)
    assert job.outcome is JobOutcome.FAILED and job.payload == b""


@pytest.fixture
def novapost(home, monkeypatch):
    server = NovaPostServer()
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_URL", server.url)
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_KEY", server.api_key)
    yield server
    server.close()


def test_erasure_blanks_the_carrier_exchanges_and_the_carriers_label(novapost, home):
    from desktop.app import build_context

    warsaw = Address(name="Zofia Wiśniewska", street="ul. Marszałkowska 84", postcode="00-514",
                     city="Warszawa", country="PL", phone="+48 22 123 45 67",
                     email="zofia@example.pl")
    ctx = build_context(lang="fr")
    try:
        shipment = novapost_shipment(sender=SENDER, recipient=warsaw, options={
            "novapost_variant": "address-address", "payer": "sender",
            "payment_method": "non_cash", "pieces": 1, "contents_confirmed": True})
        saved = ctx.counter.submit(draft_from_shipment(shipment, None),
                                   PrintTargets((home / "spool").as_uri(), LabelFormat.PDF))
        if saved.awaiting_carrier:
            ctx.outbox.send()
        entry = ctx.outbox.for_shipment(saved.shipment.id)
        assert entry.exchanges and any("Marsza" in json.dumps(e, ensure_ascii=False)
                                       for e in entry.exchanges)
        db = home / "data" / "comptoir.sqlite3"
        words = ("wiśniewska", "wisniewska", "marszałkowska", "zofia@example.pl")
        assert ("carrier_outbox", "exchanges") in stored_hits(db, words, ())

        plan = ctx.personal_data.erase_plan("zofia@example.pl")
        assert plan.erased_shipment_ids == (saved.shipment.id,)
        ctx.personal_data.erase(plan)
        assert stored_hits(db, words, (b"Wi\xc5\x9bniewska", b"Marsza")) == set()
        kept = ctx.outbox.for_shipment(saved.shipment.id)
        assert [(e["method"], e["status"]) for e in kept.exchanges] == [
            (e["method"], e["status"]) for e in entry.exchanges]  # when and how, kept
        assert ctx.printing.waiting() == []
    finally:
        ctx.close()


def test_the_retention_purge_removes_the_spool_files_of_the_shipments_it_deletes(ctx, home):
    from datetime import UTC, datetime, timedelta

    from desktop.app import remove_spooled
    from desktop.domain.retention import DELIVERY_MARGIN_DAYS
    from desktop.services.personal_data import PersonalDataService
    from tests.integration.helpers_storage import FixedClock

    spool = home / "spool"
    helene, noel = _ship_orders(ctx, spool)
    files = {Path(j.output) for s in (helene, noel) for j in ctx.printing.history(s.id)}
    someone_else = spool / "20261130T120000.000000Z-test-page.pdf"  # not a shipment's
    someone_else.write_bytes(b"%PDF-1.3\n")
    # Shop orders carry content lines: the purge keeps them the customs period (3 years).
    later = FixedClock(datetime.now(UTC) + timedelta(days=1096 + DELIVERY_MARGIN_DAYS + 2))
    purge = PersonalDataService(ctx.database.personal_data, ctx.catalogue.all(), later,
                                remove_spooled=remove_spooled)
    assert purge.purge() == {"colissimo-domicile-france": 2}
    assert files and not any(p.exists() for p in files)
    assert sorted(p.name for p in spool.iterdir()) == [someone_else.name]
    db = home / "data" / "comptoir.sqlite3"
    assert stored_hits(db, HELENE_TEXT, HELENE_BYTES) <= {("work_drafts", "document")}
