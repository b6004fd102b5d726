"""Running `comptoir` in tests: as a real process (`run`) or in-process (`run_in_process`),
and writing the JSON file a command reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m desktop ARGS` with its own COMPTOIR_HOME, as a user runs it."""
    env = {**os.environ, "COMPTOIR_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)


def run_in_process(capsys, *argv: str) -> tuple[int, str, str]:
    """The CLI's `main` in this process: (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write_json(tmp_path: Path, data: dict, name: str = "shipment.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
