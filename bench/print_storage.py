"""What printing costs the database (issue 9 §7): shipments through the real counter
operation to a fake printer on 127.0.0.1 (validate, number, save, render, record the job,
status, send, confirm), day after day: each day ships N parcels, closes the day (the
deposit) and purges the job bytes, as `dayend` does. Per kind of document:

- `zpl-label`    our label in ZPL (a number from the carrier-assigned range), within the EU
- `pdf-label`    our label as a 10×15 PDF, within the EU
- `customs`      ZPL label + CN 22 + commercial invoice (PDF) to the USA
- `customs-cn23` ZPL label + CN 23 + commercial invoice (PDF) to the USA (value > CN 22 limit)
- `carrier-label` the carrier's own PDF label (the demo carrier), kept byte for byte

Figures, per shipment: the database's growth while the day's labels may be reprinted (the
reprint window: pages in use), and the steady-state growth, i.e. what a day costs for good
once it is deposited and purged: the SQLite file's size after day 2 minus after day 1 (the
pages day 1's purge freed are reused by day 2), also as pages in use and as live data (what a
VACUUM would leave). Baselines measured in the same run: a plain `sendall` of the same bytes
(time) and the same bytes stored raw (size: what the journal kept before).

    python -m bench.print_storage [--labels N] [--days D] [--kind K …] [--json]

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
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from bench.printer_tcp import Printer
from desktop.domain.draft import draft_from_shipment
from desktop.services.shipment_file import load_shipment_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TARGET_BYTES = 5 * 1024  # per shipment, issue 9 §7
SERVICE = "delivengo-profil-tracked"


@dataclass(frozen=True)
class Kind:
    profile: str  # the label printer's profile
    customs: bool  # to the USA with its customs forms, else within the EU
    carrier_label: bool = False  # the carrier's web service (demo) gives number and label
    item_value: str = ""  # raise the article's value (CN 23 instead of CN 22)


KINDS = {
    "zpl-label": Kind("generic-zpl-203", False),
    "pdf-label": Kind("generic-pdf-10x15", False),
    "customs": Kind("generic-zpl-203", True),
    "customs-cn23": Kind("generic-zpl-203", True, item_value="450.00"),
    "carrier-label": Kind("generic-pdf-10x15", False, carrier_label=True),
}


def pages_in_use(path: Path) -> int:
    with sqlite3.connect(path) as con:  # free pages are not growth: SQLite reuses them
        pages = con.execute("pragma page_count").fetchone()[0]
        free = con.execute("pragma freelist_count").fetchone()[0]
        size = con.execute("pragma page_size").fetchone()[0]
    return (pages - free) * size


def file_size(path: Path) -> int:
    with sqlite3.connect(path) as con:  # the WAL folded in: the file as a backup copies it
        con.execute("pragma wal_checkpoint(truncate)")
    return path.stat().st_size


def live_bytes(path: Path) -> int:
    """The file a VACUUM would leave: the live data, without the room free inside pages."""
    copy = path.with_suffix(".vacuumed")
    copy.unlink(missing_ok=True)
    with sqlite3.connect(path) as con:
        con.execute("vacuum into ?", (str(copy),))
    size = copy.stat().st_size
    copy.unlink()
    return size


def sizes(path: Path) -> dict:
    return {"file": file_size(path), "pages": pages_in_use(path), "live": live_bytes(path)}


def example_draft(kind: Kind):
    example = load_shipment_file(EXAMPLES / "delivengo-usa.json")
    if not kind.customs:  # within the EU: the label alone
        example = replace(example, customs=None, recipient=replace(
            example.recipient, name="Anna Schmidt", street="Invalidenstraße 117",
            postcode="10115", city="Berlin", country="DE", state="", phone="+49 30 1234567"))
    elif kind.item_value:
        from decimal import Decimal

        items = tuple(replace(i, value=Decimal(kind.item_value)) for i in example.customs.items)
        example = replace(example, customs=replace(example.customs, items=items))
    return draft_from_shipment(example, None, contents_confirmed=True)


def ship(name: str, n: int, days: int) -> dict:
    from desktop.app import build_context
    from desktop.config import load_settings, save_settings

    kind = KINDS[name]
    home = Path(tempfile.mkdtemp(prefix="comptoir-bench-"))
    os.environ["COMPTOIR_HOME"] = str(home)
    printer = Printer()
    settings = load_settings()
    settings.printer_profile = kind.profile
    settings.printer_url = f"tcp://127.0.0.1:{printer.port}"
    settings.extra = {"carriers": {"laposte-delivengo": {
        "mode": "demo" if kind.carrier_label else "off"}}}
    save_settings(settings)
    ctx = build_context()
    if not kind.carrier_label:  # our own number: the range La Poste assigned
        ctx.number_ranges.add_carrier_range(SERVICE, "LD", 1, 99_999_999,
                                            reference="bench: range assigned in writing")
    db_path = home / "data" / "comptoir.sqlite3"
    targets = ctx.print_targets(forms_printer=settings.printer_url)
    draft = example_draft(kind)
    first = ctx.counter.submit(draft, targets)  # the schema, the range row: not growth
    if not first.printed:
        raise RuntimeError(f"{name}: not printed: {[j.error for j in first.jobs]}")
    kinds_printed = [j.kind for j in first.jobs]
    ctx.day_end().close_day(date.today(), publish=lambda _documents: None)
    ctx.purge_print_bytes()
    day_ends = [sizes(db_path)]
    windows, elapsed, printed, purged = [], 0.0, 0, 0
    payloads: list[bytes] = []
    for _day in range(days):
        sent_before, start_pages = printer.bytes, pages_in_use(db_path)
        start = time.perf_counter()
        for _ in range(n):
            done = ctx.counter.submit(draft, targets)
            if not done.printed:
                raise RuntimeError(f"not printed: {[j.error for j in done.jobs]}")
            if _day == 0:  # the baselines: one day's bytes
                payloads += [j.payload for j in done.jobs]
        elapsed += time.perf_counter() - start
        printed += printer.bytes - sent_before
        windows.append(pages_in_use(db_path) - start_pages)  # all reprintable until deposit
        ctx.day_end().close_day(date.today(), publish=lambda _documents: None)
        purged += ctx.purge_print_bytes()  # what `dayend` does after the deposit
        day_ends.append(sizes(db_path))
    ctx.close()

    base = plain_send(payloads)
    raw = sum(map(len, payloads)) / n
    steady = {k: (day_ends[-1][k] - day_ends[-2][k]) / n for k in ("file", "pages", "live")}
    return {"kind": name, "profile": kind.profile, "documents": kinds_printed,
            "labels_per_day": n, "days": days,
            "ms_per_shipment": round(elapsed / (n * days) * 1000, 2),
            "plain_send_ms_per_shipment": round(base / n * 1000, 3),
            "time_ratio": round(elapsed / days / base, 1),
            "bytes_sent_per_shipment": round(printed / (n * days)),
            "raw_job_bytes_per_shipment": round(raw),
            "reprint_window_per_shipment": round(max(windows) / n),
            "jobs_purged": purged,
            "steady_file_growth_per_shipment": round(steady["file"]),
            "steady_pages_growth_per_shipment": round(steady["pages"]),
            "steady_live_growth_per_shipment": round(steady["live"]),
            "storage_ratio_to_raw": round(steady["file"] / max(raw, 1), 3),
            "mib_per_year_at_1000_a_day": round(steady["file"] * 1000 * 365 / 2**20),
            "target_bytes": TARGET_BYTES,
            "within_target": max(steady["file"], steady["pages"]) <= TARGET_BYTES}


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
    parser.add_argument("--labels", type=int, default=1000, help="shipments a day")
    parser.add_argument("--days", type=int, default=2,
                        help="days shipped, deposited and purged (the last two give the "
                             "steady state)")
    parser.add_argument("--kind", action="append", choices=sorted(KINDS),
                        help="kinds of documents (default: all)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = [ship(k, args.labels, max(1, args.days)) for k in (args.kind or list(KINDS))]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for r in rows:
        print(f"{r['kind']} ({r['profile']}; {' + '.join(r['documents'])}): "
              f"{r['labels_per_day']} shipments a day, {r['days']} day(s)")
        print(f"  time   {r['ms_per_shipment']:.2f} ms/shipment (plain sendall "
              f"{r['plain_send_ms_per_shipment']:.3f} ms, ratio {r['time_ratio']})")
        print(f"  bytes  {r['bytes_sent_per_shipment']} sent/shipment; raw job bytes "
              f"{r['raw_job_bytes_per_shipment']}")
        print(f"  db     +{r['reprint_window_per_shipment']} B/shipment while reprintable "
              f"(until the deposit; freed by the purge)")
        print(f"         steady state (a day deposited and purged): "
              f"+{r['steady_file_growth_per_shipment']} B/shipment of file, "
              f"+{r['steady_pages_growth_per_shipment']} in pages in use, "
              f"+{r['steady_live_growth_per_shipment']} of live data")
        print(f"         ratio to the raw bytes {r['storage_ratio_to_raw']}; "
              f"{r['mib_per_year_at_1000_a_day']} MiB a year at 1 000 a day; target <= "
              f"{r['target_bytes']}: {'yes' if r['within_target'] else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
