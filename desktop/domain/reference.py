"""Where the shipped reference data lives (`resources/`), and cached readers for it.

Looked up, in order: $COMPTOIR_RESOURCES, the source tree (also editable installs),
a PyInstaller bundle, then `<prefix>/share/comptoir/resources` for wheel installs.
Never downloads: everything the program needs ships with it.
"""

from __future__ import annotations

import json
import os
import sys
from functools import cache, lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    candidates = []
    if os.environ.get("COMPTOIR_RESOURCES"):
        candidates.append(Path(os.environ["COMPTOIR_RESOURCES"]))
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    if hasattr(sys, "_MEIPASS"):
        candidates.append(Path(sys._MEIPASS) / "resources")
    candidates.append(Path(sys.prefix) / "share" / "comptoir" / "resources")
    for path in candidates:
        if (path / "reference").is_dir():
            return path
    raise FileNotFoundError(f"Comptoir resources not found; looked in {candidates}")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


@cache
def load_json(*parts: str):
    with resource_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)
