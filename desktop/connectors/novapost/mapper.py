"""Nova Post Europe API v1.0 ↔ our shipment: every Nova Post field name lives in this module.

Shapes read from Nova Post's public SDK and its OpenAPI file, not from a contract with the
carrier: ASSUMPTIONS, each doubt marked UNVERIFIED (README, "Carrier connectors"). The
shipment number comes from Nova Post when the shipment is created [N 4.3.5].
"""

from __future__ import annotations

import json
import re

from desktop.connectors.fields import map_field
from desktop.connectors.wire import decimal, number
from desktop.domain.address import Address
from desktop.domain.connectors import (
    NOVAPOST,
    CarrierRef,
    CreateRequest,
    FieldError,
    LabelMedia,
    PickupPoint,
    PickupQuery,
    Quote,
    Tracking,
    TrackingEvent,
)
from desktop.domain.money import Money
from desktop.domain.shipment import Shipment

DEFAULT_URL = "https://api.novapost.com/v.1.0/"
SANDBOX_URL = "https://api-stage.novapost.pl/v.1.0/"
LOGIN_PATH = "clients/authorization"
NUMBER = re.compile(r"^[A-Z]{4}\d{10}$")  # e.g. SHLT4009860665
WEIGHT_STEP_G = 10  # weights are sent rounded down to 10 g
DOCUMENTS_SERVICE = "novapost-documents"
KINDS = {"Postomat": "locker", "PostBranch": "branch", "CargoBranch": "cargo_branch",
         "PUDO": "pickup_point"}
CATEGORIES = {v: k for k, v in KINDS.items()}
# exportReason values (UNVERIFIED: the SDK lists free text; these are the UPU categories).
EXPORT_REASONS = {"gift": "Gift", "documents": "Documents", "commercial_sample": "Sample",
                  "returned_goods": "Return", "sale_of_goods": "Sale", "other": "Other"}
DELIVERED_CODES = frozenset({"9"})  # 9 = closed (delivered)


def login_params(api_key: str) -> dict:
    return {"apiKey": api_key}


def auth_headers(jwt: str) -> dict:
    return {"Authorization": jwt}  # the JWT alone, no "Bearer"


def parse_jwt(body: dict) -> str:
    return str(body["jwt"])


def phone(text: str, country: str) -> str:
    """E.164 digits without "+": "+33 6 12…" and "0033…" keep their code; a French national
    number (0 + 9 digits) gets 33. Other national numbers are sent as typed (UNVERIFIED)."""
    digits = re.sub(r"\D", "", text or "")
    if not digits:
        return ""
    if text.strip().startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if country == "FR" and len(digits) == 10 and digits.startswith("0"):
        return "33" + digits[1:]
    return digits


def _party(a: Address, division_id: str = "") -> dict:
    a = a.cleaned()
    out = {"name": a.company or a.name, "phone": phone(a.phone, a.country), "email": a.email,
           "countryCode": a.country}
    if a.company and a.name:
        out["contactName"] = a.name  # UNVERIFIED field name
    if division_id:
        out["divisionId"] = division_id
    else:
        out["addressParts"] = {"postCode": a.postcode, "city": a.city, "street": a.street,
                               "building": a.building, "flat": a.complement,
                               "note": a.locality}
    return out


def _parcel(s: Shipment) -> dict:
    p = s.parcel
    out = {"rowNumber": 1,
           "cargoCategory": "documents" if s.service_id == DOCUMENTS_SERVICE else "parcel",
           "parcelDescription": _description(s),
           "insuranceCost": number(decimal(s.options.get("insurance_eur", 0) or 0)),
           "actualWeight": p.weight_g - p.weight_g % WEIGHT_STEP_G}
    if p.dimensions_mm:
        out.update(length=p.length_mm, width=p.width_mm, height=p.height_mm)
    return out


def _description(s: Shipment) -> str:
    if s.customs and s.customs.items:
        return ", ".join(i.description for i in s.customs.items)[:100]
    return "Documents" if s.service_id == DOCUMENTS_SERVICE else "Parcel"


def _invoice(s: Shipment) -> dict:
    c = s.customs
    return {"incoterm": "DAP", "currency": c.currency,
            "exportReason": EXPORT_REASONS[c.category],
            "totalCost": number(c.total_value),  # UNVERIFIED name of the total
            "items": [{"rowNumber": n, "name": i.description, "nameEng": i.description,
                       "hsCode": i.hs_code, "madeInCountryCode": i.origin,
                       "actualWeight": i.net_weight_g, "amount": i.quantity,
                       "cost": number(i.value)} for n, i in enumerate(c.items, start=1)]}


def shipment_body(s: Shipment, key: str, division_id: str = "") -> dict:
    body = {"status": "ReadyToShip", "clientOrder": key, "note": s.reference,
            "payerType": "Sender", "sender": _party(s.sender),
            "recipient": _party(s.recipient, division_id), "parcels": [_parcel(s)]}
    if s.customs is not None:
        body["invoice"] = _invoice(s)
    return body


def create_body(request: CreateRequest) -> dict:
    return shipment_body(request.shipment, request.idempotency_key, request.pickup_point_id)


def parse_created(body: dict, request: CreateRequest) -> CarrierRef:
    number_ = str(body["number"])
    return CarrierRef(NOVAPOST, number_, carrier_id=str(body["id"]),
                      reference=request.idempotency_key)


def print_params(number_: str, kind: str, media: LabelMedia) -> list[tuple[str, str]]:
    """Nova Post prints PDF only (no ZPL): 100×100 mm, or A4."""
    size = "size_A4" if media is LabelMedia.PDF_A4 else "size_100_100"
    return [("numbers[]", number_), ("type", kind), ("printSizeType", size)]


def find_params(key: str) -> dict:
    return {"clientOrder": key}  # UNVERIFIED filter; the answer is filtered here anyway


def _items(body) -> list:
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for name in ("items", "data", "shipments"):
            if isinstance(body.get(name), list):
                return body[name]
    return []


def find_by_key(body, key: str) -> CarrierRef | None:
    for item in _items(body):
        if item.get("clientOrder") == key and item.get("number"):
            return CarrierRef(NOVAPOST, str(item["number"]), carrier_id=str(item.get("id", "")),
                              reference=key)
    return None


def find_number_params(number_: str) -> list[tuple[str, str]]:
    return [("numbers[]", number_)]


def id_of_number(body, number_: str) -> str:
    for item in _items(body):
        if item.get("number") == number_:
            return str(item.get("id", ""))
    return ""


def tracking_params(number_: str) -> list[tuple[str, str]]:
    return [("numbers[]", number_)]


def parse_tracking(body, number_: str) -> Tracking | None:
    """UNVERIFIED shape: a list (or {"items": …}) of {number, statusCode, status, history}."""
    for item in _items(body):
        if item.get("number") != number_:
            continue
        events = tuple(TrackingEvent(when=None if not e.get("date") else _when(e["date"]),
                                     code=str(e.get("statusCode", e.get("code", ""))),
                                     text=str(e.get("status", e.get("name", ""))),
                                     location=str(e.get("location", "")))
                       for e in item.get("history") or [])
        code = str(item.get("statusCode", ""))
        return Tracking(number_, str(item.get("status", code)), code in DELIVERED_CODES, events)
    return None


def _when(text: str):
    from datetime import datetime

    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


def division_params(query: PickupQuery) -> list[tuple[str, str]]:
    params = [("countryCodes[]", query.country)]
    params += [("divisionCategories[]", CATEGORIES[k]) for k in query.kinds if k in CATEGORIES]
    if query.latitude is not None and query.longitude is not None:
        params += [("latitude", str(query.latitude)), ("longitude", str(query.longitude))]
    elif query.postcode:
        params.append(("postalCodes[]", query.postcode))  # UNVERIFIED filter name
    params += [("limit", str(query.limit)), ("page", "1")]
    return params


def parse_divisions(body, country: str) -> list[PickupPoint]:
    out = []
    for d in _items(body):
        parts = d.get("addressParts") or {}
        address = Address(name=str(d.get("name", "")), street=str(parts.get("street", "")
                                                                   or d.get("address", "")),
                          building=str(parts.get("building", "")),
                          postcode=str(parts.get("postCode", "")),
                          city=str(parts.get("city", "") or d.get("settlement", "")),
                          country=str(d.get("countryCode", country)))
        max_kg = d.get("maxWeightPlaceRecipient") or d.get("maxWeight")
        out.append(PickupPoint(
            id=str(d["id"]), kind=KINDS.get(str(d.get("divisionCategory")), "branch"),
            name=str(d.get("name", "")), address=address, number=str(d.get("number", "")),
            max_weight_g=int(decimal(max_kg) * 1000) if max_kg else None,
            distance_m=int(d["distance"]) if d.get("distance") is not None else None,
            schedule=_schedule(d.get("schedule"))))
    return out


def _schedule(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k} {v}" for k, v in value.items())
    return str(value or "")


def quote_body(s: Shipment, division_id: str = "") -> dict:
    body = shipment_body(s, "quote", division_id)
    del body["status"], body["clientOrder"]
    return body


def parse_quote(body: dict) -> Quote:
    """UNVERIFIED: `{"cost": 12.5, "currencyCode": "EUR"}`."""
    return Quote(Money(decimal(body["cost"]), str(body.get("currencyCode", "EUR"))))


FIELD_PATHS = {
    **{f"{side}.{k}": f"{side}.{v}" for side in ("sender", "recipient")
       for k, v in {"name": "name", "contactName": "name", "phone": "phone", "email": "email",
                    "countryCode": "country", "addressParts.postCode": "postcode",
                    "addressParts.city": "city", "addressParts.street": "street",
                    "addressParts.building": "building", "addressParts.flat": "complement",
                    "addressParts.note": "locality"}.items()},
    "recipient.divisionId": "options.division_id",  # the division chosen at the counter
    "parcels.{i}.actualWeight": "parcel.weight_g", "parcels.{i}.length": "parcel.length_mm",
    "parcels.{i}.width": "parcel.width_mm", "parcels.{i}.height": "parcel.height_mm",
    "parcels.{i}.insuranceCost": "options.insurance_eur",
    "parcels.{i}.cargoCategory": "service_id", "note": "reference",
    "invoice.exportReason": "customs.category", "invoice.currency": "customs.items[0].currency",
    "invoice.items.{i}.name": "customs.items[{i}].description",
    "invoice.items.{i}.nameEng": "customs.items[{i}].description",
    "invoice.items.{i}.hsCode": "customs.items[{i}].hs_code",
    "invoice.items.{i}.madeInCountryCode": "customs.items[{i}].origin",
    "invoice.items.{i}.actualWeight": "customs.items[{i}].net_weight_g",
    "invoice.items.{i}.amount": "customs.items[{i}].quantity",
    "invoice.items.{i}.cost": "customs.items[{i}].value",
}


def parse_errors(status: int, content: bytes) -> tuple[str, list[FieldError]]:
    """`{"errors": {"field": "message" | ["message", …]}}` (401/404/422/503)."""
    body = json.loads(content or b"{}") or {}
    errors = body.get("errors") if isinstance(body, dict) else None
    fields = []
    if isinstance(errors, dict):
        for path, text in errors.items():
            text = "; ".join(map(str, text)) if isinstance(text, list) else str(text)
            fields.append(FieldError(path, map_field(path, FIELD_PATHS), text))
    message = str(body.get("message", "")) if isinstance(body, dict) else ""
    return message or "; ".join(f"{f.carrier_field}: {f.message}" for f in fields), fields
