"""Alembic, run from code: no alembic.ini needed at run time.

The scripts live in `desktop/storage/migrations/` (shipped as package data). Developers
create a revision with `alembic -c desktop/storage/migrations/alembic.ini revision
--autogenerate -m "…"` and review it before committing.

Opening a database must stay quick (every CLI call opens it): whether a migration is pending
is decided with plain SQL (`alembic_version`) against the head revisions read from the
scripts' text; Alembic itself (about half a second to import) is only imported to upgrade.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, inspect, text

from desktop.storage import revisions
from desktop.storage.repositories.unit import WRITE_OPTION
from desktop.storage.revisions import MIGRATIONS

__all__ = ["MIGRATIONS", "alembic_config", "current_revisions", "head_revisions", "is_pending",
           "upgrade"]


def alembic_config(connection: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    """The revisions no other script revises (what `alembic heads` prints)."""
    return revisions.head_revisions(MIGRATIONS)


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return set()
        return {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}


def is_pending(engine: Engine) -> bool:
    return current_revisions(engine) != head_revisions()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrades in one transaction under the write lock: a second process opening the same
    file waits, then finds nothing left to do; a failure leaves the old schema intact."""
    from alembic import command

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            # Table rebuilds (batch mode) must not cascade or fail on foreign keys midway;
            # the pragma only changes outside a transaction (sqlite.org/lang_altertable.html),
            # so it goes straight to the driver connection, which is in autocommit (db.py).
            _driver_pragma(conn, "PRAGMA foreign_keys=OFF")
        try:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                command.upgrade(alembic_config(conn), revision)
                if sqlite:
                    broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                _driver_pragma(conn, "PRAGMA foreign_keys=ON")


def _driver_pragma(conn: Connection, pragma: str) -> None:
    conn.connection.driver_connection.execute(pragma)
