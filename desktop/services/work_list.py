"""The bench's work list (issue 13): imported shop orders, weighed and printed one by one.

Drafts are stored as shipment-file JSON documents (desktop/services/shipment_file.py, the
strict schema of `comptoir ship`): what the import read is what the bench prints. Printing a
draft goes through the one counter operation; the draft is marked done inside the submit's
own transaction, so after a stop (crash, power cut, the clerk closing the window) a draft is
either still to do with no shipment, or done with its shipment and queued print jobs —
never printed twice by resuming the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from desktop.domain.draft import ShipmentDraft, draft_from_shipment
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.ports import Products
from desktop.domain.shipment import SenderProfile
from desktop.domain.weighing import WeightSource
from desktop.domain.work_list import WorkDraft, WorkDrafts
from desktop.services.changes import Changes
from desktop.services.counter_operation import CounterOperation, PrintTargets, Submitted
from desktop.services.csv_files import MAX_FILE_BYTES as MAX_CSV_BYTES
from desktop.services.orders_csv import OrderImportPlan, plan_orders
from desktop.services.shipment_file import parse_shipment, shipment_to_dict
from desktop.services.user_files import read_bounded


@dataclass(frozen=True)
class AtTheBench:
    """What the clerk adds to a draft at the bench: the weight and where it came from, the
    number of the carrier's pre-printed form when the service uses one (scanned, never
    invented), and the prohibited-contents confirmation, given per parcel [C 5.4], [N 9]."""

    weight_g: int
    weighing: WeightSource
    tracking_number: str | None = None
    contents_confirmed: bool = False


_STORED_ONLY = ("id", "status", "created_at", "printed_at", "deposited_at", "voided_at")


class WorkList:
    def __init__(self, drafts: WorkDrafts, counter: CounterOperation, products: Products,
                 default_sender: Callable[[], SenderProfile | None]):
        self._drafts, self._counter, self._products = drafts, counter, products
        self._default_sender = default_sender

    # -- import ------------------------------------------------------------------------------
    def plan_import(self, data: bytes, *, service_id: str, service_abroad: str | None = None,
                    preset: str | None = None) -> OrderImportPlan:
        """The dry run: every order read and checked, nothing stored."""
        return plan_orders(data, self._products, service_id=service_id,
                           service_abroad=service_abroad, preset=preset)

    def plan_import_file(self, path, **options) -> OrderImportPlan:
        """`plan_import` of a file the clerk picked, bounded before it is read."""
        return self.plan_import(read_bounded(path, MAX_CSV_BYTES, too_big="csv_too_big"),
                                **options)

    def commit_import(self, plan: OrderImportPlan) -> tuple[list[WorkDraft], Changes]:
        """Stores a clean plan's orders in one transaction; a plan with problems: nothing."""
        if not plan.ok:
            raise ValidationFailed(plan.problems)
        docs = []
        for order in plan.orders:
            doc = {k: v for k, v in shipment_to_dict(order).items() if k not in _STORED_ONLY}
            doc["parcel"] = {k: v for k, v in doc["parcel"].items() if v}  # not weighed yet
            docs.append(WorkDraft(reference=order.reference, document=doc, source=plan.preset))
        return self._drafts.add_all(docs), Changes(shipments=True)

    # -- the list ----------------------------------------------------------------------------
    def pending(self) -> list[WorkDraft]:
        return self._drafts.listed()

    def all(self) -> list[WorkDraft]:
        return self._drafts.listed(include_done=True)

    def find(self, scanned: str) -> WorkDraft | None:
        """The pending draft whose order number was scanned or typed ('#1001' or '1001')."""
        key = scanned.strip().lstrip("#").strip()
        return next((d for d in self._drafts.listed() if d.reference == key), None)

    def draft(self, item: WorkDraft, bench: AtTheBench | None = None) -> ShipmentDraft:
        """The typed draft of a stored one, with what the bench added."""
        shipment = parse_shipment(item.document, weighed=False)
        if bench is None:
            return draft_from_shipment(shipment, self._default_sender())
        shipment = replace(shipment, parcel=replace(shipment.parcel, weight_g=bench.weight_g),
                           tracking_number=bench.tracking_number or shipment.tracking_number)
        draft = draft_from_shipment(shipment, self._default_sender(),
                                    contents_confirmed=bench.contents_confirmed)
        return replace(draft, weighing=bench.weighing)

    def needs_form_number(self, item: WorkDraft) -> bool:
        """The draft's service takes its number from the carrier's pre-paid form."""
        return self._counter.needs_form_number(str(item.document.get("service", "")))

    # -- printing ----------------------------------------------------------------------------
    def submit(self, item: WorkDraft, bench: AtTheBench, targets: PrintTargets) -> Submitted:
        """Weighs in and prints one draft through the counter operation; the draft is done
        in the same transaction as its shipment (a refusal leaves it pending)."""
        if item.id is None:
            raise ValidationFailed([Violation("draft", "required")])
        current = self._drafts.get(item.id)
        if current.done:
            raise ValidationFailed([Violation("draft", "already_done", actual=item.reference)])
        draft = self.draft(current, bench)
        return self._counter.submit(
            draft, targets, also=lambda saved: self._drafts.mark_done(item.id, saved.id))

    def run(self, items: list[WorkDraft], weigh: Callable[[WorkDraft], AtTheBench],
            targets: PrintTargets, *,
            progress: Callable[[int, int, Submitted], None] | None = None,
            stop: Callable[[], bool] = lambda: False) -> list[Submitted]:
        """A selection printed in order. Drafts already done are skipped, so running the
        same selection again after a stop resumes where it stopped; `weigh(item)` gives
        the weight and its source (the scale when stable, or a typed one), and the rest of
        what the bench adds."""
        done = []
        todo = [i for i in items if i.id is not None]
        for n, item in enumerate(todo, 1):
            if stop():
                break
            if self._drafts.get(item.id).done:
                continue
            result = self.submit(item, weigh(item), targets)
            done.append(result)
            if progress is not None:
                progress(n, len(todo), result)
        return done
