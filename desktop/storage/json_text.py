"""JSON kept in TEXT columns (shipment options, customs, weighing): canonical text, Decimals
tagged so they come back exact. Stdlib only: the column types (columns.py) and the stdlib
history reader (sqlite_reader.py) share it."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

DECIMAL_TAG = "$decimal"  # marks a Decimal inside free-form JSON (shipment options)


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {DECIMAL_TAG: str(value)}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be stored as JSON")


def _decode(obj: dict) -> Any:
    if len(obj) == 1 and DECIMAL_TAG in obj:
        return Decimal(obj[DECIMAL_TAG])
    return obj


def dumps(value: Any) -> str:
    """Canonical JSON (sorted keys, real UTF-8); Decimals are tagged so they come back exact."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_encode,
                      separators=(",", ":"))


def loads(text: str) -> Any:
    return json.loads(text, object_hook=_decode)
