"""Shipment search: any piece of three characters or more of a name, city, reference or
tracking number, when no word starts with what was typed ("upont" finds Dupont).

`shipments_trigram` is an external-content FTS5 table with the trigram tokenizer over the
same columns as `shipments_fts`, kept by triggers like it (sqlite.org/fts5.html §4.3.5,
§4.4.3): about 130 MB at 1 000 000 shipments, built in about 10 s at upgrade. The word index
stays the first answer (desktop/storage/sqlite_search.py, docs/search.md). SQLite only:
PostgreSQL reads its pg_trgm indexes (migrations 0023, 0026).

Revision ID: 0033
Revises: 0031
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0033'
down_revision: str | None = '0031'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS, TABLE, COLUMNS = "shipments_trigram", "shipments", ("search_key", "tracking_number")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    cols = ", ".join(COLUMNS)
    new = ", ".join(f"new.{c}" for c in COLUMNS)
    old = ", ".join(f"old.{c}" for c in COLUMNS)
    op.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5({cols}, content='{TABLE}', "
               "content_rowid='id', tokenize='trigram')")
    op.execute(f"CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
               f"INSERT INTO {FTS}(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
               f"INSERT INTO {FTS}({FTS}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER {FTS}_au AFTER UPDATE OF {cols} ON {TABLE} BEGIN "
               f"INSERT INTO {FTS}({FTS}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
               f"INSERT INTO {FTS}(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {FTS}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {FTS}")
