"""The database engines the storage and service tests run on: SQLite, and PostgreSQL when a
server is given (issue 14: the same application on both engines).

`scripts/test` starts a throw-away PostgreSQL server on loopback and sets
`COMPTOIR_TEST_PG_URL` (an admin URL); each test then gets a database of its own, created
from `template0` and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PG_URL_ENV = "COMPTOIR_TEST_PG_URL"
ENGINES = ("sqlite", "postgresql")


def postgres_admin_url() -> str:
    url = os.environ.get(PG_URL_ENV, "")
    if not url:
        if os.environ.get("CI") == "true":  # CI must test both engines, never skip one
            pytest.fail(f"{PG_URL_ENV} is not set: scripts/test starts the PostgreSQL server")
        pytest.skip(f"no PostgreSQL server ({PG_URL_ENV} unset; scripts/test starts one)")
    return url


@contextmanager
def fresh_postgres_database(locale: str = "") -> Iterator[str]:
    """A new empty database on the test server (the server's locale, or `locale`); its
    SQLAlchemy URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = make_url(postgres_admin_url())
    name = f"comptoir_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            extra = f" LC_COLLATE '{locale}' LC_CTYPE '{locale}'" if locale else ""
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING'
                              f" 'UTF8'{extra}"))
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
