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


def backup_sqlite(db_path: Path | str, dest_dir: Path | str, *, label: str = "") -> Path:
    """Copies `db_path` to `dest_dir/<stem>-<UTC timestamp>[-label].sqlite3` and returns it.

    The copy is written under a temporary name and renamed, so a crash never leaves a
    truncated file that looks like a good backup.
    """
    source_path = Path(db_path)
    if not source_path.is_file():
        raise FileNotFoundError(source_path)
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    target = _free_name(dest, source_path.stem, label)
    partial = target.with_name(target.name + ".part")
    source = sqlite3.connect(str(source_path))
    try:
        copy = sqlite3.connect(str(partial))
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(partial, target)
    return target


def _free_name(dest: Path, stem: str, label: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"{stem}-{stamp}" + (f"-{label}" if label else "")
    candidate = dest / f"{base}.sqlite3"
    n = 1
    while candidate.exists():  # two backups in the same second
        n += 1
        candidate = dest / f"{base}-{n}.sqlite3"
    return candidate
