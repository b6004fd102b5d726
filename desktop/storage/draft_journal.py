"""The local journal of counter drafts not yet in the shared database: one JSON file per
draft in `<data>/pending-drafts/`, written and fsynced before the save is attempted
(desktop/services/offline_drafts.py). Files are the owner's only: they hold addresses."""

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

    def keep(self, record: dict) -> str:
        private_dir(self.folder)
        key = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        temp = self.folder / f".{key}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, self.folder / f"{key}.json")
        return key

    def drop(self, key: str) -> None:
        (self.folder / f"{key}.json").unlink(missing_ok=True)

    def pending(self) -> list[tuple[str, dict]]:
        if not self.folder.is_dir():
            return []
        out = []
        for path in sorted(self.folder.glob("*.json")):  # names start with the time: oldest first
            try:
                out.append((path.stem, json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, json.JSONDecodeError):
                continue  # half-written by a crash before the rename cannot happen; skip others
        return out
