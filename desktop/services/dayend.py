"""Closing the day: the deposit slip of each carrier, the Delivengo items file, then the
parcels marked deposited.

`close_day` prepares the documents, hands them to `publish` (the CLI writes them into a
folder; the GUI will do the same), and only then marks the parcels deposited, all of them in
one transaction. If publishing fails, nothing is marked. If a parcel changed meanwhile (it
was voided, or another station deposited it), the transaction refuses the move and nothing
is marked. Running it again for the same parcels gives the same slip number (nothing
doubled). Once a day is closed, `closed_slips` prints its slips again from the deposited
parcels, one slip per closing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from desktop.domain.carriers.catalogue import Catalogue, Service
from desktop.domain.carriers.deposit import label_expiry
from desktop.domain.carriers.options import REGISTERED_LEVELS, amount
from desktop.domain.carriers.weights import Vignettes
from desktop.domain.deposit_slip import DepositSlip, SlipLine, slip_number, vignette_totals
from desktop.domain.errors import Violation
from desktop.domain.ports import Clock, HistoryQuery, Shipments
from desktop.domain.shipment import Shipment, ShipmentStatus
from desktop.services.changes import Changes

SlipRenderer = Callable[[DepositSlip, str], bytes]  # (slip, lang) → PDF
VignettesOf = Callable[[Shipment], "Vignettes | None"]
Transaction = Callable[[], AbstractContextManager]
PAGE = 500
REPRINT_LOOKBACK_DAYS = 120  # how far back a closed day's parcels may have been created

SLIP = "deposit_slip"
DELIVENGO_ITEMS = "delivengo_items"


@dataclass(frozen=True)
class DayEndDocument:
    kind: str  # SLIP or DELIVENGO_ITEMS
    carrier: str
    filename: str
    payload: bytes
    slip_number: str


@dataclass(frozen=True)
class DayEnd:
    day: date
    slips: tuple[DepositSlip, ...]
    documents: tuple[DayEndDocument, ...]
    warnings: tuple[Violation, ...] = ()
    closed: bool = False  # True: slips of a day already closed, printed again

    @property
    def shipment_ids(self) -> tuple[int, ...]:
        return tuple(i for slip in self.slips for i in slip.shipment_ids)


@dataclass(frozen=True)
class DayEndResult:
    day_end: DayEnd
    deposited: tuple[Shipment, ...] = ()
    changes: Changes = field(default_factory=Changes)


class DayEndService:
    def __init__(self, *, shipments: Shipments, catalogue: Catalogue, clock: Clock,
                 render_slip: SlipRenderer, vignettes_of: VignettesOf | None = None,
                 transaction: Transaction = nullcontext, lang: str = "fr"):
        self._shipments, self._catalogue, self._clock = shipments, catalogue, clock
        self._render, self._vignettes_of = render_slip, vignettes_of
        self._transaction, self._lang = transaction, lang

    # -- reading -------------------------------------------------------------------------
    def pending(self, day: date, carrier: str | None = None) -> list[Shipment]:
        """Printed parcels created on or before `day` (local) and not yet deposited: what goes
        into the bag. Oldest first."""
        found = self._all(HistoryQuery(date_to=day, status=ShipmentStatus.PRINTED))
        return sorted((s for s in found if self._carrier_matches(s, carrier)),
                      key=lambda s: s.id or 0)

    def prepare(self, day: date, carrier: str | None = None,
                accounts: Mapping[str, str] | None = None) -> DayEnd:
        """The slips and files for the pending parcels, without changing anything."""
        parcels = self.pending(day, carrier)
        slips = [self._slip(day, group, accounts or {}) for group in _groups(parcels, self._catalogue)]
        today = self._clock.now().date()
        warnings = []
        for s in parcels:
            expired = label_expiry(self._catalogue.get(s.service_id), s.created_at, today)
            if expired is not None:  # Nova Post labels: 14 days [N 4.3.4]
                warnings.append(_with_number(expired, s))
        drafts = [s for s in self._all(HistoryQuery(date_to=day, status=ShipmentStatus.DRAFT))
                  if self._carrier_matches(s, carrier)]
        if drafts:  # stored but never printed: they cannot go in the bag
            warnings.append(Violation("shipments", "drafts_left", actual=len(drafts),
                                      limit=", ".join(s.tracking_number or str(s.id)
                                                      for s in drafts[:10]),
                                      severity="warning"))
        return DayEnd(day, tuple(slips), self._documents(slips, parcels), tuple(warnings))

    def closed_slips(self, day: date, carrier: str | None = None,
                     accounts: Mapping[str, str] | None = None) -> DayEnd:
        """The slips of parcels already deposited on `day`, one per closing (same stamp)."""
        query = HistoryQuery(date_from=day - timedelta(days=REPRINT_LOOKBACK_DAYS), date_to=day,
                             status=ShipmentStatus.DEPOSITED)
        deposited = [s for s in self._all(query) if s.deposited_at is not None
                     and _local_day(s.deposited_at) == day and self._carrier_matches(s, carrier)]
        by_closing: dict[datetime, list[Shipment]] = {}
        for s in sorted(deposited, key=lambda s: s.id or 0):
            by_closing.setdefault(s.deposited_at, []).append(s)
        slips = [self._slip(day, group, accounts or {})
                 for stamp in sorted(by_closing)
                 for group in _groups(by_closing[stamp], self._catalogue)]
        return DayEnd(day, tuple(slips), self._documents(slips, deposited), closed=True)

    # -- the operation -------------------------------------------------------------------
    def close_day(self, day: date, carrier: str | None = None, *,
                  publish: Callable[[Sequence[DayEndDocument]], None],
                  accounts: Mapping[str, str] | None = None) -> DayEndResult:
        """Slips and files → `publish` → parcels deposited (one transaction)."""
        day_end = self.prepare(day, carrier, accounts)
        if not day_end.slips:
            return DayEndResult(day_end)
        publish(day_end.documents)  # store before the state changes: a failure marks nothing
        now = self._clock.now()
        moved = []
        with self._transaction():
            for shipment_id in day_end.shipment_ids:
                current = self._shipments.get(shipment_id)
                moved.append(self._shipments.update(current.moved_to(ShipmentStatus.DEPOSITED, now)))
        return DayEndResult(day_end, tuple(moved), Changes(shipments=True))

    # -- helpers -------------------------------------------------------------------------
    def _all(self, query: HistoryQuery) -> list[Shipment]:
        out: list[Shipment] = []
        offset = 0
        while True:
            page = self._shipments.search(HistoryQuery(
                text=query.text, date_from=query.date_from, date_to=query.date_to,
                status=query.status, offset=offset, limit=PAGE))
            out += page
            if len(page) < PAGE:
                return out
            offset += PAGE

    def _carrier_matches(self, shipment: Shipment, carrier: str | None) -> bool:
        if not self._catalogue.has(shipment.service_id):
            return False
        return carrier is None or self._catalogue.get(shipment.service_id).carrier == carrier

    def _slip(self, day: date, group: list[Shipment], accounts: Mapping[str, str]) -> DepositSlip:
        first = self._catalogue.get(group[0].service_id)
        vignettes = []
        lines = []
        for s in group:
            service = self._catalogue.get(s.service_id)
            v = self._vignettes_of(s) if self._vignettes_of and service.carrier == "colissimo" \
                else None
            vignettes.append(v)
            lines.append(SlipLine(
                shipment_id=s.id or 0, tracking_number=s.tracking_number or "",
                service_name=service.name(self._lang), recipient=s.recipient.display_name,
                destination=" ".join(x for x in (s.recipient.postcode, s.recipient.city,
                                                 s.recipient.country) if x),
                weight_g=s.parcel.weight_g, options=option_labels(s, service, self._lang),
                postage_vignettes=v.postage if v is not None else None, reference=s.reference,
                weighing=s.weighing.label_fr if s.weighing is not None else ""))
        return DepositSlip(
            number=slip_number(first.carrier, day, group[0].id or 0), carrier=first.carrier,
            carrier_name=first.carrier_name, day=day, sender=group[0].sender,
            account=accounts.get(first.carrier, ""), lines=tuple(lines),
            vignettes=vignette_totals(vignettes) if first.carrier == "colissimo" else {},
            source="[C 5.3, 6]" if first.carrier == "colissimo" else "")

    def _documents(self, slips: Iterable[DepositSlip],
                   parcels: Iterable[Shipment]) -> tuple[DayEndDocument, ...]:
        by_id = {s.id: s for s in parcels}
        docs = []
        for slip in slips:
            docs.append(DayEndDocument(SLIP, slip.carrier, f"{slip.number}.pdf",
                                       self._render(slip, self._lang), slip.number))
            if slip.carrier == "laposte-delivengo":
                items = [by_id[i] for i in slip.shipment_ids]
                docs.append(DayEndDocument(DELIVENGO_ITEMS, slip.carrier,
                                           f"{slip.number}-items.csv",
                                           delivengo_items_csv(items), slip.number))
        return tuple(docs)


def _groups(parcels: list[Shipment], catalogue: Catalogue) -> list[list[Shipment]]:
    """One slip per carrier and sender, in the order the parcels came."""
    groups: dict[tuple, list[Shipment]] = {}
    for s in parcels:
        sender = s.sender.cleaned()
        key = (catalogue.get(s.service_id).carrier, sender.display_name, sender.postcode,
               sender.street)
        groups.setdefault(key, []).append(s)
    return list(groups.values())


def _local_day(when: datetime) -> date:
    return when.astimezone().date() if when.tzinfo else when.date()


def _with_number(v: Violation, shipment: Shipment) -> Violation:
    from dataclasses import replace

    return replace(v, field=f"{shipment.tracking_number or shipment.id} · {v.field}")


_OPTION_TEXT = {"fr": {"signature": "Signature", "ar": "AR", "cod": "CRBT", "ins": "Assurance",
                       "nm": "NM"},
                "en": {"signature": "Signature", "ar": "AR", "cod": "COD", "ins": "Insurance",
                       "nm": "NM"}}


def option_labels(shipment: Shipment, service: Service, lang: str = "fr") -> tuple[str, ...]:
    """The options as the counter clerk reads them on the slip: R2, AR, CRBT 120.00 €…"""
    t = _OPTION_TEXT["fr" if lang == "fr" else "en"]
    o = shipment.options or {}
    out = []
    if service.signature:
        out.append(t["signature"])
    if o.get("registered") in REGISTERED_LEVELS:
        out.append(str(o["registered"]))
    if o.get("advice_of_delivery") is True:
        out.append(t["ar"])
    cod = amount(o.get("cod_eur")) if o.get("cod_eur") else None
    if cod:
        out.append(f"{t['cod']} {cod:.2f} €")
    insurance = amount(o.get("insurance_eur")) if o.get("insurance_eur") else None
    if insurance:
        out.append(f"{t['ins']} {insurance:.0f} €")
    if o.get("non_mechanisable") is True or o.get("shape") in ("roll", "irregular") \
            or o.get("roll") is True:
        out.append(t["nm"])
    if o.get("novapost_variant"):
        out.append(str(o["novapost_variant"]))
    return tuple(out)


DELIVENGO_COLUMNS = ("tracking_number", "reference", "service_id", "recipient_name",
                     "recipient_company", "recipient_lines", "recipient_postcode",
                     "recipient_city", "recipient_country", "recipient_phone",
                     "recipient_email", "weight_g", "customs_category", "contents",
                     "value", "currency")


def delivengo_items_csv(shipments: Iterable[Shipment]) -> bytes:
    """The day's Delivengo items, one row each (UTF-8, comma-separated, header row).

    This is Comptoir's own list of the items handed over, for the shop's records and for the
    deposit. The MyDelivengo platform's import format (the "fichier plat" [D 7.2, 13.3]) is
    the job of the Delivengo connector's mapper, not this file.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(DELIVENGO_COLUMNS)
    for s in shipments:
        r = s.recipient
        items = s.customs.items if s.customs else ()
        writer.writerow([
            s.tracking_number or "", s.reference, s.service_id, r.name, r.company,
            " | ".join(x for x in (r.complement, r.building, r.street, r.locality) if x),
            r.postcode, r.city, r.country, r.phone, r.email, s.parcel.weight_g,
            s.customs.category if s.customs else "",
            "; ".join(f"{i.quantity} x {i.description}" for i in items),
            f"{s.customs.total_value:.2f}" if items else "",
            items[0].currency if items else ""])
    return buf.getvalue().encode("utf-8")
