"""Alembic, run from code: no alembic.ini needed at run time.

The scripts live in `desktop/storage/migrations/` (shipped as package data). Developers
create a revision with `alembic -c desktop/storage/migrations/alembic.ini revision
--autogenerate -m "…"` and review it before committing.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from desktop.storage.repositories.unit import WRITE_OPTION

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def is_pending(engine: Engine) -> bool:
    return current_revisions(engine) != head_revisions()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrades in one transaction under the write lock: a second process opening the same
    file waits, then finds nothing left to do; a failure leaves the old schema intact."""
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
