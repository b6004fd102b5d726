"""Shipping N labels through the real counter operation to a fake printer on 127.0.0.1
(issue 9 §7): the one operation (validate, number, save, render, record the job, status,
send, confirm), the SQLite file's growth per shipment, and the bytes each job keeps, in
the same run as two plain baselines: a `sendall` of the same bytes (time) and the same
bytes stored raw (what the journal kept before: size).

    python -m bench.print_storage [--labels N] [--profile ID] [--customs] [--json]

Target: the database grows by at most 5 KiB per shipment at 1 000 labels a day.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.printer_tcp import Printer
from desktop.domain.draft import draft_from_shipment
from desktop.services.shipment_file import load_shipment_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TARGET_BYTES = 5 * 1024  # per shipment, issue 9 §7


def db_bytes(path: Path) -> int:
    with sqlite3.connect(path) as con:  # pages in use: free pages are not growth
        pages = con.execute("pragma page_count").fetchone()[0]
        free = con.execute("pragma freelist_count").fetchone()[0]
        size = con.execute("pragma page_size").fetchone()[0]
    return (pages - free) * size


def live_bytes(path: Path) -> int:
    """The file a VACUUM would leave: the live data, without the room freed inside pages
    (which SQLite reuses for the next rows anyway)."""
    copy = path.with_suffix(".vacuumed")
    copy.unlink(missing_ok=True)
    with sqlite3.connect(path) as con:
        con.execute("vacuum into ?", (str(copy),))
    size = copy.stat().st_size
    copy.unlink()
    return size


def ship(n: int, profile: str, customs: bool) -> dict:
    from desktop.app import build_context
    from desktop.config import load_settings, save_settings

    home = Path(tempfile.mkdtemp(prefix="comptoir-bench-"))
    os.environ["COMPTOIR_HOME"] = str(home)
    printer = Printer()
    settings = load_settings()
    settings.printer_profile = profile
    settings.printer_url = f"tcp://127.0.0.1:{printer.port}"
    save_settings(settings)
    example = load_shipment_file(EXAMPLES / "delivengo-usa.json")
    if not customs:  # within the EU: the label alone
        from dataclasses import replace

        example = replace(example, customs=None, recipient=replace(
            example.recipient, name="Anna Schmidt", street="Invalidenstraße 117",
            postcode="10115", city="Berlin", country="DE", phone="+49 30 1234567"))
    ctx = build_context()
    db_path = home / "data" / "comptoir.sqlite3"
    targets = ctx.print_targets(forms_printer=settings.printer_url)
    first = ctx.counter.submit(draft_from_shipment(example, None, contents_confirmed=True),
                               targets)  # the schema, the range row: not growth
    before, before_live = db_bytes(db_path), live_bytes(db_path)
    sent_before = printer.bytes
    start = time.perf_counter()
    payloads: list[bytes] = []
    for _ in range(n):
        done = ctx.counter.submit(draft_from_shipment(example, None, contents_confirmed=True),
                                  targets)
        if not done.printed:
            raise RuntimeError(f"not printed: {[j.error for j in done.jobs]}")
        payloads += [j.payload for j in done.jobs]
    elapsed = time.perf_counter() - start
    kept = db_bytes(db_path)  # while the labels may be reprinted (before the deposit)
    printed = printer.bytes - sent_before
    from datetime import date

    ctx.day_end().close_day(date.today(), publish=lambda _documents: None)
    purged = ctx.purge_print_bytes()  # what `dayend` does after the deposit
    after = db_bytes(db_path)  # what stays: the shipment, its inputs, each job's hash
    after_live = live_bytes(db_path)
    ctx.close()

    base = plain_send(payloads)
    raw = sum(map(len, payloads))
    return {"profile": profile, "customs": customs, "labels": n,
            "jobs_per_shipment": len(first.jobs),
            "ms_per_shipment": round(elapsed / n * 1000, 2),
            "plain_send_ms_per_shipment": round(base / n * 1000, 3),
            "time_ratio": round(elapsed / base, 1),
            "bytes_sent_per_shipment": round(printed / n),
            "raw_job_bytes_per_shipment": round(raw / n),
            "db_growth_before_deposit_per_shipment": round((kept - before) / n),
            "jobs_purged": purged,
            "db_growth_per_shipment": round((after - before) / n),
            "db_live_growth_per_shipment": round((after_live - before_live) / n),
            "storage_ratio_to_raw": round((after_live - before_live) / max(raw, 1), 3),
            "target_bytes": TARGET_BYTES,
            "within_target": (after_live - before_live) / n <= TARGET_BYTES}


def plain_send(payloads: list[bytes]) -> float:
    printer = Printer()
    start = time.perf_counter()
    for p in payloads:
        with socket.create_connection(("127.0.0.1", printer.port)) as s:
            s.sendall(p)
            s.shutdown(socket.SHUT_WR)
            s.recv(1)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=1000)
    parser.add_argument("--profile", action="append",
                        help="printer profile(s) (default: generic-zpl-203, generic-pdf-10x15)")
    parser.add_argument("--customs", action="store_true",
                        help="also ship to the USA (label + CN22 + invoice, all PDF)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    runs = [(p, False) for p in (args.profile or ["generic-zpl-203", "generic-pdf-10x15"])]
    if args.customs:
        runs.append(((args.profile or ["generic-zpl-203"])[0], True))
    rows = [ship(args.labels, p, c) for p, c in runs]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for r in rows:
        print(f"{r['profile']}{' +customs' if r['customs'] else ''}: {r['labels']} shipments, "
              f"{r['jobs_per_shipment']} job(s) each")
        print(f"  time   {r['ms_per_shipment']:.2f} ms/shipment (plain sendall "
              f"{r['plain_send_ms_per_shipment']:.3f} ms, ratio {r['time_ratio']})")
        print(f"  bytes  {r['bytes_sent_per_shipment']} sent/shipment; raw job bytes "
              f"{r['raw_job_bytes_per_shipment']}")
        print(f"  db     +{r['db_growth_before_deposit_per_shipment']} B/shipment while "
              f"reprintable (compressed); after the deposit and purge "
              f"({r['jobs_purged']} jobs):")
        print(f"         +{r['db_growth_per_shipment']} B/shipment in pages in use, "
              f"+{r['db_live_growth_per_shipment']} B/shipment of live data (ratio to the "
              f"raw bytes {r['storage_ratio_to_raw']}; target <= {r['target_bytes']}: "
              f"{'yes' if r['within_target'] else 'NO'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
