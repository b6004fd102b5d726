"""Cold start benchmark (issue 10 §1): process start → the counter window shown and usable.

Each run is a fresh interpreter started with `comptoir gui` on an existing database (the
clerk's morning: the first, untimed run creates it) and COMPTOIR_READY_PROBE=1, which makes the application print "ready" on stdout once the main
window is shown with the counter's search focused, then quit. The baseline, measured in the
same run the same way, is the least any PySide6 program pays: `import PySide6.QtWidgets`,
a QApplication and an empty QMainWindow shown. Target: < 1.5 s to a usable window.
Run with a display (Xvfb) or QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_S = 1.5
BASELINE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 800); w.show()
def ready():
    print("ready", flush=True); app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def time_to_ready(argv: list[str], env: dict, marks: dict | None = None,
                  cpu: list | None = None) -> float:
    """Seconds until the program prints "ready"; earlier marks ("splash") go in `marks`, the
    CPU seconds the process used in all (user + system, every thread) in `cpu`: a figure
    that the other programs of a shared machine disturb far less than the clock's."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, text=True)
    try:
        for line in proc.stdout:
            word = line.strip()
            if marks is not None and word and word != "ready":
                marks.setdefault(word, []).append(time.perf_counter() - start)
            if word == "ready":
                elapsed = time.perf_counter() - start
                break
        else:
            raise RuntimeError(f"{argv} ended without 'ready'")
        proc.stdout.read()  # the program closes its window and quits after "ready"
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if cpu is not None:
            cpu.append(usage.ru_utime + usage.ru_stime)
    finally:
        if proc.returncode is None:
            proc.kill()
            proc.wait(timeout=30)
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    env["COMPTOIR_READY_PROBE"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its .pyc files
    comptoir = [sys.executable, "-m", "desktop", "gui"]
    env["COMPTOIR_HOME"] = tempfile.mkdtemp(prefix="comptoir-bench-")
    baseline = [sys.executable, "-c", BASELINE]
    time_to_ready(baseline, env)  # warm the OS file cache for both
    time_to_ready(comptoir, env)
    app_times, base_times, marks, app_cpu, base_cpu = [], [], {}, [], []
    for _ in range(args.runs):
        base_times.append(time_to_ready(baseline, env, cpu=base_cpu))
        app_times.append(time_to_ready(comptoir, env, marks, cpu=app_cpu))
    app, base = statistics.median(app_times), statistics.median(base_times)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} runs, median; "
          f"load average {load:.1f} on {os.cpu_count()} cores (figures grow with the load)")
    print(f"{'case':<44}{'seconds':>10}")
    print(f"{'baseline: PySide6 + empty QMainWindow':<44}{base:>10.3f}")
    if marks.get("splash"):
        print(f"{'comptoir gui: splash shown':<44}{statistics.median(marks['splash']):>10.3f}")
    if marks.get("database"):
        print(f"{'comptoir gui: database open (worker)':<44}"
              f"{statistics.median(marks['database']):>10.3f}")
    print(f"{'comptoir gui: counter usable':<44}{app:>10.3f}")
    cpu_app, cpu_base = statistics.median(app_cpu), statistics.median(base_cpu)
    print(f"{'CPU seconds, start to exit: baseline':<44}{cpu_base:>10.3f}")
    print(f"{'CPU seconds, start to exit: comptoir gui':<44}{cpu_app:>10.3f}"
          f"   ({cpu_app / cpu_base:.2f}× the baseline)")
    print(f"ratio to baseline: {app / base:.2f}×, target < {TARGET_S} s: "
          f"{'met' if app < TARGET_S else 'NOT met'}")
    return 0 if app < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
