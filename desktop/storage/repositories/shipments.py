"""Shipments repository (port `Shipments`): snapshots, history search, paging."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import tzinfo

from sqlalchemy import func, or_, select, union_all, update
from sqlalchemy.exc import IntegrityError

from desktop.domain.errors import AlreadySaved, NotFound, ValidationFailed
from desktop.domain.ports import HistoryQuery, TextSearch
from desktop.domain.shipment import Shipment, number_already_used
from desktop.domain.tracking import normalise
from desktop.storage import mapping
from desktop.storage.repositories import history
from desktop.storage.repositories.helpers import get_or_raise
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.sqlite_search import SqliteSearch
from desktop.storage.tables import ContactRow, SenderProfileRow, ShipmentRow
from desktop.storage.text_search import LikeSearch

_PARTIAL_NUMBER = re.compile(r"[A-Za-z0-9 ]+")


class SqlShipments:
    """Timestamps: `add` keeps the caller's created_at/updated_at or stamps now."""

    def __init__(self, uow: UnitOfWork, local_tz: tzinfo | None = None,
                 search: TextSearch | None = None):
        self._uow = uow
        self._search = search or LikeSearch()
        self._tz = local_tz  # None: the machine's zone, read at each query

    def add(self, shipment: Shipment) -> Shipment:
        values = mapping.shipment_values(shipment)
        with self._uow.write() as s:
            self._check_references(s, values)
            created = shipment.created_at or self._uow.stamp()
            row = ShipmentRow(created_at=created, updated_at=shipment.updated_at or created)
            mapping.apply(row, values)
            try:
                # A savepoint: another bench may insert the same number between our check and
                # this flush (PostgreSQL, several benches); the unique index refuses it then,
                # and we can still read which shipment has it.
                with s.begin_nested():
                    s.add(row)
                    s.flush()
            except IntegrityError:
                key = values["draft_key"]
                done = self._by_draft_key(s, key) if key is not None else None
                if done is not None:  # a replay racing the first save: the index refused it
                    raise AlreadySaved(done) from None
                number = values["tracking_number"]
                other = self._holder(s, number) if number is not None else None
                if other is None:
                    raise
                raise ValidationFailed([number_already_used(number, other)]) from None
            if row.contact_id is not None:  # recently used contacts come first in the book
                s.execute(update(ContactRow).where(ContactRow.id == row.contact_id)
                          .values(last_used_at=created))
            return mapping.shipment_from(row)

    def update(self, shipment: Shipment) -> Shipment:
        values = mapping.shipment_values(shipment)
        with self._uow.write() as s:
            row = get_or_raise(s, ShipmentRow, shipment.id, "shipment")
            self._check_references(s, values, own_id=row.id)
            # The caller's stamp wins when it moved it (Shipment.moved_to sets it with the
            # service clock); an untouched one means "now". created_at is never rewritten.
            stamped = shipment.updated_at is not None and shipment.updated_at != row.updated_at
            mapping.apply(row, values)
            row.updated_at = shipment.updated_at if stamped else self._uow.stamp()
            s.flush()
            return mapping.shipment_from(row)

    def get(self, shipment_id: int) -> Shipment:
        with self._uow.read() as s:
            return mapping.shipment_from(get_or_raise(s, ShipmentRow, shipment_id, "shipment"))

    def find_by_tracking(self, number: str) -> Shipment | None:
        wanted = normalise(number)
        if not wanted:
            return None
        with self._uow.read() as s:
            row = s.scalars(select(ShipmentRow).where(ShipmentRow.tracking_number == wanted)).first()
            return mapping.shipment_from(row) if row is not None else None

    def find_by_draft_key(self, key: str) -> Shipment | None:
        """The shipment saved from offline journal entry `key`, if it was (ix_shipments_draft_key)."""
        with self._uow.read() as s:
            return self._by_draft_key(s, key)

    @staticmethod
    def _by_draft_key(s, key: str) -> Shipment | None:
        row = s.scalars(select(ShipmentRow).where(ShipmentRow.draft_key == key)).first()
        return mapping.shipment_from(row) if row is not None else None

    def all(self, batch: int = 1000) -> Iterator[Shipment]:
        """Every shipment by id, read in batches (exports, personal-data requests)."""
        last = 0
        while True:
            with self._uow.read() as s:
                rows = list(s.scalars(select(ShipmentRow).where(ShipmentRow.id > last)
                                      .order_by(ShipmentRow.id).limit(batch)))
            if not rows:
                return
            yield from (mapping.shipment_from(r) for r in rows)
            last = rows[-1].id

    def search(self, query: HistoryQuery) -> list[Shipment]:
        if isinstance(self._search, SqliteSearch):  # the SQL text comptoir history runs too
            with self._uow.sqlite_read() as execute:
                return [mapping.shipment_from(r) for r in
                        self._search.history_page(execute, query, self._tz)]
        limit, offset = max(0, query.limit), max(0, query.offset)
        newest = (ShipmentRow.created_at.desc(), ShipmentRow.id.desc())
        with self._uow.read() as s:
            where = history.conditions(query, self._tz, self._text_match(s, query.text))
            if len(query.service_ids) > 1:
                # One index range per service, merged: "newest first" over several services
                # never sorts all their rows (ix_shipments_service_id_created_at).
                wanted = offset + limit
                per_service = [
                    select(ShipmentRow.id, ShipmentRow.created_at)
                    .where(where, ShipmentRow.service_id == sid)
                    .order_by(*newest).limit(wanted).subquery()
                    for sid in query.service_ids]
                merged = union_all(*[select(p.c.id, p.c.created_at) for p in per_service]
                                   ).subquery()
                ids = list(s.scalars(select(merged.c.id)
                                     .order_by(merged.c.created_at.desc(), merged.c.id.desc())
                                     .offset(offset).limit(limit)))
                rows = {r.id: r for r in s.connection().execute(
                    select(*ShipmentRow.__table__.c).where(ShipmentRow.id.in_(ids)))}
                return [mapping.shipment_from(rows[i]) for i in ids]
            # Core rows on the connection: a history page is read, never changed, so no ORM
            # instances nor ORM execution path.
            stmt = (select(*ShipmentRow.__table__.c).where(where).order_by(*newest)
                    .offset(offset).limit(limit))
            return [mapping.shipment_from(r) for r in s.connection().execute(stmt)]

    def count(self, query: HistoryQuery, cap: int | None = None) -> int:
        """How many match, counting at most `cap` rows (None: all — only for small sets)."""
        if isinstance(self._search, SqliteSearch):
            with self._uow.sqlite_read() as execute:
                return self._search.history_count(execute, query, self._tz, cap)
        with self._uow.read() as s:
            # No order: the index's matches, never the scan in display order the search picks
            # for frequent words (counting 1 000 "helene paris" that way reads 350 000 rows).
            where = history.conditions(query, self._tz,
                                       self._text_match(s, query.text, ordered=False))
            matching = select(ShipmentRow.id).where(where)
            if cap is not None:
                matching = matching.limit(max(0, cap))
            return int(s.scalar(select(func.count()).select_from(matching.subquery())) or 0)

    def _text_match(self, s, typed: str, ordered: bool = True):
        """A tracking number or reference typed exactly wins (a scan opens its shipment);
        otherwise the words go to the full-text index (`ordered`: for a page newest first,
        the search may choose its plan with the session; otherwise it uses the index)."""
        exact = history.exact_match(typed)
        if exact is None:
            return None
        if s.scalar(select(ShipmentRow.id).where(exact).limit(1)) is not None:
            return exact
        session = s if ordered else None
        match = self._search.where("shipments", typed, session)
        compact = normalise(typed)
        if " " in typed.strip() and _PARTIAL_NUMBER.fullmatch(typed.strip()) and \
                any(ch.isdigit() for ch in compact):
            # The start of a number read out with spaces ("LD 000 001"): also as one word.
            number = self._search.where("shipments", compact, session)
            match = number if match is None else or_(match, number)
        return match if match is not None else exact

    @staticmethod
    def _check_references(s, values: dict, own_id: int | None = None) -> None:
        """Clear refusals instead of a bare IntegrityError (the write lock is held)."""
        for key, model, what in (("contact_id", ContactRow, "contact"),
                                 ("sender_profile_id", SenderProfileRow, "sender_profile")):
            if values[key] is not None and s.get(model, values[key]) is None:
                raise NotFound(what, values[key])
        number = values["tracking_number"]
        if number is not None:
            other = SqlShipments._holder(s, number)
            if other is not None and other.id != own_id:
                raise ValidationFailed([number_already_used(number, other)])

    @staticmethod
    def _holder(s, number: str) -> Shipment | None:
        row = s.scalars(select(ShipmentRow).where(ShipmentRow.tracking_number == number)).first()
        return mapping.shipment_from(row) if row is not None else None
