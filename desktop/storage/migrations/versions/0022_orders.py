"""Orders at the bench: the work list's drafts, and the weighing audit on shipments.

`work_drafts` holds imported shop orders as shipment-file JSON documents until they are
weighed and printed; `shipments.weighing` records where each weight came from (scale id and
raw frame, or typed by hand: who and why).

Revision ID: 0022
Revises: 0013
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0022'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'work_drafts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=64), server_default='', nullable=False),
        sa.Column('source', sa.String(length=64), server_default='', nullable=False),
        sa.Column('document', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('shipment_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'done')",
                           name=op.f('ck_work_drafts_status')),
        sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'],
                                name=op.f('fk_work_drafts_shipment_id_shipments'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_work_drafts')),
    )
    op.create_index('ix_work_drafts_status_id', 'work_drafts', ['status', 'id'], unique=False)
    op.create_index('ix_work_drafts_reference', 'work_drafts', ['reference'], unique=False)
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('weighing', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_column('weighing')
    op.drop_index('ix_work_drafts_reference', table_name='work_drafts')
    op.drop_index('ix_work_drafts_status_id', table_name='work_drafts')
    op.drop_table('work_drafts')
