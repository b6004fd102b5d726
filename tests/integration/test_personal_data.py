"""Personal data: retention purge with a frozen clock, erasure, audit log, backup/restore,
owner-only files."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.errors import ValidationFailed
from desktop.domain.retention import DELIVERY_MARGIN_DAYS, policy
from desktop.domain.shipment import Contact
from desktop.services.personal_data import PersonalDataService
from desktop.storage.backup import backup_sqlite, check_backup
from desktop.storage.db import open_database, restore_sqlite_database
from tests.integration.helpers_storage import (  # noqa: F401
    FixedClock,
    db_path,
    declaration,
    raw,
    recipient,
    shipment,
    url_for,
)

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def frozen():
    return FixedClock(NOW)


@pytest.fixture
def db(db_url, frozen):
    database = open_database(db_url, clock=frozen)
    yield database
    database.close()


@pytest.fixture
def service(db, frozen):
    return PersonalDataService(db.personal_data, default_catalogue().all(), frozen)


def test_rules_come_from_the_carriers_terms():
    rules = policy(default_catalogue().all())
    assert rules["delivengo-profil-tracked"].days >= 183  # [D 7.2] 6 months at least
    assert rules["colissimo-domicile-france"].days == 396  # [C Annexe 1] 13 months
    assert rules["colissimo-expert-international"].days == 1461  # 4 years outside the EU
    assert rules["novapost-parcel"].days == 1096  # [N 16.10] 3 years
    assert rules["colissimo-domicile-france"].customs_days >= 3 * 365  # UCC art. 51
    assert rules["delivengo-profil-tracked"].customs_days >= 6 * 365  # [D 7.2]


def test_purge_removes_exactly_the_expired_shipments_and_nothing_else(db, service):
    rules = policy(default_catalogue().all())
    made = {}

    def add(label, service_id, age_days, *, customs=None, deposited=False, **kw):
        when = NOW - timedelta(days=age_days)
        s = shipment(service_id=service_id, customs=customs, created_at=when, updated_at=when,
                     **kw)
        if deposited:  # the clock starts at the deposit, not at the creation
            s = replace(s, deposited_at=when + timedelta(days=100), status="deposited")
        made[label] = db.shipments.add(s).id

    edge = rules["colissimo-domicile-france"].days + DELIVERY_MARGIN_DAYS
    add("colissimo_old", "colissimo-domicile-france", edge + 1)
    add("colissimo_just_inside", "colissimo-domicile-france", edge - 1)
    add("colissimo_deposited_later", "colissimo-domicile-france", edge + 50, deposited=True)
    add("colissimo_old_with_customs", "colissimo-domicile-france", edge + 1,
        customs=declaration(), recipient=recipient(country="GP", postcode="97110",
                                                   city="POINTE-A-PITRE"))
    d_edge = rules["delivengo-profil-tracked"].days + DELIVERY_MARGIN_DAYS
    add("delivengo_old", "delivengo-profil-tracked", d_edge + 1)
    add("delivengo_5_months", "delivengo-profil-tracked", 150)
    add("novapost_2_years", "novapost-parcel", 730)
    add("unknown_service", "some-retired-service", 5000)

    preview = {line.service_id: line.count for line in service.purge_preview()}
    assert preview == {"colissimo-domicile-france": 1, "delivengo-profil-tracked": 1}
    assert db.shipments.count(db_query()) == 8  # a preview deletes nothing

    assert service.purge() == preview
    left = {label for label, sid in made.items() if _exists(db, sid)}
    assert left == set(made) - {"colissimo_old", "delivengo_old"}
    entries = service.audit_log()
    assert [(e.action, e.count) for e in entries] == [("purge", 1), ("purge", 1)]
    assert all(e.at == NOW and e.rule for e in entries)
    assert service.purge() == {}  # nothing left to purge, nothing logged
    assert len(service.audit_log()) == 2


def db_query():
    from desktop.domain.ports import HistoryQuery

    return HistoryQuery()


def _exists(db, shipment_id) -> bool:
    from desktop.domain.errors import NotFound

    try:
        db.shipments.get(shipment_id)
        return True
    except NotFound:
        return False


def test_erasure_deletes_contacts_blanks_shipments_keeps_customs_records(db, service):
    helene = db.address_book.add(Contact(recipient()))
    paul = replace(recipient("Paul Roux"), email="paul@example.org", phone="06 99 99 99 99")
    other = db.address_book.add(Contact(paul))
    plain = db.shipments.add(shipment(contact_id=helene.id, created_at=NOW - timedelta(days=9)))
    guadeloupe = recipient(country="GP", postcode="97110", city="POINTE-A-PITRE")
    customs = db.shipments.add(shipment(contact_id=helene.id, customs=declaration(),
                                        recipient=guadeloupe,
                                        service_id="colissimo-domicile-outremer",
                                        created_at=NOW - timedelta(days=9),
                                        tracking_number="LD000000014FR"))
    # Content lines on a parcel within France (a shop order carries them) are no customs
    # record: nothing keeps that recipient from being erased.
    lines_only = db.shipments.add(shipment(contact_id=helene.id, customs=declaration(),
                                           created_at=NOW - timedelta(days=9),
                                           tracking_number="LD000000028FR"))
    kept_other = db.shipments.add(shipment(contact_id=other.id, recipient=paul))
    export = service.export_person("Hélène Dupont")
    assert [c["name"] for c in export["contacts"]] == ["Hélène Dupont"]
    assert {s["id"] for s in export["shipments"]} == {plain.id, customs.id, lines_only.id}

    plan = service.erase_plan("Hélène Dupont")
    assert plan.erased_shipment_ids == (plain.id, lines_only.id)
    assert plan.kept_shipment_ids == (customs.id,)
    service.erase(plan)
    assert [c.id for c in db.address_book.all()] == [other.id]
    blank = db.shipments.get(plain.id)
    assert (blank.recipient.name, blank.recipient.phone, blank.recipient.street) == ("", "", "")
    assert blank.recipient.city == "PARIS"
    assert db.shipments.get(customs.id).recipient.name == "Hélène Dupont"
    assert db.shipments.get(kept_other.id).recipient.name == "Paul Roux"
    assert db.address_book.search("helene") == []
    assert [e.action for e in service.audit_log()] == ["erase", "export"]


def test_backup_and_restore_with_integrity_check(db_path, tmp_path, frozen):
    with open_database(url_for(db_path), clock=frozen) as first:
        first.address_book.add(Contact(recipient("Avant Sauvegarde")))
        copy = first.backup(tmp_path / "bk")
        first.address_book.add(Contact(recipient("Après Sauvegarde")))
    assert check_backup(copy) == []
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(copy.read_bytes()[:8192] + b"\x00" * 100)
    assert check_backup(broken)
    with pytest.raises(ValidationFailed):
        restore_sqlite_database(url_for(db_path), broken, tmp_path / "bk")
    restored, before = restore_sqlite_database(url_for(db_path), copy, tmp_path / "bk")
    assert before.name.endswith("-pre-restore.sqlite3")
    with open_database(url_for(db_path)) as again:
        assert [c.address.name for c in again.address_book.all()] == ["Avant Sauvegarde"]
        assert again.personal_data.audit_log()[0].action == "restore"
        assert again.address_book.search("avant")  # the FTS index came back with the rows
    with raw(before) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (2,)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_database_backups_and_spool_are_private_whatever_the_umask(tmp_path):
    code = f"""
import os
os.umask(0o002)
from pathlib import Path
from desktop.storage.db import open_database
from desktop.devices.transports.file import FileTransport
db = open_database("sqlite:///{tmp_path}/data/c.sqlite3")
db.address_book.search("")
db.backup(Path("{tmp_path}/data/backups"))
db.close()
FileTransport("file://{tmp_path}/spool").send(b"^XA^XZ", "label.zpl")
"""
    subprocess.run([sys.executable, "-c", code], check=True)
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode)
             for p in tmp_path.rglob("*")}
    files = {k: v for k, v in modes.items() if (tmp_path / k).is_file()}
    assert files and set(files.values()) == {0o600}, modes
    assert modes["data/backups"] == modes["spool"] == modes["data"] == 0o700
    backup_sqlite  # noqa: B018 - also used through db.backup


GERMANY = dict(country="DE", postcode="10115", city="BERLIN")
USA = dict(country="US", postcode="10118", city="NEW YORK")
GUADELOUPE = dict(country="GP", postcode="97110", city="POINTE-A-PITRE")
UKRAINE = dict(country="UA", postcode="01001", city="KYIV")


@pytest.mark.parametrize("service_id,where,days", [
    ("colissimo-domicile-france", {}, 396),  # [C Annexe 1] 13 months, national
    ("colissimo-domicile-outremer", GUADELOUPE, 1461),  # 4 years, DOM
    ("colissimo-expert-international", GERMANY, 396),  # EU: neither DOM nor outside the EU
    ("colissimo-expert-international", USA, 1461),  # 4 years outside the EU
    ("delivengo-profil-tracked", GERMANY, 183),  # [D 7.2] 6 months
    ("delivengo-profil-tracked", USA, 183),
    ("novapost-parcel", UKRAINE, 1096),  # [N 16.10] 3 years
])
def test_each_period_is_applied_to_the_day_by_destination(db, service, frozen, service_id,
                                                          where, days):
    edge = days + DELIVERY_MARGIN_DAYS

    def add(age_days, to=where):
        when = NOW - timedelta(days=age_days)
        return db.shipments.add(shipment(service_id=service_id, created_at=when,
                                          updated_at=when, recipient=recipient(**to))).id

    inside, past = add(edge - 1), add(edge + 1)
    # The other destination of the same service, at the same age, is kept where its own
    # period is longer (an EU parcel's 13 months never purge a US one, nor the reverse).
    other = {"colissimo-expert-international": USA if where is GERMANY else GERMANY}
    elsewhere = add(edge + 1, other[service_id]) \
        if service_id in other else None
    expected = 2 if elsewhere is not None and where is USA else 1  # + the EU one, 4 years old
    assert {line.service_id: line.count for line in service.purge_preview()} == {
        service_id: expected}
    assert service.purge() == {service_id: expected}
    assert not _exists(db, past) and _exists(db, inside)
    if elsewhere is not None:
        assert _exists(db, elsewhere) == (where is GERMANY)
    (entry,) = service.audit_log()
    assert entry.action == "purge" and entry.rule.startswith(("[C Annexe 1", "[D 7.2]",
                                                              "[N 16.10]"))


def test_a_customs_record_to_the_eu_is_kept_the_customs_period_not_13_months(db, service):
    edge = 396 + DELIVERY_MARGIN_DAYS
    when = NOW - timedelta(days=edge + 1)
    kept = db.shipments.add(shipment(service_id="colissimo-expert-international",
                                     customs=declaration(), recipient=recipient(**GERMANY),
                                     created_at=when, updated_at=when)).id
    assert service.purge() == {} and _exists(db, kept)


def test_a_zone_the_rules_do_not_know_is_refused_at_load():
    from types import SimpleNamespace

    from desktop.domain.retention import rule_for

    with pytest.raises(ValueError, match="zone_days"):
        rule_for(SimpleNamespace(id="x", retention={"shipment_days": 30,
                                                    "zone_days": {"MARS": 10}}))


def test_a_new_backup_is_checked_and_a_damaged_one_never_left_behind(db_path, tmp_path, frozen):
    from desktop.domain.errors import StorageFailed

    with open_database(url_for(db_path), clock=frozen) as first:
        first.address_book.add(Contact(recipient("Avant Sauvegarde")))
        good = first.backup(tmp_path / "bk")
    assert check_backup(good) == []
    with raw(db_path) as conn:  # an index filling the file's last pages
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, k TEXT)")
        conn.executemany("INSERT INTO notes (k) VALUES (?)",
                         [(f"note {i:06d}",) for i in range(20_000)])
        conn.execute("CREATE INDEX ix_notes_k ON notes (k)")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db_path.read_bytes())
    at = len(data) - 3 * page + 100
    data[at:at + 300] = b"\xff" * 300  # a damaged sector in a page of that index
    db_path.write_bytes(bytes(data))
    assert check_backup(db_path)  # the database itself is damaged

    with pytest.raises(StorageFailed) as refused:
        backup_sqlite(db_path, tmp_path / "bk")
    assert "unusable backup" in refused.value.describe("en")
    assert sorted(p.name for p in (tmp_path / "bk").iterdir()) == [good.name]  # no .part


def test_comptoir_audit_prints_the_log_plain_and_json(tmp_path, capsys):
    import json

    from tests.integration.cli_helpers import run_in_process

    code, out, _ = run_in_process(capsys, "--lang", "en", "audit")
    assert code == 0 and "The audit log is empty." in out
    assert run_in_process(capsys, "backup", "--to", str(tmp_path / "bk"))[0] == 0
    code, out, err = run_in_process(capsys, "person", "erase", "nobody@example.org", "--yes")
    assert code == 0, err
    assert run_in_process(capsys, "person", "export", "nobody@example.org")[0] == 0
    code, out, _ = run_in_process(capsys, "audit", "--json")
    entries = json.loads(out)["entries"]
    assert [e["action"] for e in entries] == ["export", "backup"]  # newest first
    assert entries[0]["rule"] == "GDPR art. 15" and entries[1]["detail"].endswith(".sqlite3")
    code, out, _ = run_in_process(capsys, "audit", "--limit", "1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 1
    assert " export " in lines[0] and "[GDPR art. 15]" in lines[0]
