"""Files holding customers' personal data are readable by their owner only (0600, folders 0700).

Modes are set explicitly after creation: the process umask (often 022, sometimes 002 on
shared machines) must not decide who can read the address book. Windows keeps its ACLs
(`chmod` there only toggles read-only), so this is a no-op beyond that.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_dir(path: Path) -> Path:
    """Creates `path` (and missing parents) and makes `path` itself 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Creates `path` empty if missing, then makes it 0600 (an existing file keeps its data)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return path


def restrict_sqlite_files(db_path: Path) -> None:
    """The database and its WAL/SHM companions (SQLite copies the main file's mode to them,
    but files made by an older version may predate this)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = Path(f"{db_path}{suffix}")
        if candidate.exists():
            os.chmod(candidate, FILE_MODE)
