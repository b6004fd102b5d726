"""Offline drafts replayed once; PostgreSQL type-ahead indexes.

- `shipments.draft_key`: the key of the offline journal entry a shipment was saved from
  (desktop/services/offline_drafts.py), unique: a replay after a commit whose journal entry
  was not removed (crash, connection dropped after COMMIT) finds its shipment instead of
  saving it twice and taking a second number. NULL for every other shipment.
- PostgreSQL only (bench/shop_scale_pg.py measured them):
  * `ix_contacts_recent_nulls_last`: the address book's order (favourite, most recently used
    with never-used last, name). ix_contacts_recent serves it on SQLite, whose DESC puts NULLs
    last; PostgreSQL's DESC puts them first, so the order was sorted on every keystroke.
  * `ix_contacts_words_trgm`: trigrams of the key with every run of non-alphanumerics made
    one space. A word start typed with one or two letters then reads as `(^| )le`, which
    pg_trgm answers from its index (it cannot from `[^[:alnum:]]`), where it scanned every
    contact (desktop/storage/text_search.py WORDS_KEY).

Revision ID: 0026
Revises: 0023
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0026'
down_revision: str | None = '0024'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# desktop/storage/text_search.py WORDS_KEY: the same expression, or the index is not used
WORDS_KEY = "regexp_replace(search_key, '[^[:alnum:]]+', ' ', 'g')"


def upgrade() -> None:
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draft_key', sa.String(length=36), nullable=True))
        batch_op.create_index('ix_shipments_draft_key', ['draft_key'], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_contacts_recent_nulls_last ON contacts"
                   " (favourite DESC, last_used_at DESC NULLS LAST, search_key, id)")
        op.execute(f"CREATE INDEX ix_contacts_words_trgm ON contacts"
                   f" USING gin (({WORDS_KEY}) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_contacts_words_trgm")
        op.execute("DROP INDEX IF EXISTS ix_contacts_recent_nulls_last")
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_index('ix_shipments_draft_key')
        batch_op.drop_column('draft_key')
