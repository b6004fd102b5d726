"""Addresses get a state / province (ISO 3166-2 subdivision) for the countries whose post
needs it on the town line (US, CA, AU…; UPU S42 address templates).

Revision ID: 0013
Revises: 0021
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (("contacts", "state"), ("sender_profiles", "state"),
           ("shipments", "sender_state"), ("shipments", "recipient_state"))


def upgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.String(8), server_default="", nullable=False))


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
