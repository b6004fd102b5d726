"""PostgreSQL: tracking-number prefixes through a B-tree instead of trigrams.

The history finds a shipment by the start of its tracking number ("LD 101 337", read out
over the phone: desktop/storage/text_search.py). pg_trgm answered `LIKE 'ld101337%'` from
the trigrams of every number (`ld1`, `d10`, `101` … are in most of them): 13-25 ms at
1 000 000 shipments before the first row. A B-tree on the same expression with
`text_pattern_ops` (prefix ranges under any collation) reads only the numbers in that range:
well under a millisecond (bench/shop_scale_pg.py). `ix_shipments_tracking_trgm` served
nothing else and is dropped. SQLite: nothing (FTS5 indexes the number, migration 0012).

Revision ID: 0029
Revises: 0026
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = '0029'
down_revision: str | None = '0026'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# desktop/storage/text_search.py: the same expression, or the index is not used
NUMBER = "lower(coalesce(tracking_number, ''))"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_shipments_tracking_prefix ON shipments"
                   f" (({NUMBER}) text_pattern_ops)")
        op.execute("DROP INDEX IF EXISTS ix_shipments_tracking_trgm")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_shipments_tracking_trgm ON shipments"
                   f" USING gin (({NUMBER}) gin_trgm_ops)")
        op.execute("DROP INDEX IF EXISTS ix_shipments_tracking_prefix")
