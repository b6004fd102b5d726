"""Small conversions at the JSON boundary shared by the mappers."""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal

from desktop.domain import countries


def number(value: Decimal) -> int | float:
    """A JSON number for an amount. The APIs take numbers, and the stdlib encoder has no
    Decimal: a 2-decimal amount survives float's shortest repr exactly ("59.8")."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def decimal(value) -> Decimal:
    return Decimal(str(value))


def country_name_fr(code: str) -> str:
    country = countries.get(code)
    return (country.name("fr") if country else code).upper()


def b64(text: str | None) -> bytes | None:
    """Base64 text from a carrier → bytes (None / "" → None); junk is an error, not a label."""
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("document is not valid base64") from None
