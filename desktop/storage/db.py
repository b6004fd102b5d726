"""Opening the database: engine, SQLite pragmas, migrations after a backup, repositories.

`open_database(url)` accepts any SQLAlchemy URL; SQLite files get the tuning below and a
backup before a pending migration touches them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import tzinfo
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from desktop.domain.errors import DatabaseUnreachable
from desktop.domain.ports import ChangeFeed, Clock
from desktop.storage import migrate, text_search
from desktop.storage.backup import backup_sqlite
from desktop.storage.faults import BUSY_TIMEOUT_MS, as_storage_failure
from desktop.storage.integrity import (  # noqa: F401 (INTERVAL re-exported)
    INTEGRITY_CHECK_INTERVAL_S,
    integrity_check_due,
    integrity_check_stamp,
)
from desktop.storage.private import private_dir, private_file, restrict_sqlite_files
from desktop.storage.repositories import (
    SqlAddressBook,
    SqlPrintJobs,
    SqlProducts,
    SqlSenderProfiles,
    SqlShipments,
    SqlTrackingRanges,
    UnitOfWork,
)
from desktop.storage.repositories.outbox import SqlCarrierOutbox
from desktop.storage.repositories.personal_data import SqlPersonalData
from desktop.storage.repositories.unit import WRITE_OPTION, utc_now
from desktop.storage.repositories.work_drafts import SqlWorkDrafts

log = logging.getLogger(__name__)



class Database:
    """The open database and its repositories (the storage side of `desktop.domain.ports`)."""

    def __init__(self, engine: Engine, url: str, *, clock: Clock | None = None,
                 local_tz: tzinfo | None = None, path: Path | None = None,
                 backup_path: Path | None = None, bench: str = ""):
        self.engine = engine
        self.url = url
        self.path = path  # the SQLite file, if any
        self.backup_path = backup_path  # the copy made before migrating at open, if any
        self.integrity_problems: tuple[str, ...] = ()  # PRAGMA quick_check at open, if not ok
        self.locale_problem = ""  # PostgreSQL: a database locale that is not UTF-8
        self._uow = UnitOfWork(engine, clock.now if clock is not None else utc_now, bench)
        self.text_search = text_search.for_dialect(engine.dialect.name)
        self.address_book = SqlAddressBook(self._uow, self.text_search)
        self.sender_profiles = SqlSenderProfiles(self._uow)
        self.shipments = SqlShipments(self._uow, local_tz, self.text_search)
        self.print_jobs = SqlPrintJobs(self._uow)
        self.tracking_ranges = SqlTrackingRanges(
            self._uow, update_returning=bool(engine.dialect.update_returning))
        self.products = SqlProducts(self._uow)
        self.personal_data = SqlPersonalData(self._uow, self.text_search)
        self.carrier_outbox = SqlCarrierOutbox(self._uow)
        self.work_drafts = SqlWorkDrafts(self._uow)

    def check_integrity(self) -> tuple[str, ...]:
        """`PRAGMA quick_check` when due (once a day, see `integrity_check_due`), for a caller
        that opened with `check_integrity=False` to run it later, off its critical path.
        Read only; under WAL it blocks no writer."""
        if self.path is not None and self.path.is_file() and integrity_check_due(self.path):
            self.integrity_problems = quick_check(self.engine)
            if self.integrity_problems:
                log.warning("integrity check of %s: %s", self.path,
                            "; ".join(self.integrity_problems))
            else:
                _stamp_integrity_check(self.path)
        return self.integrity_problems

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """Repository calls made inside (on this thread) share one transaction: all or none.

            with db.transaction():
                number = db.tracking_ranges.allocate("ld")
                db.shipments.add(replace(shipment, tracking_number=number))
        """
        with self._uow.write():
            yield self

    def backup(self, dest_dir: Path | None = None) -> Path:
        """"Backup now": a consistent copy of the SQLite file (refused for other databases)."""
        if self.path is None:
            raise ValueError(f"only SQLite files can be backed up here, not {self.url}")
        return backup_sqlite(self.path, dest_dir or default_backup_dir(self.path))

    def shipment_changes(self) -> ChangeFeed:
        """A new feed of shipment changes (LISTEN/NOTIFY on PostgreSQL, polling on SQLite)."""
        from desktop.storage import change_feed

        return change_feed.for_engine(self.engine, self.url)

    def set_bench(self, name: str) -> None:
        """The bench name stamped on the rows added from now on (the setting changed)."""
        self._uow.bench = name[:64]

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def open_database(url: str, *, backup_dir: Path | None = None, clock: Clock | None = None,
                  local_tz: tzinfo | None = None, bench: str = "",
                  check_integrity: bool = True) -> Database:
    """Opens (creating if needed) and migrates the database at `url`.

    `clock` stamps created/updated times (default: system UTC); `local_tz` is the zone of the
    history's day filters (default: the machine's zone). A bad URL or a damaged, read-only,
    locked or unreachable database raises `StorageFailed` (one clear sentence) and changes
    nothing; an SQLite file that opens but fails `PRAGMA quick_check` is opened with its
    problems in `integrity_problems`, for the caller to warn about.
    `bench` (setting `bench_name`) is stamped on the shipments, print jobs and audit
    entries this process adds. `check_integrity=False` leaves the check to
    `Database.check_integrity()` (the window runs it once it is on screen).
    """
    try:
        return _open(url, backup_dir=backup_dir, clock=clock, local_tz=local_tz, bench=bench,
                     check_integrity=check_integrity)
    except Exception as exc:  # noqa: BLE001 - database faults become one sentence
        failure = as_storage_failure(exc, url)
        if failure is None:
            raise
        raise failure from exc


def _open(url: str, *, backup_dir: Path | None, clock: Clock | None,
          local_tz: tzinfo | None, bench: str = "", check_integrity: bool = True) -> Database:
    parsed = make_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    path = _sqlite_file(parsed) if sqlite else None
    existed = path is not None and path.is_file() and path.stat().st_size > 0
    if path is not None:
        if not path.parent.exists():
            private_dir(path.parent)
        private_file(path)  # 0600 before SQLite writes a byte; -wal/-shm inherit the mode
        restrict_sqlite_files(path)
    engine = _create_engine(url, sqlite=sqlite, in_memory=sqlite and path is None)
    backup_path = None
    problems: tuple[str, ...] = ()
    try:
        if existed and check_integrity and integrity_check_due(path):
            problems = quick_check(engine)
            if not problems:
                _stamp_integrity_check(path)
        if migrate.is_pending(engine):
            if existed:
                backup_path = backup_sqlite(path, backup_dir or default_backup_dir(path),
                                            label="pre-migration")
                log.info("database backed up to %s before migrating", backup_path)
            migrate.upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    database = Database(engine, url, clock=clock, local_tz=local_tz, path=path,
                        backup_path=backup_path, bench=bench)
    database.integrity_problems = problems
    if not sqlite:
        database.locale_problem = postgres_locale_problem(engine)
    if problems:
        log.warning("integrity check of %s: %s", path, "; ".join(problems))
    return database


def _stamp_integrity_check(path: Path) -> None:
    try:
        os.utime(private_file(integrity_check_stamp(path)))
    except OSError as exc:  # a read-only folder: the check simply runs at every start
        log.info("cannot remember the integrity check of %s: %s", path, exc)


def postgres_locale_problem(engine: Engine) -> str:
    """The database's character-class locale when it is not a UTF-8 one, else "": word starts
    are found with `[[:alnum:]]`, which only a UTF-8 locale makes Unicode's letters as on
    SQLite (« ченко » would match inside « Шевченко » under plain C; docs/search.md)."""
    with engine.connect() as conn:
        ctype = conn.execute(text("SELECT datctype FROM pg_database"
                                  " WHERE datname = current_database()")).scalar() or ""
    return "" if "utf" in ctype.lower().replace("-", "") else ctype


def quick_check(engine: Engine, max_rows: int = 5) -> tuple[str, ...]:
    """SQLite's `PRAGMA quick_check` (sqlite.org/pragma.html#pragma_quick_check): () when
    the file is sound, else its first problems. O(size of the file), read only."""
    with engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text(f"PRAGMA quick_check({max_rows})"))]
    return () if rows == ["ok"] else tuple(" ".join(str(r).split()) for r in rows)


def restore_sqlite_database(url: str, backup: Path, backup_dir: Path) -> tuple[Path, Path]:
    """Restores `backup` over the SQLite database at `url` after checking it, keeping a copy
    of the current one; the restored file is then migrated if it is older, and audited."""
    from desktop.domain.errors import ValidationFailed, Violation
    from desktop.storage.backup import check_backup, restore_sqlite

    path = _sqlite_file(make_url(url))
    if path is None:
        raise ValidationFailed([Violation("database", "restore_sqlite_only", actual=url)])
    problems = check_backup(backup)
    if problems:
        raise ValidationFailed([Violation("file", "restore_unfit", actual="; ".join(problems))])
    before = (backup_sqlite(path, backup_dir, label="pre-restore") if path.is_file()
              else None)
    private_file(path)
    integrity_check_stamp(path).unlink(missing_ok=True)  # a new file: checked at next open
    restore_sqlite(backup, path)
    restrict_sqlite_files(path)
    with open_database(url, backup_dir=backup_dir) as db:  # migrates an older backup
        db.personal_data.record("restore", detail=f"from {backup.name}"
                                f"{f'; previous database kept as {before.name}' if before else ''}")
    return path, before


def _sqlite_file(parsed) -> Path | None:
    database = parsed.database
    if not database or database == ":memory:" or parsed.query.get("mode") == "memory":
        return None
    if database.startswith("file:"):  # URI filenames: leave them to SQLite
        return None
    return Path(database).expanduser().resolve()


def _create_engine(url: str, *, sqlite: bool, in_memory: bool) -> Engine:
    if not sqlite:
        engine = create_engine(url, pool_pre_ping=True)
        event.listen(engine, "handle_error", _server_unreachable)
        return engine
    # The pool hands a connection to whichever worker thread asks; each is used by one
    # thread at a time, so the sqlite3 same-thread guard only gets in the way.
    kwargs: dict = {"connect_args": {"check_same_thread": False}}
    if in_memory:
        kwargs["poolclass"] = StaticPool  # one shared connection, or each would be a new DB
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _server_unreachable(context) -> None:
    """A lost or refused connection to the server becomes DatabaseUnreachable (the counter
    keeps the draft); other database errors pass unchanged."""
    from sqlalchemy import exc

    lost = context.is_disconnect or isinstance(context.sqlalchemy_exception,
                                               (exc.OperationalError, exc.InterfaceError))
    if lost:
        raise DatabaseUnreachable(str(context.original_exception).strip().splitlines()[0]
                                  if str(context.original_exception).strip() else "no answer")


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    # SQLAlchemy, not the sqlite3 module, decides when BEGIN is sent (see _on_sqlite_begin):
    # the module's legacy mode skips BEGIN before SELECT and DDL (SQLAlchemy sqlite docs).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: WAL switch may wait
        # WAL: readers never block the writer nor the writer the readers, and a killed
        # process leaves committed data intact (sqlite.org/wal.html).
        cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL is safe with WAL: a crash of the process never corrupts nor loses a commit;
        # only a power cut may roll back the last transactions, never corrupt
        # (sqlite.org/pragma.html#pragma_synchronous). FULL would fsync every label.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite, per connection
    finally:
        cursor.close()


def _on_sqlite_begin(conn) -> None:
    # Writers take the write lock up front (BEGIN IMMEDIATE) so they wait busy_timeout for
    # each other instead of failing on a lock upgrade; readers start a plain snapshot.
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
