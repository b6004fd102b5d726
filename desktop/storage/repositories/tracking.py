"""Tracking-number ranges (port `TrackingRanges`): allocation that never repeats a number.

`allocate` is one conditional `UPDATE … SET next_serial = next_serial + 1 … RETURNING`: the
database increments and hands back the serial in a single statement under its write lock,
so two processes (or threads) can never read the same counter value. Dialects without
UPDATE … RETURNING fall back to SELECT … FOR UPDATE and an optimistic compare-and-set.
"""

from __future__ import annotations

import re

from sqlalchemy import select, update

from desktop.domain.errors import NotFound, ValidationFailed, Violation
from desktop.domain.tracking import RESERVED_FIRST_LETTERS, NumberRange, make_s10
from desktop.storage import mapping
from desktop.storage.repositories.helpers import get_or_raise
from desktop.storage.repositories.unit import UnitOfWork
from desktop.storage.tables import TrackingRangeRow

MAX_SERIAL = 99_999_999  # UPU S10: eight-digit serial
_CAS_ATTEMPTS = 50  # compare-and-set retries on dialects without RETURNING


def validate_range(r: NumberRange) -> list[Violation]:
    out = []
    if not re.fullmatch(r"[A-Z]{2}", r.prefix or "") or r.prefix[0] in RESERVED_FIRST_LETTERS:
        out.append(Violation("prefix", "s10_format", actual=r.prefix, source="UPU S10"))
    if not re.fullmatch(r"[A-Z]{2}", r.country or ""):
        out.append(Violation("country", "unknown_country", limit="ISO 3166-1 alpha-2",
                             actual=r.country, source="ISO 3166-1"))
    if r.first < 0:
        out.append(Violation("first", "min_value", limit=0, actual=r.first, source="UPU S10"))
    if r.last > MAX_SERIAL:
        out.append(Violation("last", "max_value", limit=MAX_SERIAL, actual=r.last,
                             source="UPU S10"))
    if r.first > r.last:
        out.append(Violation("last", "min_value", limit=r.first, actual=r.last))
    if r.next_serial is not None and not r.first <= r.next_serial <= r.last + 1:
        out.append(Violation("next_serial", "max_value", limit=r.last + 1, actual=r.next_serial))
    return out


class SqlTrackingRanges:
    def __init__(self, uow: UnitOfWork, update_returning: bool = True):
        self._uow = uow
        self._returning = update_returning

    def ensure(self, number_range: NumberRange) -> NumberRange:
        """Creates the range if its name is new; an existing range is returned untouched."""
        violations = validate_range(number_range)
        if violations:
            raise ValidationFailed(violations)
        with self._uow.write() as s:
            row = s.get(TrackingRangeRow, number_range.name)
            if row is None:
                row = TrackingRangeRow(**mapping.range_values(number_range))
                s.add(row)
                s.flush()
            return mapping.range_from(row)

    def get(self, name: str) -> NumberRange:
        with self._uow.read() as s:
            return mapping.range_from(get_or_raise(s, TrackingRangeRow, name, "tracking_range"))

    def list(self) -> list[NumberRange]:
        with self._uow.read() as s:
            rows = s.scalars(select(TrackingRangeRow).order_by(TrackingRangeRow.name))
            return [mapping.range_from(r) for r in rows]

    def allocate(self, name: str) -> str:
        with self._uow.write() as s:
            taken = self._take_returning(s, name) if self._returning else self._take_cas(s, name)
            if taken is None:
                if s.get(TrackingRangeRow, name) is None:
                    raise NotFound("tracking_range", name)
                raise ValidationFailed([Violation("tracking_number", "range_exhausted",
                                                  limit=name)])
            serial, prefix, country = taken
            return make_s10(prefix, serial, country)

    @staticmethod
    def _take_returning(s, name: str) -> tuple[int, str, str] | None:
        t = TrackingRangeRow
        stmt = (update(t).where(t.name == name, t.next_serial <= t.last)
                .values(next_serial=t.next_serial + 1)
                .returning(t.next_serial, t.prefix, t.country)
                .execution_options(synchronize_session=False))
        row = s.execute(stmt).first()
        if row is None:
            return None
        s.expire_all()  # the session's copy of the counter is stale now
        return row[0] - 1, row[1], row[2]

    @staticmethod
    def _take_cas(s, name: str) -> tuple[int, str, str] | None:
        t = TrackingRangeRow
        for _ in range(_CAS_ATTEMPTS):
            current = s.execute(select(t.next_serial, t.last, t.prefix, t.country)
                                .where(t.name == name).with_for_update()).first()
            if current is None or current.next_serial > current.last:
                return None
            result = s.execute(update(t).where(t.name == name,
                                               t.next_serial == current.next_serial)
                               .values(next_serial=current.next_serial + 1)
                               .execution_options(synchronize_session=False))
            if result.rowcount == 1:
                s.expire_all()
                return current.next_serial, current.prefix, current.country
        raise RuntimeError(f"could not allocate from {name!r}: too much contention")
