"""Server unreachable in the middle of a counter save (issue 14): the draft typed by the
clerk survives in the local journal and is saved once the server is back.

A PostgreSQL server of the test's own (scripts/pg-test-server in a temp folder) is stopped
with pg_ctl during the save, then started again on the same data and port."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop.domain.draft import draft_from_shipment
from desktop.domain.errors import DatabaseUnreachable
from desktop.domain.ports import HistoryQuery
from desktop.domain.printing import LabelFormat
from desktop.services.counter_operation import PrintTargets
from desktop.services.offline_drafts import Kept, OfflineDrafts
from desktop.services.shipment_file import load_shipment_file
from desktop.storage.draft_journal import FileDraftJournal

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "pg-test-server"


def _pg_ctl() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")) or [shutil.which("pg_ctl") or ""]
    return found[-1]


def _as_owner(*cmd: str) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)


@pytest.fixture
def own_server():
    if not _pg_ctl():
        pytest.skip("PostgreSQL is not installed")
    # Directly under the temp root: the postgres account must reach it (pytest's are 0700).
    top = Path(tempfile.mkdtemp(prefix="comptoir-pg-"))
    folder = top / "pg"
    started = subprocess.run([str(SCRIPT), "start", str(folder)], capture_output=True,
                             text=True, timeout=180)
    if started.returncode != 0:
        pytest.skip(f"no PostgreSQL server: {started.stderr.strip()[-200:]}")
    url = started.stdout.strip().splitlines()[-1]
    port = make_url(url).port

    def stop():
        subprocess.run(_as_owner(_pg_ctl(), "-D", str(folder / "data"), "-m", "immediate",
                                 "stop"), capture_output=True, timeout=60, check=True)

    def start():
        options = (f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off")
        subprocess.run(_as_owner(_pg_ctl(), "-D", str(folder / "data"), "-l",
                                 str(folder / "server.log"), "-w", "-t", "60", "-o", options,
                                 "start"), capture_output=True, timeout=90, check=True)

    yield url, stop, start
    subprocess.run([str(SCRIPT), "stop", str(folder)], capture_output=True, timeout=60)
    shutil.rmtree(top, ignore_errors=True)


class StopsTheServerFirst:
    """The counter operation, with the server stopped after the draft was journaled and
    before the database was reached: the middle of the save."""

    def __init__(self, counter, stop):
        self._counter, self._stop, self.stopped = counter, stop, False

    def submit(self, draft, targets, **options):
        if not self.stopped:
            self.stopped = True
            self._stop()
        return self._counter.submit(draft, targets, **options)


def test_a_draft_survives_the_server_stopping_mid_save_and_is_saved_after(
        own_server, comptoir_home, tmp_path):
    from desktop.app import build_context

    url, stop, start = own_server
    ctx = build_context(database_url=url, lang="fr")
    try:
        shipment = load_shipment_file(ROOT / "examples" / "colissimo-france.json")
        draft = draft_from_shipment(shipment, None, contents_confirmed=True)
        targets = PrintTargets(ctx.printer_url, LabelFormat.PDF)
        ctx.history.count(HistoryQuery())  # the pool holds a live connection
        journal = FileDraftJournal(tmp_path / "pending")
        offline = OfflineDrafts(StopsTheServerFirst(ctx.counter, stop), journal)

        outcome = offline.submit(draft, targets)
        assert isinstance(outcome, Kept)
        assert outcome.message("fr").startswith("Serveur injoignable")
        assert offline.waiting() == 1  # what the clerk typed is on this bench's disk
        (key, record), = journal.pending()
        assert record["shipment"]["recipient"]["name"] == shipment.recipient.name
        assert offline.retry(targets) == ([], [])  # still down: nothing lost, nothing done
        assert offline.waiting() == 1
        with pytest.raises(DatabaseUnreachable):
            ctx.history.count(HistoryQuery())

        start()
        saved, refused = offline.retry(targets)
        assert refused == [] and len(saved) == 1
        assert offline.waiting() == 0
        stored = ctx.history.search(HistoryQuery())
        assert [s.tracking_number for s in stored] == [shipment.tracking_number]
        assert stored[0].recipient == shipment.recipient
        assert offline.retry(targets) == ([], [])  # saved once, never twice
    finally:
        ctx.close()
