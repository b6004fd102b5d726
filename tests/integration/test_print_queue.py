"""Acceptance (issue 9 §4, §8): the durable print queue against a fake ZPL printer on
127.0.0.1 answering `~HS` with scripted states, driven through the real `comptoir` process.

Paper out keeps the job queued with its reason; once the paper is back `jobs retry` prints
it exactly once (bytes counted at the fake); a dropped connection is never "printed"; a kill
while sending leaves one job awaiting confirmation and nothing printed twice; a bad printer
URL is refused before anything is stored."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fake_printers import SILENT, ZPL_READY, ZPL_STATES, FakePrinter
from tests.integration.cli_helpers import EXAMPLES, ROOT, run

SHIP = ("ship", str(EXAMPLES / "delivengo-usa.json"), "--format", "zpl203", "--json")


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


def rows(home: Path, sql: str) -> list[tuple]:
    db = home / "data" / "comptoir.sqlite3"
    if not db.exists():
        return []
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchall()


def ship_to(home: Path, fake: FakePrinter, **options) -> tuple[int, dict]:
    url = fake.url(**options)
    done = run(home, *SHIP, "--printer", url, "--forms-printer", (home / "forms").as_uri())
    return done.returncode, json.loads(done.stdout)


def test_paper_out_keeps_the_job_queued_then_retry_prints_it_exactly_once(comptoir_home,
                                                                          printer):
    printer.replies = [ZPL_STATES["paper out"]]
    code, report = ship_to(comptoir_home, printer)
    assert code == 4 and report["state"] == "queued" and "paper out" in report["error"]
    assert printer.jobs == []

    listed = json.loads(run(comptoir_home, "jobs", "--json").stdout)["jobs"]
    label = next(j for j in listed if j["kind"] == "label")
    assert (label["state"], label["tracking_number"]) == ("queued", report["tracking_number"])
    assert "paper out" in label["reason"]

    printer.replies = [ZPL_READY]  # the paper is back
    retried = run(comptoir_home, "jobs", "retry", "--json")
    assert retried.returncode == 0, retried.stderr
    assert [j["state"] for j in json.loads(retried.stdout)["jobs"]] == ["sent"]
    again = run(comptoir_home, "jobs", "retry", "--json")  # after success: nothing
    assert again.returncode == 0 and json.loads(again.stdout)["jobs"] == []
    labels = [d for d in printer.jobs if d.startswith(b"^XA")]
    assert len(labels) == 1 and report["tracking_number"].encode() in labels[0]

    history = json.loads(run(comptoir_home, "history", "--json").stdout)["shipments"]
    assert history[0]["status"] == "printed"
    assert {j["kind"]: j["state"] for j in history[0]["jobs"]}["label"] == "sent"


def test_reprint_sends_identical_bytes_and_is_logged(comptoir_home, printer):
    code, report = ship_to(comptoir_home, printer)
    assert code == 0, report
    done = run(comptoir_home, "reprint", report["tracking_number"], "--json")
    assert done.returncode == 0, done.stderr
    job = json.loads(done.stdout)["job"]
    assert job["reprint_of"] == report["print_job_id"] and job["state"] == "sent"
    labels = [d for d in printer.jobs if d.startswith(b"^XA")]
    assert len(labels) == 2 and labels[0] == labels[1]
    missing = run(comptoir_home, "reprint", "LA999999999FR")
    assert missing.returncode == 3 and "Traceback" not in missing.stderr


@pytest.mark.parametrize("behaviour", ["slam", "reset"])
def test_a_dropped_connection_is_never_printed(comptoir_home, behaviour):
    fake = FakePrinter(behaviour=behaviour)
    try:
        # status=none: the job itself meets the dropped connection (no status to refuse it)
        for options in ({}, {"status": "none"}):
            code, report = ship_to(comptoir_home, fake, **options)
            assert code == 4 and report["state"] != "sent" and report["status"] == "draft"
        assert fake.jobs == []
        states = {s for (s,) in rows(comptoir_home, "select outcome from print_jobs "
                                                    "where kind = 'label'")}
        assert "sent" not in states
    finally:
        fake.close()


def test_a_kill_while_sending_leaves_one_job_awaiting_confirmation(comptoir_home, printer):
    # Ready before the job, then silent when asked to confirm it: the process is killed
    # while it waits, the bytes have left.
    printer.replies = [ZPL_READY, SILENT]
    env = {**os.environ, "COMPTOIR_HOME": str(comptoir_home)}
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop", *SHIP, "--printer",
         printer.url(status_timeout=60), "--forms-printer", (comptoir_home / "forms").as_uri()],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (printer.jobs and len(printer.queries) >= 2):
            assert time.monotonic() < deadline and child.poll() is None
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(30)
    assert rows(comptoir_home, "select outcome from print_jobs where kind = 'label'") == [
        ("sending",)]
    listed = json.loads(run(comptoir_home, "jobs", "--json").stdout)["jobs"]
    assert [j["state"] for j in listed if j["kind"] == "label"] == ["awaiting_confirmation"]
    retried = run(comptoir_home, "jobs", "retry", "--json")
    # The customs forms still queued go out; the label is the clerk's to settle.
    assert [j["kind"] for j in json.loads(retried.stdout)["jobs"]] == ["cn22-label", "invoice"]
    assert len([d for d in printer.jobs if d.startswith(b"^XA")]) == 1


@pytest.mark.parametrize("url", ["bogus://x", "tcp://127.0.0.1:99999",
                                 "tcp://127.0.0.1:9100?status=morse"])
def test_a_bad_printer_url_is_refused_before_anything_is_stored(comptoir_home, url):
    done = run(comptoir_home, *SHIP, "--printer", url)
    assert done.returncode == 2 and url in done.stdout and "Traceback" not in done.stderr
    assert rows(comptoir_home, "select count(*) from shipments") in ([], [(0,)])
