"""Print-job bytes in their own table, `print_job_bytes` (job_id → data), deleted by the
purge: the freed pages are reused by the next jobs, so the database stops growing by the
half-empty pages the purged `print_jobs.payload` values left (bench/print_storage.py).

`print_jobs.payload_encoding` still says how the bytes are held: 'raw' or 'zlib' (the row in
`print_job_bytes`), 'purged' (no row: only `payload_sha256` and `payload_size` stay).

Revision ID: 0024
Revises: 0023
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0024'
down_revision: str | None = '0023'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'print_job_bytes',
        sa.Column('job_id', sa.Integer(), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['job_id'], ['print_jobs.id'],
                                name=op.f('fk_print_job_bytes_job_id_print_jobs'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('job_id', name=op.f('pk_print_job_bytes')),
    )
    op.execute("INSERT INTO print_job_bytes (job_id, data) SELECT id, payload FROM print_jobs "
               "WHERE payload_encoding <> 'purged' AND payload IS NOT NULL")
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_column('payload')


def downgrade() -> None:
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload', sa.LargeBinary(), nullable=True))
    op.execute("UPDATE print_jobs SET payload = (SELECT data FROM print_job_bytes "
               "WHERE print_job_bytes.job_id = print_jobs.id)")
    op.get_bind().execute(sa.text("UPDATE print_jobs SET payload = :empty "
                                  "WHERE payload IS NULL"), {"empty": b""})  # purged
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.alter_column('payload', existing_type=sa.LargeBinary(), nullable=False)
    op.drop_table('print_job_bytes')
