"""Shop-scale benchmark (issue 12): 100 000 contacts, 1 000 000 shipments.

    bench/run shop-scale [--contacts N] [--shipments N] [--fresh]

The database is generated once through the real migrations, filled with plain SQL (the FTS
triggers fill the indexes as the application would), and cached under /tmp, keyed by the
schema head and the sizes. Each figure is printed with the same question asked in plain SQL
through `sqlite3` in the same process (the floor: what the engine alone costs), and the
ratio. Targets: type-ahead p95 < 5 ms, history first page < 20 ms with any filter, a
100 000-row CSV import < 20 s, `comptoir history TEXT` as a process < 0.5 s, the
address book's near-duplicate search < 10 s.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.domain.ports import HistoryQuery
from desktop.domain.tracking import make_s10
from desktop.storage import migrate, search_text
from desktop.storage.db import open_database

GENERATOR_VERSION = 3  # bump when the generated data changes
FIRST = ["Jean", "Marie", "Hélène", "Zoé", "Éric", "Chloé", "Noël", "Agnès", "Paul", "Léa",
         "Olena", "Taras", "Björn", "Maëlle", "François", "Inès", "Jérôme", "Anaïs", "Luc",
         "Sofia", "Ahmed", "Yasmine", "Mateo", "Giulia", "Hugo", "Camille", "Oksana", "Ivan"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
        "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
        "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
        "Dupont", "Lambert", "Bonnet", "François", "Shevchenko", "Kovalenko", "Bondarenko",
        "Müller", "Schmidt", "Rossi", "Núñez", "Øster", "Łukasz", "Çelik", "Nguyễn"]
CITIES = [("75011", "PARIS", "FR"), ("69003", "LYON", "FR"), ("13001", "MARSEILLE", "FR"),
          ("44000", "NANTES", "FR"), ("59000", "LILLE", "FR"), ("31000", "TOULOUSE", "FR"),
          ("97400", "SAINT-DENIS", "RE"), ("01001", "KYIV", "UA"), ("10115", "BERLIN", "DE"),
          ("1000", "BRUXELLES", "BE"), ("10001", "NEW YORK", "US"), ("H2X 1Y4", "MONTREAL", "CA")]
COMPANIES = ["", "", "", "", "SARL Atelier", "Boutique Étoile", "Librairie Œuvre", "ACME"]
SERVICES = ["colissimo-domicile-france"] * 6 + ["colissimo-domicile-france-signature",
            "delivengo-profil-tracked", "delivengo-profil-tracked", "colissimo-expert-international",
            "novapost-parcel", "colissimo-domicile-outremer"]
STATUSES = ["printed"] * 8 + ["deposited"] * 3 + ["voided", "draft"]
RARE_SERVICE = "novapost-cargo"  # a handful of shipments only
RARE_COUNTRY = "JP"  # a handful of shipments only
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime in SQLite


def _person(rnd: random.Random, i: int) -> dict:
    postcode, city, country = CITIES[rnd.randrange(len(CITIES))]
    name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    if i % 997 == 0:  # a rare family name, to search for
        name = f"{rnd.choice(FIRST)} Zyxwvutska{i}"
    return {"name": name, "company": rnd.choice(COMPANIES),
            "street": f"{rnd.randrange(1, 200)} rue de la République",
            "postcode": postcode, "city": city, "country": country,
            "phone": f"06{rnd.randrange(10**8):08d}", "email": f"client{i}@example.org"}


def generate(path: Path, contacts: int, shipments: int) -> None:
    open_database(f"sqlite:///{path}").close()  # the real schema, FTS tables and triggers
    rnd = random.Random(12)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    people = [_person(rnd, i) for i in range(contacts)]
    with conn:
        conn.executemany(
            "INSERT INTO contacts (name, company, street, postcode, city, country, phone, email,"
            " search_key, favourite, last_used_at, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((p["name"], p["company"], p["street"], p["postcode"], p["city"], p["country"],
              p["phone"], p["email"],
              search_text.key(p["name"], p["name"], p["company"], p["city"], p["postcode"],
                              p["email"], p["phone"]),
              i % 500 == 0, (now - timedelta(days=i % 400)).strftime(STAMP) if i % 7 == 0
              else None, now.strftime(STAMP), now.strftime(STAMP))
             for i, p in enumerate(people)))
    span = timedelta(days=4 * 365).total_seconds()

    def rows():
        for i in range(shipments):
            contact = rnd.randrange(contacts)
            p = people[contact]
            service = SERVICES[rnd.randrange(len(SERVICES))]
            country = p["country"]
            if i % 100_000 == 17:
                service = RARE_SERVICE
            if i % 200_000 == 33:
                country = RARE_COUNTRY
            created = now - timedelta(seconds=span * (shipments - i) / shipments)
            stamp = created.strftime(STAMP)
            reference = f"CMD-{i:07d}"
            number = make_s10("LD", 10_000_000 + i, "FR") if i % 13 else None
            yield (STATUSES[i % len(STATUSES)], service, contact + 1, p["name"], p["company"],
                   p["street"], p["postcode"], p["city"], country, p["phone"], p["email"],
                   250 + i % 2000, "{}", reference, number,
                   search_text.key(p["name"], p["company"], p["city"], reference),
                   "Boutique", "1 rue du Port", "44000", "NANTES", "FR", stamp, stamp)

    with conn:
        conn.executemany(
            "INSERT INTO shipments (status, service_id, contact_id, recipient_name,"
            " recipient_company, recipient_street, recipient_postcode, recipient_city,"
            " recipient_country, recipient_phone, recipient_email, weight_g, options, reference,"
            " tracking_number, search_key, sender_name, sender_street, sender_postcode,"
            " sender_city, sender_country, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows())
    conn.execute("PRAGMA optimize")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def cached_database(contacts: int, shipments: int, fresh: bool) -> Path:
    head = "-".join(sorted(migrate.head_revisions()))
    path = Path(tempfile.gettempdir()) / (
        f"comptoir-bench-{head}-g{GENERATOR_VERSION}-{contacts}-{shipments}.sqlite3")
    if fresh or not path.exists():
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        partial = path.with_suffix(".part")
        partial.unlink(missing_ok=True)
        started = time.perf_counter()
        print(f"generating {contacts} contacts and {shipments} shipments in {path} …",
              flush=True)
        generate(partial, contacts, shipments)
        partial.rename(path)
        print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def line(label: str, ours: list[float], plain: list[float] | None, target: float | None) -> bool:
    ok = target is None or p95(ours) < target
    base = f"{p95(plain):8.2f}  ×{p95(ours) / max(p95(plain), 1e-3):5.1f}" if plain else " " * 16
    mark = "" if target is None else ("  ok" if ok else f"  OVER {target:g} ms")
    print(f"  {label:<38} p50 {statistics.median(ours):7.2f}  p95 {p95(ours):7.2f}"
          f"  | plain p95 {base}{mark}")
    return ok


def bench_type_ahead(db, raw: sqlite3.Connection, rnd: random.Random) -> bool:
    words = [w for n in FIRST + LAST + [c[1] for c in CITIES] for w in n.split()]
    queries = []
    for _ in range(300):
        word = rnd.choice(words)
        queries.append(word[: rnd.randint(2, min(6, len(word)))])
    ours, plain, like = [], [], []
    for q in queries:
        ours += timed(lambda q=q: db.address_book.search(q, 50), 1)
        folded = search_text.fold(q)
        fts = (f'"{folded}"' if len(folded) >= 3 else f'"{folded}"*')
        table = "contacts_trigram" if len(folded) >= 3 else "contacts_fts"
        plain += timed(lambda t=table, f=fts: raw.execute(
            f"SELECT * FROM contacts WHERE id IN (SELECT rowid FROM {t} WHERE {t} MATCH ?)"
            " ORDER BY favourite DESC, last_used_at DESC, search_key, id LIMIT 50",
            (f,)).fetchall(), 1)
    for q in queries[:60]:  # the old way, for the record
        like += timed(lambda q=q: raw.execute(
            "SELECT * FROM contacts WHERE search_key LIKE ? ORDER BY search_key LIMIT 50",
            (f"%{search_text.fold(q)}%",)).fetchall(), 1)
    print("type-ahead (address book, 50 rows, 2-6 typed letters, 300 queries)")
    ok = line("Comptoir (FTS5)", ours, plain, 5.0)
    line("old LIKE '%…%' scan (plain SQL)", like, None, None)
    return ok


FREE_WORDS = ("rare name", "common name", "two words", "two frequent names",
              "three frequent words", "word matching nothing")
# Pieces of words that start no word: the trigram index (migration 0033).
PIECES = ("piece of a common name", "piece of a rare name")


def bench_history(db, raw: sqlite3.Connection) -> bool:
    number = raw.execute("SELECT tracking_number FROM shipments WHERE tracking_number IS NOT NULL"
                         " ORDER BY id LIMIT 1 OFFSET 123456").fetchone()[0]
    rare = raw.execute("SELECT recipient_name FROM shipments WHERE recipient_name LIKE"
                       " '%Zyxwvutska%' LIMIT 1").fetchone()[0].split()[-1]
    spaced = f"{number[:2]} {number[2:5]} {number[5:8]} {number[8:11]} {number[11:]}"
    cases = {
        "no filter": HistoryQuery(limit=50),
        "tracking number (spaced)": HistoryQuery(text=spaced, limit=50),
        "reference": HistoryQuery(text="CMD-0456789", limit=50),
        "rare name": HistoryQuery(text=rare, limit=50),
        "common name": HistoryQuery(text="martin", limit=50),
        "two words": HistoryQuery(text="helene paris", limit=50),
        "two frequent names": HistoryQuery(text="jean martin", limit=50),
        "three frequent words": HistoryQuery(text="hugo roux nantes", limit=50),
        "word matching nothing": HistoryQuery(text="qwertzuiop", limit=50),
        "piece of a common name": HistoryQuery(text="upont", limit=50),
        "piece of a rare name": HistoryQuery(text=rare[3:], limit=50),
        "status voided": HistoryQuery(status="voided", limit=50),
        "country (rare)": HistoryQuery(country=RARE_COUNTRY, limit=50),
        "service (rare)": HistoryQuery(service_ids=(RARE_SERVICE,), limit=50),
        "carrier (3 services)": HistoryQuery(service_ids=("novapost-documents", "novapost-parcel",
                                                          RARE_SERVICE), limit=50),
        "date range (one week)": HistoryQuery(date_from=datetime(2025, 3, 3).date(),
                                              date_to=datetime(2025, 3, 9).date(), limit=50),
        "name + country": HistoryQuery(text="dupont", country="UA", limit=50),
        "keyset page 2": None,
    }
    first = db.shipments.search(HistoryQuery(limit=50))
    cases["keyset page 2"] = HistoryQuery(limit=50, after=(first[-1].created_at, first[-1].id))
    plain_sql = "SELECT * FROM shipments ORDER BY created_at DESC, id DESC LIMIT 50"
    # Free words: the straightforward FTS5 query (every word as a prefix, matches sorted).
    words_sql = ("SELECT * FROM shipments WHERE id IN (SELECT rowid FROM shipments_fts WHERE"
                 " shipments_fts MATCH ?) ORDER BY created_at DESC, id DESC LIMIT 50")
    pieces_sql = ("SELECT * FROM shipments WHERE id IN (SELECT rowid FROM shipments_trigram"
                  " WHERE shipments_trigram MATCH ?) ORDER BY created_at DESC, id DESC LIMIT 50")
    print("history first page (50 rows, 1 000 000 shipments)  [plain = newest 50 in plain SQL;"
          " free words (*): the plain FTS5 query, matches sorted; pieces (+): the plain"
          " trigram query, matches sorted]")
    ok = True
    for label, query in cases.items():
        found = len(db.shipments.search(query))
        words = search_text.words(query.text) if label in FREE_WORDS + PIECES else []
        piece = label in PIECES
        match = " AND ".join('"' + w + ('"' if piece else '"*') for w in words)
        sql = pieces_sql if piece else words_sql
        ours, plain = [], []
        for _ in range(30):  # interleaved: a burst of load elsewhere hits both alike
            ours += timed(lambda q=query: db.shipments.search(q), 1)
            plain += (timed(lambda m=match, s=sql: raw.execute(s, (m,)).fetchall(), 1)
                      if words else timed(lambda: raw.execute(plain_sql).fetchall(), 1))
        mark = " +" if piece else " *" if words else ""
        ok &= line(f"{label} ({found}){mark}", ours, plain, 20.0)
    counted = timed(lambda: db.shipments.count(HistoryQuery(text="martin"), cap=1000), 10)
    ok &= line("count 'martin', capped at 1 000", counted, None, 20.0)
    return ok


# The floor of `comptoir history TEXT`: a bare interpreter that opens the file and asks the
# FTS index the same word (what any Python process must pay at least).
PLAIN_CLI = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT * FROM shipments WHERE id IN (SELECT rowid FROM shipments_fts"
                    " WHERE shipments_fts MATCH ?) ORDER BY created_at DESC, id DESC LIMIT 51",
                    ('"' + sys.argv[2] + '"*',)).fetchall()
print(len(rows))
"""


def bench_cli(path: Path) -> bool:
    # Bytecode as an installed copy has it (pip compiles on install): a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module of ours at each start (+0.2 s).
    cache = Path(tempfile.gettempdir()) / "comptoir-bench-pycache"
    env = dict(os.environ, PYTHONPATH=os.getcwd(), PYTHONPYCACHEPREFIX=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    word = "zyxwvutska997"
    command = [sys.executable, "-m", "desktop", "history", "--database", f"sqlite:///{path}",
               word]
    subprocess.run(command, env=env, capture_output=True, check=True)  # bytecode written
    ours, plain, orm = [], [], []
    for _ in range(7):  # interleaved: a burst of load from elsewhere hits all three alike
        ours += timed(lambda: subprocess.run(command, env=env, capture_output=True,
                                             check=True), 1)
        plain += timed(lambda: subprocess.run([sys.executable, "-c", PLAIN_CLI, str(path),
                                               word], env=env, capture_output=True,
                                              check=True), 1)
        orm += timed(lambda: subprocess.run([sys.executable, "-c", "import sqlalchemy.orm"],
                                            env=env, check=True), 1)
    print("`comptoir history TEXT` as a whole process, 1M database  "
          "[plain = python + sqlite3 asking the FTS index the same word]")
    ok = line("process wall time", ours, plain, 500.0)
    line("python -c 'import sqlalchemy.orm' (for the record)", orm, plain, None)
    return ok


def bench_duplicates(db, raw: sqlite3.Connection) -> bool:
    """The address book's duplicate search as the GUI runs it (every contact read, then
    blocked fuzzy matching: bench/duplicates.py), against reading the same columns in plain SQL."""
    from bench.duplicates import TARGET_S
    from desktop.services.address_book import AddressBookService

    book = AddressBookService(db.address_book)
    ours, plain, found = [], [], 0
    for _ in range(3):  # interleaved: a burst of load elsewhere hits both alike
        started = time.perf_counter()
        found = len(book.duplicates())
        ours.append((time.perf_counter() - started) * 1000)
        plain += timed(lambda: raw.execute("SELECT id, name, company, street, postcode, country,"
                                           " phone FROM contacts").fetchall(), 1)
    print("near-duplicate contacts (address book duplicates(), 100 000 contacts)"
          "  [plain = the same columns read in plain SQL]")
    return line(f"duplicates ({found} pairs)", ours, plain, TARGET_S * 1000)


def bench_csv_import(rows: int) -> bool:
    from bench.csv_import import run as run_import

    return run_import(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run shop-scale")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--shipments", type=int, default=1_000_000)
    parser.add_argument("--csv-rows", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true", help="regenerate the cached database")
    parser.add_argument("--postgres", action="store_true",
                        help="then the same on a throw-away PostgreSQL server, beside SQLite "
                             "(bench/shop_scale_pg.py)")
    args = parser.parse_args(argv)
    path = cached_database(args.contacts, args.shipments, args.fresh)
    if hasattr(os, "getloadavg"):  # a shared machine skews every figure; the ratios less so
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = True
    with open_database(f"sqlite:///{path}") as db:
        raw = sqlite3.connect(path)
        db.address_book.search("warm", 1)
        db.shipments.search(HistoryQuery(limit=1))
        ok &= bench_type_ahead(db, raw, random.Random(5))
        ok &= bench_history(db, raw)
        ok &= bench_duplicates(db, raw)
        raw.close()
    ok &= bench_cli(path)
    ok &= bench_csv_import(args.csv_rows)
    if args.postgres:
        from bench.shop_scale_pg import run as run_postgres

        ok &= run_postgres(path, args.shipments)
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
