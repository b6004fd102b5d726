"""100 000-row address-book CSV import (issue 12): read, map, check, normalise, commit.

Baseline in the same process: the csv module and one plain `executemany` INSERT into the
same schema (no checks) — what reading and storing alone cost.
"""

from __future__ import annotations

import csv
import io
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from desktop.services.contacts_csv import commit_import, plan_import
from desktop.storage.db import open_database

HEADER = ["shipping_first_name", "shipping_last_name", "shipping_company", "shipping_address_1",
          "shipping_address_2", "shipping_postcode", "shipping_city", "shipping_country",
          "billing_phone", "billing_email", "order_total"]
PLACES = [("75011", "PARIS", "FR"), ("69003", "LYON", "FR"), ("44000", "NANTES", "FR"),
          ("59000", "LILLE", "FR"), ("10115", "BERLIN", "DE"), ("01001", "KYIV", "UA")]
FIRST = ["Hélène", "Jean", "Zoé", "Olena", "Paul", "Agnès", "Noël", "Maëlle"]
LAST = ["Dupont", "Martin", "Lefèvre", "Shevchenko", "Roux", "Müller", "Garcia"]


def woocommerce_csv(rows: int) -> bytes:
    rnd = random.Random(7)
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(HEADER)
    for i in range(rows):
        postcode, city, country = PLACES[i % len(PLACES)]
        w.writerow([rnd.choice(FIRST), f"{rnd.choice(LAST)}{i}", "", f"{i % 200 + 1} rue de la Paix",
                    "Bât. B" if i % 5 == 0 else "", postcode, city, country,
                    f"06 {i % 100:02d} {i // 100 % 100:02d} 56 78", f"c{i}@example.org", "12,50"])
    return out.getvalue().encode("utf-8")


def run(rows: int) -> bool:
    data = woocommerce_csv(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "import.sqlite3"
        with open_database(f"sqlite:///{path}") as db:
            started = time.perf_counter()
            plan = plan_import(data, db.address_book)
            planned = time.perf_counter()
            written = commit_import(plan, db.address_book)
            ours = time.perf_counter() - started
            reading = planned - started
            assert plan.ok and written == rows, (plan.problems[:3], written)
        base_path = Path(tmp) / "plain.sqlite3"
        open_database(f"sqlite:///{base_path}").close()
        base_started = time.perf_counter()
        conn = sqlite3.connect(base_path)
        reader = csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";")
        next(reader)
        with conn:
            conn.executemany(
                "INSERT INTO contacts (name, street, complement, postcode, city, country, phone,"
                " email, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,"
                " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')",
                ((f"{r[0]} {r[1]}", r[3], r[4], r[5], r[6], r[7], r[8], r[9]) for r in reader))
        conn.close()
        plain = time.perf_counter() - base_started
    print(f"CSV import of {rows} address-book rows (WooCommerce export, UTF-8)")
    ok = ours < 20.0
    print(f"  read + check + normalise: {reading:6.2f} s   commit: "
          f"{ours - reading:5.2f} s   total {ours:6.2f} s"
          f"  | plain csv + INSERT {plain:5.2f} s  ×{ours / plain:5.1f}"
          + ("  ok" if ok else "  OVER 20 s"))
    return ok
