"""Hostile-input benchmark: how long a refusal takes, against a normal file in the same run.

Before the input rules, `comptoir customs` took about 16 s on a 10 000-character recipient
name (the label and forms fitted text character by character); the length is now checked
before any work, so refusing such a file must cost no more than accepting a normal one.
Each case runs the real command line (`desktop.cli.main`) in-process, best of 5.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "examples" / "delivengo-usa.json").read_text(encoding="utf-8"))


def _case(change):
    data = copy.deepcopy(BASE)
    change(data)
    return data


CASES = {
    "normal file (baseline)": _case(lambda d: None),
    "10 000-character name": _case(lambda d: d["recipient"].update(name="é" * 10_000)),
    "1 000 000-character name": _case(lambda d: d["recipient"].update(name="x" * 1_000_000)),
    "value 1e999999": _case(lambda d: d["customs"]["items"][0].update(value="1e999999")),
    "integer of 4 000 digits": _case(lambda d: d["parcel"].update(weight_g=10 ** 4000)),
}


def best_of(argv: list[str], runs: int = 5) -> tuple[float, int]:
    from desktop.cli import main

    times, code = [], None
    for _ in range(runs):
        sink = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            code = main(argv)
        times.append(time.perf_counter() - start)
    return min(times), code


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="comptoir-bench-"))
    os.environ["COMPTOIR_HOME"] = str(home)
    baseline = None
    print(f"{'customs FILE --out DIR':<28} {'exit':>4} {'best of 5':>11} {'vs baseline':>12}")
    for name, data in CASES.items():
        path = home / "s.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        seconds, code = best_of(["customs", str(path), "--out", str(home / "out")])
        baseline = baseline or seconds
        print(f"{name:<28} {code:>4} {seconds * 1000:>8.1f} ms {seconds / baseline:>11.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
