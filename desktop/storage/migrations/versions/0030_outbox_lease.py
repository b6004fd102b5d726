"""Carrier outbox: the lease of the process sending an entry.

Several benches (and `comptoir submit` beside a bench's automatic pass) may read the same
waiting entry; the one whose conditional update sets `sending_until` sends it, the others
skip it until that time (issue 14 §3: no entry sent twice at once, on either engine).

Revision ID: 0030
Revises: 0029
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0030'
down_revision: str | None = '0029'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('carrier_outbox') as batch:
        batch.add_column(sa.Column('sending_until', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('carrier_outbox') as batch:
        batch.drop_column('sending_until')
