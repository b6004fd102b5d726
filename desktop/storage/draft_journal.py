"""The local journal of counter drafts not yet in the shared database: one JSON file per
draft in `<data>/pending-drafts/`, written and fsynced before the save is attempted
(desktop/services/offline_drafts.py). Files are the owner's only: they hold addresses.
A draft the database refused on replay is moved to `set-aside/` with its reason: kept for
the clerk, never retried."""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

from desktop.storage.private import private_dir


class FileDraftJournal:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @property
    def aside_folder(self) -> Path:
        return self.folder / "set-aside"

    def keep(self, record: dict) -> str:
        key = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        _write(self.folder, key, record)
        return key

    def drop(self, key: str) -> None:
        (self.folder / f"{key}.json").unlink(missing_ok=True)

    def pending(self) -> list[tuple[str, dict]]:
        return _read_all(self.folder)

    def set_aside(self, key: str, record: dict) -> None:
        """Moves entry `key` out of the waiting ones, `record` (with its reason) replacing
        it: written first, then the waiting copy removed (a crash between leaves both; the
        replay then finds the shipment absent and sets it aside again, harmlessly)."""
        _write(self.aside_folder, key, record)
        self.drop(key)

    def set_aside_entries(self) -> list[tuple[str, dict]]:
        return _read_all(self.aside_folder)


def _write(folder: Path, key: str, record: dict) -> None:
    private_dir(folder)
    temp = folder / f".{key}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(record, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, folder / f"{key}.json")


def _read_all(folder: Path) -> list[tuple[str, dict]]:
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.glob("*.json")):  # names start with the time: oldest first
        try:
            out.append((path.stem, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, json.JSONDecodeError):
            continue  # half-written by a crash before the rename cannot happen; skip others
    return out
