"""Colissimo web service (SLS REST 2.0, generateLabel) ↔ our shipment, for contract holders.

Every Colissimo field name lives in this module. Shapes read from public client code (Karrio's
and Roulier's Colissimo connectors), not from a contract document: ASSUMPTIONS, each doubt
marked UNVERIFIED (README, "Carrier connectors"). The pré-affranchie forms need none of this:
their number is on the pre-paid form [C 5.3].
"""

from __future__ import annotations

import json
from datetime import date

from desktop.connectors.multipart import Part, split
from desktop.connectors.wire import number
from desktop.domain.address import Address
from desktop.domain.connectors import (
    COLISSIMO,
    CarrierRef,
    Created,
    CreateRequest,
    Document,
    FieldError,
    LabelMedia,
)
from desktop.domain.customs import CustomsDeclaration
from desktop.domain.money import Money

DEFAULT_URL = "https://ws.colissimo.fr/sls-ws/SlsServiceWSRest/2.0/"
GENERATE = "generateLabel"
CHECK = "checkGenerateLabel"
API_KEY_HEADER = "apiKey"
PRINTING = {LabelMedia.PDF_10X15: "PDF_10x15_300dpi", LabelMedia.PDF_A4: "PDF_A4_300dpi",
            LabelMedia.ZPL_203: "ZPL_10x15_203dpi", LabelMedia.ZPL_300: "ZPL_10x15_300dpi"}
# productCode per service (UNVERIFIED for the contract offer: check your contract's codes).
PRODUCTS = {"colissimo-domicile-france": "DOM", "colissimo-domicile-france-signature": "DOS",
            "colissimo-domicile-outremer": "COM", "colissimo-domicile-outremer-signature": "CDS",
            "colissimo-expert-international": "COLI"}
# CN23 category values (UNVERIFIED; Karrio's table).
CATEGORIES = {"gift": 1, "commercial_sample": 2, "sale_of_goods": 3, "documents": 4,
              "other": 5, "returned_goods": 6}


def credentials(contract_number: str, password: str) -> dict:
    return {"contractNumber": contract_number, "password": password} if password else {}


def create_body(request: CreateRequest, deposit_date: date, auth: dict) -> dict:
    s = request.shipment
    parcel: dict = {"weight": number(Money(s.parcel.weight_g).amount / 1000)}
    insurance = s.options.get("insurance_eur")
    if insurance:
        parcel["insuranceValue"] = number(Money(str(insurance)).amount)
    if request.pickup_point_id:
        parcel["pickupLocationId"] = request.pickup_point_id
    letter: dict = {
        "service": {"productCode": PRODUCTS[s.service_id],
                    "depositDate": deposit_date.isoformat(),
                    "orderNumber": request.idempotency_key},
        "parcel": parcel,
        "sender": {"senderParcelRef": (s.reference or request.idempotency_key)[:35],
                   "address": _address(s.sender)},
        "addressee": {"addresseeParcelRef": request.idempotency_key[:35],
                      "address": _address(s.recipient)},
    }
    if s.customs is not None:
        letter["customsDeclarations"] = _customs(s.customs)
    return {**auth, "outputFormat": {"x": 0, "y": 0,
                                     "outputPrintingType": PRINTING[request.media]},
            "letter": letter}


def _address(a: Address) -> dict:
    a = a.cleaned()
    return {"companyName": a.company, "lastName": a.name, "line0": a.complement,
            "line1": a.building, "line2": a.street, "line3": a.locality,
            "zipCode": a.postcode, "city": a.city, "countryCode": a.country,
            "mobileNumber": a.phone, "email": a.email}


def _customs(c: CustomsDeclaration) -> dict:
    return {"includeCustomsDeclarations": 1, "contents": {
        "article": [{"description": i.description, "quantity": i.quantity,
                     "weight": number(Money(i.net_weight_g).amount / 1000),
                     "value": number(i.value), "hsCode": i.hs_code,
                     "originCountry": i.origin, "currency": i.currency}
                    for i in c.items],
        "category": {"value": CATEGORIES[c.category]}},
        "invoiceNumber": c.invoice_number}


def parse_created(body: bytes, content_type: str, request: CreateRequest) -> Created:
    """multipart: a JSON part with `labelV2Response.parcelNumber`, then the label bytes and,
    abroad, the CN23 (identified by Content-ID, else by order)."""
    parts = split(body, content_type)
    meta = next(p for p in parts if "json" in p.content_type or "xml" in p.content_type)
    data = json.loads(meta.body)
    number_ = str(data["labelV2Response"]["parcelNumber"])
    binaries = [p for p in parts if p is not meta]
    label = _pick(binaries, "label", 0)
    cn23 = _pick(binaries, "cn23", 1)
    documents = (Document("customs", "application/pdf", cn23.body),) if cn23 else ()
    return Created(CarrierRef(COLISSIMO, number_, reference=request.idempotency_key),
                   Document("label", request.media.media_type, label.body) if label else None,
                   documents)


def _pick(parts: list[Part], name: str, index: int) -> Part | None:
    for p in parts:
        if name in p.content_id.lower():
            return p
    if any(p.content_id for p in parts):
        return None
    return parts[index] if len(parts) > index else None


# Keywords of a refusal message → our field (heuristic: the messages carry no field path).
MESSAGE_FIELDS = (
    (("code postal", "destinataire"), "recipient.postcode"),
    (("code postal", "expéditeur"), "sender.postcode"),
    (("ville", "destinataire"), "recipient.city"),
    (("pays", "destinataire"), "recipient.country"),
    (("poids",), "parcel.weight_g"),
    (("téléphone",), "recipient.phone"),
    (("code produit",), "service_id"),
)


def parse_errors(status: int, content: bytes, content_type: str = "") -> tuple[str, list[FieldError]]:
    """HTTP 400 `{"messages": [{"id", "type": "ERROR", "messageContent"}]}` (or that JSON
    inside a multipart answer)."""
    if content_type.lower().startswith("multipart/"):
        parts = split(content, content_type)
        content = next(p.body for p in parts if "json" in p.content_type)
    messages = (json.loads(content or b"{}") or {}).get("messages") or []
    fields = []
    for m in messages:
        if str(m.get("type", "ERROR")).upper() != "ERROR":
            continue
        text = str(m.get("messageContent", ""))
        lowered = text.lower()
        ours = next((f for words, f in MESSAGE_FIELDS if all(w in lowered for w in words)), "")
        fields.append(FieldError(str(m.get("id", "")), ours, text))
    return "; ".join(f"{f.carrier_field} {f.message}" for f in fields), fields
