"""When an SQLite file's integrity is checked at open (stdlib only: the read-only history
path asks too, and leaves a file whose check is due to the full open, which runs it)."""

from __future__ import annotations

import time
from pathlib import Path

# `PRAGMA quick_check` reads the whole file: 1-5 s for 1 000 000 shipments (bench/shop_scale.py),
# more than a CLI command's whole budget. A clean result is remembered next to the file
# (`<file>-checked`, its time) and the check runs again once this much time has passed; a
# check that finds damage is not remembered, so every start warns until it is repaired.
INTEGRITY_CHECK_INTERVAL_S = 24 * 3600


def integrity_check_stamp(path: Path) -> Path:
    return Path(f"{path}-checked")


def integrity_check_due(path: Path, now: float | None = None) -> bool:
    try:
        checked = integrity_check_stamp(path).stat().st_mtime
    except OSError:
        return True
    age = (time.time() if now is None else now) - checked
    return not 0 <= age < INTEGRITY_CHECK_INTERVAL_S  # a stamp from the future: check
