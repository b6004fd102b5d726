"""Shipment search: the words of the full-text index, readable one seek at a time.

`shipments_fts_terms` is an fts5vocab table of type "instance" over `shipments_fts`
(sqlite.org/fts5.html §8): it stores nothing, it reads the index. The history search turns
a typed prefix into the indexed words it starts ("paris" → "paris" OR "parisot"), which
FTS5 reads lazily, where its own prefix query merges every match in memory first
(desktop/storage/sqlite_search.py, docs/search.md). SQLite only: PostgreSQL searches with
pg_trgm (migrations 0023, 0026).

Revision ID: 0031
Revises: 0030
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0031'
down_revision: str | None = '0030'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE shipments_fts_terms"
                   " USING fts5vocab(shipments_fts, instance)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS shipments_fts_terms")
