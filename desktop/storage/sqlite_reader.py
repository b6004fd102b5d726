"""A read-only view of an up-to-date SQLite database on the stdlib `sqlite3` module alone.

`comptoir history TEXT` must answer within 0.5 s as a whole process (issue 12 §5); importing
SQLAlchemy takes 0.3-0.6 s of that on a shared two-core machine. This reader answers the
history's questions (port `Shipments`, its reading half) with the very SQL text the
repositories run on SQLite (sqlite_search.py), so both give the same rows.

It only opens a database that needs nothing done first: a file that exists, whose schema is
at the scripts' head (no migration pending) and whose integrity check is not due. Anything
else returns None from `open_reader` and the caller opens the database the full way
(db.open_database: backup, migration, check and its warnings).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

from desktop.domain.errors import NotFound
from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import Shipment
from desktop.domain.tracking import normalise
from desktop.storage import mapping
from desktop.storage.faults import BUSY_TIMEOUT_MS
from desktop.storage.integrity import integrity_check_due
from desktop.storage.private import restrict_sqlite_files
from desktop.storage.revisions import head_revisions
from desktop.storage.sqlite_search import SqliteSearch, rows_of


def sqlite_path(url: str) -> Path | None:
    """The file of an `sqlite:///FILE` URL; None for anything this reader leaves to
    SQLAlchemy's own URL parsing (memory, URI filenames, query options, escapes)."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+", 1)[0].lower() != "sqlite" or not rest.startswith("/"):
        return None
    database = rest[1:]
    if not database or database == ":memory:" or database.startswith("file:") or any(
            ch in database for ch in "?%#"):
        return None
    return Path(database).expanduser().resolve()


class SqliteHistoryReader:
    """Shipments, read only: search, count, get, find_by_tracking."""

    def __init__(self, conn: sqlite3.Connection, local_tz: tzinfo | None = None,
                 search: SqliteSearch | None = None):
        self._conn = conn
        self._tz = local_tz  # None: the machine's zone, read at each query
        self._search = search or SqliteSearch()

    @contextmanager
    def _snapshot(self) -> Iterator:
        """One read transaction: the probes and the page see the same data."""
        self._conn.execute("BEGIN")
        try:
            yield self._conn.execute
        finally:
            self._conn.execute("COMMIT")

    def search(self, query: HistoryQuery) -> list[Shipment]:
        with self._snapshot() as execute:
            return [mapping.shipment_from(r)
                    for r in self._search.history_page(execute, query, self._tz)]

    def count(self, query: HistoryQuery, cap: int | None = None) -> int:
        with self._snapshot() as execute:
            return self._search.history_count(execute, query, self._tz, cap)

    def get(self, shipment_id: int) -> Shipment:
        found = self._one("shipments.id = :id", {"id": shipment_id})
        if found is None:
            raise NotFound("shipment", shipment_id)
        return found

    def find_by_tracking(self, number: str) -> Shipment | None:
        wanted = normalise(number)
        return self._one("shipments.tracking_number = :n", {"n": wanted}) if wanted else None

    def _one(self, where: str, params: dict) -> Shipment | None:
        with self._snapshot() as execute:
            rows = rows_of(execute(f"SELECT shipments.* FROM shipments WHERE {where}"
                                   " LIMIT 1", params))
        return mapping.shipment_from(rows[0]) if rows else None

    def close(self) -> None:
        self._conn.close()


def open_reader(url: str, local_tz: tzinfo | None = None) -> SqliteHistoryReader | None:
    """The reader for an SQLite URL whose database needs nothing done first, else None."""
    path = sqlite_path(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    if integrity_check_due(path):
        return None
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA query_only=ON")  # a reader: SQLite refuses any write
        if _revisions(conn) != head_revisions():
            conn.close()
            return None  # a migration is pending: the full open backs up and migrates
        restrict_sqlite_files(path)  # -wal/-shm made by this read: 0600 like the file
    except sqlite3.Error:
        conn.close()
        return None  # damaged, locked, not a database: the full open says so clearly
    return SqliteHistoryReader(conn, local_tz)


def _revisions(conn: sqlite3.Connection) -> set[str]:
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                    " AND name = 'alembic_version'").fetchone() is None:
        return set()
    return {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
