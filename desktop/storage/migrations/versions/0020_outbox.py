"""Carrier outbox: shipments waiting for their carrier's number, one entry per shipment;
the reference of the carrier's written assignment on each number range.

Revision ID: 0020
Revises: 0007
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'carrier_outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('shipment_id', sa.Integer(), nullable=False),
        sa.Column('carrier', sa.String(length=40), nullable=False),
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('state', sa.String(length=32), nullable=False),
        sa.Column('printer', sa.String(length=500), nullable=False),
        sa.Column('format', sa.String(length=16), nullable=False),
        sa.Column('forms_printer', sa.String(length=500), server_default='', nullable=False),
        sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
        sa.Column('maybe_created', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('last_error', sa.Text(), server_default='', nullable=False),
        sa.Column('field_errors', sa.Text(), nullable=False),
        sa.Column('exchanges', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("state IN ('awaiting_carrier', 'created', 'refused')",
                           name=op.f('ck_carrier_outbox_state')),
        sa.ForeignKeyConstraint(['shipment_id'], ['shipments.id'],
                                name=op.f('fk_carrier_outbox_shipment_id_shipments'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_carrier_outbox')),
        sa.UniqueConstraint('shipment_id', name=op.f('uq_carrier_outbox_shipment_id')),
        sa.UniqueConstraint('key', name=op.f('uq_carrier_outbox_key')),
    )
    op.create_index('ix_carrier_outbox_state', 'carrier_outbox', ['state', 'id'], unique=False)
    with op.batch_alter_table('tracking_ranges', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sa.String(length=100), server_default='',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('tracking_ranges', schema=None) as batch_op:
        batch_op.drop_column('reference')
    op.drop_index('ix_carrier_outbox_state', table_name='carrier_outbox')
    op.drop_table('carrier_outbox')
