"""The one counter operation: submit a `ShipmentDraft` (GUI Print, `comptoir ship`, batch).

    validate → number (scanned form, carrier range) → save shipment (and the recipient contact) → render the label and
    the customs forms → record their print jobs `queued`         … one unit of work
    then send each job (printer status first) → `printed` once every document was sent

Everything up to the queued jobs happens in ONE transaction: a refusal, a rendering error
or a killed process leaves nothing, not even a used number; after the commit the shipment,
its number and the exact bytes of each document are stored, and a job that could not be
sent stays in the journal with its reason (resumed at the next start, or reprinted).

`check` is the same path without side effects (dry run): the same validation, the number
the range would give (read, not taken), the documents rendered and thrown away, so `check`
cannot say yes where `submit` says no.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from desktop.domain.address import validate_address
from desktop.domain.carriers.catalogue import Catalogue, Service
from desktop.domain.carriers.number_source import CARRIER_API, form_first, pick_source
from desktop.domain.carriers.numbers import range_warning
from desktop.domain.connectors import ErrorKind
from desktop.domain.draft import ShipmentDraft
from desktop.domain.errors import (
    AlreadySaved,
    NotFound,
    ValidationFailed,
    Violation,
    unique_violations,
)
from desktop.domain.messages import OUTBOX_STANDING
from desktop.domain.ports import AddressBook, Clock, Shipments, TrackingRanges, UnitOfWork
from desktop.domain.printing import JobOutcome, LabelFormat, PrintJob
from desktop.domain.shipment import (
    Contact,
    Shipment,
    ShipmentStatus,
    as_new_draft,
    number_already_used,
    shipment_name,
)
from desktop.domain.tracking import make_s10, normalise
from desktop.services.changes import Changes
from desktop.services.print_jobs import PrintJobService, label_job_name
from desktop.services.shipping import RangeFor, carrier_range
from desktop.services.validation import ShipmentCheck, errors_of, validate_shipment, warnings_of

LabelRender = Callable[[Shipment, LabelFormat], bytes]
# The customs documents a numbered shipment needs: [(kind, filename, PDF bytes)], empty when
# no declaration is needed (desktop.services.customs_forms plans them).
CustomsDocuments = Callable[[Shipment], list[tuple[str, str, bytes]]]


@dataclass(frozen=True)
class PrintTargets:
    """Where the documents go: the label printer and its format, the customs forms printer
    (PDF; default: the label printer)."""

    printer: str
    format: LabelFormat
    forms_printer: str | None = None


@dataclass(frozen=True)
class Submitted:
    """What a submit (or its dry run) produced, and what changed."""

    shipment: Shipment
    jobs: tuple[PrintJob, ...]  # the label first, then the customs forms
    warnings: tuple[Violation, ...]
    changes: Changes
    contact: Contact | None = None  # the address-book entry saved with the parcel
    dry_run: bool = False
    # Saved, its number to come from the carrier's web service: waits in the outbox
    # (`comptoir submit` sends it) when the carrier did not answer at once.
    awaiting_carrier: bool = False
    carrier_error: object = None  # the CarrierError of the last attempt, if any

    @property
    def label(self) -> PrintJob | None:
        return next((j for j in self.jobs if j.kind == "label"), None)

    @property
    def carrier_refused(self) -> bool:
        """The carrier refused the fields (nothing created there): correct and send again."""
        e = self.carrier_error
        return (e is not None and getattr(e, "kind", None) == ErrorKind.PERMANENT
                and not getattr(e, "outcome_unknown", False))

    @property
    def forms(self) -> tuple[PrintJob, ...]:
        return tuple(j for j in self.jobs if j.kind != "label")

    @property
    def printed(self) -> bool:
        """Every document came out (the shipment is then `printed`)."""
        return bool(self.jobs) and all(j.outcome is JobOutcome.SENT for j in self.jobs)


@dataclass(frozen=True)
class Reopened:
    """A shipment its carrier refused, back at the counter to be corrected: the stored
    shipment as a draft (the same parcel: its contents confirmation is kept) and the
    carrier's refusal on our fields. Print then calls `resubmit_refused(shipment_id, …)`:
    the same shipment and idempotency key, never a second record."""

    shipment_id: int
    draft: Shipment  # no id, number nor dates (`as_new_draft`)
    violations: tuple[Violation, ...]  # the carrier's refusal, by our field paths
    carrier: str

    @property
    def name(self) -> str:
        """The recipient and the reference, as the clerk knows the shipment."""
        return shipment_name(self.draft)


class CounterOperation:
    def __init__(self, *, uow: UnitOfWork, shipments: Shipments, ranges: TrackingRanges,
                 contacts: AddressBook, printing: PrintJobService, catalogue: Catalogue,
                 render_label: LabelRender, clock: Clock, range_for: RangeFor | None = None,
                 extra_checks: Iterable[ShipmentCheck] = (),
                 customs_documents: CustomsDocuments | None = None,
                 carrier_mode: Callable[[str], str] = lambda carrier: "off",
                 outbox=None):
        """`range_for`: the carrier-assigned range of a service, or None (default: the
        stored `carrier-<service id>` range). `carrier_mode(carrier)`: "api" (its web service),
        "demo" (the in-process demo carrier), or another mode (no API); `outbox`: desktop.services.carrier_outbox.OutboxService."""
        self._uow, self._shipments, self._ranges = uow, shipments, ranges
        self._contacts, self._printing, self._catalogue = contacts, printing, catalogue
        self._render_label, self._clock = render_label, clock
        self._range_for = range_for or carrier_range(ranges)
        self._carrier_mode, self._outbox = carrier_mode, outbox
        self._customs_documents = customs_documents
        self.extra_checks: list[ShipmentCheck] = list(extra_checks)

    # -- the verdict, shared by submit and check -------------------------------------------
    def violations(self, draft: ShipmentDraft) -> list[Violation]:
        """Every problem (errors and warnings) of the draft, as submit would find them."""
        shipment = draft.to_shipment()
        problems = list(draft.problems)
        if draft.sender is None:
            problems.append(Violation("sender", "required"))
        own = {v.field for v in problems}
        found = [v for v in validate_shipment(shipment, self._catalogue, self.extra_checks)
                 if v.field not in own]
        if any(v.field == "sender" for v in problems):  # no profile: no details about it
            found = [v for v in found if not v.field.startswith("sender.")]
        source = self._source(shipment)
        if isinstance(source, Violation) and not any(
                v.field == "tracking_number" for v in problems + found):
            found.append(source)
        if draft.weighing is not None:
            problems += draft.weighing.problems()
        if draft.save_contact:
            found += [replace(v, field=f"recipient.{v.field}")
                      for v in validate_address(shipment.recipient.cleaned())]
        return unique_violations([*problems, *found])

    def needs_form_number(self, service_id: str) -> bool:
        """The service's number is scanned from the carrier's pre-paid form [C 5.3]."""
        return self._catalogue.has(service_id or "") and form_first(
            self._catalogue.get(service_id))

    def _source(self, shipment: Shipment) -> str | Violation | None:
        if not self._catalogue.has(shipment.service_id or ""):
            return None
        service = self._catalogue.get(shipment.service_id)
        return pick_source(service, scanned=bool(shipment.tracking_number),
                           api_mode=self._carrier_mode(service.carrier)
                           if self._outbox is not None else "off",
                           has_range=self._range_for(service) is not None)

    # -- the operation ---------------------------------------------------------------------
    def submit(self, draft: ShipmentDraft, targets: PrintTargets, *,
               also: Callable[[Shipment], None] | None = None,
               draft_key: str | None = None) -> Submitted:
        """Refuses (ValidationFailed: nothing stored, no number taken) or stores the shipment
        with its queued documents in one transaction, then sends them. `also(saved)` runs in
        that same transaction (the work list marks its draft done there: a stop never leaves
        a printed draft still to do, nor a done draft without its shipment).

        `draft_key` (an offline journal entry's key) is stored on the shipment, once: when a
        shipment already has it, the save committed before (and its journal entry outlived
        it), so that shipment is returned and nothing is saved, numbered or printed again."""
        if draft_key is not None:
            done = self._shipments.find_by_draft_key(draft_key)
            if done is not None:  # before validating: its own form number would refuse it
                return self._already_saved(done)
        try:
            return self._submit(draft, targets, also, draft_key)
        except AlreadySaved as replay:  # the same key saved meanwhile (the index refused it)
            return self._already_saved(replay.shipment)

    def _already_saved(self, shipment: Shipment) -> Submitted:
        """The replay of a draft saved before: its shipment and documents as they are now
        (documents still queued are sent by the print queue, as after any restart)."""
        jobs = tuple(self._printing.history(shipment.id))
        return Submitted(shipment, jobs, (), Changes(shipments=True, print_jobs=True),
                         awaiting_carrier=not shipment.tracking_number)

    def _submit(self, draft: ShipmentDraft, targets: PrintTargets,
                also: Callable[[Shipment], None] | None, draft_key: str | None) -> Submitted:
        shipment, service, warnings = self._admitted(draft)
        shipment = replace(shipment, draft_key=draft_key)
        if self._source(shipment) == CARRIER_API:
            return self._submit_to_carrier(draft, shipment, service, targets, warnings, also)
        with self._uow.transaction():
            number, low = self._number(shipment, service, take=True)
            contact = self._save_contact(draft) if draft.save_contact else None
            now = self._clock.now()
            saved = self._shipments.add(replace(
                shipment, tracking_number=number, status=ShipmentStatus.DRAFT, created_at=now,
                updated_at=now, contact_id=contact.id if contact else shipment.contact_id))
            queued = [self._printing.enqueue(job)
                      for job in self._documents(saved, targets)]
            if also is not None:
                also(saved)
        self._printing.dispatch(queued)  # after the commit: the bytes are safe first
        final = self._shipments.get(saved.id)
        jobs = tuple(self._printing.get(j.id) for j in queued)
        return Submitted(final, jobs, tuple(warnings + low),
                         Changes(shipments=True, print_jobs=True, contacts=contact is not None),
                         contact)

    def _submit_to_carrier(self, draft: ShipmentDraft, shipment: Shipment, service: Service,
                           targets: PrintTargets, warnings: list[Violation],
                           also: Callable[[Shipment], None] | None = None) -> Submitted:
        """Saved without a number with its outbox entry (one transaction), then sent to the
        carrier at once; the carrier's label prints when its number arrives."""
        with self._uow.transaction():
            contact = self._save_contact(draft) if draft.save_contact else None
            now = self._clock.now()
            saved = self._shipments.add(replace(
                shipment, tracking_number=None, status=ShipmentStatus.DRAFT, created_at=now,
                updated_at=now, contact_id=contact.id if contact else shipment.contact_id))
            self._outbox.add(saved, service.carrier, targets.printer, targets.format,
                             targets.forms_printer or "")
            if also is not None:
                also(saved)
        return self._sent(saved.id, targets, warnings, contact)

    def _sent(self, shipment_id: int, targets: PrintTargets, warnings: list[Violation],
              contact: Contact | None) -> Submitted:
        """Sends the stored shipment to its carrier at once; its label prints on arrival."""
        sent = self._outbox.send_shipment(shipment_id)
        final = self._shipments.get(shipment_id)
        jobs = sent.jobs if sent is not None else ()
        changes = Changes(shipments=True, print_jobs=bool(jobs), contacts=contact is not None)
        return Submitted(final, tuple(jobs), tuple(warnings), changes, contact,
                         awaiting_carrier=not final.tracking_number,
                         carrier_error=sent.error if sent is not None else None)

    def resubmit_refused(self, shipment_id: int, draft: ShipmentDraft,
                         targets: PrintTargets) -> Submitted:
        """The carrier refused the shipment's fields (its outbox entry is `refused`: nothing
        was created there). The corrected draft replaces the stored shipment, same id and
        same idempotency key, and is sent again: one shipment, never a second record. A draft
        now for another carrier (or an entry no longer refused) is an ordinary submit."""
        shipment, service, warnings = self._admitted(draft)
        entry = self._outbox.for_shipment(shipment_id) if self._outbox is not None else None
        if entry is not None and not self._outbox.is_refused(entry):
            # Corrected meanwhile (another bench) or created: a second record would be a
            # second parcel.
            raise ValidationFailed([self._not_refused(self._shipments.get(shipment_id), entry)])
        if (entry is None or self._source(shipment) != CARRIER_API
                or service.carrier != entry.carrier):
            return self.submit(draft, targets)
        with self._uow.transaction():
            contact = self._save_contact(draft) if draft.save_contact else None
            old = self._shipments.get(shipment_id)
            self._shipments.update(replace(
                shipment, id=old.id, tracking_number=None, status=old.status,
                created_at=old.created_at, updated_at=self._clock.now(),
                contact_id=contact.id if contact else shipment.contact_id))
            self._outbox.reopen(entry, targets.printer, targets.format,
                                targets.forms_printer or "")
        return self._sent(shipment_id, targets, warnings, contact)

    def reopen_refused(self, shipment_id: int) -> Reopened:
        """What the counter needs to correct a shipment its carrier refused after the
        counter let it go (the automatic pass, `comptoir submit`): the stored shipment as
        a draft and the carrier's field errors. Refused (ValidationFailed, naming the
        shipment by its recipient and reference) when its entry is no longer `refused`."""
        shipment = self._shipments.get(shipment_id)
        entry = self._outbox.for_shipment(shipment_id) if self._outbox is not None else None
        if entry is None or not self._outbox.is_refused(entry):
            raise ValidationFailed([self._not_refused(shipment, entry)])
        return Reopened(shipment_id, as_new_draft(shipment, keep_confirmation=True),
                        tuple(entry.refusal()), entry.carrier)

    @staticmethod
    def _not_refused(shipment: Shipment, entry) -> Violation:
        standing = OUTBOX_STANDING[entry.state.value if entry is not None else "none"]
        return Violation("shipment", "carrier_not_refused", limit=standing,
                         actual=shipment_name(shipment))

    def check(self, draft: ShipmentDraft, targets: PrintTargets | None = None) -> Submitted:
        """The dry run: refuses exactly as `submit` would, stores, takes and prints nothing."""
        shipment, service, warnings = self._admitted(draft)
        if self._source(shipment) == CARRIER_API:  # the carrier gives number and label
            now = self._clock.now()
            would_be = replace(shipment, tracking_number=None, created_at=now, updated_at=now)
            return Submitted(would_be, (), tuple(warnings), Changes(), None, dry_run=True,
                             awaiting_carrier=True)
        number, low = self._number(shipment, service, take=False)
        now = self._clock.now()
        would_be = replace(shipment, tracking_number=number, created_at=now, updated_at=now)
        jobs = tuple(self._documents(would_be, targets or PrintTargets("", LabelFormat.PDF)))
        return Submitted(would_be, jobs, tuple(warnings + low), Changes(), None, dry_run=True)

    # -- steps -----------------------------------------------------------------------------
    def _admitted(self, draft: ShipmentDraft) -> tuple[Shipment, Service, list[Violation]]:
        violations = self.violations(draft)
        if errors_of(violations):
            raise ValidationFailed(errors_of(violations))
        shipment = draft.to_shipment()
        return shipment, self._catalogue.get(shipment.service_id), warnings_of(violations)

    def _number(self, shipment: Shipment, service: Service,
                take: bool) -> tuple[str, list[Violation]]:
        """The scanned number (refused if already used) or the carrier-assigned range's next one: taken
        inside the transaction, or only read for the dry run. Validation guarantees an S10
        service when no number was scanned."""
        if shipment.tracking_number:
            number = normalise(shipment.tracking_number)
            other = self._shipments.find_by_tracking(number)
            if other is not None:
                raise ValidationFailed([number_already_used(number, other)])
            return number, []
        wanted = self._range_for(service)
        if wanted is None:  # pick_source refused it already; never a number of our own
            raise ValidationFailed([Violation("tracking_number", "number_source_missing",
                                              actual=service.id)])
        if take:
            self._ranges.ensure(wanted)
            number = self._ranges.allocate(wanted.name)
            current = self._ranges.get(wanted.name)
        else:
            try:
                current = self._ranges.get(wanted.name)
            except NotFound:
                current = wanted
            serial = current.first if current.next_serial is None else current.next_serial
            if serial > current.last:
                raise ValidationFailed([Violation("tracking_number", "range_exhausted",
                                                  limit=current.name)])
            number = make_s10(current.prefix, serial, current.country)
            current = replace(current, next_serial=serial + 1)
        low = range_warning(current)
        return number, [replace(low, severity="warning")] if low is not None else []

    def _save_contact(self, draft: ShipmentDraft) -> Contact:
        address = draft.recipient.cleaned()
        if draft.contact_id is not None:
            existing = self._contacts.get(draft.contact_id)
            return self._contacts.update(replace(existing, address=address))
        return self._contacts.add(Contact(address))

    def _documents(self, shipment: Shipment, targets: PrintTargets) -> list[PrintJob]:
        """The label, then the customs forms (PDF), rendered with the shipment's number."""
        number = shipment.tracking_number or "label"
        jobs = [PrintJob(printer=targets.printer, format=targets.format,
                         payload=self._render_label(shipment, targets.format), kind="label",
                         shipment_id=shipment.id,
                         job_name=label_job_name(number, "label", targets.format))]
        if self._customs_documents is not None:
            forms_printer = targets.forms_printer or targets.printer
            for kind, filename, payload in self._customs_documents(shipment):
                jobs.append(PrintJob(printer=forms_printer, format=LabelFormat.PDF,
                                     payload=payload, kind=kind.lower(),
                                     shipment_id=shipment.id, job_name=filename))
        return jobs
