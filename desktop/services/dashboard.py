"""The dashboard's figures: parcels per day and carrier over the last weeks, today's totals,
the labels still waiting to print, the parcels waiting for the day-end, and the numbers
left in each number range. A read-only use case over the ports, with no Qt.

Days are local calendar days (as the history's date filters). Voided shipments are not
counted as parcels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop.domain.carriers.catalogue import Catalogue
from desktop.domain.carriers.numbers import range_name
from desktop.domain.ports import Clock, HistoryQuery, Shipments, TrackingRanges
from desktop.domain.shipment import Shipment, ShipmentStatus

PAGE = 500


@dataclass(frozen=True)
class RangeLeft:
    name: str
    label: str  # the service's name for carrier ranges, else the range name
    prefix: str
    remaining: int
    low_water: int

    @property
    def low(self) -> bool:
        return self.remaining <= self.low_water


@dataclass(frozen=True)
class Dashboard:
    today: date
    days: tuple[date, ...]  # oldest first, today last
    carriers: tuple[str, ...]  # carrier ids in catalogue order
    carrier_names: dict[str, str]
    per_day: dict[date, dict[str, int]]  # day → carrier → parcels
    today_parcels: int
    today_weight_g: int
    today_by_carrier: dict[str, int]
    labels_waiting: int  # drafts: stored but the label is not printed yet
    to_deposit: int  # printed, not yet deposited (the day-end's bag)
    ranges: tuple[RangeLeft, ...]

    def count(self, day: date, carrier: str) -> int:
        return self.per_day.get(day, {}).get(carrier, 0)

    def total(self, day: date) -> int:
        return sum(self.per_day.get(day, {}).values())


class DashboardService:
    def __init__(self, *, shipments: Shipments, ranges: TrackingRanges, catalogue: Catalogue,
                 clock: Clock, local_day: Callable[[datetime], date] | None = None,
                 lang: str = "fr"):
        self._shipments, self._ranges, self._catalogue, self._clock = (
            shipments, ranges, catalogue, clock)
        self._local_day = local_day or (lambda when: when.astimezone().date())
        self._lang = lang

    def snapshot(self, weeks: int = 4) -> Dashboard:
        weeks = max(1, min(int(weeks), 52))
        today = self._local_day(self._clock.now())
        days = tuple(today - timedelta(days=n) for n in range(weeks * 7 - 1, -1, -1))
        carriers: list[str] = []
        names: dict[str, str] = {}
        for s in self._catalogue.all():
            if s.carrier not in names:
                carriers.append(s.carrier)
                names[s.carrier] = s.carrier_name
        per_day: dict[date, dict[str, int]] = {}
        today_weight = 0
        for s in self._search(HistoryQuery(date_from=days[0], date_to=today)):
            if s.status is ShipmentStatus.VOIDED or s.created_at is None:
                continue
            day = self._local_day(s.created_at)
            carrier = self._carrier(s)
            per_day.setdefault(day, {}).setdefault(carrier, 0)
            per_day[day][carrier] += 1
            if day == today:
                today_weight += s.parcel.weight_g
        today_by = dict(per_day.get(today, {}))
        return Dashboard(
            today=today, days=days, carriers=tuple(carriers), carrier_names=names,
            per_day=per_day, today_parcels=sum(today_by.values()),
            today_weight_g=today_weight, today_by_carrier=today_by,
            labels_waiting=self._shipments.count(HistoryQuery(status=ShipmentStatus.DRAFT)),
            to_deposit=self._shipments.count(HistoryQuery(status=ShipmentStatus.PRINTED)),
            ranges=self._range_figures())

    def _carrier(self, s: Shipment) -> str:
        return self._catalogue.get(s.service_id).carrier if self._catalogue.has(s.service_id) \
            else "?"

    def _search(self, query: HistoryQuery) -> list[Shipment]:
        out: list[Shipment] = []
        offset = 0
        while True:
            page = self._shipments.search(HistoryQuery(
                date_from=query.date_from, date_to=query.date_to, offset=offset, limit=PAGE))
            out += page
            if len(page) < PAGE:
                return out
            offset += PAGE

    def _range_figures(self) -> tuple[RangeLeft, ...]:
        labels = {range_name(s.id): s.name(self._lang) for s in self._catalogue.all()}
        return tuple(RangeLeft(r.name, labels.get(r.name, r.name), r.prefix, r.remaining,
                               r.low_water)
                     for r in sorted(self._ranges.list(), key=lambda r: r.name))
