"""The one counter operation (issue 7 §1): submit and its dry run over in-memory ports."""

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from desktop.domain.address import Address
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.draft import ShipmentDraft, ShipmentOptions
from desktop.domain.errors import ValidationFailed
from desktop.domain.parcel import Parcel
from desktop.domain.printing import JobOutcome, LabelFormat, PrinterStatus, PrintJob
from desktop.domain.shipment import SenderProfile, ShipmentStatus
from desktop.domain.tracking import NumberRange, is_valid_s10, make_s10
from desktop.services.clock import FixedClock
from desktop.services.counter_operation import CounterOperation, PrintTargets
from desktop.services.print_jobs import PrintJobService
from desktop.services.shipping import ShippingService
from tests.fakes import (
    MemoryContacts,
    MemoryJobs,
    MemoryRanges,
    MemoryShipments,
    MemoryUnitOfWork,
    RecordingPrinter,
)

SENDER = SenderProfile("Boutique", Address(company="Atelier Comptoir", street="3 rue des Lilas",
                                           postcode="69003", city="Lyon", phone="0472000000"),
                       id=1, eori="FR12345678900013")
RECIPIENT = Address(name="Ivan Petrenko", street="vul. Khreshchatyk 1", postcode="01001",
                    city="Kyiv", country="UA", phone="+380441234567")
DOMESTIC = Address(name="Mme Marie Dupont", street="12 rue de l'Eglise", postcode="75016",
                   city="Paris")
TARGETS = PrintTargets("memory://test", LabelFormat.ZPL203)
CARRIER_RANGE = NumberRange("carrier-delivengo-profil-tracked", "LD", 1, 99_999_999)


class TextRenderer:
    def render(self, spec, fmt):
        return f"{fmt.value}:{spec}".encode()


class Bench:
    """The operation wired to in-memory ports, with its parts at hand."""

    def __init__(self, printer=None, customs_documents=None, fail_render=False,
                 carrier_range=True):
        self.shipments, self.jobs = MemoryShipments(), MemoryJobs()
        self.ranges, self.contacts = MemoryRanges(), MemoryContacts()
        if carrier_range:  # the range La Poste assigned in writing (never a local one)
            self.ranges.ensure(CARRIER_RANGE)
        self.printer = printer or RecordingPrinter()
        self.uow = MemoryUnitOfWork(self.shipments, self.jobs, self.ranges, self.contacts)
        clock = FixedClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
        self.printing = PrintJobService(self.jobs, lambda url, fmt: self.printer, clock,
                                        shipments=self.shipments, owner="here:1")
        self.shipping = ShippingService(
            shipments=self.shipments, catalogue=default_catalogue(), renderer=TextRenderer(),
            label_builder=lambda s, svc, lang: s.tracking_number, printing=self.printing,
            clock=clock)

        def render(shipment, fmt):
            if fail_render:
                raise RuntimeError("renderer crashed")
            return self.shipping.render_label(shipment, fmt)

        self.op = CounterOperation(
            uow=self.uow, shipments=self.shipments, ranges=self.ranges, contacts=self.contacts,
            printing=self.printing, catalogue=default_catalogue(), render_label=render,
            clock=clock, customs_documents=customs_documents)

    @property
    def stored_nothing(self) -> bool:
        return (self.shipments.rows == {} and self.jobs.rows == {} and self.contacts.rows == {}
                and self.printer.sent == []
                and all(r.next_serial in (None, r.first) for r in self.ranges.ranges.values()))


def draft(**kw):
    base = dict(sender=SENDER, recipient=RECIPIENT, service_id="delivengo-profil-tracked",
                parcel=Parcel(weight_g=1250), reference="CMD-42")
    base.update(kw)
    return ShipmentDraft(**base)


def test_submit_numbers_saves_queues_sends_and_marks_printed():
    bench = Bench()
    result = bench.op.submit(draft(save_contact=True), TARGETS)
    s = result.shipment
    assert is_valid_s10(s.tracking_number) and s.tracking_number.startswith("LD")
    assert s.status is ShipmentStatus.PRINTED and s.printed_at is not None and result.printed
    assert bench.shipments.get(s.id) == s and bench.uow.commits == 1
    assert bench.printer.sent == [(f"zpl203:{s.tracking_number}".encode(),
                                   f"{s.tracking_number}-label.zpl")]
    job = bench.jobs.get(result.label.id)
    assert (job.outcome, job.claimed_by, job.output) == (
        JobOutcome.SENT, "here:1", f"memory://test/{s.tracking_number}-label.zpl")
    assert result.contact.address == RECIPIENT and s.contact_id == result.contact.id
    assert result.changes.contacts and result.changes.shipments


def test_check_is_submit_without_side_effects_and_predicts_the_number():
    bench = Bench()
    dry = bench.op.check(draft(save_contact=True), TARGETS)
    assert dry.dry_run and dry.shipment.id is None and bench.stored_nothing
    assert [j.kind for j in dry.jobs] == ["label"] and dry.jobs[0].payload  # rendered anyway
    real = bench.op.submit(draft(save_contact=True), TARGETS)
    assert real.shipment.tracking_number == dry.shipment.tracking_number
    again = bench.op.check(draft(), TARGETS)
    assert again.shipment.tracking_number != real.shipment.tracking_number


def test_two_shipments_never_share_a_number():
    bench = Bench()
    a = bench.op.submit(draft(), TARGETS).shipment
    b = bench.op.submit(draft(), TARGETS).shipment
    assert a.tracking_number != b.tracking_number


@pytest.mark.parametrize("change,field,rule", [
    (dict(parcel=Parcel(weight_g=0)), "parcel.weight_g", "positive"),
    (dict(parcel=Parcel(weight_g=-5)), "parcel.weight_g", "positive"),
    (dict(parcel=Parcel(weight_g=2_001)), "parcel.weight_g", "max_weight"),
    (dict(service_id="pigeon"), "service", "unknown_service"),
    (dict(reference="R" * 36), "reference", "max_length"),
    (dict(sender=None), "sender", "required"),
    (dict(recipient=Address(name="X", street="1 rue", city="Paris", country="FR")),
     "recipient.postcode", "required"),
])
def test_refusals_name_the_field_store_nothing_and_check_agrees(change, field, rule):
    bench = Bench()
    with pytest.raises(ValidationFailed) as submitted:
        bench.op.submit(draft(save_contact=True, **change), TARGETS)
    with pytest.raises(ValidationFailed) as checked:
        bench.op.check(draft(save_contact=True, **change), TARGETS)
    assert (field, rule) in {(v.field, v.rule) for v in submitted.value.violations}
    assert submitted.value.violations == checked.value.violations
    assert bench.stored_nothing


def test_problems_found_by_the_form_come_back_with_the_rest():
    bench = Bench()
    _, problems = ShipmentOptions.parse({"insurance_eur": "beaucoup", "colour": "red"})
    with pytest.raises(ValidationFailed) as err:
        bench.op.submit(draft(problems=tuple(problems), reference="R" * 36), TARGETS)
    assert {(v.field, v.rule) for v in err.value.violations} >= {
        ("options.insurance_eur", "not_a_decimal"), ("options.colour", "unknown_key"),
        ("reference", "max_length")}


def test_a_failure_inside_the_transaction_leaves_nothing_not_even_a_number():
    bench = Bench(fail_render=True)
    with pytest.raises(RuntimeError):
        bench.op.submit(draft(save_contact=True), TARGETS)
    assert bench.stored_nothing and bench.uow.commits == 0


def test_printer_failure_keeps_the_shipment_as_a_draft_and_reprint_sends_identical_bytes():
    bench = Bench(RecordingPrinter(fail=ConnectionRefusedError("refused")))
    result = bench.op.submit(draft(), PrintTargets("tcp://10.0.0.9:9100", LabelFormat.ZPL300))
    assert not result.printed and "refused" in result.label.error
    assert result.label.outcome is JobOutcome.FAILED
    assert bench.shipments.get(result.shipment.id).status is ShipmentStatus.DRAFT
    bench.printer.fail = None
    again = bench.shipping.print_again(result.shipment.id, "memory://", LabelFormat.ZPL300)
    assert again.ok and again.job.reprint_of == result.label.id
    assert again.job.payload == result.label.payload
    assert bench.shipments.get(result.shipment.id).status is ShipmentStatus.PRINTED


def test_a_printer_not_ready_gets_no_bytes_the_job_stays_queued_then_prints_once():
    bench = Bench(RecordingPrinter(status=PrinterStatus(False, "paper out")))
    result = bench.op.submit(draft(), TARGETS)
    assert bench.printer.sent == [] and not result.printed
    assert result.label.outcome is JobOutcome.QUEUED and "paper out" in result.label.error
    assert result.shipment.status is ShipmentStatus.DRAFT and result.shipment.id is not None
    assert bench.printing.waiting() == [bench.jobs.get(result.label.id)]
    assert bench.printing.retry()[0].outcome is JobOutcome.QUEUED  # still no paper
    bench.printer.ready = PrinterStatus(True, "ready")
    assert [j.outcome for j in bench.printing.retry()] == [JobOutcome.SENT]
    assert bench.printing.retry() == [] and len(bench.printer.sent) == 1
    assert bench.shipments.get(result.shipment.id).status is ShipmentStatus.PRINTED


def test_a_batch_waits_behind_its_first_job_and_resumes_in_order():
    bench = Bench(RecordingPrinter(status=PrinterStatus.offline("timeout")))
    first = bench.op.submit(draft(), TARGETS)
    second = bench.op.submit(draft(), TARGETS)
    waiting = bench.printing.retry()
    assert [j.id for j in waiting] == [first.label.id, second.label.id]
    assert "behind job" in waiting[1].error and bench.printer.sent == []
    bench.printer.ready = PrinterStatus(True, "ready")
    bench.printing.retry()
    assert [p for p, _name in bench.printer.sent] == [first.label.payload, second.label.payload]


def test_printed_only_when_every_document_came_out():
    def forms(shipment):
        return [("CN23", f"{shipment.tracking_number}-cn23.pdf", b"%PDF-cn23"),
                ("invoice", f"{shipment.tracking_number}-invoice.pdf", b"%PDF-invoice")]

    class FormsFail(RecordingPrinter):
        def send(self, payload, job_name=""):
            if payload.startswith(b"%PDF-inv"):
                raise OSError("tray empty")
            return super().send(payload, job_name)

    bench = Bench(FormsFail(), customs_documents=forms)
    result = bench.op.submit(draft(), TARGETS)
    assert [(j.kind, j.outcome) for j in result.jobs] == [
        ("label", JobOutcome.SENT), ("cn23", JobOutcome.SENT), ("invoice", JobOutcome.FAILED)]
    assert result.shipment.status is ShipmentStatus.DRAFT and not result.printed
    bench.printer.__class__ = RecordingPrinter  # the tray is filled
    bench.shipping.print_again(result.shipment.id, "memory://test", LabelFormat.ZPL203)
    assert bench.shipments.get(result.shipment.id).status is ShipmentStatus.PRINTED


def test_colissimo_pre_paid_numbers_are_scanned_never_invented_nor_used_twice():
    bench = Bench()
    domestic = dict(service_id="colissimo-domicile-france", recipient=DOMESTIC)
    with pytest.raises(ValidationFailed) as err:
        bench.op.submit(draft(**domestic), TARGETS)
    assert ("tracking_number", "form_number_required") in {
        (v.field, v.rule) for v in err.value.violations}
    with pytest.raises(ValidationFailed):
        bench.op.submit(draft(**domestic, tracking_number="6A1598404033"), TARGETS)
    done = bench.op.submit(draft(**domestic, tracking_number="6a 1598 4040 331"), TARGETS)
    assert done.shipment.tracking_number == "6A15984040331"
    # The same form scanned again: refused by check and by submit, and the contact the
    # clerk asked to save is not stored either (one transaction).
    for run in (bench.op.check, bench.op.submit):
        with pytest.raises(ValidationFailed) as twice:
            run(draft(**domestic, tracking_number="6A15984040331", save_contact=True), TARGETS)
        assert [(v.field, v.rule) for v in twice.value.violations] == [
            ("tracking_number", "form_number_used")]
    assert bench.contacts.rows == {} and len(bench.shipments.rows) == 1


def test_a_carrier_range_gives_the_numbers_and_warns_when_low():
    bench = Bench(carrier_range=False)
    bench.ranges.ensure(NumberRange("carrier-delivengo-profil-tracked", "CX", 500, 502,
                                    low_water=2))
    assert [w.rule for w in bench.op.check(draft(), TARGETS).warnings] == ["range_low"]
    first = bench.op.submit(draft(), TARGETS)
    assert first.shipment.tracking_number == make_s10("CX", 500)
    assert [w.rule for w in first.warnings] == ["range_low"]


@pytest.mark.parametrize("service_id,rule", [
    ("delivengo-profil-tracked", "number_source_missing"),  # no API, no carrier range
    ("delivengo-profil-untracked", "number_source_missing"),
    ("colissimo-expert-international", "form_number_required"),  # its pre-paid form
    ("novapost-parcel", "number_source_missing"),
])
def test_with_no_carrier_source_nothing_is_numbered(service_id, rule):
    bench = Bench(carrier_range=False)
    for run in (bench.op.check, bench.op.submit):
        with pytest.raises(ValidationFailed) as err:
            run(draft(service_id=service_id), TARGETS)
        assert ("tracking_number", rule) in {(v.field, v.rule) for v in err.value.violations}
    assert bench.stored_nothing and bench.ranges.ranges == {}


def test_the_sender_profiles_eori_goes_on_the_declaration_unless_it_has_one():
    decl = CustomsDeclaration(category="sale_of_goods", items=(
        CustomsItem("Leather handbag", 1, 700, Decimal("1200.00"), "EUR", "420221", "FR"),))
    assert draft(customs=decl).to_shipment().customs.sender_customs_reference == SENDER.eori
    own = replace(decl, sender_customs_reference="FR99999999999")
    assert draft(customs=own).to_shipment().customs.sender_customs_reference == "FR99999999999"
    no_eori = replace(SENDER, eori="")
    assert draft(customs=decl, sender=no_eori).to_shipment().customs.sender_customs_reference == ""


def test_an_existing_contact_is_updated_with_its_note_kept():
    from desktop.domain.shipment import Contact

    bench = Bench()
    kept = bench.contacts.add(Contact(replace(RECIPIENT, phone="+380440000000"), note="VIP"))
    result = bench.op.submit(draft(contact_id=kept.id, save_contact=True), TARGETS)
    assert bench.contacts.get(kept.id) == Contact(RECIPIENT, id=kept.id, note="VIP")
    assert result.shipment.contact_id == kept.id and len(bench.contacts.rows) == 1


def test_status_moves_only_forward():
    bench = Bench()
    s = bench.op.submit(draft(), TARGETS).shipment
    deposited, _ = bench.shipping.set_status(s.id, ShipmentStatus.DEPOSITED)
    assert deposited.deposited_at is not None
    with pytest.raises(ValidationFailed):
        bench.shipping.set_status(s.id, ShipmentStatus.VOIDED)


def test_recovery_resends_queued_jobs_and_asks_about_interrupted_ones():
    bench = Bench()
    s = bench.shipments.add(draft().to_shipment())
    queued = bench.printing.enqueue(PrintJob("memory://test", LabelFormat.ZPL203, b"^XA1^XZ",
                                             shipment_id=s.id, job_name="one.zpl"))
    interrupted = bench.printing.enqueue(PrintJob("memory://test", LabelFormat.PDF, b"%PDF",
                                                  kind="cn23", shipment_id=s.id))
    bench.jobs.claim(interrupted.id, "there:99")  # its process was killed while sending
    alive = {"there:99": False}
    printing = PrintJobService(bench.jobs, lambda url, fmt: bench.printer, FixedClock(
        datetime(2026, 11, 23, 11, 0, tzinfo=UTC)), shipments=bench.shipments, owner="here:2",
        owner_alive=lambda owner: alive.get(owner, True))
    recovery = printing.recover()
    assert [j.id for j in recovery.awaiting] == [interrupted.id]
    assert [(j.id, j.outcome) for j in recovery.resent] == [(queued.id, JobOutcome.SENT)]
    assert bench.printer.sent == [(b"^XA1^XZ", "one.zpl")]  # the interrupted one is not resent
    assert bench.shipments.get(s.id).status is ShipmentStatus.DRAFT  # the CN 23 is unsure
    assert printing.recover().resent == ()  # nothing twice
    printing.confirm(interrupted.id, printed=True)
    assert bench.jobs.get(interrupted.id).outcome is JobOutcome.SENT
    assert bench.shipments.get(s.id).status is ShipmentStatus.PRINTED
    assert len(bench.printer.sent) == 1


def test_a_job_the_clerk_says_did_not_print_is_sent_again_once():
    bench = Bench()
    s = bench.shipments.add(draft().to_shipment())
    job = bench.printing.enqueue(PrintJob("memory://test", LabelFormat.PDF, b"%PDF-L",
                                          shipment_id=s.id))
    bench.jobs.claim(job.id, "there:99")
    bench.jobs.set_outcome(job.id, JobOutcome.AWAITING_CONFIRMATION)
    again = bench.printing.confirm(job.id, printed=False)
    assert again.ok and again.job.reprint_of == job.id and again.job.payload == b"%PDF-L"
    assert bench.jobs.get(job.id).outcome is JobOutcome.FAILED
    assert bench.shipments.get(s.id).status is ShipmentStatus.PRINTED
    assert bench.printing.confirm(job.id, printed=False).changes.print_jobs is False
    assert len(bench.printer.sent) == 1


def test_a_printer_that_cannot_be_asked_still_prints_and_an_unconfirmed_job_waits():
    class Unconfirmed(OSError):
        maybe_printed = True  # as devices.transports.DeliveryUnconfirmed

    bench = Bench(RecordingPrinter(status=PrinterStatus.unknown("no status channel")))
    result = bench.op.submit(draft(), TARGETS)
    assert result.printed and len(bench.printer.sent) == 1
    assert "unconfirmed" in result.label.error

    bench = Bench(RecordingPrinter(fail=Unconfirmed("no answer after the job")))
    result = bench.op.submit(draft(), TARGETS)
    assert result.label.outcome is JobOutcome.AWAITING_CONFIRMATION
    assert result.shipment.status is ShipmentStatus.DRAFT
    assert bench.printing.awaiting_confirmation() == [bench.jobs.get(result.label.id)]

    bench = Bench(RecordingPrinter(status=PrinterStatus.offline("timeout")))
    result = bench.op.submit(draft(), TARGETS)
    assert result.label.outcome is JobOutcome.QUEUED and bench.printer.sent == []
    assert bench.printing.retry([result.label.id])[0].outcome is JobOutcome.QUEUED
