"""The SQLite searches (address-book type-ahead, history page) as plain SQL text, stdlib only.

One module writes the SQL and every SQLite reader runs it: the repositories through their
SQLAlchemy connection's sqlite3 connection, `comptoir history TEXT` through its own
(sqlite_reader.py, which does not import SQLAlchemy: half a second of a 0.5 s budget). Same
text, same parameters, so the two cannot drift apart; `Fts5Search.where` wraps the same
fragments for the queries still composed with SQLAlchemy (capped counts, personal data).

How the words are matched (both sides folded by search_text.fold first):
- contacts: a word of three characters or more anywhere (trigram index `contacts_trigram`),
  shorter ones at the start of a word (`contacts_fts`, prefix indexes of 1-2 characters);
- shipments: at the start of a word of the recipient, company, city, reference or tracking
  number (`shipments_fts`).

Two plans, chosen per query by asking the index how many rows match (at most FREQUENT):
- rare words: the FTS index gives the few matching ids, sorted afterwards;
- frequent words (a common name, two letters): the list is read in its display order from
  its index and each row checked, stopping at the page's last row — found within the first
  few hundred rows because the word is frequent. Shipments check the row's id against the
  FTS matches (`id + 0 IN (…)`); contacts, and words of one or two letters, check the folded
  key with `instr`.
Sorting thousands of FTS matches would otherwise cost 20-120 ms at 1 000 000 shipments. The
scan plan matches a short word at the start of a space-separated word (the FTS at the start
of any word, also after "-" or "'"): the two differ only on such names.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import namedtuple
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache

from desktop.domain.address import Address
from desktop.domain.outbox import OutboxState
from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import ShipmentStatus
from desktop.domain.tracking import normalise
from desktop.storage import json_text, search_text
from desktop.storage.local_days import local_midnight

TRIGRAM = 3  # the trigram tokenizer needs 3 characters (sqlite.org/fts5.html §4.3.5)
_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps as a token: letters and digits
_PARTIAL_NUMBER = re.compile(r"[A-Za-z0-9 ]+")
# How SQLAlchemy's SQLite DateTime stores a naive UTC datetime (its default storage format).
STAMP = "%Y-%m-%d %H:%M:%S.%f"
NEWEST = "shipments.created_at DESC, shipments.id DESC"
# What a suggestion needs (mapping.contact_from): not the key nor the row's own stamps.
CONTACT_COLUMNS = ", ".join(f"contacts.{c}" for c in (
    "id", *(f.name for f in fields(Address)), "note", "favourite", "last_used_at"))
CONTACT_ORDER = ("contacts.favourite DESC, contacts.last_used_at DESC, contacts.search_key,"
                 " contacts.id")

# Columns read back as datetimes / JSON (what columns.UTCDateTime and JSONText return).
DATETIME_COLUMNS = frozenset({"created_at", "updated_at", "printed_at", "deposited_at",
                              "voided_at", "last_used_at"})
JSON_COLUMNS = frozenset({"options", "customs", "weighing"})

Execute = Callable[[str, dict], object]  # sqlite3 Connection.execute: a cursor

SQL = tuple[str, dict]


def tokens(typed: str) -> list[str]:
    """The folded words of a query, split like the FTS tokenizer splits ('O'Neil' → o, neil)."""
    return _TOKEN.findall(search_text.fold(typed))


def phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def stamp(value: datetime) -> str:
    """An aware datetime as the column stores it (naive UTC text)."""
    return value.astimezone(UTC).replace(tzinfo=None).strftime(STAMP)


class SqliteSearch:
    """The plans and the SQL; `execute` is an sqlite3 connection's `execute`."""

    # Where the two plans cost the same: sorting T index matches ≈ scanning 50·N/T rows in
    # order (N = 100 000 contacts, 1 000 000 shipments; bench/shop_scale.py measures both).
    # Shipments: sorting 1 000 matches ≈ testing the ids of 50 000 index entries against
    # them (about 6 ms each at 1 000 000 shipments).
    FREQUENT = {"contacts": 700, "shipments": 1000}

    # -- the text condition ------------------------------------------------------------------
    def text_condition(self, kind: str, typed: str, execute: Execute | None,
                       tag: str = "t") -> SQL | None:
        """The words of `typed` as an SQL condition on `contacts`/`shipments` and its named
        parameters (named `{tag}…`); None when there is no text, "0" when only signs."""
        words = tokens(typed)
        if not words:
            return ("0", {}) if (typed or "").strip() else None
        table = kind
        parts: list[str] = []
        params: dict = {}
        spelled: dict[str, str] = {}
        if execute is not None and kind == "shipments":
            terms = {w: self._terms(execute, w) for w in words}
            pieces = [w for w in words if terms[w] == [] and len(w) >= TRIGRAM]
            if pieces:  # no word starts with them: pieces of words or numbers
                return self._with_pieces(execute, words, pieces, tag)
            spelled = {w: _spelled(w, found) for w, found in terms.items()}
        queries = self._queries(kind, words, spelled)
        # Each word probed alone: cheap (it stops at the threshold), where probing their AND
        # would walk the long lists of two frequent words to find their few common rows.
        if execute is not None and all(
                self._frequent(execute, kind, fts, q)
                for w in words for fts, q in self._queries(kind, [w], spelled)):
            listed = (self._listed(execute, *queries[0])
                      if kind == "shipments" and len(words) > 1 else None)
            if listed is not None:
                # Frequent words together: their common rows, read once from the index,
                # are often few ("jean martin": 800 of 1 000 000) — sorted like rare words'
                # then; else tested while reading in display order, as below.
                name = f"{tag}ids"
                column = "id" if len(listed) < self.FREQUENT[kind] else "id + 0"
                parts.append(f"{table}.{column} IN (SELECT value FROM json_each(:{name}))")
                params[name] = json.dumps(listed)
            elif kind == "shipments" and max(map(len, words)) >= TRIGRAM:
                # `id + 0 IN (matches)`: the "+ 0" keeps SQLite from driving the query by
                # the matches' ids (then sorting them all); it reads the list in display
                # order from its index and tests each id against the matches, set once
                # (LIST SUBQUERY). A word of one or two letters matches too many rows to
                # list: those keep the row check.
                for i, (fts, q) in enumerate(queries):
                    name = f"{tag}q{i}"
                    parts.append(f"{table}.id + 0 IN (SELECT {fts}.rowid FROM {fts}"
                                 f" WHERE {fts} MATCH :{name})")
                    params[name] = q
            else:
                for i, w in enumerate(words):
                    parts.append(self._scan_match(kind, w, f"{tag}w{i}", params))
        else:
            for i, (fts, q) in enumerate(queries):
                name = f"{tag}q{i}"
                parts.append(f"{table}.id IN (SELECT {fts}.rowid FROM {fts}"
                             f" WHERE {fts} MATCH :{name})")
                params[name] = q
        return " AND ".join(f"({p})" for p in parts), params

    @staticmethod
    def _queries(kind: str, words: list[str],
                 spelled: dict[str, str] | None = None) -> list[tuple[str, str]]:
        """The FTS tables to ask and their queries; a shipment word as `spelled` holds it (its
        whole words), else as an FTS5 prefix query."""
        if kind == "contacts":
            long = [w for w in words if len(w) >= TRIGRAM]
            short = [w for w in words if len(w) < TRIGRAM]
            out = []
            if long:
                out.append(("contacts_trigram", " AND ".join(phrase(w) for w in long)))
            if short:
                out.append(("contacts_fts", " AND ".join(phrase(w) + "*" for w in short)))
            return out
        spelled = spelled or {}
        return [("shipments_fts", " AND ".join(spelled.get(w) or phrase(w) + "*"
                                               for w in words))]

    # A shipment word is a prefix: FTS5 answers `"paris"*` by merging, in memory, the whole
    # match list of every indexed word it starts (6-16 ms for a common word at 1 000 000
    # shipments, 10-30 ms for two), before the first row. The same words written out,
    # `("paris" OR "parisot")`, are read lazily, row by row (3-4 ms for "helene paris"). The
    # words a prefix starts come from the index's own vocabulary (fts5vocab "instance",
    # migration 0031), one seek each (0.04 ms); a prefix starting more than TERMS words
    # (a letter, a number's first characters) keeps the prefix query.
    TERMS = 12

    def _terms(self, execute: Execute, word: str) -> list[str] | None:
        """The indexed words `word` starts ([] when none), or None beyond TERMS of them or
        without the vocabulary table."""
        found: list[str] = []
        start = word
        try:
            while len(found) <= self.TERMS:
                row = execute("SELECT term FROM shipments_fts_terms WHERE term >= :start"
                              " LIMIT 1", {"start": start}).fetchone()
                if row is None or not row[0].startswith(word):
                    break
                found.append(row[0])
                # The next word after this one: no token holds a control character (they
                # separate tokens for unicode61), so this is the least string above it.
                start = row[0] + "\x01"
        except sqlite3.OperationalError:  # a database made before migration 0031
            return None
        return None if len(found) > self.TERMS else found

    def _with_pieces(self, execute: Execute, words: list[str], pieces: list[str],
                     tag: str) -> SQL:
        """`pieces` (no indexed word starts with them) anywhere in the shipment's key or
        number, through the trigram index (migration 0033) when few shipments hold them,
        else checked row by row in display order ("aris": every Paris); the other words
        as usual."""
        params: dict = {}
        query = " AND ".join(phrase(w) for w in pieces)
        try:
            rare = self._count(execute, "shipments_trigram", query) < self.FREQUENT["shipments"]
        except sqlite3.OperationalError:  # a database made before migration 0033
            return "0", {}
        if rare:
            params[f"{tag}s"] = query
            parts = [f"shipments.id IN (SELECT shipments_trigram.rowid FROM shipments_trigram"
                     f" WHERE shipments_trigram MATCH :{tag}s)"]
        else:
            parts = []
            for i, w in enumerate(pieces):
                params[f"{tag}s{i}"] = w
                parts.append(f"instr(shipments.search_key, :{tag}s{i}) > 0 OR instr(lower("
                             f"coalesce(shipments.tracking_number, '')), :{tag}s{i}) > 0")
        rest = [w for w in words if w not in pieces]
        if rest:
            other = self.text_condition("shipments", " ".join(rest), execute, f"{tag}r")
            if other is not None:
                parts.append(other[0])
                params.update(other[1])
        return " AND ".join(f"({p})" for p in parts), params

    # At most this many common rows of frequent words are handed back as a list (a JSON
    # array bound as one parameter, so the statement text stays the same); beyond, the
    # index is asked inside the statement.
    LISTED = 5000

    def _listed(self, execute: Execute, fts: str, query: str) -> list[int] | None:
        ids = [r[0] for r in execute(f"SELECT {fts}.rowid FROM {fts} WHERE {fts} MATCH :q"
                                     f" LIMIT {int(self.LISTED) + 1}", {"q": query})]
        return ids if len(ids) <= self.LISTED else None

    def _frequent(self, execute: Execute, kind: str, fts: str, query: str) -> bool:
        threshold = self.FREQUENT[kind]
        if query.endswith("*") and " AND " not in query:
            # A prefix query builds its whole match list in memory (1-13 ms for a common
            # word at 1 000 000 shipments), the whole word is read lazily (0.1 ms): when the
            # word alone is frequent, its prefix is too — the same plan, 20 times cheaper.
            if self._count(execute, fts, query[:-1]) >= threshold:
                return True
        return self._count(execute, fts, query) >= threshold

    def _count(self, execute: Execute, fts: str, query: str) -> int:
        limit = max(self.FREQUENT.values())
        row = execute(f"SELECT count(*) FROM (SELECT {fts}.rowid FROM {fts} WHERE {fts}"
                      f" MATCH :q LIMIT {int(limit)})", {"q": query}).fetchone()
        return int(row[0] or 0)

    @staticmethod
    def _scan_match(kind: str, word: str, name: str, params: dict) -> str:
        key = f"{kind}.search_key"
        if kind == "contacts" and len(word) >= TRIGRAM:
            params[name] = word
            return f"instr({key}, :{name}) > 0"  # what the trigram index answers: a substring
        params[name] = " " + word
        at_word_start = f"instr(' ' || {key}, :{name}) > 0"
        if kind == "shipments":
            params[f"{name}n"] = word
            return (f"{at_word_start} OR instr(lower(coalesce(shipments.tracking_number, '')),"
                    f" :{name}n) = 1")
        return at_word_start

    # -- the address book --------------------------------------------------------------------
    def contacts_page(self, execute: Execute, typed: str, limit: int) -> list[dict]:
        """Favourites first, then the most recently used, then by name (ix_contacts_recent)."""
        match = self.text_condition("contacts", typed, execute)
        sql, params = f"SELECT {CONTACT_COLUMNS} FROM contacts", {}
        if match is not None:
            sql += f" WHERE {match[0]}"
            params.update(match[1])
        params["limit"] = max(0, limit)
        return rows_of(execute(f"{sql} ORDER BY {CONTACT_ORDER} LIMIT :limit", params))

    # -- the history -------------------------------------------------------------------------
    def history_text(self, execute: Execute, typed: str) -> SQL | None:
        """A tracking number or reference typed exactly wins (a scan opens its shipment);
        otherwise the words go to the full-text index."""
        text = (typed or "").strip()
        if not text:
            return None
        exact = ("shipments.tracking_number = :xn OR shipments.reference = :xr",
                 {"xn": normalise(text), "xr": text})
        if execute(f"SELECT shipments.id FROM shipments WHERE {exact[0]} LIMIT 1",
                   exact[1]).fetchone() is not None:
            return exact
        match = self.text_condition("shipments", typed, execute, "t")
        compact = normalise(typed)
        if " " in text and _PARTIAL_NUMBER.fullmatch(text) and any(ch.isdigit() for ch in compact):
            # The start of a number read out with spaces ("LD 000 001"): also as one word.
            number = self.text_condition("shipments", compact, execute, "n")
            if match is None:
                match = number
            elif number is not None:
                match = (f"({match[0]}) OR ({number[0]})", {**match[1], **number[1]})
        return match if match is not None else exact

    def history_where(self, execute: Execute, q: HistoryQuery, tz: tzinfo | None) -> SQL:
        parts: list[str] = []
        params: dict = {}
        text = self.history_text(execute, q.text)
        if text is not None:
            parts.append(f"({text[0]})")
            params.update(text[1])
        if q.date_from is not None:
            parts.append("shipments.created_at >= :date_from")
            params["date_from"] = stamp(local_midnight(q.date_from, tz))
        if q.date_to is not None:  # inclusive: everything before the next local midnight
            parts.append("shipments.created_at < :date_to")
            params["date_to"] = stamp(local_midnight(q.date_to + timedelta(days=1), tz))
        if q.status is not None:
            parts.append("shipments.status = :status")
            params["status"] = ShipmentStatus(q.status).value
        if len(q.service_ids) == 1:
            parts.append("shipments.service_id = :service")
            params["service"] = q.service_ids[0]
        elif q.service_ids:
            names = [f"service{i}" for i in range(len(q.service_ids))]
            parts.append(f"shipments.service_id IN ({', '.join(':' + n for n in names)})")
            params.update(zip(names, q.service_ids, strict=True))
        if q.bench:
            parts.append("shipments.bench = :bench")
            params["bench"] = q.bench
        if q.country:
            parts.append("shipments.recipient_country = :country")
            params["country"] = q.country.upper()
        if q.carrier_state is not None:  # few rows in one state: ix_carrier_outbox_state
            parts.append("shipments.id IN (SELECT carrier_outbox.shipment_id FROM carrier_outbox"
                         " WHERE carrier_outbox.state = :carrier_state)")
            params["carrier_state"] = OutboxState(q.carrier_state).value
        if q.after is not None:
            at, last_id = q.after
            parts.append("(shipments.created_at, shipments.id) < (:after_at, :after_id)")
            params.update(after_at=stamp(at), after_id=last_id)
        return (" AND ".join(parts) or "1"), params

    def history_page(self, execute: Execute, q: HistoryQuery, tz: tzinfo | None) -> list[dict]:
        """Newest first, the query's filters; rows as column dicts."""
        limit, offset = max(0, q.limit), max(0, q.offset)
        where, params = self.history_where(execute, q, tz)
        params.update(limit=limit, offset=offset)
        if len(q.service_ids) > 1:
            # One index range per service, merged: "newest first" over several services
            # never sorts all their rows (ix_shipments_service_id_created_at).
            params["wanted"] = offset + limit
            branches = []
            for i, sid in enumerate(q.service_ids):
                params[f"only{i}"] = sid
                branches.append(
                    f"SELECT id, created_at FROM (SELECT shipments.id, shipments.created_at"
                    f" FROM shipments WHERE {where} AND shipments.service_id = :only{i}"
                    f" ORDER BY {NEWEST} LIMIT :wanted)")
            ids = [r[0] for r in execute(
                f"SELECT id FROM ({' UNION ALL '.join(branches)})"
                " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset", params)]
            if not ids:
                return []
            by_id = {r.id: r for r in rows_of(execute(
                f"SELECT shipments.* FROM shipments WHERE shipments.id IN"
                f" ({', '.join(str(int(i)) for i in ids)})", {}))}
            return [by_id[i] for i in ids]
        return rows_of(execute(f"SELECT shipments.* FROM shipments WHERE {where}"
                               f" ORDER BY {NEWEST} LIMIT :limit OFFSET :offset", params))

    def history_count(self, execute: Execute, q: HistoryQuery, tz: tzinfo | None,
                      cap: int | None) -> int:
        """How many match, counting at most `cap` rows (None: all — only for small sets)."""
        where, params = self.history_where(execute, q, tz)
        limit = "" if cap is None else f" LIMIT {max(0, int(cap))}"
        row = execute(f"SELECT count(*) FROM (SELECT shipments.id FROM shipments"
                      f" WHERE {where}{limit})", params).fetchone()
        return int(row[0] or 0)


def _spelled(word: str, found: list[str] | None) -> str | None:
    """`word` as the OR of the indexed words it starts (`"w"`, matching nothing, when
    none); None (the prefix query) when they are too many to list."""
    if found is None:
        return None
    if not found:
        return phrase(word)
    return "(" + " OR ".join(phrase(t) for t in found) + ")"


def _datetime(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _json(value):
    return None if value is None else json_text.loads(value)


@lru_cache(maxsize=32)
def _row_type(names: tuple[str, ...]):
    """A named tuple per column list (its attributes are read in C, not through a Python
    `__getattr__`) and the columns to convert: what mapping.py reads by name."""
    convert = tuple((i, _datetime if n in DATETIME_COLUMNS else _json)
                    for i, n in enumerate(names) if n in DATETIME_COLUMNS or n in JSON_COLUMNS)
    return namedtuple("Row", names, rename=True)._make, convert


def rows_of(cursor) -> list:
    """The cursor's rows, read by column name as attributes, datetimes aware UTC and JSON
    decoded, as the SQLAlchemy column types return them (mapping.py reads either)."""
    make, convert = _row_type(tuple(d[0] for d in cursor.description))
    out = []
    for values in cursor.fetchall():
        if convert:
            values = list(values)
            for i, fn in convert:
                values[i] = fn(values[i])
        out.append(make(values))
    return out
