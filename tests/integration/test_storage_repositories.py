"""CRUD round-trips of every repository against a real SQLite file; Decimal exactness."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from desktop.domain.customs import Product
from desktop.domain.errors import NotFound, ValidationFailed
from desktop.domain.parcel import Parcel
from desktop.domain.printing import JobOutcome, LabelFormat, PrintJob
from desktop.domain.shipment import Contact, SenderProfile, ShipmentStatus
from tests.integration.helpers_storage import (  # noqa: F401
    CET,
    clock,
    db,
    db_path,
    declaration,
    raw,
    recipient,
    sender,
    shipment,
)

# --- address book -------------------------------------------------------------------------


def test_contact_round_trip_update_and_delete(db, clock, db_path):
    original = Contact(recipient(), note="sonner deux fois")
    added = db.address_book.add(original)
    assert added.id is not None and replace(added, id=None) == original
    assert db.address_book.get(added.id) == added

    clock.advance(hours=1)
    moved = replace(added, address=replace(added.address, city="MONTREUIL", postcode="93100"))
    assert db.address_book.update(moved) == moved
    assert db.address_book.get(added.id).address.city == "MONTREUIL"
    with raw(db_path) as plain:
        created, updated = plain.execute("SELECT created_at, updated_at FROM contacts").fetchone()
    assert created.startswith("2026-03-14 09:00:00") and updated.startswith("2026-03-14 10:00:00")

    db.address_book.delete(added.id)
    with pytest.raises(NotFound):
        db.address_book.get(added.id)
    with pytest.raises(NotFound):
        db.address_book.delete(added.id)
    with pytest.raises(NotFound):
        db.address_book.update(moved)


def test_contact_search_ignores_case_accents_and_word_order(db):
    def person(name, city, company=""):
        return Contact(replace(recipient(name, city, company=company), email=""))

    zoe = db.address_book.add(person("Zoé Martin", "LYON"))
    helene = db.address_book.add(person("Hélène Dupont", "PARIS"))
    acme = db.address_book.add(person("Paul Roux", "NANTES", company="ÉTS Acmé"))
    assert [c.id for c in db.address_book.search("helene")] == [helene.id]
    assert [c.id for c in db.address_book.search("DUPONT hélène")] == [helene.id]
    assert [c.id for c in db.address_book.search("ets acme")] == [acme.id]
    assert [c.id for c in db.address_book.search("nantes")] == [acme.id]
    assert db.address_book.search("dupont lyon") == []
    assert db.address_book.search("%") == [] and db.address_book.search("_") == []
    # Ordered by display name, accents aside: "ÉTS Acmé" < "Hélène" < "Zoé".
    assert [c.id for c in db.address_book.search()] == [acme.id, helene.id, zoe.id]
    assert len(db.address_book.search(limit=2)) == 2


def test_deleting_a_contact_keeps_the_shipment_snapshot(db):
    contact = db.address_book.add(Contact(recipient("Jean Valjean")))
    sent = db.shipments.add(shipment(recipient=contact.address, contact_id=contact.id))
    db.address_book.delete(contact.id)
    after = db.shipments.get(sent.id)
    assert after.contact_id is None  # FK ON DELETE SET NULL
    assert after.recipient == contact.address


# --- sender profiles ----------------------------------------------------------------------


def test_sender_profiles_round_trip_and_single_default(db):
    shop = db.sender_profiles.add(SenderProfile("Boutique", sender(), eori="FR12345678901234",
                                                is_default=True))
    returns = db.sender_profiles.add(SenderProfile("Retours", replace(sender(), city="VILLEURBANNE",
                                                                      postcode="69100")))
    assert db.sender_profiles.get(shop.id) == shop
    assert [p.label for p in db.sender_profiles.list()] == ["Boutique", "Retours"]

    db.sender_profiles.update(replace(returns, is_default=True))
    listed = db.sender_profiles.list()
    assert [(p.label, p.is_default) for p in listed] == [("Retours", True), ("Boutique", False)]

    db.sender_profiles.delete(shop.id)
    assert [p.id for p in db.sender_profiles.list()] == [returns.id]
    with pytest.raises(NotFound):
        db.sender_profiles.get(shop.id)


# --- shipments ----------------------------------------------------------------------------


def test_shipment_round_trip_with_customs_options_and_snapshots(db, clock):
    profile = db.sender_profiles.add(SenderProfile("Boutique", sender()))
    contact = db.address_book.add(Contact(recipient("John Smith", "LONDON", country="GB",
                                                    postcode="SW1A 1AA")))
    original = shipment(recipient=contact.address, service_id="colissimo-expert-international",
                        customs=declaration(), contact_id=contact.id,
                        sender_profile_id=profile.id, tracking_number="ce 000 000 014 fr",
                        options={"signature": True, "insurance_eur": Decimal("150.00"),
                                 "registered": "R2", "pieces": 1, "nested": {"a": [1, "b"]}})
    added = db.shipments.add(original)
    assert added.id is not None
    assert added.created_at == added.updated_at == clock.value
    assert added.tracking_number == "CE000000014FR"  # stored without spaces, upper case
    expected = replace(original, id=added.id, created_at=clock.value, updated_at=clock.value,
                       tracking_number="CE000000014FR")
    assert added == expected
    loaded = db.shipments.get(added.id)
    assert loaded == expected
    assert loaded.customs.extra == {"note": "fragile", "ratio": Decimal("0.333")}
    assert loaded.options["insurance_eur"] == Decimal("150.00")
    assert str(loaded.options["insurance_eur"]) == "150.00"
    assert loaded.created_at.tzinfo is not None and loaded.created_at.utcoffset().total_seconds() == 0


def test_shipment_status_update_keeps_created_at(db, clock):
    added = db.shipments.add(shipment(tracking_number="LD000000014FR"))
    when = clock.advance(minutes=5)
    printed = db.shipments.update(added.moved_to(ShipmentStatus.PRINTED, when))
    assert printed.status is ShipmentStatus.PRINTED and printed.printed_at == when
    assert printed.created_at == added.created_at and printed.updated_at == when
    assert db.shipments.get(added.id) == printed

    later = clock.advance(minutes=5)
    stale = replace(printed, created_at=when.replace(year=2020), reference="CMD-2")
    edited = db.shipments.update(stale)
    assert edited.created_at == added.created_at  # never rewritten
    assert edited.updated_at == later  # untouched stamp → the repository's clock


def test_shipment_add_keeps_the_callers_stamps(db, clock):
    made = clock.value.replace(year=2025)
    added = db.shipments.add(shipment(created_at=made, updated_at=made))
    assert (added.created_at, added.updated_at) == (made, made)
    assert db.shipments.get(added.id).created_at == made


def test_shipment_refusals_store_nothing(db, db_path):
    db.shipments.add(shipment(tracking_number="LD000000014FR"))
    with pytest.raises(ValidationFailed) as refused:
        db.shipments.add(shipment(tracking_number="LD 000 000 014 FR"))
    assert [(v.field, v.rule) for v in refused.value.violations] == [("tracking_number",
                                                                      "form_number_used")]
    with pytest.raises(NotFound):
        db.shipments.add(shipment(contact_id=424242))
    with pytest.raises(NotFound):
        db.shipments.add(shipment(sender_profile_id=7))
    with pytest.raises(NotFound):
        db.shipments.update(shipment(id=99))
    with pytest.raises(NotFound):
        db.shipments.get(99)
    with raw(db_path) as plain:
        assert plain.execute("SELECT count(*) FROM shipments").fetchone()[0] == 1


def test_find_by_tracking_ignores_spaces_and_case(db):
    added = db.shipments.add(shipment(tracking_number="LD000000014FR"))
    db.shipments.add(shipment(reference="draft without number"))
    assert db.shipments.find_by_tracking(" ld 000 000 014 fr ").id == added.id
    assert db.shipments.find_by_tracking("LD000000028FR") is None
    assert db.shipments.find_by_tracking("") is None


def test_parcel_without_dimensions_round_trips(db):
    added = db.shipments.add(shipment(parcel=Parcel(80), options={}, reference=""))
    assert db.shipments.get(added.id).parcel == Parcel(80)


# --- Decimal exactness --------------------------------------------------------------------

AMOUNTS = ["0.10", "12.50", "1E+2", "0.000001", "123456789012345.67", "-3.00", "0", "7"]


@pytest.mark.parametrize("text", AMOUNTS)
def test_decimal_values_are_stored_as_exact_text(db, db_path, text):
    amount = Decimal(text)
    added = db.products.add(Product("SKU-1", "Objet", "Item", unit_value=amount))
    customs = replace(declaration(), items=(replace(declaration().items[0], value=amount),),
                      postal_charges=amount)
    sent = db.shipments.add(shipment(customs=customs))
    with raw(db_path) as plain:
        assert plain.execute("SELECT unit_value FROM products").fetchone()[0] == text
        stored_customs = plain.execute("SELECT customs FROM shipments").fetchone()[0]
    assert f'"value":"{text}"' in stored_customs and f'"postal_charges":"{text}"' in stored_customs
    product = db.products.get(added.id)
    loaded = db.shipments.get(sent.id).customs
    for value in (product.unit_value, loaded.items[0].value, loaded.postal_charges):
        assert value == amount and value.as_tuple() == amount.as_tuple()  # same digits, exponent


def test_float_money_is_refused_and_nothing_stored(db, db_path):
    with pytest.raises(TypeError):
        db.products.add(Product("SKU-F", "Flottant", "Float", unit_value=0.1))
    bad = replace(declaration(), items=(replace(declaration().items[0], value=0.1),))
    with pytest.raises(TypeError):
        db.shipments.add(shipment(customs=bad))
    with raw(db_path) as plain:
        assert plain.execute("SELECT count(*) FROM products").fetchone()[0] == 0
        assert plain.execute("SELECT count(*) FROM shipments").fetchone()[0] == 0


# --- print jobs ---------------------------------------------------------------------------


def test_print_jobs_keep_exact_bytes_and_outcomes(db, clock):
    sent = db.shipments.add(shipment(tracking_number="LD000000014FR"))
    payload = b"^XA^FO10,10^FDcaf\xc3\xa9\x00\xff^FS^XZ"
    job = db.print_jobs.add(PrintJob("tcp://10.0.0.5:9100", LabelFormat.ZPL203, payload,
                                     shipment_id=sent.id))
    assert job.id is not None and job.created_at == clock.value
    assert job.outcome is JobOutcome.QUEUED
    done = db.print_jobs.set_outcome(job.id, JobOutcome.SENT, output="10.0.0.5:9100")
    assert (done.outcome, done.output, done.error) == (JobOutcome.SENT, "10.0.0.5:9100", "")

    clock.advance(minutes=2)
    again = db.print_jobs.add(PrintJob("tcp://10.0.0.5:9100", LabelFormat.ZPL203,
                                       db.print_jobs.get(job.id).payload, shipment_id=sent.id,
                                       reprint_of=job.id))
    failed = db.print_jobs.set_outcome(again.id, JobOutcome.FAILED, error="paper out")
    jobs = db.print_jobs.for_shipment(sent.id)
    assert [j.id for j in jobs] == [job.id, again.id]
    assert jobs[1] == failed and failed.reprint_of == job.id
    assert jobs[0].payload == jobs[1].payload == payload  # a reprint sends identical bytes
    assert db.print_jobs.for_shipment(999) == []


def test_a_queued_job_is_claimed_once_and_jobs_are_found_by_state(db):
    sent = db.shipments.add(shipment(tracking_number="LD000000014FR"))
    job = db.print_jobs.add(PrintJob("file:///spool", LabelFormat.PDF, b"%PDF",
                                     shipment_id=sent.id, job_name="LD000000014FR-label.pdf"))
    other = db.print_jobs.add(PrintJob("file:///spool", LabelFormat.PDF, b"%PDF-cn23",
                                       kind="cn23", shipment_id=sent.id))
    assert [j.id for j in db.print_jobs.in_states(JobOutcome.QUEUED)] == [job.id, other.id]
    claimed = db.print_jobs.claim(job.id, "bench-1:42")
    assert (claimed.outcome, claimed.claimed_by, claimed.job_name) == (
        JobOutcome.SENDING, "bench-1:42", "LD000000014FR-label.pdf")
    assert db.print_jobs.claim(job.id, "bench-2:7") is None  # the second process loses
    assert db.print_jobs.get(job.id).claimed_by == "bench-1:42"
    assert [j.id for j in db.print_jobs.in_states(JobOutcome.SENDING)] == [job.id]
    assert [j.id for j in db.print_jobs.in_states(JobOutcome.QUEUED, JobOutcome.SENDING)] == [
        job.id, other.id]


def test_print_job_refusals(db):
    with pytest.raises(NotFound):
        db.print_jobs.add(PrintJob("file:", LabelFormat.PDF, b"%PDF", reprint_of=5))
    with pytest.raises(NotFound):
        db.print_jobs.set_outcome(5, JobOutcome.SENT)
    with pytest.raises(NotFound):
        db.print_jobs.get(5)
    loose = db.print_jobs.add(PrintJob("file:", LabelFormat.PDF, b"%PDF-1.4", kind="cn23"))
    assert db.print_jobs.get(loose.id) == loose and loose.shipment_id is None


# --- products -----------------------------------------------------------------------------


def _shirt(**changes) -> Product:
    values = dict(sku="CH-01", description_fr="Chemise en coton bio", description_en="Organic "
                  "cotton shirt", hs_code="620520", origin="PT", unit_net_weight_g=200,
                  unit_value=Decimal("29.95"), ean="3760123456789")
    values.update(changes)
    return Product(**values)


def test_product_round_trip_search_and_codes(db):
    shirt = db.products.add(_shirt())
    card = db.products.add(Product("CP-10", "Carte postale Lyon", "Postcard", hs_code="490900",
                                   unit_value=Decimal("1.20"), ean="CH-01"))
    assert db.products.get(shirt.id) == replace(_shirt(), id=shirt.id)
    assert [p.sku for p in db.products.search("coton")] == ["CH-01"]
    assert [p.sku for p in db.products.search("SHIRT cotton")] == ["CH-01"]
    assert [p.sku for p in db.products.search("carte lyon")] == ["CP-10"]
    assert [p.sku for p in db.products.search("")] == ["CH-01", "CP-10"]
    assert db.products.find_code("3760123456789").id == shirt.id
    assert db.products.find_code(" CP-10 ").id == card.id
    assert db.products.find_code("CH-01").id == shirt.id  # SKU wins over another's EAN
    assert db.products.find_code("nope") is None

    cheaper = db.products.update(replace(shirt, unit_value=Decimal("24.00")))
    assert db.products.get(shirt.id).unit_value == Decimal("24.00") == cheaper.unit_value
    with pytest.raises(ValidationFailed) as refused:
        db.products.update(replace(card, sku="CH-01"))
    assert refused.value.violations[0].rule == "duplicate"
    with pytest.raises(ValidationFailed):
        db.products.add(_shirt(description_fr="doublon"))
    db.products.delete(card.id)
    with pytest.raises(NotFound):
        db.products.delete(card.id)


def test_upsert_many_by_sku_in_one_transaction(db, db_path):
    db.products.add(_shirt())
    count = db.products.upsert_many([_shirt(unit_value=Decimal("31.00")),
                                     Product("MUG-2", "Tasse", "Mug", unit_value=Decimal("8.5"))])
    assert count == 2
    assert {p.sku: p.unit_value for p in db.products.search()} == {
        "CH-01": Decimal("31.00"), "MUG-2": Decimal("8.5")}

    with pytest.raises(TypeError):  # the third row is bad: the first two must not stay
        db.products.upsert_many([Product("NEW-1", "A", "A", unit_value=Decimal("1")),
                                 _shirt(unit_value=Decimal("99")),
                                 Product("NEW-2", "B", "B", unit_value=2.5)])
    with pytest.raises(ValidationFailed) as refused:
        db.products.upsert_many([Product("NEW-3", "C", "C"), Product(" ", "D", "D")])
    assert refused.value.violations[0].field == "products[1].sku"
    with raw(db_path) as plain:
        rows = plain.execute("SELECT sku, unit_value FROM products ORDER BY sku").fetchall()
    assert rows == [("CH-01", "31.00"), ("MUG-2", "8.5")]


# --- tracking ranges (sequential; concurrency is in test_storage_allocation.py) -----------


def test_tracking_ranges_ensure_get_list(db):
    from desktop.domain.tracking import NumberRange

    made = db.tracking_ranges.ensure(NumberRange("delivengo", "LD", 100, 199, low_water=10))
    assert made == NumberRange("delivengo", "LD", 100, 199, next_serial=100, low_water=10)
    assert made.remaining == 100
    # Ensuring again never resets the counter nor the bounds.
    db.tracking_ranges.allocate("delivengo")
    again = db.tracking_ranges.ensure(NumberRange("delivengo", "LD", 1, 5))
    assert (again.first, again.last, again.next_serial) == (100, 199, 101)
    db.tracking_ranges.ensure(NumberRange("colissimo", "CA", 0, 9))
    assert [r.name for r in db.tracking_ranges.list()] == ["colissimo", "delivengo"]
    assert db.tracking_ranges.get("delivengo").remaining == 99
    with pytest.raises(NotFound):
        db.tracking_ranges.get("absent")


@pytest.mark.parametrize("bad, field", [
    (("x", "ld", 1, 2), "prefix"), (("x", "SA", 1, 2), "prefix"),
    (("x", "LD", -1, 2), "first"), (("x", "LD", 1, 100_000_000), "last"),
    (("x", "LD", 5, 2), "last"),
])
def test_invalid_ranges_are_refused(db, bad, field):
    from desktop.domain.tracking import NumberRange

    with pytest.raises(ValidationFailed) as refused:
        db.tracking_ranges.ensure(NumberRange(*bad))
    assert field in [v.field for v in refused.value.violations]
    assert db.tracking_ranges.list() == []


def test_options_that_are_not_json_are_refused_before_sql(db, db_path):
    with pytest.raises(TypeError, match="options"):
        db.shipments.add(shipment(options={"when": object()}))
    with pytest.raises(TypeError, match="customs"):
        db.shipments.add(shipment(customs=replace(declaration(), extra={"x": object()})))
    with raw(db_path) as plain:
        assert plain.execute("SELECT count(*) FROM shipments").fetchone()[0] == 0
