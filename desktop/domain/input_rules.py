"""What any input must be before a business rule reads it: bounded, typed, clean text.

Files, command-line arguments, settings and form fields all pass through these checks first,
so that the rules behind them only ever see sane values: text NFC-normalised with no control
character nor lone surrogate and a bounded length (checked before anything expensive), whole
numbers as integers, money as a decimal string within bounds, ISO 4217 currencies.
The limits are Comptoir's own; docs/sources/limits.md says why each one is what it is.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

from desktop.domain.errors import Violation

MAX_FILE_BYTES = 1_000_000  # a shipment file with 100 customs lines is about 30 kB
MAX_JSON_DEPTH = 10  # the deepest shipment file is 5 levels (customs → items → line)
MAX_TEXT_CHARS = 254  # the longest field stored: an e-mail address (RFC 5321 path limit)
MAX_CUSTOMS_LINES = 100  # a CN 23 continues on extra sheets; far above any parcel's lines
MAX_QUANTITY = 9999  # units on one customs line
MAX_AMOUNT = Decimal("999999.99")  # any value, charge or rate; carriers cap far lower
MAX_INT_DIGITS = 12  # whole numbers in files (grams, millimetres, ids) stay below 10^12
MAX_ARGUMENT_INT = 1_000_000  # --limit and other counts on the command line

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # only reachable through "\ud800" JSON escapes
_AMOUNT = re.compile(r"^[+-]?\d{1,20}(?:[.,]\d{1,6})?$")  # no exponent: "1e999999" is not money


def clean_text(path: str, value: str, max_chars: int = MAX_TEXT_CHARS
               ) -> tuple[str, Violation | None]:
    """`value` NFC-normalised, or the first problem: too long (checked first, before any
    other work on it), a lone surrogate, a control character (NUL, BEL, ESC, newline…)."""
    if len(value) > max_chars:
        return value[:max_chars], Violation(path, "max_length", limit=max_chars,
                                            actual=len(value))
    bad = _SURROGATE.search(value)
    if bad:
        return "", Violation(path, "invalid_text", actual=f"U+{ord(bad.group()):04X}")
    bad = _CONTROL.search(value)
    if bad:
        return "", Violation(path, "control_character", actual=f"U+{ord(bad.group()):04X}")
    return unicodedata.normalize("NFC", value), None


def text_problem(path: str, value: object, max_chars: int = MAX_TEXT_CHARS) -> Violation | None:
    """The problem of a text field typed in a form (None when it is fine or not a string)."""
    if not isinstance(value, str):
        return None
    return clean_text(path, value, max_chars)[1]


class OversizeNumber(str):
    """A number literal with more than MAX_INT_DIGITS digits, kept as text by the JSON reader
    (converting it could take seconds, or fail beyond Python's 4 300-digit limit)."""

    __slots__ = ()


def json_int(literal: str) -> int | OversizeNumber:
    """`json.loads(parse_int=json_int)`: integers, huge ones kept as text."""
    digits = len(literal.lstrip("+-"))
    return int(literal) if digits <= MAX_INT_DIGITS else OversizeNumber(literal)


def json_constant(name: str):
    """`json.loads(parse_constant=…)`: NaN and Infinity are not numbers of a shipment."""
    raise ValueError(f"{name} is not allowed")


def strict_int(path: str, value: object, *, minimum: int | None = None,
               maximum: int | None = None) -> tuple[int | None, Violation | None]:
    """A JSON integer: "480" (a string), 4.8 and true are refused, as are huge numbers."""
    if isinstance(value, OversizeNumber):
        return None, Violation(path, "max_value", limit=maximum if maximum is not None
                               else 10 ** MAX_INT_DIGITS - 1, actual=_short(value))
    if isinstance(value, bool) or not isinstance(value, int):
        return None, Violation(path, "wrong_type", limit="integer", actual=_type_name(value))
    maximum = 10 ** MAX_INT_DIGITS - 1 if maximum is None else maximum
    if value > maximum:
        return None, Violation(path, "max_value", limit=maximum, actual=_short(value))
    if minimum is not None and value < minimum:
        return None, Violation(path, "min_value", limit=minimum, actual=value)
    return value, None


def parse_amount(path: str, value: object) -> tuple[Decimal | None, Violation | None]:
    """Money: a decimal string ("12.50" or "12,50"), or an integer; |value| ≤ MAX_AMOUNT."""
    if isinstance(value, bool) or isinstance(value, float):
        return None, Violation(path, "wrong_type", limit="decimal string",
                               actual=_type_name(value))
    if isinstance(value, OversizeNumber):
        return None, Violation(path, "max_value", limit=MAX_AMOUNT, actual=_short(value))
    if isinstance(value, int):
        text = str(value) if abs(value) < 10 ** MAX_INT_DIGITS else "big"
    elif isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
    else:
        return None, Violation(path, "wrong_type", limit="decimal string",
                               actual=_type_name(value))
    if len(text) > 32 or not _AMOUNT.match(text):
        return None, Violation(path, "not_a_decimal", actual=_short(value))
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        return None, Violation(path, "not_a_decimal", actual=_short(value))
    if abs(amount) > MAX_AMOUNT:
        return None, Violation(path, "max_value", limit=MAX_AMOUNT, actual=amount)
    return amount, None


def is_currency(code: str) -> bool:
    """An active ISO 4217 currency code (pycountry's ISO 4217 table)."""
    import pycountry  # its tables load on first use, not when the window starts

    return bool(re.fullmatch(r"[A-Z]{3}", code or "")) and \
        pycountry.currencies.get(alpha_3=code) is not None


def parse_date(path: str, text: str) -> tuple[date | None, Violation | None]:
    """YYYY-MM-DD, a real day of the calendar (2026-02-30 is refused)."""
    if not isinstance(text, str) or len(text) > 10 or \
            not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None, Violation(path, "not_a_date", limit="YYYY-MM-DD", actual=_short(text))
    try:
        return date.fromisoformat(text), None
    except ValueError:
        return None, Violation(path, "not_a_date", limit="YYYY-MM-DD", actual=text)


def json_depth_problem(data: object, path: str = "file",
                       limit: int = MAX_JSON_DEPTH) -> Violation | None:
    """Nesting deeper than `limit` (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > limit:
                return Violation(path, "too_deep", limit=limit, actual=depth)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return None


def printable(text: str) -> str:
    """For a terminal: control characters shown as \\xNN, never sent as escape sequences."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", _SURROGATE.sub("\ufffd", text))


def _type_name(value: object) -> str:
    return {bool: "true/false", int: "integer", float: "decimal number", str: "string",
            OversizeNumber: "integer", list: "list", dict: "object",
            type(None): "null"}.get(type(value), type(value).__name__)


def _short(value: object) -> str:
    """A value for a message: huge numbers and long texts shortened."""
    if isinstance(value, OversizeNumber):
        return f"≈10^{len(value.lstrip('+-')) - 1}"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** 15:
        return f"≈10^{int((abs(value).bit_length() - 1) * 0.30103)}"
    text = value if isinstance(value, str) else repr(value)
    text = printable(text)
    return text if len(text) <= 40 else text[:37] + "…"
