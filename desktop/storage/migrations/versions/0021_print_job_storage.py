"""Print-job bytes that stay small: compressed while they may be reprinted, then only their
SHA-256 (the shipment keeps the inputs).

`payload_encoding` says how `payload` holds the bytes: 'raw' (as sent), 'zlib' (compressed;
decompressed on read) or 'purged' (none left: a reprint is refused). `payload_sha256` and
`payload_size` describe the bytes as sent, whatever the encoding. Existing rows stay 'raw'
and get their hash here.

Revision ID: 0021
Revises: 0020
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENCODING_CHECK = "payload_encoding IN ('raw', 'zlib', 'purged')"


def upgrade() -> None:
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payload_encoding', sa.String(length=8),
                                      server_default='raw', nullable=False))
        batch_op.add_column(sa.Column('payload_sha256', sa.String(length=64),
                                      server_default='', nullable=False))
        batch_op.add_column(sa.Column('payload_size', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.create_check_constraint(op.f('ck_print_jobs_payload_encoding'),
                                         sa.text(ENCODING_CHECK))
    bind = op.get_bind()
    jobs = sa.table('print_jobs', sa.column('id', sa.Integer), sa.column('payload', sa.LargeBinary),
                    sa.column('payload_sha256', sa.String), sa.column('payload_size', sa.Integer))
    for job_id, payload in bind.execute(sa.select(jobs.c.id, jobs.c.payload)).all():
        data = bytes(payload or b"")
        bind.execute(jobs.update().where(jobs.c.id == job_id).values(
            payload_sha256=hashlib.sha256(data).hexdigest(), payload_size=len(data)))


def downgrade() -> None:
    # Compressed bytes are written back as sent; purged ones cannot come back (empty).
    import zlib

    bind = op.get_bind()
    jobs = sa.table('print_jobs', sa.column('id', sa.Integer), sa.column('payload', sa.LargeBinary),
                    sa.column('payload_encoding', sa.String))
    for job_id, payload in bind.execute(sa.select(jobs.c.id, jobs.c.payload)
                                        .where(jobs.c.payload_encoding == 'zlib')).all():
        bind.execute(jobs.update().where(jobs.c.id == job_id).values(
            payload=zlib.decompress(bytes(payload))))
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_print_jobs_payload_encoding'), type_='check')
        batch_op.drop_column('payload_size')
        batch_op.drop_column('payload_sha256')
        batch_op.drop_column('payload_encoding')
