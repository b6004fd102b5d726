"""Large inserts on SQLite: the FTS indexes filled once at the end, not row by row.

The FTS5 tables of migration 0012 are kept by AFTER INSERT triggers. For an import of
100 000 contacts those triggers cost about 13 s, where one `INSERT INTO fts … SELECT` of the
same rows at the end costs about 4 s (bench/shop_scale.py, CSV import). Inside the caller's
write transaction, `fts_filled_at_end` drops the table's insert triggers, lets the caller
insert, indexes the new rows in one statement per FTS table, and re-creates the triggers
from their own stored SQL. SQLite's DDL is transactional (the engine sends BEGIN IMMEDIATE
itself, desktop/storage/db.py): a failure rolls back the rows, the index entries and the
trigger changes together, and no other connection ever sees the triggers missing (the write
lock is held; WAL readers keep their snapshot). Other engines: nothing to do (PostgreSQL's
GIN indexes are maintained by the engine).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

# FTS table → (content table, indexed columns), as migrations 0012 and 0033 created them.
FTS_CONTENT = {
    "contacts_fts": ("contacts", ("search_key",)),
    "contacts_trigram": ("contacts", ("search_key",)),
    "shipments_fts": ("shipments", ("search_key", "tracking_number")),
    "shipments_trigram": ("shipments", ("search_key", "tracking_number")),  # migration 0033
}


@contextmanager
def fts_filled_at_end(conn: Connection, table: str) -> Iterator[None]:
    """Rows inserted into `table` inside the block are indexed once, when it ends.

    Must run inside a write transaction; only rows inserted with ids above the current
    largest one (the usual INTEGER PRIMARY KEY allocation) are indexed at the end."""
    if conn.dialect.name != "sqlite":
        yield
        return
    wanted = {f"{fts}_ai": fts for fts, (content, _) in FTS_CONTENT.items() if content == table}
    triggers = [(name, sql) for name, sql in conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
        (table,)) if name in wanted]
    last = conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar()
    for name, _sql in triggers:
        conn.exec_driver_sql(f"DROP TRIGGER {name}")
    yield
    for name, sql in triggers:
        fts = wanted[name]
        columns = ", ".join(FTS_CONTENT[fts][1])
        conn.exec_driver_sql(f"INSERT INTO {fts}(rowid, {columns}) "
                             f"SELECT id, {columns} FROM {table} WHERE id > ?", (last,))
        conn.exec_driver_sql(sql)
