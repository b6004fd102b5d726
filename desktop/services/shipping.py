"""Stored shipments: print again, status changes, deposit warnings; number ranges.

A new shipment is submitted by `desktop.services.counter_operation` (one operation)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from desktop.domain.carriers.catalogue import Catalogue, Service
from desktop.domain.carriers.deposit import label_expiry
from desktop.domain.carriers.numbers import range_name
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.ports import Clock, LabelRenderer, Shipments, TrackingRanges
from desktop.domain.printing import JobOutcome, LabelFormat, PrintJob
from desktop.domain.retention import ERASED_JOB
from desktop.domain.shipment import Shipment, ShipmentStatus
from desktop.domain.tracking import NumberRange
from desktop.services.changes import Changes
from desktop.services.print_jobs import (
    PrintJobService,
    PrintOutcome,
    erased_refusal,
    label_job_name,
)

LabelBuilder = Callable[[Shipment, Service, str], object]  # → LabelSpec
RangeFor = Callable[[Service], NumberRange | None]


def carrier_range(ranges: TrackingRanges) -> RangeFor:
    """The range the carrier assigned to a service in writing (stored as
    `carrier-<service id>`), or None: Comptoir never makes up a range of its own."""
    def pick(service: Service) -> NumberRange | None:
        wanted = range_name(service.id)
        return next((r for r in ranges.list() if r.name == wanted), None)
    return pick


class ShippingService:
    """What happens to a stored shipment: print again, status, deposit warnings. A new
    shipment goes through `desktop.services.counter_operation` (one operation)."""

    def __init__(self, *, shipments: Shipments, catalogue: Catalogue,
                 renderer: LabelRenderer, label_builder: LabelBuilder,
                 printing: PrintJobService, clock: Clock, lang: str = "fr",
                 carrier_label: Callable[[int], bool] = lambda shipment_id: False):
        """`carrier_label(shipment_id)`: its label is the carrier's (outbox): only those
        bytes are ever printed again, never a label of ours."""
        self._carrier_label = carrier_label
        self._shipments, self._catalogue = shipments, catalogue
        self._renderer, self._build_label, self._printing = renderer, label_builder, printing
        self._clock, self._lang = clock, lang

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    def print_again(self, shipment_id: int, printer: str, fmt: LabelFormat) -> PrintOutcome:
        """Prints a stored shipment's label; an earlier label of that format is resent as is."""
        shipment = self._shipments.get(shipment_id)
        labels = [j for j in self._printing.history(shipment_id) if j.kind == "label"]
        if any(j.error == ERASED_JOB for j in labels):
            # Its recipient was erased: neither its label nor a new one (a label without
            # an address) is printed again.
            raise erased_refusal(shipment.tracking_number or shipment.id)
        previous = [j for j in labels if j.format is fmt]
        if not previous and self._carrier_label(shipment_id):
            previous = labels  # the carrier's bytes, in the format the carrier gave
            if not previous:
                return self._no_carrier_label(shipment)
        if previous:
            outcome = self._printing.reprint(previous[0].id, printer)
        else:
            outcome = self._print_label(shipment, self._catalogue.get(shipment.service_id),
                                        printer, fmt)
        for form in self._unsent_forms(shipment_id):  # a customs form that never came out
            self._printing.reprint(form.id)
        self._printing.settle(shipment_id)  # printed once every document is out
        return replace(outcome, changes=outcome.changes | Changes(shipments=True))

    def _no_carrier_label(self, shipment: Shipment) -> PrintOutcome:
        raise ValidationFailed([Violation("tracking_number", "awaiting_carrier",
                                          actual=shipment.id)])

    def _unsent_forms(self, shipment_id: int) -> list[PrintJob]:
        jobs = self._printing.history(shipment_id)
        sent = {j.reprint_of or j.id for j in jobs if j.outcome is JobOutcome.SENT}
        return [j for j in jobs if j.reprint_of is None and j.kind != "label"
                and j.id not in sent and j.outcome is JobOutcome.FAILED]

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
        name = label_job_name(shipment.tracking_number or "label", "label", fmt)
        job = PrintJob(printer=printer, format=fmt, payload=payload, kind="label",
                       shipment_id=shipment.id, job_name=name)
        return self._printing.send(job, name)
