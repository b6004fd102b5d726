"""Transactions shared by the repositories: every write is one transaction, all or nothing.

`UnitOfWork.write()` opens a session whose BEGIN takes SQLite's write lock at once (BEGIN
IMMEDIATE, see db.py): in WAL mode a deferred transaction that reads then writes can fail
with SQLITE_BUSY without waiting, whereas an immediate one waits `busy_timeout`. Repository
calls made inside `Database.transaction()` join that one transaction (through a context
variable, so each thread has its own), each nested call under a SAVEPOINT.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

WRITE_OPTION = "comptoir_write"  # execution option read by db.py's "begin" listener


def utc_now() -> datetime:
    return datetime.now(UTC)


class UnitOfWork:
    def __init__(self, engine: Engine, now: Callable[[], datetime] = utc_now, bench: str = ""):
        self.now = now
        self.bench = bench[:64]  # the `bench_name` setting: stamped on the rows this bench adds
        self._engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False, autoflush=True)
        self._write = sessionmaker(engine.execution_options(**{WRITE_OPTION: True}),
                                   expire_on_commit=False, autoflush=True)
        event.listen(self._write, "before_flush", self._stamp_bench)
        self._current: ContextVar[Session | None] = ContextVar(f"comptoir_uow_{id(self)}",
                                                               default=None)

    def _stamp_bench(self, session: Session, _context, _instances) -> None:
        # One place for every table with a `bench` column (shipments, print jobs, audit
        # entries, and any later one): a new row says which bench wrote it.
        for obj in session.new:
            if hasattr(obj, "bench") and not obj.bench:
                obj.bench = self.bench

    @contextmanager
    def write(self) -> Iterator[Session]:
        current = self._current.get()
        if current is not None:
            with current.begin_nested():
                yield current
            return
        with self._write() as session, session.begin():
            token = self._current.set(session)
            try:
                yield session
            finally:
                self._current.reset(token)

    @contextmanager
    def read(self) -> Iterator[Session]:
        current = self._current.get()
        if current is not None:
            yield current
            return
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def sqlite_read(self) -> Iterator[Callable]:
        """An SQLite read snapshot as the sqlite3 connection's `execute` (sqlite_search.py's
        plain SQL), without a Session: a suggestion at every key stroke saves the 0.2-0.3 ms
        a Session costs to open and close. Inside a transaction, that transaction's."""
        current = self._current.get()
        if current is not None:
            yield current.connection().connection.driver_connection.execute
            return
        pooled = self._engine.raw_connection()  # db.py's connect listener set the pragmas
        try:
            driver = pooled.driver_connection
            driver.execute("BEGIN")  # autocommit driver (db.py): one snapshot for all reads
            try:
                yield driver.execute
            finally:
                if driver.in_transaction:  # (an I/O error may have ended it already)
                    driver.execute("ROLLBACK")  # read only: nothing to keep
        finally:
            pooled.close()

    def stamp(self) -> datetime:
        value = self.now()
        if value.tzinfo is None:
            raise ValueError("the clock must return timezone-aware datetimes")
        return value
