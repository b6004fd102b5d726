"""Print-job states: queued → sending → sent | failed | awaiting_confirmation.

Adds the sending process (`claimed_by`) and the job name, and widens the state check. A job
left `pending` by an older version may or may not have been printed (it was recorded before
its bytes were sent): it becomes `awaiting_confirmation`, never sent again silently.

Revision ID: 0007
Revises: 0012
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'  # issue 7
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW_CHECK = ("outcome IN ('queued', 'sending', 'sent', 'failed', "
             "'awaiting_confirmation')")
OLD_CHECK = "outcome IN ('pending', 'sent', 'failed')"


def upgrade() -> None:
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_print_jobs_outcome'), type_='check')
        batch_op.alter_column('outcome', existing_type=sa.String(length=16),
                              type_=sa.String(length=32), existing_nullable=False)
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=200), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('job_name', sa.String(length=255), server_default='',
                                      nullable=False))
    op.execute("UPDATE print_jobs SET outcome = 'awaiting_confirmation' "
               "WHERE outcome = 'pending'")
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.create_check_constraint(op.f('ck_print_jobs_outcome'), sa.text(NEW_CHECK))
        batch_op.create_index('ix_print_jobs_outcome', ['outcome'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_print_jobs_outcome')
        batch_op.drop_constraint(op.f('ck_print_jobs_outcome'), type_='check')
    op.execute("UPDATE print_jobs SET outcome = 'pending' "
               "WHERE outcome IN ('queued', 'sending', 'awaiting_confirmation')")
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_column('job_name')
        batch_op.drop_column('claimed_by')
        batch_op.alter_column('outcome', existing_type=sa.String(length=32),
                              type_=sa.String(length=16), existing_nullable=False)
        batch_op.create_check_constraint(op.f('ck_print_jobs_outcome'), sa.text(OLD_CHECK))
