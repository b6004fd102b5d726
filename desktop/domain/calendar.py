"""Working days, French public holidays, cut-off hours and estimated delivery dates.

Colissimo Domicile counts Mon–Sat, Expert International and Nova Post Mon–Fri, public
holidays excluded [C 4.2.1], [N 1.1.5]. A parcel deposited after the cut-off leaves on the
next working day [N 4.3.10]; delivery dates are indicative [C 4.2.2], [N 4.6.1].
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

WORKDAY_SETS = {"mon-sat": frozenset(range(6)), "mon-fri": frozenset(range(5))}


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def french_holidays(year: int) -> dict[date, str]:
    """The eleven national public holidays (Code du travail art. L3133-1)."""
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "Jour de l'an",
        easter + timedelta(days=1): "Lundi de Pâques",
        date(year, 5, 1): "Fête du Travail",
        date(year, 5, 8): "Victoire 1945",
        easter + timedelta(days=39): "Ascension",
        easter + timedelta(days=50): "Lundi de Pentecôte",
        date(year, 7, 14): "Fête nationale",
        date(year, 8, 15): "Assomption",
        date(year, 11, 1): "Toussaint",
        date(year, 11, 11): "Armistice 1918",
        date(year, 12, 25): "Noël",
    }


def is_holiday(day: date) -> bool:
    return day in french_holidays(day.year)


def is_working_day(day: date, workdays: str = "mon-sat") -> bool:
    return day.weekday() in WORKDAY_SETS[workdays] and not is_holiday(day)


def next_working_day(day: date, workdays: str = "mon-sat") -> date:
    """The first working day strictly after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day, workdays):
        day += timedelta(days=1)
    return day


def add_working_days(day: date, n: int, workdays: str = "mon-sat") -> date:
    for _ in range(n):
        day = next_working_day(day, workdays)
    return day


def departure_date(now: datetime, cutoff: time | None, workdays: str = "mon-sat") -> date:
    """The day the parcel leaves: today if a working day before the cut-off, else the next."""
    today = now.date()
    if is_working_day(today, workdays) and (cutoff is None or now.time() < cutoff):
        return today
    return next_working_day(today, workdays)


def estimated_delivery(now: datetime, cutoff: time | None, transit_days: int,
                       workdays: str = "mon-sat") -> date:
    """Indicative delivery day: departure + `transit_days` working days (J+n)."""
    return add_working_days(departure_date(now, cutoff, workdays), transit_days, workdays)


def working_days_between(start: date, end: date, workdays: str = "mon-sat") -> int:
    """Working days after `start` up to and including `end` (the n of J+n)."""
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, workdays):
            n += 1
    return n


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clipped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")
