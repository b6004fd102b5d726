"""Acceptance (issue 2): a process killed with SIGKILL in the middle of saving leaves the
database consistent, and the next process opens it and writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain.ports import HistoryQuery
from desktop.domain.tracking import is_valid_s10, make_s10
from desktop.storage import payloads
from desktop.storage.db import open_database
from tests.integration.helpers_storage import raw, shipment, url_for

HELPER = Path(__file__).with_name("helpers_crash.py")
WAIT_LIMIT_S = 120  # safety net for a stuck child, not a performance assertion

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")]


def _run_until_flag(db_path: Path, flag: Path, pause_at: int) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, str(HELPER), "save", str(db_path), str(flag),
                              str(pause_at)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not flag.exists():
        if child.poll() is not None:
            pytest.fail(f"child exited early: {child.stderr.read().decode()}")
        assert time.monotonic() < deadline, "child never reached the flag"
        time.sleep(0.01)
    return child


def _kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=WAIT_LIMIT_S)
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL


def _assert_consistent(db_path: Path) -> int:
    """Integrity, foreign keys and whole rows; returns how many shipments survived."""
    with raw(db_path) as plain:
        assert plain.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert plain.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = plain.execute("SELECT id, tracking_number, recipient_name, recipient_city, "
                             "reference, weight_g FROM shipments ORDER BY id").fetchall()
        for _id, number, name, city, reference, weight in rows:
            assert number and is_valid_s10(number) and name and city and reference and weight
        jobs = [(sid, payloads.decode(data, encoding)) for sid, data, encoding in plain.execute(
            "SELECT j.shipment_id, b.data, j.payload_encoding FROM print_jobs j "
            "LEFT JOIN print_job_bytes b ON b.job_id = j.id ORDER BY j.id")]
        # One job per shipment, none orphaned, each carrying its shipment's number.
        assert [j[0] for j in jobs] == [r[0] for r in rows]
        assert all(r[1].encode() in j[1] for r, j in zip(rows, jobs, strict=True))
        (next_serial,) = plain.execute(
            "SELECT next_serial FROM tracking_ranges WHERE name = 'crash'").fetchone()
        # Numbers taken = numbers stored: the killed transaction's allocation rolled back.
        assert next_serial == 1 + len(rows)
        assert sorted(r[1] for r in rows) == sorted(make_s10("LD", n) for n in range(1, 1 + len(rows)))
    return len(rows)


def _assert_reopens_and_writes(db_path: Path, survivors: int) -> None:
    with open_database(url_for(db_path)) as db:
        number = db.tracking_ranges.allocate("crash")
        assert number == make_s10("LD", survivors + 1)  # never a repeat of a stored number
        saved = db.shipments.add(shipment(tracking_number=number, reference="after crash"))
        assert db.shipments.find_by_tracking(number).id == saved.id
        assert db.shipments.count(HistoryQuery()) == survivors + 1


def test_sigkill_inside_an_open_save_transaction(tmp_path):
    db_path = tmp_path / "comptoir.sqlite3"
    flag = tmp_path / "inside-transaction"
    child = _run_until_flag(db_path, flag, pause_at=5)
    in_flight = flag.read_text()
    # While the child holds the write lock, a reader still sees the five committed saves.
    with raw(db_path) as plain:
        assert plain.execute("SELECT count(*) FROM shipments").fetchone()[0] == 5
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    _kill(child)

    assert _assert_consistent(db_path) == 5
    with raw(db_path) as plain:
        assert plain.execute("SELECT count(*) FROM shipments WHERE tracking_number = ?",
                             (in_flight,)).fetchone()[0] == 0
    _assert_reopens_and_writes(db_path, 5)


def test_sigkill_at_an_arbitrary_moment_of_a_save_loop(tmp_path):
    db_path = tmp_path / "comptoir.sqlite3"
    flag = tmp_path / "running"
    child = _run_until_flag(db_path, flag, pause_at=-1)
    deadline = time.monotonic() + WAIT_LIMIT_S
    while True:  # let it get well into the loop, then kill wherever it happens to be
        try:
            with raw(db_path) as plain:
                if plain.execute("SELECT count(*) FROM shipments").fetchone()[0] >= 30:
                    break
        except sqlite3.OperationalError:  # busy: the child is writing
            pass
        assert time.monotonic() < deadline
        time.sleep(0.005)
    _kill(child)
    survivors = _assert_consistent(db_path)
    assert survivors >= 30
    _assert_reopens_and_writes(db_path, survivors)
