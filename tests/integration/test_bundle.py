"""Issue 10 §7: the one-folder PyInstaller bundle builds, its launcher points at it, and the
bundled program answers `comptoir --help` and opens its window (offscreen) — outside the
source tree, so nothing is found by accident in the checkout."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import PyInstaller  # noqa: F401 - in the test extra: a missing bundler fails, never skips
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    env = {**os.environ, "PYTHON": sys.executable,
           "WORK_DIR": str(tmp_path_factory.mktemp("work"))}
    done = subprocess.run(["bash", str(ROOT / "packaging" / "build_bundle.sh"), str(dist)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    moved = tmp_path_factory.mktemp("elsewhere") / "comptoir"
    shutil.move(str(dist / "comptoir"), moved)  # the launcher's path is rewritten below
    return moved


def run(bundle: Path, *args: str, home: Path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "COMPTOIR"))}
    return subprocess.run([str(bundle / "comptoir"), *args], cwd=home, capture_output=True,
                          text=True, timeout=120,
                          env={**clean, "COMPTOIR_HOME": str(home), **env})


@pytest.mark.slow
def test_bundle_runs_help(bundle, tmp_path):
    done = run(bundle, "--help", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "ship" in done.stdout and "history" in done.stdout
    services = run(bundle, "services", "--json", home=tmp_path)
    assert services.returncode == 0, services.stderr
    assert "colissimo-expert-international" in services.stdout  # bundled carrier data


@pytest.mark.slow
def test_bundle_opens_its_window(bundle, tmp_path):
    done = run(bundle, "gui", "--demo", home=tmp_path, QT_QPA_PLATFORM="offscreen",
               COMPTOIR_READY_PROBE="1")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ready" in done.stdout.split()


@pytest.mark.slow
def test_launcher_points_at_the_bundle(bundle):
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(bundle / "comptoir.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "Comptoir"
    assert "/comptoir/comptoir" in section["Exec"]
    assert section["Icon"].endswith("comptoir.svg")
