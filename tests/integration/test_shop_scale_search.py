"""Address book and history search at shop scale: FTS5 kept by triggers, exact numbers first,
favourite/recent contacts, capped counts, keyset paging, filters, and the two query plans."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.domain.address import Address
from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import Contact
from desktop.storage.repositories import history
from desktop.storage.tables import ShipmentRow
from desktop.storage.text_search import Fts5Search
from tests.integration.helpers_storage import (  # noqa: F401
    CET,
    FixedClock,
    clock,
    db,
    db_path,
    raw,
    recipient,
    shipment,
    url_for,
)


def person(name, city="PARIS", **kw) -> Contact:
    return Contact(replace(recipient(name, city), **kw))


def ids(items) -> list[int]:
    return [x.id for x in items]


def test_contacts_match_word_prefixes_and_substrings_without_accents(db):
    helene = db.address_book.add(person("Hélène Dupont", email="h.dupont@example.org"))
    zoe = db.address_book.add(person("Zoé Lefèvre", "LYON", email="zoe@example.org"))
    assert ids(db.address_book.search("hel")) == [helene.id]  # prefix
    assert ids(db.address_book.search("PONT")) == [helene.id]  # inside a word (trigram)
    assert ids(db.address_book.search("lefevre z")) == [zoe.id]  # short word: prefix index
    assert ids(db.address_book.search("LYON zoé")) == [zoe.id]
    assert db.address_book.search("dupont lyon") == []


def test_fts_follows_updates_and_deletes(db, engine_name):
    c = db.address_book.add(person("Jeanne Martin"))
    db.address_book.update(replace(c, address=replace(c.address, name="Jeanne Moreau")))
    assert db.address_book.search("martin") == []
    assert ids(db.address_book.search("moreau")) == [c.id]
    db.address_book.delete(c.id)
    assert db.address_book.search("moreau") == []
    if engine_name != "sqlite":
        return
    with raw(db.path) as conn:  # the external-content index agrees with its table
        conn.execute("INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO shipments_fts(shipments_fts) VALUES ('integrity-check')")


def test_favourites_then_recently_used_come_first(db, clock):
    names = ["Anne Albert", "Bruno Blanc", "Carla Cohen", "Denis Dumas"]
    a, b, c, d = (db.address_book.add(person(n)) for n in names)
    assert ids(db.address_book.search("")) == [a.id, b.id, c.id, d.id]  # by name
    db.address_book.update(replace(d, favourite=True))
    db.shipments.add(shipment(contact_id=b.id))
    clock.advance(minutes=5)
    db.shipments.add(shipment(contact_id=c.id))
    assert ids(db.address_book.search("")) == [d.id, c.id, b.id, a.id]
    assert db.address_book.get(c.id).last_used_at == clock.value


def test_a_scanned_tracking_number_or_a_reference_opens_only_its_shipment(db):
    wanted = db.shipments.add(shipment(tracking_number="LD000000014FR", reference="CMD-7"))
    db.shipments.add(shipment(tracking_number="LD000000028FR", reference="CMD-70"))
    db.shipments.add(shipment(recipient=recipient("Cmd Ld"), reference="X"))
    assert ids(db.shipments.search(HistoryQuery(text="LD 000 000 014 FR"))) == [wanted.id]
    assert ids(db.shipments.search(HistoryQuery(text="CMD-7"))) == [wanted.id]
    assert len(db.shipments.search(HistoryQuery(text="ld0000000"))) == 2  # number prefix


def test_history_filters_by_service_country_and_pages_by_key(db, clock):
    made = []
    for i in range(12):
        clock.advance(minutes=1)
        service = ["colissimo-domicile-france", "novapost-parcel", "novapost-documents"][i % 3]
        country = "UA" if service.startswith("novapost") else "FR"
        made.append(db.shipments.add(shipment(service_id=service,
                                              recipient=recipient(country=country,
                                                                  postcode="01001"))))
    newest_first = list(reversed(made))
    nova = HistoryQuery(service_ids=("novapost-parcel", "novapost-documents"), limit=3)
    page1 = db.shipments.search(nova)
    assert ids(page1) == [s.id for s in newest_first if s.service_id.startswith("novapost")][:3]
    page2 = db.shipments.search(replace(nova, after=(page1[-1].created_at, page1[-1].id)))
    assert ids(page2) == [s.id for s in newest_first if s.service_id.startswith("novapost")][3:6]
    assert ids(db.shipments.search(HistoryQuery(country="fr"))) == [
        s.id for s in newest_first if s.service_id == "colissimo-domicile-france"]
    assert db.shipments.count(HistoryQuery()) == 12
    assert db.shipments.count(HistoryQuery(), cap=5) == 5


@pytest.mark.parametrize("text", ["dup", "hel par", "a", "cmd", "zzz", "ld0"])
def test_both_plans_find_the_same_rows(db, monkeypatch, clock, text):
    """Frequent words go through the ordered-index scan: it must agree with the FTS plan."""
    for i, (name, city) in enumerate([("Hélène Dupont", "PARIS"), ("Paul Dupuis", "LYON"),
                                      ("Anaïs Hélary", "PARIS"), ("Zoé Roux", "NANTES")]):
        clock.advance(minutes=1)
        db.address_book.add(person(name, city))
        db.shipments.add(shipment(recipient=recipient(name, city), reference=f"CMD-{i}",
                                  tracking_number=f"LD00000{i}"))
    fts = (ids(db.shipments.search(HistoryQuery(text=text))),
           ids(db.address_book.search(text)))
    monkeypatch.setattr(Fts5Search, "FREQUENT", {"contacts": 1, "shipments": 1})
    scan = (ids(db.shipments.search(HistoryQuery(text=text))),
            ids(db.address_book.search(text)))
    assert scan == fts


def _plan(db, query: HistoryQuery) -> str:
    with db._uow.read() as s:
        where = history.conditions(query, CET, db.shipments._text_match(s, query.text))
        stmt = (select(ShipmentRow.id).where(where)
                .order_by(ShipmentRow.created_at.desc(), ShipmentRow.id.desc()).limit(50))
        sql = str(stmt.compile(db.engine, compile_kwargs={"literal_binds": True}))
        rows = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql).fetchall()
    return " / ".join(r[-1] for r in rows)


def test_history_queries_read_an_index_never_the_whole_table(db, db_path):
    db.shipments.add(shipment(tracking_number="LD000000014FR"))
    for query in (HistoryQuery(), HistoryQuery(text="LD000000014FR"),
                  HistoryQuery(text="nothing"), HistoryQuery(status="voided"),
                  HistoryQuery(country="UA"), HistoryQuery(service_ids=("novapost-parcel",)),
                  HistoryQuery(date_from=(db.shipments.get(1).created_at - timedelta(days=3))
                               .date())):
        plan = _plan(db, query)
        # "SCAN shipments USING INDEX" reads in order and stops at the page; a bare
        # "SCAN shipments" would read every row.
        assert not [step for step in plan.split(" / ")
                    if step.startswith("SCAN shipments") and "USING" not in step
                    and not step.startswith(("SCAN shipments_fts", "SCAN shipments_trigram"))], plan


def test_unused_indexes_are_gone_and_fts_triggers_exist(db, db_path):
    with raw(db.path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                               "WHERE type='trigger'")}
    assert not {"ix_shipments_recipient_name", "ix_shipments_recipient_company",
                "ix_contacts_search_key"} & indexes
    assert {f"{t}_{s}" for t in ("contacts_fts", "contacts_trigram", "shipments_fts",
                                 "shipments_trigram") for s in ("ai", "ad", "au")} <= triggers


def test_merge_moves_shipments_and_fills_gaps(db):
    keep = db.address_book.add(person("Hélène Dupont", email=""))
    other = db.address_book.add(person("DUPONT Helene", email="h@example.org"))
    sent = db.shipments.add(shipment(contact_id=other.id))
    from desktop.domain.duplicates import find_duplicates, merged

    pairs = find_duplicates(db.address_book.all())
    assert [(p.keep.id, p.other.id) for p in pairs] == [(keep.id, other.id)]
    result = db.address_book.merge(merged(pairs[0].keep, pairs[0].other), other.id)
    assert result.address.email == "h@example.org"
    assert db.shipments.get(sent.id).contact_id == keep.id
    assert ids(db.address_book.search("")) == [keep.id]


def test_opening_an_up_to_date_database_does_not_import_alembic(db_path):
    from desktop.storage.db import open_database

    open_database(url_for(db_path)).close()  # creates and migrates
    code = ("import sys; from desktop.storage.db import open_database; "
            f"open_database({url_for(db_path)!r}).close(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('alembic', 'reportlab', 'phonenumbers')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_address_book_normalises_phones_to_e164():
    from desktop.domain.phones import parse_phone

    fr = parse_phone("06 12 34 56 78", "FR")
    assert (fr.e164, fr.kind) == ("+33612345678", "mobile")
    assert parse_phone("01 45 00 00 00", "FR").kind == "landline"
    assert parse_phone("0033 6 12 34 56 78", "DE").e164 == "+33612345678"
    assert parse_phone("+380 67 123 4567", "FR").mobile
    assert not parse_phone("12", "FR").valid


def test_postcode_formats_of_other_countries():
    from desktop.domain.address import validate_address

    def rules(postcode, country, city="X"):
        a = Address(name="A", street="1 st", postcode=postcode, city=city, country=country)
        return [v.rule for v in validate_address(a) if v.field == "postcode"]

    assert rules("10115", "DE") == [] and rules("1011", "DE") == ["postcode_format"]
    assert rules("H2X 1Y4", "CA") == [] and rules("12345", "CA") == ["postcode_format"]
    assert rules("SW1A 1AA", "GB") == []


def test_ship_again_copies_the_shipment_as_a_new_draft_without_its_number(db):
    from desktop.services.history import HistoryService

    sent = db.shipments.add(shipment(tracking_number="LD000000014FR", status="printed",
                                     options={"signature": True, "contents_confirmed": True}))
    again = HistoryService(db.shipments).ship_again(sent.id)
    assert (again.id, again.tracking_number, again.status.value, again.created_at) == (
        None, None, "draft", None)
    assert again.recipient == sent.recipient and again.parcel == sent.parcel
    assert dict(again.options) == {"signature": True}  # confirmed per parcel, not copied


def test_carrier_filter_is_its_services(db):
    from desktop.domain.carriers.catalogue import default_catalogue
    from desktop.services.history import HistoryService

    nova = db.shipments.add(shipment(service_id="novapost-parcel"))
    db.shipments.add(shipment(service_id="colissimo-domicile-france"))
    service = HistoryService(db.shipments, default_catalogue())
    assert ids(service.search(service.with_carrier(HistoryQuery(), "novapost"))) == [nova.id]
    assert service.search(service.with_carrier(HistoryQuery(), "nobody")) == []
    assert service.count(HistoryQuery(), cap=1) == 1


def test_address_book_service_normalises_phones_and_merges_duplicates(db):
    from desktop.services.address_book import AddressBookService

    book = AddressBookService(db.address_book)
    first, _ = book.save(person("Hélène Dupont", phone="06 12 34 56 78", email=""))
    second, _ = book.save(person("DUPONT Hélène", phone="+33 6 12 34 56 78",
                                 email="h@example.org"))
    assert first.address.phone == second.address.phone == "+33612345678"
    pair = book.duplicates()[0]
    merged, changes = book.merge(pair.keep.id, pair.other.id)
    assert changes.contacts and merged.id == first.id and merged.address.email == "h@example.org"
    assert ids(db.address_book.search("")) == [first.id]


@pytest.mark.parametrize("phone, warned", [("+33 1 45 00 00 00", True), ("06 12 34 56 78", False),
                                           ("+380 67 123 4567", False), ("", False)])
def test_nova_post_warns_when_the_sms_number_is_a_landline(phone, warned):
    from types import SimpleNamespace

    from desktop.domain.carriers import rules_novapost
    from desktop.domain.errors import Collector

    ctx = SimpleNamespace(shipment=shipment(recipient=replace(recipient(), phone=phone)),
                          c=Collector())
    rules_novapost._mobile(ctx)
    assert [(v.rule, v.severity) for v in ctx.c.violations] == (
        [("sms_needs_mobile", "warning")] if warned else [])


def test_a_large_import_is_indexed_at_the_end_and_keeps_the_triggers(db, engine_name,
                                                                    monkeypatch):
    from desktop.storage.repositories.contacts import BULK_ROWS, SqlAddressBook

    before = db.address_book.add(person("Agathe Avant"))
    many = [person(f"Client{i} Import", "LYON" if i % 2 else "NANTES") for i in range(BULK_ROWS)]
    assert db.address_book.save_many(many) == BULK_ROWS
    assert len(db.address_book.search("import", limit=5000)) == BULK_ROWS
    assert ids(db.address_book.search("client777 lyon")) == [before.id + 778]
    assert [c.address.name for c in db.address_book.search("nt999")] == ["Client999 Import"]
    assert ids(db.address_book.search("agathe")) == [before.id]  # older rows untouched
    # A failing import writes nothing, index included; the triggers are back afterwards.
    stored = SqlAddressBook._insert

    def insert_then_fail(s, batch):
        stored(s, batch)
        raise RuntimeError("disk full")

    monkeypatch.setattr(SqlAddressBook, "_insert", staticmethod(insert_then_fail))
    with pytest.raises(RuntimeError):
        db.address_book.save_many([person("Zacharie Perdu")] + many)
    monkeypatch.undo()
    assert db.address_book.search("zacharie") == []
    after = db.address_book.add(person("Yves Après"))
    assert ids(db.address_book.search("apres")) == [after.id]
    if engine_name == "sqlite":
        with raw(db.path) as conn:
            conn.execute("INSERT INTO contacts_fts(contacts_fts) VALUES ('integrity-check')")
            conn.execute("INSERT INTO contacts_trigram(contacts_trigram) "
                         "VALUES ('integrity-check')")
