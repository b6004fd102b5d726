"""Label generation benchmark (issue 2): layout + ZPL 203 / ZPL 300 / PDF.

"1 label" runs in a fresh interpreter after the imports, so it includes what the first
label of the day pays (reference data, font registration). "N labels" renders N different
shipments (distinct tracking numbers, so no barcode cache helps) in one process.
Targets on the 2-core reference machine: ZPL < 2 ms per label, PDF < 30 ms per label.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import replace

from desktop.domain.label_layout import shipping_label
from desktop.domain.tracking import make_s10
from desktop.printing.pdf_label import render_pdf
from desktop.printing.render import render_label
from desktop.printing.samples import SAMPLES
from desktop.printing.zpl import render_zpl

CASES = {
    "layout only": (lambda spec: None, None),
    "layout + ZPL 203": (lambda spec: render_zpl(spec, 203), 2.0),
    "layout + ZPL 300": (lambda spec: render_zpl(spec, 300), 2.0),
    "layout + PDF": (render_pdf, 30.0),
    # issue 9: the other languages, through their model profiles (settings, fonts)
    "layout + EPL2 203": (lambda spec: render_label(spec, _profile("honeywell-pc42t-epl")),
                          2.0),
    "layout + TSPL 203": (lambda spec: render_label(spec, _profile("tsc-te200")), 2.0),
    "layout + PDF A4x4": (lambda spec: render_label(spec, _profile("generic-pdf-a4x4")), 30.0),
}


def _profile(pid: str):
    from desktop.domain.printer_profile import load_profiles
    return load_profiles()[pid]


def shipments(n: int):
    samples = [f() for f in SAMPLES.values()]
    out = []
    for i in range(n):
        shipment, service = samples[i % len(samples)]
        number = make_s10(service.tracking_prefix or "CE", 10_000_000 + i, "FR")
        out.append((replace(shipment, tracking_number=number, reference=f"BENCH-{i:06d}"),
                    service))
    return out


def run_many(case: str, n: int) -> float:
    render, _ = CASES[case]
    work = shipments(n)
    render(shipping_label(*work[0]))  # warm: data loaded, fonts registered
    start = time.perf_counter()
    for shipment, service in work:
        render(shipping_label(shipment, service))
    return time.perf_counter() - start


def run_cold(case: str) -> float:
    """Seconds for the very first label, measured in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-m", "bench.labels", "--cold", case],
                         capture_output=True, text=True, check=True).stdout
    return float(out.strip())


def _cold_child(case: str) -> None:
    render, _ = CASES[case]
    shipment, service = shipments(1)[0]
    start = time.perf_counter()
    render(shipping_label(shipment, service))
    print(time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=1000, help="labels per batch (1000)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--cold", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cold:
        _cold_child(args.cold)
        return 0
    rows = []
    for case, (_, target) in CASES.items():
        cold = run_cold(case)
        total = run_many(case, args.labels)
        per = total / args.labels * 1000
        rows.append({"case": case, "first_label_ms": round(cold * 1000, 2),
                     "labels": args.labels, "total_s": round(total, 3),
                     "ms_per_label": round(per, 3), "target_ms": target,
                     "ok": None if target is None else per < target})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    head = (f"{'case':<18} {'1 label (cold)':>15} {args.labels:>6} labels {'per label':>11}"
            f" {'target':>9}  ")
    print(head)
    print("-" * len(head))
    for r in rows:
        target = "" if r["target_ms"] is None else f"< {r['target_ms']:g} ms"
        verdict = "" if r["ok"] is None else ("ok" if r["ok"] else "MISSED")
        print(f"{r['case']:<18} {r['first_label_ms']:>12.1f} ms {r['total_s']:>10.3f} s"
              f" {r['ms_per_label']:>8.3f} ms {target:>9}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
