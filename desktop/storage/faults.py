"""Database faults as one clear sentence: the driver's exception → a `StorageFailed` whose
violation names the database, what is wrong and what the clerk can do.

SQLite reports damage, read-only files and locks through `sqlite3` exception messages (the
codes are not exposed by the module before Python 3.11's `sqlite_errorname`, which the
SQLAlchemy wrapper does not forward), so the messages are matched here, in one place.
"""

from __future__ import annotations

import sqlite3

from desktop.domain.errors import StorageFailed, Violation

BUSY_TIMEOUT_MS = 5000  # how long a writer waits for another process's lock
URL_HINT = "sqlite:///FILE or an SQLAlchemy URL"
_CORRUPT = ("file is not a database", "database disk image is malformed", "file is encrypted")
_READ_ONLY = ("readonly database", "read-only", "attempt to write a readonly")
_LOCKED = ("database is locked", "database table is locked")
_UNREACHABLE = ("unable to open database file", "could not connect", "connection refused")


def shown_url(url: str) -> str:
    """The URL without its password, or the SQLite file's path."""
    from sqlalchemy.engine import make_url  # only when a fault is reported
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return url
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def as_storage_failure(exc: BaseException, url: str) -> StorageFailed | None:
    """The `StorageFailed` for a database exception, None for anything else."""
    if isinstance(exc, StorageFailed):
        return exc
    # SQLAlchemy is imported only once something failed: the read-only history path
    # (sqlite_reader.py) runs on the sqlite3 module alone and reports its errors here too.
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

    if isinstance(exc, (NoSuchModuleError, ArgumentError)):
        return StorageFailed(Violation("database", "database_url", limit=URL_HINT, actual=url))
    if not isinstance(exc, (SQLAlchemyError, sqlite3.Error)):
        return None
    where = shown_url(url)
    text = str(getattr(exc, "orig", None) or exc).lower()
    if any(m in text for m in _CORRUPT):
        return StorageFailed(Violation("database", "database_corrupt", actual=where))
    if any(m in text for m in _READ_ONLY):
        return StorageFailed(Violation("database", "database_read_only", actual=where))
    if any(m in text for m in _LOCKED):
        return StorageFailed(Violation("database", "database_locked", limit=BUSY_TIMEOUT_MS,
                                       actual=where))
    reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:120]
    if isinstance(exc, (DBAPIError, sqlite3.Error)) or any(m in text for m in _UNREACHABLE):
        return StorageFailed(Violation("database", "database_unreachable", limit=reason,
                                       actual=where))
    return StorageFailed(Violation("database", "database_unreachable", limit=reason,
                                   actual=where))
