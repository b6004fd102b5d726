"""Child process for the storage crash and allocation tests (run as a script, not collected).

    helpers_crash.py allocate DB_PATH_OR_URL RANGE COUNT READY_FILE GO_FILE
        waits for GO_FILE, then allocates COUNT numbers, one per line on stdout
        ("EXHAUSTED" when the range runs out).
    helpers_crash.py save DB_PATH FLAG_FILE PAUSE_AT
        saves shipment + print job per transaction in a loop; at iteration PAUSE_AT it writes
        FLAG_FILE *inside* the open transaction (rows inserted, not committed) and sleeps,
        waiting for the parent's SIGKILL. PAUSE_AT < 0: never pauses, writes FLAG_FILE after
        the first commit and keeps saving until killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: `tests` importable

from helpers_storage import shipment  # noqa: E402

from desktop.domain.errors import ValidationFailed
from desktop.domain.printing import LabelFormat, PrintJob
from desktop.domain.tracking import NumberRange
from desktop.storage.db import open_database

RANGE = NumberRange("crash", "LD", 1, 99_999_999)


def allocate(db_path: str, name: str, count: int, ready: str, go: str) -> None:
    db = open_database(db_path if "://" in db_path else f"sqlite:///{db_path}")
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.01)
    for _ in range(count):
        try:
            print(db.tracking_ranges.allocate(name), flush=True)
        except ValidationFailed:
            print("EXHAUSTED", flush=True)
    db.close()


def save(db_path: str, flag: str, pause_at: int) -> None:
    db = open_database(f"sqlite:///{db_path}")
    db.tracking_ranges.ensure(RANGE)
    i = 0
    while True:
        with db.transaction():
            number = db.tracking_ranges.allocate(RANGE.name)
            saved = db.shipments.add(shipment(tracking_number=number, reference=f"R{i}"))
            db.print_jobs.add(PrintJob("file:///spool", LabelFormat.ZPL203,
                                       b"^XA^FD" + number.encode() + b"^FS^XZ" * 200,
                                       shipment_id=saved.id))
            if i == pause_at:
                Path(flag).write_text(number)  # rows are written, COMMIT has not happened
                time.sleep(3600)
        if i == 0 and pause_at < 0:
            Path(flag).write_text("running")
        i += 1


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "allocate":
        allocate(args[0], args[1], int(args[2]), args[3], args[4])
    elif mode == "save":
        save(args[0], args[1], int(args[2]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
