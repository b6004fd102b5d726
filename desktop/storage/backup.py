"""Consistent copies of a live SQLite database.

A plain file copy of a WAL database can miss committed pages still in the `-wal` file or
catch a half-checkpointed main file; SQLite's online backup API copies a consistent
snapshot while other connections keep working (https://www.sqlite.org/backup.html).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop.domain.errors import StorageFailed, Violation
from desktop.storage.private import private_dir, private_file


def backup_sqlite(db_path: Path | str, dest_dir: Path | str, *, label: str = "") -> Path:
    """Copies `db_path` to `dest_dir/<stem>-<UTC timestamp>[-label].sqlite3` and returns it.

    The copy is written under a temporary name, checked (`check_backup`: a damaged source
    copies page for page into a damaged backup), then renamed, so neither a crash nor a
    damaged database ever leaves a file that looks like a good backup: StorageFailed
    instead, and nothing is left behind.
    """
    source_path = Path(db_path)
    if not source_path.is_file():
        raise FileNotFoundError(source_path)
    dest = private_dir(Path(dest_dir))
    target = _free_name(dest, source_path.stem, label)
    partial = private_file(target.with_name(target.name + ".part"))
    source = sqlite3.connect(str(source_path))
    try:
        copy = sqlite3.connect(str(partial))
        try:
            source.backup(copy)
            # One self-contained file: reading it (the check, a restore) then leaves no
            # -wal/-shm beside it; the database it is restored into sets WAL again.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
        has = _tables(source)
    finally:
        source.close()
    # The source's own tables only: a database not migrated yet may lack some.
    problems = check_backup(partial, required=tuple(t for t in REQUIRED_TABLES if t in has),
                            pragma="quick_check")
    if problems:
        partial.unlink(missing_ok=True)
        raise StorageFailed(Violation("file", "restore_unfit", actual=_first_line(problems)))
    os.replace(partial, target)
    return target


def _tables(conn: sqlite3.Connection) -> set[str]:
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        return set(REQUIRED_TABLES)  # unreadable schema: the check says what is wrong


def _first_line(problems: list[str], limit: int = 200) -> str:
    """What a message can show of SQLite's report (one line per damaged cell)."""
    lines = [x for p in problems for x in p.splitlines() if x and not x.startswith("***")]
    text = (lines or problems)[0]
    more = len(lines) - 1
    return text[:limit] + (f" (+{more})" if more > 0 else "")


def _free_name(dest: Path, stem: str, label: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"{stem}-{stamp}" + (f"-{label}" if label else "")
    candidate = dest / f"{base}.sqlite3"
    n = 1
    while candidate.exists():  # two backups in the same second
        n += 1
        candidate = dest / f"{base}-{n}.sqlite3"
    return candidate


REQUIRED_TABLES = ("contacts", "shipments", "alembic_version")


def check_backup(path: Path | str, required: tuple[str, ...] = REQUIRED_TABLES,
                 pragma: str = "integrity_check") -> list[str]:
    """Problems that make `path` unfit to restore (empty list: fit): not SQLite, corrupt
    (PRAGMA integrity_check; a new backup: quick_check, every page's structure in one pass,
    sqlite.org/pragma.html#pragma_quick_check), or not a Comptoir database."""
    if pragma not in ("integrity_check", "quick_check"):
        raise ValueError(pragma)
    path = Path(path)
    if not path.is_file():
        return [f"{path}: no such file"]
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return [f"{path}: not an SQLite database"]
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [r[0] for r in conn.execute(f"PRAGMA {pragma}") if r[0] != "ok"]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        problems += [f"table {t} missing: not a Comptoir database" for t in required
                     if t not in tables]
        return problems
    except sqlite3.DatabaseError as exc:
        return [f"{path}: {exc}"]
    finally:
        conn.close()


def restore_sqlite(backup: Path | str, db_path: Path | str) -> None:
    """Copies a checked backup over the live database with the online backup API (a
    consistent replacement even in WAL mode; other connections see the old or the new
    database, never a mix)."""
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(str(db_path))
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
