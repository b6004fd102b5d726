"""Alembic environment for Comptoir.

At run time `desktop.storage.migrate.upgrade` passes an open connection (already inside a
write transaction) in `config.attributes["connection"]`. From the command line
(`alembic -c desktop/storage/migrations/alembic.ini …`) the URL comes from
`COMPTOIR_DATABASE_URL` or the ini file.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from desktop.storage.tables import Base
from desktop.storage.text_search import include_object

config = context.config
target_metadata = Base.metadata


def render_item(type_, obj, autogen_context):
    """Writes our column types as their plain SQL types, so that old migration scripts
    never import (and break with) today's application code."""
    if type_ == "type" and hasattr(obj, "impl_instance"):  # a TypeDecorator
        return f"sa.{obj.impl_instance!r}"
    return False


def _configure(**kwargs) -> None:
    context.configure(target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True, render_item=render_item,
                      include_object=include_object, **kwargs)


def _url() -> str:
    return os.environ.get("COMPTOIR_DATABASE_URL") or config.get_main_option("sqlalchemy.url")


def run_offline() -> None:
    _configure(url=_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        # The caller owns the transaction (and on SQLite emits BEGIN itself, which makes
        # SQLite DDL transactional: the whole upgrade commits or nothing does).
        _configure(connection=connection, transactional_ddl=True)
        context.run_migrations()
        return
    engine = create_engine(_url())
    with engine.connect() as conn:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
