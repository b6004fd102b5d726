"""The shipment file (JSON): read by `comptoir ship`/`check`/`customs` and batch import.

Strict by design: an unknown key is an error (a typo such as "weigth_g" must not silently
ship a parcel without its weight), whole numbers are JSON integers ("480" is refused), money
is a decimal string, every text is checked by `desktop.domain.input_rules` (bounded length,
no control character). Every problem is reported with its JSON path, all at once, before
anything is stored. The format is documented in README.md ("Shipment file").
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.domain.address import Address
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.errors import Collector, ValidationFailed, Violation
from desktop.domain.input_rules import (
    MAX_CUSTOMS_LINES,
    MAX_FILE_BYTES,
    MAX_JSON_DEPTH,
    MAX_QUANTITY,
    OversizeNumber,
    clean_text,
    json_constant,
    json_depth_problem,
    json_int,
    parse_amount,
    strict_int,
)
from desktop.domain.parcel import Parcel
from desktop.domain.shipment import Shipment
from desktop.services.user_files import read_bounded

FORMAT_VERSION = 1
_TOP_KEYS = {"version", "sender", "recipient", "service", "parcel", "options", "reference",
             "customs", "tracking_number"}
_ADDRESS_KEYS = {"name", "company", "lines", "street", "complement", "building", "locality",
                 "postcode", "city", "country", "phone", "email", "state"}
_PARCEL_KEYS = {"weight_g", "length_mm", "width_mm", "height_mm"}
_CUSTOMS_KEYS = {"category", "items", "explanation", "comments", "invoice_number",
                 "licence_number", "certificate_number", "postal_charges",
                 "sender_customs_reference", "importer_reference", "importer_phone",
                 "importer_email"}
_ITEM_KEYS = {"description", "quantity", "net_weight_g", "value", "currency", "hs_code",
              "origin", "sku"}


def load_shipment_file(path: str | Path) -> Shipment:
    """Reads and parses a shipment file; every problem is a `ValidationFailed` naming the file
    ("file" field): missing, too large (checked before reading it), not UTF-8, not JSON."""
    raw = read_bounded(path, MAX_FILE_BYTES)
    return parse_shipment_json(decode_utf8(raw))


def decode_utf8(raw: bytes, path: str = "file") -> str:
    """UTF-8 with or without a BOM (Excel, Notepad); the position of a bad byte otherwise."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed([Violation(path, "invalid_utf8", actual=exc.start)]) from None


def parse_json(text: str, path: str = "file") -> Any:
    """JSON with the input rules: bounded size and depth, no NaN, huge integers kept as text."""
    if len(text) > MAX_FILE_BYTES:
        raise ValidationFailed([Violation(path, "file_too_large", limit=MAX_FILE_BYTES,
                                          actual=len(text))])
    try:
        data = json.loads(text, parse_int=json_int, parse_constant=json_constant)
    except json.JSONDecodeError as exc:
        raise ValidationFailed([Violation(path, "invalid_json", actual=f"line {exc.lineno}, "
                                          f"column {exc.colno}: {exc.msg}")]) from None
    except RecursionError:
        raise ValidationFailed([Violation(path, "too_deep", limit=MAX_JSON_DEPTH)]) from None
    except ValueError as exc:  # NaN, Infinity
        raise ValidationFailed([Violation(path, "invalid_json", actual=str(exc))]) from None
    deep = json_depth_problem(data, path)
    if deep:
        raise ValidationFailed([deep])
    return data


def parse_shipment_json(text: str) -> Shipment:
    return parse_shipment(parse_json(text))


def parse_shipment(data: Any, *, weighed: bool = True) -> Shipment:
    """`weighed=False`: a work-list draft, whose weight the scale gives later (absent is
    allowed; a weight present is still checked)."""
    c = Collector()
    if not isinstance(data, dict):
        c.add("file", "wrong_type", limit="object", actual=type(data).__name__)
        c.raise_if_any()
    deep = json_depth_problem(data, "file")
    if deep:
        raise ValidationFailed([deep])
    data = _clean_texts(c, data, "")
    _unknown(c, data, _TOP_KEYS, "")
    if "version" in data and data["version"] != FORMAT_VERSION:
        c.add("version", "choice", limit=FORMAT_VERSION, actual=data["version"])
    sender = _address(c, data.get("sender", {}), "sender")
    if "recipient" not in data:
        c.add("recipient", "required")
    recipient = _address(c, data.get("recipient", {}), "recipient")
    service = data.get("service")
    if not service:
        c.add("service", "required")
    elif not isinstance(service, str):
        c.add("service", "wrong_type", limit="string", actual=type(service).__name__)
    parcel = _parcel(c, data.get("parcel"), weighed)
    options = data.get("options", {})
    if not isinstance(options, dict):
        c.add("options", "wrong_type", limit="object", actual=type(options).__name__)
        options = {}
    reference = _string(c, data, "reference", "")
    tracking = _string(c, data, "tracking_number", "") or None
    customs = _customs(c, data["customs"]) if data.get("customs") is not None else None
    c.raise_if_any()
    return Shipment(sender=sender, recipient=recipient, service_id=str(service), parcel=parcel,
                    options=dict(options), reference=reference, customs=customs,
                    tracking_number=tracking)


def _clean_texts(c: Collector, node: Any, path: str) -> Any:
    """Every string of the document NFC-normalised; control characters, lone surrogates and
    over-long texts reported with their path (and replaced by "" so parsing goes on)."""
    if isinstance(node, OversizeNumber):
        return node  # a number, judged by the field that reads it
    if isinstance(node, str):
        text, problem = clean_text(path or "file", node)
        if problem:
            c.violations.append(problem)
            return ""
        return text
    if isinstance(node, dict):
        return {k: _clean_texts(c, v, f"{path}.{k}" if path else str(k)) for k, v in node.items()}
    if isinstance(node, list):
        return [_clean_texts(c, v, f"{path}[{i}]") for i, v in enumerate(node)]
    return node


def shipment_to_dict(s: Shipment) -> dict:
    """The inverse of `parse_shipment`, plus the stored fields (id, status, timestamps)."""
    def addr(a: Address) -> dict:
        keys = ("name", "company", "complement", "building", "street", "locality", "postcode",
                "city", "country", "phone", "email", "state")
        return {k: getattr(a, k) for k in keys if getattr(a, k)}

    out: dict[str, Any] = {
        "version": FORMAT_VERSION, "sender": addr(s.sender), "recipient": addr(s.recipient),
        "service": s.service_id,
        "parcel": {k: getattr(s.parcel, k) for k in _PARCEL_KEYS if getattr(s.parcel, k) is not None},
        "options": dict(s.options), "reference": s.reference,
    }
    if s.customs is not None:
        d = s.customs
        out["customs"] = {
            "category": d.category,
            "items": [{"description": i.description, "quantity": i.quantity,
                       "net_weight_g": i.net_weight_g, "value": str(i.value),
                       "currency": i.currency, "hs_code": i.hs_code, "origin": i.origin,
                       **({"sku": i.sku} if i.sku else {})} for i in d.items],
            **{k: getattr(d, k) for k in sorted(_CUSTOMS_KEYS - {"category", "items",
                                                                "postal_charges"}) if getattr(d, k)},
            **({"postal_charges": str(d.postal_charges)} if d.postal_charges is not None else {}),
        }
    if s.tracking_number:
        out["tracking_number"] = s.tracking_number
    out["id"] = s.id
    out["status"] = s.status.value
    for stamp in ("created_at", "printed_at", "deposited_at", "voided_at"):
        value = getattr(s, stamp)
        if value is not None:
            out[stamp] = value.isoformat()
    return out


def _unknown(c: Collector, data: dict, allowed: set[str], path: str) -> None:
    for key in data:
        if key not in allowed:
            c.add(f"{path}.{key}" if path else key, "unknown_key", actual=key,
                  limit=", ".join(sorted(allowed)))


def _string(c: Collector, data: dict, key: str, path: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        c.add(f"{path}.{key}" if path else key, "wrong_type", limit="string",
              actual=type(value).__name__)
        return ""
    return value


def _address(c: Collector, data: Any, path: str) -> Address:
    if not isinstance(data, dict):
        c.add(path, "wrong_type", limit="object", actual=type(data).__name__)
        return Address()
    _unknown(c, data, _ADDRESS_KEYS, path)
    fields = {k: _string(c, data, k, path) for k in _ADDRESS_KEYS - {"lines"}}
    if "country" not in data:
        fields["country"] = "FR" if data else ""
    lines = data.get("lines")
    if lines is None:
        return Address(**fields)
    slot_fields = ("street", "complement", "building", "locality")
    if any(data.get(k) for k in slot_fields):
        c.add(f"{path}.lines", "wrong_type", limit="lines or slots", actual="both")
        return Address(**fields)
    if (not isinstance(lines, list) or not all(isinstance(x, str) for x in lines)):
        c.add(f"{path}.lines", "wrong_type", limit="list of strings", actual=type(lines).__name__)
        return Address(**fields)
    lines = [x.strip() for x in lines if x.strip()]
    if not 1 <= len(lines) <= 4:
        c.add(f"{path}.lines", "max_lines", limit=4, actual=len(lines), source="NF Z10-011")
        return Address(**fields)
    for k in slot_fields:
        fields.pop(k)
    return Address.from_lines(lines, **fields)


def _int(c: Collector, data: dict, key: str, path: str, required: bool,
         maximum: int | None = None) -> int | None:
    """A JSON integer (a string such as "480" is refused: types are strict), > 0."""
    if key not in data or data[key] is None:
        if required:
            c.add(f"{path}.{key}", "required")
        return None
    value, problem = strict_int(f"{path}.{key}", data[key], maximum=maximum)
    if problem:
        c.violations.append(problem)
        return None
    if value <= 0:
        c.add(f"{path}.{key}", "positive", limit=0, actual=value)
    return value


def _parcel(c: Collector, data: Any, weighed: bool = True) -> Parcel:
    if data is None:
        c.add("parcel", "required")
        return Parcel(weight_g=0)
    if not isinstance(data, dict):
        c.add("parcel", "wrong_type", limit="object", actual=type(data).__name__)
        return Parcel(weight_g=0)
    _unknown(c, data, _PARCEL_KEYS, "parcel")
    weight = _int(c, data, "weight_g", "parcel", required=weighed)
    dims = {k: _int(c, data, k, "parcel", required=False)
            for k in ("length_mm", "width_mm", "height_mm")}
    return Parcel(weight_g=weight or 0, **dims)


def _decimal(c: Collector, value: Any, path: str) -> Decimal:
    amount, problem = parse_amount(path, value)
    if problem:
        c.violations.append(problem)
        return Decimal("0")
    return amount


def _customs(c: Collector, data: Any) -> CustomsDeclaration | None:
    if not isinstance(data, dict):
        c.add("customs", "wrong_type", limit="object", actual=type(data).__name__)
        return None
    _unknown(c, data, _CUSTOMS_KEYS, "customs")
    items = []
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        c.add("customs.items", "wrong_type", limit="list", actual=type(raw_items).__name__)
        raw_items = []
    if len(raw_items) > MAX_CUSTOMS_LINES:
        c.add("customs.items", "max_lines", limit=MAX_CUSTOMS_LINES, actual=len(raw_items))
        raw_items = []
    for n, raw in enumerate(raw_items):
        path = f"customs.items[{n}]"
        if not isinstance(raw, dict):
            c.add(path, "wrong_type", limit="object", actual=type(raw).__name__)
            continue
        _unknown(c, raw, _ITEM_KEYS, path)
        items.append(CustomsItem(
            description=_string(c, raw, "description", path),
            quantity=_int(c, raw, "quantity", path, required=True, maximum=MAX_QUANTITY) or 0,
            net_weight_g=_int(c, raw, "net_weight_g", path, required=True) or 0,
            value=_decimal(c, raw.get("value", ""), f"{path}.value"),
            currency=_string(c, raw, "currency", path) or "EUR",
            hs_code=_string(c, raw, "hs_code", path),
            origin=_string(c, raw, "origin", path).upper(),
            sku=_string(c, raw, "sku", path)))
    charges = data.get("postal_charges")
    decl = CustomsDeclaration(
        category=_string(c, data, "category", "customs"), items=tuple(items),
        postal_charges=None if charges in (None, "") else _decimal(c, charges,
                                                                   "customs.postal_charges"),
        **{k: _string(c, data, k, "customs") for k in _CUSTOMS_KEYS
           - {"category", "items", "postal_charges"}})
    return decl


def with_sender(shipment: Shipment, sender: Address) -> Shipment:
    return replace(shipment, sender=sender)
