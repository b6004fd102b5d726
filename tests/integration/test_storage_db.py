"""Opening the database: pragmas, migrations, backups, transactions (real SQLite files)."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desktop.domain.address import Address
from desktop.domain.errors import NotFound, ValidationFailed
from desktop.domain.ports import HistoryQuery
from desktop.domain.printing import LabelFormat, PrintJob
from desktop.domain.shipment import Contact
from desktop.storage import migrate
from desktop.storage.backup import backup_sqlite
from desktop.storage.db import open_database
from desktop.storage.tables import Base
from desktop.storage.text_search import include_object
from tests.integration.helpers_storage import (  # noqa: F401
    CET,
    FixedClock,
    clock,
    db,
    db_path,
    raw,
    shipment,
    url_for,
)

(HEAD,) = migrate.head_revisions()  # exactly one head: the newest revision

EXTRA_MIGRATION = '''
"""test-only: a second revision, to make a migration pending."""
import sqlalchemy as sa
from alembic import op

revision = "9002"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("contacts") as batch:
        batch.add_column(sa.Column("nickname", sa.String(40), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("contacts") as batch:
        batch.drop_column("nickname")
'''


def test_open_creates_folders_and_sets_pragmas_on_every_connection(db, db_path):
    assert db_path.is_file()
    with db.engine.connect() as a, db.engine.connect() as b:  # two pooled connections
        for conn in (a, b):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    with raw(db_path) as plain:  # WAL is a property of the file itself
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError):
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO print_jobs (shipment_id, printer, format, kind, "
                              "outcome, error, output, created_at) VALUES "
                              "(999, 'file:', 'pdf', 'label', 'queued', '', '', "
                              "'2026-01-01 00:00:00')"))
    with pytest.raises(NotFound):
        db.print_jobs.add(PrintJob("file:", LabelFormat.PDF, b"%PDF", shipment_id=999))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM print_jobs")).scalar() == 0


def test_fresh_database_is_at_head_and_matches_the_models(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object})
        assert set(context.get_current_heads()) == migrate.head_revisions() == {HEAD}
        assert compare_metadata(context, Base.metadata) == []
    assert not migrate.is_pending(db.engine)


def test_no_backup_for_a_new_file_nor_when_nothing_is_pending(db_path):
    first = open_database(url_for(db_path))
    first.close()
    again = open_database(url_for(db_path))
    again.close()
    assert first.backup_path is None and again.backup_path is None
    assert not (db_path.parent / "backups").exists()


def test_pending_migration_runs_after_a_backup(db_path, tmp_path, monkeypatch):
    before = open_database(url_for(db_path))
    kept = before.address_book.add(Contact(Address(name="Jeanne Martin", city="NANTES")))
    before.shipments.add(shipment(contact_id=kept.id, tracking_number="LD000000014FR"))
    before.close()

    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts)
    (scripts / "versions" / "9002_nickname.py").write_text(EXTRA_MIGRATION.format(head=HEAD))
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)

    backups = tmp_path / "bk"
    after = open_database(url_for(db_path), backup_dir=backups)
    try:
        assert after.backup_path is not None and after.backup_path.parent == backups
        with raw(after.backup_path) as copy:  # the copy is the pre-migration database
            assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
            columns = [r[1] for r in copy.execute("PRAGMA table_info(contacts)")]
            assert "nickname" not in columns
            assert copy.execute("SELECT name FROM contacts").fetchall() == [("Jeanne Martin",)]
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with raw(db_path) as live:
            assert live.execute("SELECT version_num FROM alembic_version").fetchall() == [("9002",)]
            assert "nickname" in [r[1] for r in live.execute("PRAGMA table_info(contacts)")]
            # The table rebuild kept the rows and the shipment's link to its contact.
            assert live.execute("SELECT contact_id FROM shipments").fetchall() == [(kept.id,)]
            assert live.execute("PRAGMA foreign_key_check").fetchall() == []
        assert after.address_book.get(kept.id).address.name == "Jeanne Martin"
    finally:
        after.close()


def test_pre_alembic_file_is_backed_up_then_migrated(db_path):
    db_path.parent.mkdir(parents=True)
    with raw(db_path) as legacy:
        legacy.execute("CREATE TABLE notes (body TEXT)")
        legacy.execute("INSERT INTO notes VALUES ('à garder')")
        legacy.commit()
    database = open_database(url_for(db_path))
    database.close()
    assert database.backup_path.parent == db_path.parent / "backups"
    with raw(database.backup_path) as copy:
        assert copy.execute("SELECT body FROM notes").fetchall() == [("à garder",)]
        tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
        assert "shipments" not in tables
    with raw(db_path) as live:
        assert live.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)


def test_backup_of_a_live_wal_database_holds_committed_rows(db, db_path, tmp_path):
    for i in range(30):
        db.address_book.add(Contact(Address(name=f"Client {i}", city="LILLE")))
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # rows still in the WAL, not checkpointed
    copy_path = backup_sqlite(db_path, tmp_path / "copies")
    assert copy_path.suffix == ".sqlite3" and not list((tmp_path / "copies").glob("*.part"))
    with raw(copy_path) as copy:
        assert copy.execute("SELECT count(*) FROM contacts").fetchone()[0] == 30
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    second = db.backup(tmp_path / "copies")  # "backup now", same second → a distinct name
    assert second != copy_path and second.is_file()


def test_backup_refuses_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        backup_sqlite(tmp_path / "absent.sqlite3", tmp_path / "bk")
    assert not (tmp_path / "absent.sqlite3").exists()


def test_in_memory_url_works_across_threads():
    from concurrent.futures import ThreadPoolExecutor

    database = open_database("sqlite://")
    try:
        added = database.address_book.add(Contact(Address(name="Mémoire", city="RENNES")))
        with ThreadPoolExecutor(max_workers=1) as pool:
            found = pool.submit(database.address_book.search, "memoire").result()
        assert [c.id for c in found] == [added.id]
        assert database.path is None
        with pytest.raises(ValueError):
            database.backup()
    finally:
        database.close()


def test_transaction_is_all_or_nothing(db, db_path):
    with pytest.raises(RuntimeError):
        with db.transaction():
            contact = db.address_book.add(Contact(Address(name="Annulé", city="BREST")))
            db.shipments.add(shipment(contact_id=contact.id))
            raise RuntimeError("printer caught fire")
    with raw(db_path) as plain:
        assert plain.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
        assert plain.execute("SELECT count(*) FROM shipments").fetchone()[0] == 0

    with db.transaction():
        first = db.shipments.add(shipment(tracking_number="LD000000014FR"))
        with pytest.raises(ValidationFailed):  # a refused call rolls back to its savepoint only
            db.shipments.add(shipment(tracking_number="LD000000014FR", reference="dup"))
        db.print_jobs.add(PrintJob("file:", LabelFormat.ZPL203, b"^XA^XZ", shipment_id=first.id))
    with raw(db_path) as plain:
        assert plain.execute("SELECT reference FROM shipments").fetchall() == [("CMD-1001",)]
        assert plain.execute("SELECT shipment_id FROM print_jobs").fetchall() == [(first.id,)]


def test_naive_datetimes_are_refused(db):
    naive_clock = FixedClock(datetime(2026, 1, 1, 12, 0))
    other = open_database(str(db.engine.url), clock=naive_clock, local_tz=CET)
    try:
        with pytest.raises(ValueError):
            other.address_book.add(Contact(Address(name="Sans fuseau")))
        with pytest.raises(ValueError):
            db.shipments.add(shipment(created_at=datetime(2026, 1, 1)))
        assert db.address_book.search() == []
        assert db.shipments.count(HistoryQuery()) == 0
    finally:
        other.close()


def test_database_url_and_context_manager(db_path: Path):
    url = url_for(db_path)
    with open_database(url) as database:
        assert database.url == url and database.path == db_path.resolve()
        database.address_book.add(Contact(Address(name="Fermé")))
    assert database.engine.pool.checkedin() == 0  # close() disposed of the pool


def test_a_job_left_pending_by_an_older_version_awaits_confirmation_after_upgrade(db_path):
    from sqlalchemy import create_engine

    from desktop.domain.printing import JobOutcome

    db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url_for(db_path))
    migrate.upgrade(engine, "0001")  # the schema before job states
    engine.dispose()
    with raw(db_path) as plain:
        plain.execute("INSERT INTO print_jobs (printer, format, kind, payload, outcome, error, "
                      "output, created_at) VALUES ('file:', 'pdf', 'label', x'25', 'pending', "
                      "'', '', '2026-01-01 00:00:00')")
        plain.commit()
    with open_database(url_for(db_path)) as upgraded:
        (job,) = upgraded.print_jobs.in_states(*JobOutcome)
        assert job.outcome is JobOutcome.AWAITING_CONFIRMATION and job.claimed_by == ""
    with raw(db_path) as plain:
        assert plain.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_shared_database_not_in_utf8_is_named_at_open():
    """Issue 14 §1: word starts behave as on SQLite only under a UTF-8 locale; a shared
    database created under another one is reported (the bench warns), a UTF-8 one is not."""
    from tests.engines import fresh_postgres_database

    for locale, expected in (("", ""), ("C", "C"), ("POSIX", "C")):  # PostgreSQL says C
        with fresh_postgres_database(locale) as url:
            database = open_database(url)
            try:
                assert database.locale_problem == expected
            finally:
                database.close()


def test_the_warning_names_the_locale_in_plain_words():
    from desktop.domain.errors import Violation

    warning = Violation("database", "database_locale", actual="C", severity="warning")
    assert "locale « C », pas UTF-8" in warning.describe("fr")
    assert "the locale 'C', not UTF-8" in warning.describe("en")
