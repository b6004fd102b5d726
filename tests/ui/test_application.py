"""`run()`: demo mode starts on a throw-away home with sample data; a start failure is
reported and gives a non-zero exit code.

Each run goes in its own process: `QApplication.exec()` returning after `quit()` would leave
the test process's application unable to run later tests' event loops.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DEMO = r"""
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop.app import build_context
from desktop.ui import application
from desktop.ui.main_window import MainWindow

seen = {}
def close_when_ready():
    app = QApplication.instance()
    window = next((w for w in app.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()), None)
    if window is not None and sys.argv[1] == "damaged":
        seen.setdefault("first_status", window.statusBar().currentMessage())
        if "intégrité" not in window.statusBar().currentMessage():
            QTimer.singleShot(50, close_when_ready)
            return
        seen["warned"] = window.statusBar().currentMessage()
        window.close()
        return
    if window is None or window.runner.active or window.counter.senders.combo.count() == 0:
        QTimer.singleShot(50, close_when_ready)
        return
    seen.update(senders=window.counter.senders.combo.count(), title=window.windowTitle(),
                contacts=len(window.ctx.address_book.search("", 10)),
                products=len(window.ctx.database.products.search("", 10)),
                demo_scale=window.counter.parcel_panel.simulator.isVisible(),
                home=os.environ["COMPTOIR_HOME"])
    window.close()

QApplication([])
QTimer.singleShot(0, close_when_ready)
QTimer.singleShot(30_000, lambda: QApplication.instance().exit(99))
if sys.argv[1] == "demo":
    code = application.run(demo=True, build=build_context)
elif sys.argv[1] == "damaged":
    from desktop.commands.gui import build_context as gui_build
    code = application.run(build=gui_build)
else:
    application.QMessageBox.critical = lambda *a: seen.update(shown=a[2])
    def broken(*a, **k):
        raise OSError("disk full")
    code = application.run(build=broken)
print(json.dumps({"code": code, **seen}))
"""


def run_app(mode: str, home: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COMPTOIR_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", DEMO, mode], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_demo_mode(tmp_path):
    real_home = tmp_path / "real"
    out = run_app("demo", real_home)
    demo_home = Path(out["home"])
    try:
        assert out["code"] == 0
        assert out["senders"] == 1 and out["contacts"] == 5 and out["products"] == 3
        assert out["demo_scale"]  # the simulated scale's control is there to try
        assert "DÉMO" in out["title"]
        assert demo_home.name.startswith("comptoir-demo-")
        assert (demo_home / "data" / "comptoir.sqlite3").is_file()
        assert not real_home.exists()  # nothing real touched
    finally:
        import shutil

        shutil.rmtree(demo_home, ignore_errors=True)


def test_start_failure_is_reported(tmp_path):
    out = run_app("broken", tmp_path)
    assert out["code"] == 2
    assert "disk full" in out["shown"]


def test_a_damaged_database_is_reported_after_the_window_shows(tmp_path):
    """The daily integrity check is off the cold start (bench/startup.py): the window opens
    first, then the check's warning comes in the status bar."""
    import sqlite3

    from desktop.storage.db import open_database

    path = tmp_path / "data" / "comptoir.sqlite3"
    path.parent.mkdir(parents=True)
    open_database(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    (rootpage,) = con.execute("SELECT rootpage FROM sqlite_master WHERE type='index' "
                              "AND sql IS NOT NULL ORDER BY name LIMIT 1").fetchone()
    con.close()
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    data[(rootpage - 1) * size:rootpage * size] = b"\x0d" + b"\x00" * (size - 1)
    path.write_bytes(bytes(data))
    out = run_app("damaged", tmp_path)
    assert out["code"] == 0
    assert "intégrité" not in out["first_status"]  # the window was up before the check
    assert "Base de données : le contrôle d'intégrité signale" in out["warned"]
