"""Regenerates the screenshots in docs/ from a demo database (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.screenshots [--lang en]

Every scene of tests/ui/scenes.py at 1366×768 and 1920×1080 into
docs/screenshots/<size>/<scene>[-en].png, then the refusal, contract-table and number-range
views at 1366×768. Look at them after a layout change: tests/ui/test_layout_fit.py checks
the sizes, a person checks the looks.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["COMPTOIR_HOME"] = tempfile.mkdtemp(prefix="comptoir-shots-")
    from PySide6.QtWidgets import QApplication

    from tests.ui.scenes import SCENES, SIZES, Scenes

    app = QApplication(sys.argv)
    scenes = Scenes(app, args.lang)
    suffix = "" if args.lang == "fr" else f"-{args.lang}"
    out = Path(args.out)
    try:
        for size_name, size in SIZES.items():
            folder = out / size_name
            folder.mkdir(parents=True, exist_ok=True)
            scenes.resize(size)
            for name in SCENES:
                scenes.show(name).grab().save(str(folder / f"{name}{suffix}.png"))
            scenes.close_dialog()
        scenes.resize(SIZES["1366x768"])
        more_views(scenes, out / "1366x768", suffix)
    finally:
        scenes.close()
    print(f"screenshots written to {out}")
    return 0


def more_views(scenes, folder: Path, suffix: str) -> None:
    """A refused print (errors next to their fields), the contract tables, the ranges."""
    window = scenes.counter_errors()
    window.grab().save(str(folder / f"counter-errors{suffix}.png"))
    dialog = window.open_settings()
    scenes.wait(0.3)
    tables = dialog.open_contract_tables()
    scenes.wait(0.6)
    tables.grab().save(str(folder / f"contract-tables{suffix}.png"))
    tables.accept()
    ranges = dialog.open_number_ranges()
    scenes.wait(0.6)
    ranges.grab().save(str(folder / f"number-ranges{suffix}.png"))
    ranges.accept()
    dialog.reject()


if __name__ == "__main__":
    sys.exit(main())
