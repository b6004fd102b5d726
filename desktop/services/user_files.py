"""Reading a file the user named (a shipment file, a CSV to import): bounded before it is read.

A missing, unreadable or too large file is refused as a `ValidationFailed` on the "file"
field, naming the path the user typed and the system's reason — never a traceback.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.errors import ValidationFailed, Violation


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
