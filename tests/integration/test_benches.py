"""Several benches on one database (issue 14): each row says which bench wrote it, the
history filters by bench, one form number is stored once even when two benches scan it at
the same moment, and PostgreSQL's search finds what SQLite's finds."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop.domain.errors import ValidationFailed
from desktop.domain.outbox import OutboxEntry, idempotency_key
from desktop.domain.ports import HistoryQuery
from desktop.domain.printing import LabelFormat, PrintJob
from desktop.storage.db import open_database
from desktop.storage.tables import PrintJobRow
from tests.integration.helpers_storage import (  # noqa: F401
    CET,
    clock,
    db,
    recipient,
    shipment,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def two_benches(db_url, clock):
    a = open_database(db_url, clock=clock, local_tz=CET, bench="CAISSE-1")
    b = open_database(db_url, clock=clock, local_tz=CET, bench="CAISSE-2")
    yield a, b
    a.close()
    b.close()


def test_rows_carry_their_bench_and_the_history_filters_by_it(two_benches):
    a, b = two_benches
    first = a.shipments.add(shipment(tracking_number="LD000000014FR"))
    second = b.shipments.add(shipment(tracking_number="LD000000028FR"))
    assert (first.bench, second.bench) == ("CAISSE-1", "CAISSE-2")
    assert b.shipments.get(first.id).bench == "CAISSE-1"
    assert [s.id for s in a.shipments.search(HistoryQuery(bench="CAISSE-2"))] == [second.id]
    assert a.shipments.count(HistoryQuery(bench="CAISSE-1")) == 1
    assert a.shipments.search(HistoryQuery(bench="CAISSE-9")) == []
    # an update from the other bench does not take the shipment over
    b.shipments.update(replace(b.shipments.get(first.id), reference="CMD-2"))
    assert a.shipments.get(first.id).bench == "CAISSE-1"

    job = b.print_jobs.add(PrintJob(printer="file:///tmp/x", format=LabelFormat.PDF,
                                    payload=b"%PDF", shipment_id=first.id))
    with b._uow.read() as s:
        assert s.scalar(select(PrintJobRow.bench).where(PrintJobRow.id == job.id)) == "CAISSE-2"
    a.personal_data.record("export", rule="test", count=1)
    assert b.personal_data.audit_log()[0].bench == "CAISSE-1"
    waiting = b.carrier_outbox.add(OutboxEntry(
        shipment_id=second.id, carrier="laposte-delivengo", key=idempotency_key(second.id),
        printer="file:///spool", format=LabelFormat.ZPL203))
    assert waiting.bench == "CAISSE-2"
    assert a.carrier_outbox.for_shipment(second.id).bench == "CAISSE-2"  # read by the other


@pytest.mark.parametrize("round_", range(3))
def test_one_form_number_scanned_on_two_benches_at_once_is_stored_once(two_benches, round_):
    a, b = two_benches
    number = f"LD00000{round_}014FR"
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def save(name, database):
        barrier.wait()
        try:
            results[name] = database.shipments.add(shipment(tracking_number=number))
        except ValidationFailed as refused:
            results[name] = refused

    threads = [threading.Thread(target=save, args=(n, d)) for n, d in
               (("CAISSE-1", a), ("CAISSE-2", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    saved = [r for r in results.values() if not isinstance(r, ValidationFailed)]
    refused = [r for r in results.values() if isinstance(r, ValidationFailed)]
    assert len(saved) == 1 and len(refused) == 1, results
    (violation,) = refused[0].violations
    assert (violation.field, violation.rule, violation.actual) == (
        "tracking_number", "form_number_used", number)
    message = violation.describe("fr")
    assert "N° du formulaire déjà utilisé" in message
    assert f"n° {saved[0].id} (poste {saved[0].bench})" in message
    assert a.shipments.count(HistoryQuery(text=number)) == 1


# What SQLite's FTS5 finds, written down once: PostgreSQL (pg_trgm) must find the same.
NAMES = [("Hélène Dupont", "PARIS"), ("Seán O'Neil", "DUBLIN"), ("Шевченко Тарас", "КИЇВ"),
         ("Anne-Lise Durand", "LYON"), ("Paul Dupuis", "LYON")]
CASES = [
    # typed, contacts found (indexes into NAMES), shipments found
    ("hel", [0], [0]),
    ("PONT", [0], [0]),  # any 3+ substring: a shipment when no word starts with it
    ("upui lyon", [4], [4]),  # a piece and a word start together
    ("neil", [1], [1]),  # after an apostrophe: a word start
    ("o", [0, 1, 2, 3, 4], [1]),  # contacts: also "org" of their e-mail
    ("lise", [3], [3]),  # after a hyphen
    ("du", [0, 1, 3, 4], [0, 1, 3, 4]),  # Dupont, DUBLIN, Durand, Dupuis
    ("шевч", [2], [2]),
    ("киї", [2], [2]),
    ("evch", [], []),  # not Latin letters for a Cyrillic name
    ("lyon pau", [4], [4]),
    ("paris du", [0], [0]),  # a word of the oldest rows with one of the newest
    ("ld000002", [], [2]),  # the start of a tracking number
    ("100%", [], []),
]


@pytest.mark.parametrize(("typed", "contacts", "shipments"), CASES)
def test_search_finds_the_same_on_both_engines(db, clock, typed, contacts, shipments):
    made_contacts, made_shipments = _make_names(db, clock)
    found_contacts = sorted(c.id for c in db.address_book.search(typed))
    found_shipments = sorted(s.id for s in db.shipments.search(HistoryQuery(text=typed)))
    assert found_contacts == sorted(made_contacts[i] for i in contacts)
    assert found_shipments == sorted(made_shipments[i] for i in shipments)


@pytest.mark.parametrize(("typed", "contacts", "shipments"), CASES)
def test_postgresql_reading_the_lists_in_order_finds_the_same(db, clock, engine_name, typed,
                                                               contacts, shipments):
    """Words frequent in the newest rows are checked row by row in the list's order
    (TrigramSearch's second plan, a CASE no index serves), alone or on the rows the index
    gives for the rare words: the same rows as the index plan."""
    if engine_name != "postgresql":
        pytest.skip("PostgreSQL's plan")
    made_contacts, made_shipments = _make_names(db, clock)
    # a word met once in the 2 newest rows (Durand, Dupuis: LYON) counts as frequent
    db.text_search.FREQUENT, db.text_search.PROBE_ROWS = 1, {"contacts": 2, "shipments": 2}
    found_contacts = sorted(c.id for c in db.address_book.search(typed))
    found_shipments = sorted(s.id for s in db.shipments.search(HistoryQuery(text=typed)))
    assert found_contacts == sorted(made_contacts[i] for i in contacts)
    assert found_shipments == sorted(made_shipments[i] for i in shipments)


@pytest.mark.parametrize(("typed", "plan"), [
    ("lyon pau", {"CASE"}),  # both frequent: the list read in order
    ("hel", {"ANY (array("}),  # rare: its ids from the index first
    ("paris du", {"ANY (array(", "CASE"}),  # the rare word's rows, the frequent one checked
])
def test_postgresql_plan_follows_the_probe(db, clock, engine_name, typed, plan):
    if engine_name != "postgresql":
        pytest.skip("PostgreSQL's plan")
    _make_names(db, clock)
    db.text_search.FREQUENT, db.text_search.PROBE_ROWS = 1, {"contacts": 2, "shipments": 2}
    with db._uow.read() as s:
        sql = str(db.text_search.where("shipments", typed, s).compile(db.engine))
    assert {p for p in ("CASE", "ANY (array(") if p in sql} == plan


def _make_names(db, clock) -> tuple[list[int], list[int]]:
    made_contacts, made_shipments = [], []
    for i, (name, city) in enumerate(NAMES):
        clock.advance(minutes=1)
        made_contacts.append(db.address_book.add(_contact(name, city, i)).id)
        made_shipments.append(db.shipments.add(shipment(
            recipient=recipient(name, city), reference=f"R{i}",
            tracking_number=f"LD00000{i}{i}{i}FR")).id)
    return made_contacts, made_shipments


def _contact(name, city, n=0):
    from desktop.domain.shipment import Contact

    return Contact(replace(recipient(name, city), email=f"c{n}@example.org", complement=""))


def _plan(db, kind_text: str) -> str:
    from desktop.storage.tables import ContactRow

    with db._uow.read() as s:  # with a session: the probe chooses the plan
        match = db.text_search.where("contacts", kind_text, s)
    stmt = (select(ContactRow.id).where(match)
            .order_by(ContactRow.favourite.desc(), ContactRow.last_used_at.desc().nulls_last(),
                      ContactRow.search_key, ContactRow.id).limit(50))
    compiled = stmt.compile(db.engine)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")  # a small table: read it all else
        return "\n".join(r[0] for r in conn.exec_driver_sql(
            "EXPLAIN " + compiled.string, compiled.params))


def test_postgresql_search_reads_the_trigram_indexes(db, engine_name):
    """Type-ahead on 3 000 contacts (sequential scans off: the plans of a big book): a rare
    word of 3+ letters through the trigram index; one or two letters of a rare word start
    through the index of separator-free keys (migration 0026); words most contacts hold
    (frequent in the probe): read in the list's order and stopped at 50, no trigram index."""
    if engine_name != "postgresql":
        pytest.skip("PostgreSQL's plan")
    db.address_book.save_many([_contact(f"Contact {i}", "LYON", i) for i in range(3000)]
                              + [_contact("Hélène Dupont", "PARIS", 3001)])
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE contacts"))  # GIN pending lists merged, statistics
    assert "ix_contacts_search_trgm" in _plan(db, "dupont")
    assert "ix_contacts_words_trgm" in _plan(db, "du")
    for frequent in ("co", "contact", "lyon"):
        plan = _plan(db, frequent)
        assert "ix_contacts_recent_nulls_last" in plan and "trgm" not in plan
    assert [c.address.name for c in db.address_book.search("du")] == ["Hélène Dupont"]


OTHER_BENCH = """
import sys
from desktop.storage.db import open_database
from tests.integration.helpers_storage import shipment
db = open_database(sys.argv[1], bench="CAISSE-2")
db.shipments.add(shipment(tracking_number=sys.argv[2]))
db.close()
"""


def test_the_change_feed_fires_within_2_s_when_another_process_saves(db, db_url):
    fired = threading.Event()
    feed = db.shipment_changes()
    feed.start(fired.set)
    try:
        time.sleep(1.2)  # the feed is listening (PostgreSQL: fires once at connect)
        fired.clear()
        done = subprocess.run([sys.executable, "-c", OTHER_BENCH, db_url, "LD000000014FR"],
                              capture_output=True, text=True, timeout=60, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        saved_at = time.monotonic()
        assert fired.wait(5)
        assert time.monotonic() - saved_at < 2.0
        # nothing more happens: no reload without a change
        fired.clear()
        assert not fired.wait(1.5)
    finally:
        feed.stop()
