"""Numbers, money, dates and weights for people, by locale: one module for the screen and
the documents (CLDR data through Babel, a maintained library, instead of hand-made rules).

French uses a comma and groups thousands with a narrow no-break space ("99 999 999",
"380,00 €", "1,250 kg"); English a point and commas. Babel is imported on first use so the
window opens without it.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["fr"])


def number(value: int | Decimal | float, lang: str = "fr", *, exact: bool = False) -> str:
    """An integer or decimal with the locale's grouping: 99 999 999 / 99,999,999.
    `exact` keeps every decimal (a message quoting a value never rounds it: "12,5055")."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_locale(lang), decimal_quantization=not exact)


def money(amount: Decimal, currency: str = "EUR", lang: str = "fr", *, exact: bool = False) -> str:
    """380,00 € / €380.00; `exact` keeps decimals beyond the cent ("12,505 €")."""
    from babel.numbers import format_currency

    return format_currency(amount, currency, locale=_locale(lang),
                           decimal_quantization=not exact)


def kg(grams: int, lang: str = "fr") -> str:
    """A weight in kilograms to the gram: 1,250 kg / 1.250 kg."""
    from babel.numbers import format_decimal

    return format_decimal(Decimal(grams) / 1000, format="#,##0.000", locale=_locale(lang)) + " kg"


def day(value: date, lang: str = "fr") -> str:
    """A date with its weekday: "jeudi 3 déc. 2026" / "Thursday 3 Dec 2026"."""
    from babel.dates import format_date

    return format_date(value, format="EEEE d MMM y", locale=_locale(lang))


def short_date(value: date, lang: str = "fr") -> str:
    """03/12/2026 in both (the counter's habit; documents print the same)."""
    from babel.dates import format_date

    return format_date(value, format="dd/MM/y", locale=_locale(lang))


def time_of_day(value, lang: str = "fr") -> str:
    """A clock time: 16:00 in both (CLDR's short time for fr_FR and en_GB)."""
    from babel.dates import format_time

    return format_time(value, format="short", locale=_locale(lang))


def date_time(value: datetime, lang: str = "fr") -> str:
    from babel.dates import format_datetime

    return format_datetime(value, format="dd/MM/y HH:mm", locale=_locale(lang))


def tracking(number: str) -> str:
    """A tracking number in groups for reading aloud, the same on screen and on the label
    ("LD 037 468 675 FR", UPU S10; others in fours)."""
    from desktop.domain.tracking import group_s10

    return group_s10(number) if number else ""
