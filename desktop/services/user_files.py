"""Reading a file the user named (a shipment file, a CSV to import): bounded before it is read.
Writing one (a CSV export): readable by its owner only.

A missing, unreadable or too large file is refused as a `ValidationFailed` on the "file"
field, naming the path the user typed and the system's reason — never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from desktop.domain.errors import ValidationFailed, Violation

PRIVATE_MODE = 0o600  # as the database and its backups (docs/personal-data.md "Files")


def read_bounded(path: str | Path, limit: int, *, too_big: str = "file_too_large") -> bytes:
    """The file's bytes; its size is checked first so a huge file is never loaded."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > limit:
            raise ValidationFailed([Violation("file", too_big, limit=limit, actual=size)])
        return p.read_bytes()
    except OSError as exc:
        raise ValidationFailed([Violation("file", "file_unreadable", actual=str(path),
                                          limit=exc.strerror or type(exc).__name__)]) from None


def open_private(path: str | Path) -> TextIO:
    """`path` opened for writing text as Excel reads it (UTF-8 with a BOM, no newline
    translation), created or truncated, 0600 whatever the umask: an export holds customers'
    names and addresses. OSError as `open` raises it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0),
                 PRIVATE_MODE)
    try:
        if hasattr(os, "fchmod"):  # an existing file keeps its mode through O_CREAT
            os.fchmod(fd, PRIVATE_MODE)
        return open(fd, "w", encoding="utf-8-sig", newline="")
    except BaseException:
        os.close(fd)
        raise
