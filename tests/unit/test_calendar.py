"""French holidays, Easter (against Gauss's algorithm), working days, cut-off, delivery."""

from __future__ import annotations

from datetime import date, datetime, time

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import calendar as cal


def gauss_easter(year: int) -> date:
    """Gauss's Easter algorithm with the Gregorian corrections (independent of Meeus)."""
    a, b, c = year % 19, year % 4, year % 7
    k = year // 100
    p = (13 + 8 * k) // 25
    q = k // 4
    m = (15 - p + k - q) % 30
    n = (4 + k - q) % 7
    d = (19 * a + m) % 30
    e = (2 * b + 4 * c + 6 * d + n) % 7
    if d == 29 and e == 6:
        return date(year, 4, 19)
    if d == 28 and e == 6 and (11 * m + 11) % 30 < 19:
        return date(year, 4, 18)
    day = 22 + d + e
    return date(year, 3, day) if day <= 31 else date(year, 4, day - 31)


@given(st.integers(min_value=1900, max_value=2200))
def test_easter_matches_gauss(year):
    easter = cal.easter_sunday(year)
    assert easter == gauss_easter(year)
    assert easter.weekday() == 6 and date(year, 3, 22) <= easter <= date(year, 4, 25)


def test_known_easter_dates():
    assert cal.easter_sunday(2024) == date(2024, 3, 31)
    assert cal.easter_sunday(2025) == date(2025, 4, 20)
    assert cal.easter_sunday(1954) == date(1954, 4, 18)  # one of Gauss's exceptions
    assert cal.easter_sunday(1981) == date(1981, 4, 19)


def test_french_holidays_2024():
    h = cal.french_holidays(2024)
    assert len(h) == 11
    for d in ("2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09",
              "2024-05-20", "2024-07-14", "2024-08-15", "2024-11-01", "2024-11-11",
              "2024-12-25"):
        assert date.fromisoformat(d) in h, d
    assert not cal.is_holiday(date(2024, 3, 29))  # Good Friday: Alsace-Moselle only


def test_working_days_mon_sat_vs_mon_fri():
    saturday = date(2024, 6, 8)
    assert cal.is_working_day(saturday, "mon-sat")
    assert not cal.is_working_day(saturday, "mon-fri")
    assert not cal.is_working_day(date(2024, 6, 9), "mon-sat")  # Sunday
    assert not cal.is_working_day(date(2024, 5, 8), "mon-fri")  # holiday on a Wednesday


def test_cut_off_moves_departure():
    cut = time(15, 0)
    assert cal.departure_date(datetime(2024, 6, 7, 14, 59), cut, "mon-fri") == date(2024, 6, 7)
    assert cal.departure_date(datetime(2024, 6, 7, 15, 0), cut, "mon-fri") == date(2024, 6, 10)
    assert cal.departure_date(datetime(2024, 6, 8, 9, 0), cut, "mon-sat") == date(2024, 6, 8)


def test_estimated_delivery_skips_holidays():
    # Tue 7 May 2024 after cut-off → Wed 8 (holiday), Thu 9 (Ascension) → leaves Fri 10;
    # J+2 Mon–Sat → Sat 11, Mon 13.
    assert cal.estimated_delivery(datetime(2024, 5, 7, 17, 0), time(16, 0), 2, "mon-sat") == \
        date(2024, 5, 13)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
       st.integers(min_value=0, max_value=30), st.sampled_from(["mon-sat", "mon-fri"]))
def test_add_working_days_counts_exactly(start, n, workdays):
    end = cal.add_working_days(start, n, workdays)
    assert cal.working_days_between(start, end, workdays) == n
    if n:
        assert cal.is_working_day(end, workdays)


def test_add_months_clips_month_end():
    assert cal.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert cal.add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert cal.add_months(date(2024, 3, 15), 12) == date(2025, 3, 15)
