"""The SQLite searches (sqlite_search.py) against a plain-Python reading of their rules, on a
generated dataset, through both readers: the repositories (SQLAlchemy's connection) and the
stdlib reader of `comptoir history` (sqlite_reader.py) — the same rows, the same shipments,
in both plans (rare words: FTS ids; frequent words: the ordered scan)."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, timedelta

import pytest

from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import Contact
from desktop.domain.tracking import make_s10, normalise
from desktop.storage import search_text
from desktop.storage.db import integrity_check_stamp, open_database
from desktop.storage.local_days import local_midnight
from desktop.storage.sqlite_reader import open_reader, sqlite_path
from desktop.storage.sqlite_search import SqliteSearch, _spelled
from desktop.storage.text_search import Fts5Search
from tests.integration.helpers_storage import (  # noqa: F401
    CET,
    FixedClock,
    clock,
    db,
    db_path,
    db_url,
    engine_name,
    recipient,
    shipment,
    url_for,
)

FIRST = ["Hélène", "Zoé", "Éric", "Jean", "Marie", "Noël", "Björn", "Olena", "Anaïs", "Luc"]
LAST = ["Dupont", "Dupuis", "Lefèvre", "Martin", "Müller", "Núñez", "Shevchenko", "Roux"]
CITIES = ["PARIS", "LYON", "NANTES", "KYIV", "BERLIN"]
SERVICES = ["colissimo-domicile-france", "novapost-parcel", "novapost-documents",
            "delivengo-profil-tracked"]
STATUSES = ["printed", "deposited", "voided", "draft"]
_TOKEN = re.compile(r"[^\W_]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(search_text.fold(text))


@pytest.fixture
def filled(db, db_path, clock: FixedClock):
    """200 shipments over six weeks (some at the same instant), 60 contacts."""
    rnd = random.Random(7)
    made = []
    for i in range(200):
        if i % 9:  # every ninth shipment shares its predecessor's instant: ids break ties
            clock.advance(hours=rnd.randint(1, 6))
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
        service = SERVICES[i % len(SERVICES)]
        status = STATUSES[rnd.randrange(len(STATUSES))]
        country = "UA" if service.startswith("novapost") else rnd.choice(["FR", "DE"])
        made.append(db.shipments.add(shipment(
            recipient=recipient(name, rnd.choice(CITIES), country=country, postcode="01001",
                                company=rnd.choice(["", "", "Boutique Étoile"])),
            service_id=service, status=status, reference=f"R{i:04d}",
            tracking_number=make_s10("LD", 1000 + i, "FR") if i % 3 else None)))
    for i in range(60):
        db.address_book.add(Contact(replace(recipient(f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
                                                      rnd.choice(CITIES)),
                                            email="", phone=""),
                                    favourite=i % 11 == 0))
    open_database(url_for(db_path)).close()  # a second open checks the file: stamped clean
    return made


def _oracle(made, q: HistoryQuery, tz=CET) -> list[int]:
    """The history's rules read plainly: an exact number or reference wins, else every word
    starts a word of the name, company, city, reference or number; filters; newest first."""
    text = q.text.strip()

    def found_in(s) -> list[str]:
        return _tokens(s.recipient.name) + _tokens(s.recipient.company) + _tokens(
            s.recipient.city) + _tokens(s.reference) + _tokens(s.tracking_number or "")

    every_word = {t for s in made for t in found_in(s)}

    def word_match(s, w: str) -> bool:
        if any(t.startswith(w) for t in found_in(s)):
            return True
        # no shipment has a word starting with it: a piece of 3+ characters anywhere
        key = " ".join(search_text.fold(x) for x in (s.recipient.name, s.recipient.company,
                                                     s.recipient.city, s.reference) if x)
        return (len(w) >= 3 and not any(t.startswith(w) for t in every_word)
                and (w in key or w in (s.tracking_number or "").lower()))

    def words_match(s, typed: str) -> bool:
        words = _tokens(typed)
        return bool(words) and all(word_match(s, w) for w in words)

    def text_match(s) -> bool:
        if not text:
            return True
        if exact:
            return s.tracking_number == normalise(text) or s.reference == text
        spaced = (" " in text and re.fullmatch(r"[A-Za-z0-9 ]+", text)
                  and any(ch.isdigit() for ch in normalise(text)))
        return words_match(s, text) or bool(spaced and words_match(s, normalise(text)))

    exact = bool(text) and any(s.tracking_number == normalise(text) or s.reference == text
                               for s in made)
    keep = []
    for s in made:
        if not text_match(s):
            continue
        if q.status and s.status.value != q.status:
            continue
        if q.service_ids and s.service_id not in q.service_ids:
            continue
        if q.country and s.recipient.country != q.country.upper():
            continue
        if q.date_from and s.created_at < local_midnight(q.date_from, tz):
            continue
        if q.date_to and s.created_at >= local_midnight(q.date_to + timedelta(days=1), tz):
            continue
        if q.after and (s.created_at, s.id) >= q.after:
            continue
        keep.append(s)
    keep.sort(key=lambda s: (s.created_at, s.id), reverse=True)
    return [s.id for s in keep][q.offset:q.offset + q.limit]


def _queries(made) -> list[HistoryQuery]:
    day = made[100].created_at.astimezone(CET).date()
    numbered = next(s for s in made[50:] if s.tracking_number)
    n = numbered.tracking_number
    return [HistoryQuery(limit=30), HistoryQuery(text="helene", limit=30),
            HistoryQuery(text="HÉLÈNE dup", limit=30), HistoryQuery(text="mull", limit=30),
            HistoryQuery(text="Zoe paris", limit=30), HistoryQuery(text="j m", limit=30),
            HistoryQuery(text="e", limit=30), HistoryQuery(text="nunez kyiv", limit=30),
            HistoryQuery(text="boutique", limit=30), HistoryQuery(text="etoile r01", limit=30),
            HistoryQuery(text="ld00000", limit=30), HistoryQuery(text=n.lower()),
            HistoryQuery(text=f"{n[:2]} {n[2:5]} {n[5:8]}", limit=30),
            HistoryQuery(text=f"{n[:2]} {n[2:5]} {n[5:8]} {n[8:11]} {n[11:]}"),
            HistoryQuery(text="R0042"), HistoryQuery(text="r004"), HistoryQuery(text="zzzz"),
            HistoryQuery(text="upont", limit=30), HistoryQuery(text="ulle lyon", limit=30),
            HistoryQuery(text="aris", limit=30), HistoryQuery(text="00010", limit=30),
            HistoryQuery(text="toile upui", limit=30),
            HistoryQuery(text="%-"), HistoryQuery(text="martin", status="printed"),
            HistoryQuery(text="roux", country="ua"),
            HistoryQuery(service_ids=("novapost-parcel", "novapost-documents"), limit=25),
            HistoryQuery(text="dupont", service_ids=tuple(SERVICES[:3]), limit=7, offset=3),
            HistoryQuery(date_from=day, date_to=day + timedelta(days=3)),
            HistoryQuery(text="e", date_from=day, limit=10),
            HistoryQuery(limit=20, after=(made[120].created_at, made[120].id)),
            HistoryQuery(text="marie", limit=5, after=(made[150].created_at, made[150].id))]


@pytest.mark.parametrize("frequent, listed, terms", [
    (None, None, None), (1, None, None), (4, None, None), (1, 3, None), (None, None, 0),
    (1, None, 0), (4, None, 1)],
    ids=["rare-plan", "frequent-plan", "frequent-words-few-common",
         "frequent-words-many-common", "rare-plan-prefix-queries",
         "frequent-plan-prefix-queries", "few-common-some-words-spelled"])
def test_both_readers_find_what_the_rules_say(filled, db, db_path, monkeypatch, frequent,
                                              listed, terms):
    if frequent:  # every word counts as frequent from this many matches
        monkeypatch.setattr(SqliteSearch, "FREQUENT", {"contacts": frequent,
                                                       "shipments": frequent})
    if listed:  # frequent words' common rows beyond this many: asked inside the statement
        monkeypatch.setattr(SqliteSearch, "LISTED", listed)
    if terms is not None:  # a prefix starting more words than this stays a prefix query
        monkeypatch.setattr(SqliteSearch, "TERMS", terms)
    reader = open_reader(url_for(db_path), local_tz=CET)
    assert reader is not None
    found = []
    try:
        for q in _queries(filled):
            expected = _oracle(filled, q)
            found.append(len(expected))
            through_orm = db.shipments.search(q)
            assert [s.id for s in through_orm] == expected, q
            # the whole shipments, not only their ids: dates, options, customs, addresses
            assert reader.search(q) == through_orm, q
            assert reader.count(replace(q, after=None, offset=0), cap=40) == \
                db.shipments.count(replace(q, after=None, offset=0), cap=40)
    finally:
        reader.close()
    assert sum(1 for n in found if n > 1) >= 18, found  # the dataset makes the words meet


@pytest.mark.parametrize("frequent", [None, 1], ids=["rare-plan", "frequent-plan"])
def test_type_ahead_finds_what_the_rules_say(filled, db, monkeypatch, frequent):
    """A word of 3+ letters anywhere in the contact, shorter ones at a word's start;
    favourites first, then recently used, then by name."""
    if frequent:
        monkeypatch.setattr(Fts5Search, "FREQUENT", {"contacts": 1, "shipments": 1})
    everyone = [c for c in db.address_book.search("", 1000)]
    for typed in ["hel", "HÉLÈNE", "upo", "z", "ma du", "j", "nunez", "evre", "paris n", "qq"]:
        words = _tokens(typed)

        def hit(c, words=words):
            key = search_text.key(c.address.name, c.address.city, c.address.postcode)
            return all(w in key if len(w) >= 3 else any(t.startswith(w) for t in _tokens(key))
                       for w in words)

        wanted = [c.id for c in everyone if hit(c)][:50]
        assert [c.id for c in db.address_book.search(typed, 50)] == wanted, typed
        assert wanted or typed == "qq"


def test_the_reader_leaves_a_database_needing_work_to_the_full_open(db, db_path, tmp_path):
    db.shipments.add(shipment())
    url = url_for(db_path)
    assert open_reader(url) is None  # created, never checked yet: the full open checks it
    open_database(url).close()
    assert integrity_check_stamp(db_path).exists()  # checked clean by that open
    reader = open_reader(url)
    assert reader is not None and [s.reference for s in reader.search(HistoryQuery())] == [
        "CMD-1001"]
    reader.close()
    integrity_check_stamp(db_path).unlink()  # the check is due: the full open runs it
    assert open_reader(url) is None
    integrity_check_stamp(db_path).touch()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")  # behind the scripts
    conn.close()
    assert open_reader(url) is None
    assert open_reader(url_for(tmp_path / "missing.sqlite3")) is None
    assert open_reader("sqlite://") is None and open_reader("postgresql://h/db") is None
    assert sqlite_path("sqlite:////abs/x.db").as_posix() == "/abs/x.db"
    assert sqlite_path("sqlite:///data/x.db?mode=ro") is None


def test_the_reader_refuses_to_write(db, db_path):
    db.shipments.add(shipment())
    open_database(url_for(db_path)).close()  # checked: the reader may open it
    reader = open_reader(url_for(db_path))
    with pytest.raises(Exception, match="readonly|read-only|query_only"):
        reader._conn.execute("DELETE FROM shipments")
    assert len(reader.search(HistoryQuery())) == 1
    reader.close()


def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    code = ("import sys; from desktop.cli import main; code = main(sys.argv[1:]);"
            " print('SQLALCHEMY' if 'sqlalchemy' in sys.modules else 'PLAIN', file=sys.stderr);"
            " sys.exit(code)")
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_comptoir_history_answers_without_sqlalchemy_and_as_before(filled, db_path, tmp_path):
    url = url_for(db_path)
    env = {"COMPTOIR_CONFIG_DIR": str(tmp_path / "cfg"), "COMPTOIR_DATA_DIR": str(tmp_path),
           "TZ": "UTC"}
    plain = _cli("history", "--database", url, "--lang", "en", "dupont", env_extra=env)
    assert plain.returncode == 0, plain.stderr
    assert plain.stderr.strip().endswith("PLAIN")  # the read-only context, no SQLAlchemy
    # --json reads the print jobs too: the full context; both list the same shipments
    full = _cli("history", "--database", url, "--json", "dupont", env_extra=env)
    assert full.returncode == 0 and full.stderr.strip().endswith("SQLALCHEMY")
    listed = [int(line.split()[0]) for line in plain.stdout.splitlines()]
    assert listed == [s["id"] for s in json.loads(full.stdout)["shipments"]]
    assert listed == _oracle(filled, HistoryQuery(text="dupont", limit=50))
    carrier = _cli("history", "--database", url, "--carrier", "novapost", "--from",
                   date(2026, 3, 20).isoformat(), env_extra=env)
    assert carrier.returncode == 0 and carrier.stderr.strip().endswith("PLAIN")
    wanted = _oracle(filled, HistoryQuery(service_ids=tuple(SERVICES[1:3]),
                                          date_from=date(2026, 3, 20), limit=50), UTC)
    assert [int(line.split()[0]) for line in carrier.stdout.splitlines()] == wanted


def test_a_typed_prefix_is_spelled_as_the_indexed_words_it_starts(filled, db, db_path, clock):
    """The words come from the index itself (migration 0031): one written a second ago is
    there, a prefix starting too many words stays a prefix query, an unknown one matches
    nothing; and the query really sent is the spelled one."""
    search = SqliteSearch()

    def spelled(execute, word):
        return _spelled(word, search._terms(execute, word))

    with sqlite3.connect(db_path) as conn:
        def execute(sql, params):
            return conn.execute(sql, params)

        assert spelled(execute, "hel") == '("helene")'
        assert spelled(execute, "zzzz") == '"zzzz"'
        assert spelled(execute, "ld") is None  # every tracking number starts "ld…"
        nunez = spelled(execute, "n")  # nantes, noel, nunez
        assert nunez is not None and {"nantes", "noel", "nunez"} <= set(re.findall(r"\w+",
                                                                                  nunez))
    clock.advance(hours=1)
    late = db.shipments.add(shipment(recipient=recipient("Hélènette Parisot", "LYON"),
                                     service_id=SERVICES[0], reference="LATE"))
    with sqlite3.connect(db_path) as conn:
        sent = []
        conn.set_trace_callback(sent.append)
        assert spelled(lambda sql, params: conn.execute(sql, params), "helene") == \
            '("helene" OR "helenette")'
        ids = [r.id for r in search.history_page(lambda sql, p: conn.execute(sql, p),
                                                 HistoryQuery(text="helen pari", limit=300),
                                                 CET)]
    assert ids[0] == late.id
    assert ids == _oracle([*filled, late], HistoryQuery(text="helen pari", limit=300))
    assert any('("helene" OR "helenette") AND ("paris" OR "parisot")' in line
               for line in sent), sent


@pytest.mark.parametrize("frequent", [None, 1], ids=["trigram-index", "row-check"])
def test_a_piece_of_a_word_is_found_when_no_word_starts_with_it(filled, db, monkeypatch,
                                                                 frequent):
    """"upont" starts no word, so it is looked for inside the words: every Dupont, and
    pieces of tracking numbers; a word that starts one ("dup") stays a word start."""
    if frequent:
        monkeypatch.setattr(SqliteSearch, "FREQUENT", {"contacts": 1, "shipments": 1})
    dupont = [s.id for s in sorted(filled, key=lambda s: (s.created_at, s.id), reverse=True)
              if "Dupont" in s.recipient.name]
    assert [s.id for s in db.shipments.search(HistoryQuery(text="upont", limit=300))] == dupont
    numbered = [s for s in filled if s.tracking_number and "00010" in s.tracking_number]
    found = db.shipments.search(HistoryQuery(text="00010", limit=300))
    assert numbered and {s.id for s in found} == {s.id for s in numbered}
    assert {s.recipient.name.split()[-1] for s in db.shipments.search(
        HistoryQuery(text="dup", limit=300))} == {"Dupont", "Dupuis"}
