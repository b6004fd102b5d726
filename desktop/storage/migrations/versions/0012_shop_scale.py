"""Shop scale: full-text indexes, favourite/recent contacts, history filter indexes, audit log.

- `contacts.favourite`, `contacts.last_used_at`: the address book lists favourites and the
  recently used first (one index serves the empty type-ahead).
- SQLite FTS5 indexes kept in sync by triggers (so every writer, even plain SQL, keeps them
  right), over the already folded `search_key` (desktop/storage/search_text.py):
  * `contacts_fts` (unicode61, prefix indexes of 1-2 characters): word prefixes while typing;
  * `contacts_trigram` (trigram): any substring of 3+ characters (part of a phone, an e-mail,
    "pont" in "Dupont"); 100 000 contacts make a small index;
  * `shipments_fts` (unicode61): word prefixes of the recipient name, company, city,
    reference and the tracking number. No trigram index on shipments: at 1 000 000 rows it
    would be larger than the table itself, and the history is searched by words and numbers.
  Other databases get no index here: the repositories fall back to LIKE there (a PostgreSQL
  migration would add pg_trgm + unaccent GIN indexes behind the same search interface).
- History filters answer "newest first" from an index per filter: (service_id, created_at),
  (recipient_country, created_at); (status, created_at) and (created_at) exist already.
- Dropped, as no query uses them (EXPLAIN QUERY PLAN, bench/shop_scale.py):
  ix_shipments_recipient_name, ix_shipments_recipient_company (the history searched
  `search_key`, now the FTS index) and ix_contacts_search_key (replaced by ix_contacts_recent).
- `audit_log`: what was purged, erased, exported or restored, when and by which rule.

Revision ID: 0012
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table, FTS table, columns, tokenizer options
FTS = (
    ("contacts", "contacts_fts", ("search_key",),
     "tokenize=\"unicode61 remove_diacritics 2\", prefix='1 2'"),
    ("contacts", "contacts_trigram", ("search_key",), "tokenize='trigram'"),
    ("shipments", "shipments_fts", ("search_key", "tracking_number"),
     "tokenize=\"unicode61 remove_diacritics 2\""),
)


def _create_fts(table: str, fts: str, columns: tuple[str, ...], options: str) -> None:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', "
               f"content_rowid='id', {options})")
    # External-content FTS5: the index is told about every change (sqlite.org/fts5.html §4.4.3).
    op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
               f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
               f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _drop_fts(fts: str) -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {fts}")


def upgrade() -> None:
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('favourite', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
        batch_op.add_column(sa.Column('last_used_at', sa.DateTime(), nullable=True))
        batch_op.drop_index('ix_contacts_search_key')
    op.create_index('ix_contacts_recent', 'contacts',
                    [sa.text('favourite DESC'), sa.text('last_used_at DESC'), 'search_key'])

    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_index('ix_shipments_recipient_name')
        batch_op.drop_index('ix_shipments_recipient_company')
        batch_op.create_index('ix_shipments_service_id_created_at', ['service_id', 'created_at'])
        batch_op.create_index('ix_shipments_recipient_country_created_at',
                              ['recipient_country', 'created_at'])

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('rule', sa.String(length=200), server_default='', nullable=False),
    sa.Column('count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('detail', sa.Text(), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )

    if op.get_bind().dialect.name == "sqlite":
        for spec in FTS:
            _create_fts(*spec)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for _table, fts, _cols, _opts in reversed(FTS):
            _drop_fts(fts)
    op.drop_table('audit_log')
    with op.batch_alter_table('shipments', schema=None) as batch_op:
        batch_op.drop_index('ix_shipments_recipient_country_created_at')
        batch_op.drop_index('ix_shipments_service_id_created_at')
        batch_op.create_index('ix_shipments_recipient_company', ['recipient_company'])
        batch_op.create_index('ix_shipments_recipient_name', ['recipient_name'])
    op.drop_index('ix_contacts_recent', table_name='contacts')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_search_key', ['search_key'])
        batch_op.drop_column('last_used_at')
        batch_op.drop_column('favourite')
