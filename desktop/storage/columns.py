"""Column types that keep the domain's units exact: aware UTC datetimes, Decimal as text, JSON.

SQLite has no native datetime, decimal or JSON types; these decorators make the stored form
explicit and identical on every SQLAlchemy dialect.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, String, Text
from sqlalchemy.types import TypeDecorator

# The JSON text itself (no SQLAlchemy): also read by the stdlib history reader.
from desktop.storage.json_text import DECIMAL_TAG, dumps, loads  # noqa: F401


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, returns aware UTC; refuses naive input (its zone would be a guess)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime refused (store aware datetimes): {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:  # a dialect that keeps zones (PostgreSQL timestamptz)
            return value.astimezone(UTC)
        return value.replace(tzinfo=UTC)


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as its exact string: `str(Decimal)` round-trips value and exponent.

    Floats are refused: binary floating point cannot hold 0.10 exactly.
    """

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or isinstance(value, float):
            raise TypeError(f"money must be Decimal, not {type(value).__name__}")
        decimal = value if isinstance(value, Decimal) else Decimal(value)
        if not decimal.is_finite():
            raise ValueError(f"not a finite amount: {value!r}")
        return str(decimal)

    def process_result_value(self, value: str | None, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


class JSONText(TypeDecorator[Any]):
    """JSON in a TEXT column (portable; SQLite's JSON type is text anyway)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else dumps(value)

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        return None if value is None else loads(value)
