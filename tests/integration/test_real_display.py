"""Issue 10 §1: under a real X server (Xvfb) with a window manager (openbox), the program
opens a real window that fits a 1366×768 screen. Skipped where Xvfb, openbox or xwininfo
are not installed (Debian: apt-get install xvfb openbox x11-utils)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "openbox", "xwininfo")
pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in TOOLS),
                                reason="needs " + ", ".join(TOOLS))


def free_display() -> int:
    for n in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    pytest.skip("no free X display number")


def wait_for(predicate, timeout: float):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    return None


@pytest.mark.slow
def test_window_opens_on_a_real_display_and_fits_1366x768(tmp_path):
    display = f":{free_display()}"
    env = {**os.environ, "DISPLAY": display, "COMPTOIR_HOME": str(tmp_path),
           "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)  # the real xcb plugin
    started = []
    try:
        started.append(subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24",
                                         "-nolisten", "tcp"], stderr=subprocess.DEVNULL))
        assert wait_for(lambda: Path(f"/tmp/.X11-unix/X{display[1:]}").exists(), 10)
        started.append(subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL))
        app = subprocess.Popen([sys.executable, "-m", "desktop", "gui", "--demo"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        started.append(app)

        def window_line():
            tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env,
                                  capture_output=True, text=True).stdout
            return next((line for line in tree.splitlines()
                         if "poste d'expédition" in line and "DÉMO" in line), None)

        line = wait_for(window_line, 60)
        assert line, app.stderr.read() if app.poll() is not None else "no window"
        width, height, x, y = map(int, re.search(r"(\d+)x(\d+)\+(-?\d+)\+(-?\d+)",
                                                  line).groups())
        assert width <= 1366 and height <= 768, line
        assert app.poll() is None  # still running: a real window, not a crash
    finally:
        for proc in reversed(started):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
