"""Tracking-number allocation: sequential S10 numbers, exhaustion, threads and processes."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desktop.domain.errors import NotFound, ValidationFailed
from desktop.domain.tracking import NumberRange, is_valid_s10, make_s10
from desktop.storage.db import open_database
from tests.integration.helpers_storage import clock, db, db_path, url_for  # noqa: F401

HELPER = Path(__file__).with_name("helpers_crash.py")
WAIT_LIMIT_S = 120  # safety net for a stuck child, not a performance assertion


def test_allocation_is_sequential_valid_s10(db):
    db.tracking_ranges.ensure(NumberRange("ld", "LD", 47312482, 47312490, country="FR"))
    numbers = [db.tracking_ranges.allocate("ld") for _ in range(3)]
    assert numbers == [make_s10("LD", n, "FR") for n in (47312482, 47312483, 47312484)]
    assert all(is_valid_s10(n) for n in numbers)
    assert db.tracking_ranges.get("ld").next_serial == 47312485


def test_exhaustion_raises_range_exhausted(db):
    db.tracking_ranges.ensure(NumberRange("tiny", "RR", 5, 6, country="GB"))
    assert [db.tracking_ranges.allocate("tiny") for _ in range(2)] == [make_s10("RR", 5, "GB"),
                                                                      make_s10("RR", 6, "GB")]
    for _ in range(2):  # stays exhausted, the counter does not move past last + 1
        with pytest.raises(ValidationFailed) as refused:
            db.tracking_ranges.allocate("tiny")
        (v,) = refused.value.violations
        assert (v.field, v.rule, v.limit) == ("tracking_number", "range_exhausted", "tiny")
    assert db.tracking_ranges.get("tiny").next_serial == 7
    assert db.tracking_ranges.get("tiny").remaining == 0
    with pytest.raises(NotFound):
        db.tracking_ranges.allocate("unknown")


def test_allocation_inside_a_failed_transaction_is_given_back(db):
    db.tracking_ranges.ensure(NumberRange("ld", "LD", 1, 10))
    with pytest.raises(RuntimeError):
        with db.transaction():
            db.tracking_ranges.allocate("ld")
            raise RuntimeError("label refused")
    assert db.tracking_ranges.allocate("ld") == make_s10("LD", 1)


def test_threads_hammering_allocate_get_distinct_numbers(db_path):
    first = open_database(url_for(db_path))
    second = open_database(url_for(db_path))  # two engines, two pools, one file
    try:
        first.tracking_ranges.ensure(NumberRange("ld", "LD", 1000, 1399))
        calls = [first if i % 2 else second for i in range(400)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            numbers = list(pool.map(lambda d: d.tracking_ranges.allocate("ld"), calls))
        assert len(set(numbers)) == 400
        assert set(numbers) == {make_s10("LD", n) for n in range(1000, 1400)}
        with pytest.raises(ValidationFailed):
            first.tracking_ranges.allocate("ld")
    finally:
        first.close()
        second.close()


def test_compare_and_set_fallback_never_repeats(db_path):
    """The path for dialects without UPDATE … RETURNING, exercised on SQLite."""
    from desktop.storage.repositories import SqlTrackingRanges

    database = open_database(url_for(db_path))
    try:
        database.tracking_ranges.ensure(NumberRange("cas", "CA", 1, 120))
        fallback = SqlTrackingRanges(database._uow, update_returning=False)
        with ThreadPoolExecutor(max_workers=6) as pool:
            numbers = list(pool.map(lambda _: fallback.allocate("cas"), range(120)))
        assert sorted(numbers) == sorted(make_s10("CA", n) for n in range(1, 121))
        with pytest.raises(ValidationFailed):
            fallback.allocate("cas")
        with pytest.raises(NotFound):
            fallback.allocate("nope")
    finally:
        database.close()


def _start_allocators(db_path: Path | str, tmp_path: Path, name: str, count: int, workers: int):
    procs = []
    for i in range(workers):
        ready = tmp_path / f"ready{i}"
        procs.append((subprocess.Popen(
            [sys.executable, str(HELPER), "allocate", str(db_path), name, str(count), str(ready),
             str(tmp_path / "go")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
            ready))
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not all(r.exists() for _, r in procs):  # all open before any allocates
        assert time.monotonic() < deadline, "allocator processes did not start"
        assert all(p.poll() is None for p, _ in procs), [p.stderr.read() for p, _ in procs]
        time.sleep(0.02)
    (tmp_path / "go").touch()
    outputs = []
    for p, _ in procs:
        out, err = p.communicate(timeout=WAIT_LIMIT_S)
        assert p.returncode == 0, err
        outputs.append(out.split())
    return outputs


@pytest.mark.slow
def test_processes_hammering_allocate_never_repeat(db_path, tmp_path):
    with open_database(url_for(db_path)) as setup:
        setup.tracking_ranges.ensure(NumberRange("ld", "LD", 1, 99_999_999))
    outputs = _start_allocators(db_path, tmp_path, "ld", 150, 3)
    numbers = [n for out in outputs for n in out]
    assert len(numbers) == 450 and len(set(numbers)) == 450
    assert set(numbers) == {make_s10("LD", n) for n in range(1, 451)}
    for out in outputs:  # each process sees its own numbers increasing
        assert out == sorted(out, key=lambda n: int(n[2:10]))


@pytest.mark.slow
def test_processes_share_an_exhausting_range_exactly(db_path, tmp_path):
    with open_database(url_for(db_path)) as setup:
        setup.tracking_ranges.ensure(NumberRange("small", "LD", 1, 60))
    outputs = _start_allocators(db_path, tmp_path, "small", 40, 2)
    numbers = [n for out in outputs for n in out if n != "EXHAUSTED"]
    assert sorted(numbers) == sorted(make_s10("LD", n) for n in range(1, 61))
    assert sum(out.count("EXHAUSTED") for out in outputs) == 20


@pytest.mark.slow
def test_four_processes_get_ten_thousand_distinct_gap_free_numbers(db_url, tmp_path):
    """Issue 14: 4 processes × 2 500 allocations from one carrier range, on each engine."""
    with open_database(db_url) as setup:
        setup.tracking_ranges.ensure(NumberRange("carrier-x", "LD", 5_000, 99_999_999))
    outputs = _start_allocators(db_url, tmp_path, "carrier-x", 2_500, 4)
    numbers = [n for out in outputs for n in out]
    assert len(numbers) == 10_000 and len(set(numbers)) == 10_000
    assert set(numbers) == {make_s10("LD", n) for n in range(5_000, 15_000)}  # no gap
    with open_database(db_url) as after:
        assert after.tracking_ranges.get("carrier-x").next_serial == 15_000
