"""Replaying the offline journal (issue 14 §5), on SQLite and PostgreSQL:

- a draft whose save committed but whose journal entry outlived it (the process died, or the
  connection dropped after COMMIT) is found on replay by its key, never saved twice: one
  shipment, one number taken from the carrier's range, one label;
- a draft the database refuses on replay is set aside with its reason, reported once, listed
  by `comptoir drafts`, and not retried."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.domain.draft import draft_from_shipment
from desktop.domain.errors import AlreadySaved, DatabaseUnreachable
from desktop.domain.ports import HistoryQuery
from desktop.domain.tracking import make_s10
from desktop.services.offline_drafts import Kept, OfflineDrafts
from desktop.services.shipment_file import load_shipment_file
from tests.integration.helpers_storage import (  # noqa: F401
    clock,
    db,
    db_url,
    engine_name,
    shipment,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Crash(BaseException):
    """The process dying: not an error anything catches."""


def _context(url: str, tmp_path: Path):
    from desktop.app import build_context

    ctx = build_context(database_url=url, lang="fr")
    ctx.settings.printer_url = (tmp_path / "printer").as_uri()
    return ctx


def _targets(ctx, tmp_path):
    return ctx.print_targets(forms_printer=(tmp_path / "forms").as_uri())


def test_a_draft_saved_before_a_crash_is_found_on_replay_with_one_number(
        db_url, comptoir_home, tmp_path):
    from desktop.app import draft_journal
    from desktop.storage.draft_journal import FileDraftJournal

    example = load_shipment_file(EXAMPLES / "delivengo-usa.json")
    draft = draft_from_shipment(example, None, contents_confirmed=True)

    class DiesBeforeDropping(FileDraftJournal):
        def drop(self, key):  # the save committed; the entry is still on disk
            raise Crash

    ctx = _context(db_url, tmp_path)
    try:
        ctx.number_ranges.add_carrier_range(example.service_id, "LD", 1, 1000,
                                            reference="Lettre La Poste 2026-001")
        with pytest.raises(Crash):
            OfflineDrafts(ctx.counter, DiesBeforeDropping(draft_journal().folder)).submit(
                draft, _targets(ctx, tmp_path))
    finally:
        ctx.close()

    ctx = _context(db_url, tmp_path)  # the restart
    try:
        journal = draft_journal()
        (key, record), = journal.pending()
        first, = ctx.history.search(HistoryQuery())
        assert first.draft_key == record["draft_key"]  # the entry's key, on its shipment
        jobs_before = ctx.printing.history(first.id)

        saved, refused = OfflineDrafts(ctx.counter, journal).retry(_targets(ctx, tmp_path))

        assert refused == [] and [s.shipment.id for s in saved] == [first.id]
        assert journal.pending() == []
        stored = ctx.history.search(HistoryQuery())
        assert [s.id for s in stored] == [first.id]  # one shipment
        assert stored[0].tracking_number == make_s10("LD", 1, "FR")
        assert ctx.printing.history(first.id) == jobs_before  # printed once
        # one number taken: the range's next is the second
        assert ctx.database.tracking_ranges.allocate(f"carrier-{example.service_id}") == \
            make_s10("LD", 2, "FR")
    finally:
        ctx.close()


def test_the_database_stores_one_shipment_per_draft_key(db):
    """Two replays racing past the lookup: the unique index refuses the second, which is
    told which shipment holds the key (migration 0026)."""
    first = db.shipments.add(shipment(draft_key="0b7a9c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c"))
    with pytest.raises(AlreadySaved) as refused:
        db.shipments.add(shipment(draft_key="0b7a9c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c",
                                  tracking_number="LD000000022FR"))
    assert refused.value.shipment.id == first.id
    assert db.shipments.find_by_draft_key(first.draft_key).id == first.id
    assert db.shipments.count(HistoryQuery()) == 1
    db.shipments.add(shipment(tracking_number="LD000000036FR"))  # no key: any number of them
    db.shipments.add(shipment(tracking_number="LD000000045FR"))
    assert db.shipments.count(HistoryQuery()) == 3


class Unreachable:
    def submit(self, draft, targets, **options):
        raise DatabaseUnreachable("connection refused")


def test_a_draft_refused_on_replay_is_set_aside_told_once_and_listed(
        db_url, comptoir_home, tmp_path, capsys):
    from desktop.app import draft_journal
    from desktop.cli import main

    example = load_shipment_file(EXAMPLES / "colissimo-france.json")  # a scanned form number
    draft = draft_from_shipment(example, None, contents_confirmed=True)
    ctx = _context(db_url, tmp_path)
    try:
        targets = _targets(ctx, tmp_path)
        journal = draft_journal()
        assert isinstance(OfflineDrafts(Unreachable(), journal).submit(draft, targets), Kept)
        # meanwhile another bench stores a parcel with the same form
        other = ctx.counter.submit(draft_from_shipment(
            replace(example, reference="AUTRE-POSTE"), None, contents_confirmed=True), targets)
        offline = OfflineDrafts(ctx.counter, journal)

        saved, refused = offline.retry(targets)

        assert saved == [] and len(refused) == 1
        assert example.tracking_number in refused[0].message("fr")
        assert f"n° {other.shipment.id}" in refused[0].message("fr")
        assert refused[0].recipient == example.recipient.name
        assert offline.waiting() == 0 and len(offline.set_aside()) == 1
        assert offline.retry(targets) == ([], [])  # told once: no second refusal, no retry
        assert [s.id for s in ctx.history.search(HistoryQuery())] == [other.shipment.id]
    finally:
        ctx.close()

    capsys.readouterr()
    assert main(["drafts", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["drafts"]
    assert [(d["state"], d["recipient"], d["reference"]) for d in listed] == [
        ("set_aside", example.recipient.name, example.reference)]
    assert example.tracking_number in listed[0]["reason"]
    assert Path(listed[0]["file"]).is_file()  # what the clerk typed, still on disk
    assert main(["drafts", "--lang", "en"]) == 0
    shown = capsys.readouterr().out
    assert "set aside" in shown and example.recipient.name in shown
