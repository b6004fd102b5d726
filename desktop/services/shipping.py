"""The counter use case: validate → number → save → render → print → mark printed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from desktop.domain.carriers.catalogue import Catalogue, Service
from desktop.domain.carriers.deposit import label_expiry
from desktop.domain.carriers.numbers import range_name, range_warning
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.ports import Clock, LabelRenderer, Shipments, TrackingRanges
from desktop.domain.printing import LabelFormat, PrintJob
from desktop.domain.shipment import Shipment, ShipmentStatus
from desktop.domain.tracking import RANGE_LOW_WATER, S10_LAST_SERIAL, NumberRange, normalise
from desktop.services.changes import Changes
from desktop.services.print_jobs import PrintJobService, PrintOutcome, label_job_name
from desktop.services.validation import ShipmentCheck, errors_of, validate_shipment, warnings_of

LabelBuilder = Callable[[Shipment, Service, str], object]  # → LabelSpec
RangeFor = Callable[[Service], NumberRange]
# The customs documents a numbered shipment needs: [(kind, filename, PDF bytes)], empty when
# no declaration is needed (desktop.services.customs_forms plans them).
CustomsDocuments = Callable[[Shipment], list[tuple[str, str, bytes]]]


def local_range(service: Service, first: int = 1, last: int = S10_LAST_SERIAL,
                country: str = "FR", low_water: int = RANGE_LOW_WATER) -> NumberRange:
    """The default local S10 range of a service until carrier ranges are configured."""
    return NumberRange(name=f"local-{service.tracking_prefix}", prefix=service.tracking_prefix or "XX",
                       first=first, last=last, country=country, low_water=low_water)


def carrier_or_local_range(ranges: TrackingRanges, local: RangeFor) -> RangeFor:
    """A carrier-assigned range (stored as `carrier-<service id>`) wins over the local one."""
    def pick(service: Service) -> NumberRange:
        wanted = range_name(service.id)
        for r in ranges.list():
            if r.name == wanted:
                return r
        return local(service)
    return pick


@dataclass(frozen=True)
class ShipResult:
    shipment: Shipment
    print: PrintOutcome | None
    warnings: tuple[Violation, ...]
    changes: Changes
    forms: tuple[PrintOutcome, ...] = ()  # CN22/CN23 and invoice jobs, when needed

    @property
    def printed(self) -> bool:
        return self.print is not None and self.print.ok


class ShippingService:
    def __init__(self, *, shipments: Shipments, ranges: TrackingRanges, catalogue: Catalogue,
                 renderer: LabelRenderer, label_builder: LabelBuilder,
                 printing: PrintJobService, clock: Clock, range_for: RangeFor = local_range,
                 extra_checks: Iterable[ShipmentCheck] = (), lang: str = "fr",
                 customs_documents: CustomsDocuments | None = None):
        self._shipments, self._ranges, self._catalogue = shipments, ranges, catalogue
        self._renderer, self._build_label, self._printing = renderer, label_builder, printing
        self._clock, self._range_for, self._lang = clock, range_for, lang
        self._customs_documents = customs_documents
        self.extra_checks: list[ShipmentCheck] = list(extra_checks)

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    def validate(self, shipment: Shipment) -> list[Violation]:
        return validate_shipment(shipment, self._catalogue, self.extra_checks)

    def ship(self, shipment: Shipment, printer: str, fmt: LabelFormat,
             forms_printer: str | None = None) -> ShipResult:
        """Refuses (ValidationFailed, nothing stored) or stores the shipment and prints it,
        then its customs documents (PDF) on `forms_printer` (default: the label printer).

        A printer failure does not lose the shipment: it stays a draft with its number and
        its rendered label, ready to be printed again from the history.
        """
        violations = self.validate(shipment)
        if errors_of(violations):
            raise ValidationFailed(errors_of(violations))
        service = self._catalogue.get(shipment.service_id)
        number = shipment.tracking_number and normalise(shipment.tracking_number)
        warnings = list(warnings_of(violations))
        if not number:  # validation guarantees an S10 service here
            wanted = self._range_for(service)
            self._ranges.ensure(wanted)
            number = self._ranges.allocate(wanted.name)
            low = range_warning(self._ranges.get(wanted.name))
            if low is not None:
                warnings.append(replace(low, severity="warning"))
        now = self._clock.now()
        saved = self._shipments.add(replace(shipment, tracking_number=number,
                                            status=ShipmentStatus.DRAFT, created_at=now,
                                            updated_at=now))
        outcome = self._print_label(saved, service, printer, fmt)
        forms: tuple[PrintOutcome, ...] = ()
        if outcome.ok:
            saved = self._shipments.update(saved.moved_to(ShipmentStatus.PRINTED, self._clock.now()))
            forms = self._print_forms(saved, forms_printer or printer)
        return ShipResult(saved, outcome, tuple(warnings),
                          Changes(shipments=True, print_jobs=True), forms)

    def _print_forms(self, shipment: Shipment, printer: str) -> tuple[PrintOutcome, ...]:
        if self._customs_documents is None:
            return ()
        outcomes = []
        for kind, filename, payload in self._customs_documents(shipment):
            job = PrintJob(printer=printer, format=LabelFormat.PDF, payload=payload,
                           kind=kind.lower(), shipment_id=shipment.id)
            outcomes.append(self._printing.send(job, filename))
        return tuple(outcomes)

    def print_again(self, shipment_id: int, printer: str, fmt: LabelFormat) -> PrintOutcome:
        """Prints a stored shipment's label; an earlier label of that format is resent as is."""
        shipment = self._shipments.get(shipment_id)
        previous = [j for j in self._printing.history(shipment_id)
                    if j.kind == "label" and j.format is fmt]
        if previous:
            outcome = self._printing.reprint(previous[0].id, printer)
        else:
            outcome = self._print_label(shipment, self._catalogue.get(shipment.service_id),
                                        printer, fmt)
        if outcome.ok and shipment.status is ShipmentStatus.DRAFT:
            self._shipments.update(shipment.moved_to(ShipmentStatus.PRINTED, self._clock.now()))
        return replace(outcome, changes=outcome.changes | Changes(shipments=True))

    def render_label(self, shipment: Shipment, fmt: LabelFormat) -> bytes:
        spec = self._build_label(shipment, self._catalogue.get(shipment.service_id), self._lang)
        return self._renderer.render(spec, fmt)

    def deposit_warnings(self, shipment_id: int) -> list[Violation]:
        """What the clerk must know before handing the parcel over (expired label …)."""
        shipment = self._shipments.get(shipment_id)
        service = self._catalogue.get(shipment.service_id)
        expired = label_expiry(service, shipment.created_at, self._clock.now().date())
        return [expired] if expired else []

    def set_status(self, shipment_id: int, status: ShipmentStatus) -> tuple[Shipment, Changes]:
        shipment = self._shipments.get(shipment_id)
        updated = self._shipments.update(shipment.moved_to(status, self._clock.now()))
        return updated, Changes(shipments=True)

    def _print_label(self, shipment: Shipment, service: Service, printer: str,
                     fmt: LabelFormat) -> PrintOutcome:
        payload = self.render_label(shipment, fmt)
        job = PrintJob(printer=printer, format=fmt, payload=payload, kind="label",
                       shipment_id=shipment.id)
        return self._printing.send(job, label_job_name(shipment.tracking_number or "label",
                                                       "label", fmt))
