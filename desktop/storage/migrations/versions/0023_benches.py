"""Several benches on one database: bench names, PostgreSQL search indexes.

- `bench` (the `bench_name` setting of the bench that wrote the row) on shipments, print
  jobs and audit entries; `ix_shipments_bench_created_at` serves the history's bench filter
  newest first.
- PostgreSQL only (guarded by dialect): the `pg_trgm` extension (postgresql-contrib; trusted,
  so the database owner may create it) and GIN trigram indexes on the folded search keys and
  the tracking number — what desktop/storage/text_search.py TrigramSearch queries (SQLite
  has its FTS5 tables of 0012); a statement trigger on shipments that notifies channel
  `comptoir_shipments` (desktop/storage/change_feed.py: live history on the other benches).

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0023'
down_revision: str | None = '0022'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BENCH_TABLES = ("shipments", "print_jobs", "audit_log", "carrier_outbox")
TRIGRAM_INDEXES = (
    ("ix_contacts_search_trgm", "contacts", "search_key"),
    ("ix_shipments_search_trgm", "shipments", "search_key"),
    ("ix_shipments_tracking_trgm", "shipments", "lower(coalesce(tracking_number, ''))"),
)


def upgrade() -> None:
    for table in BENCH_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('bench', sa.String(length=64), server_default='',
                                          nullable=False))
    op.create_index('ix_shipments_bench_created_at', 'shipments', ['bench', 'created_at'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, expression in TRIGRAM_INDEXES:
            op.execute(f"CREATE INDEX {name} ON {table} USING gin (({expression}) gin_trgm_ops)")
        # Live history on the other benches (desktop/storage/change_feed.py): one
        # notification per statement; equal ones in a transaction are delivered once.
        op.execute("CREATE FUNCTION comptoir_shipments_notify() RETURNS trigger "
                   "LANGUAGE plpgsql AS $$ BEGIN "
                   "PERFORM pg_notify('comptoir_shipments', ''); RETURN NULL; END $$")
        op.execute("CREATE TRIGGER shipments_notify AFTER INSERT OR UPDATE OR DELETE "
                   "ON shipments FOR EACH STATEMENT EXECUTE FUNCTION comptoir_shipments_notify()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS shipments_notify ON shipments")
        op.execute("DROP FUNCTION IF EXISTS comptoir_shipments_notify()")
        for name, _table, _expression in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index('ix_shipments_bench_created_at', table_name='shipments')
    for table in reversed(BENCH_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('bench')
