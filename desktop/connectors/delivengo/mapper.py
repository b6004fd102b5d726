"""MyDelivengo API v2.4 ↔ our shipment: every Delivengo field name lives in this module.

The API is not documented publicly; these shapes were read from public client libraries
and are ASSUMPTIONS, each doubt noted beside it (README, "Carrier connectors"). The carrier's
label is returned as base64 in the creation answer and printed as received [D 13.3].
"""

from __future__ import annotations

import json
from datetime import date

from desktop.connectors.fields import suffix_map
from desktop.connectors.wire import b64, country_name_fr, number
from desktop.domain.address import Address
from desktop.domain.connectors import (
    DELIVENGO,
    CarrierRef,
    Created,
    CreateRequest,
    Document,
    FieldError,
    LabelMedia,
)
from desktop.domain.customs import CustomsDeclaration

DEFAULT_URL = "https://mydelivengo.laposte.fr/api/v2.4/"
AUTH_HEADER = "API-Authorization"  # raw key, no scheme
SIMULATION_HEADER = ("Api-Creation-Mode", "simulation")

# `support` query values (print media).
SUPPORTS = {LabelMedia.PDF_A4: 4, LabelMedia.PDF_10X15: 32, LabelMedia.ZPL_203: 64,
            LabelMedia.ZPL_300: 128}
# `id_support` (product). 33 = Delivengo Suivi in every source read; the untracked product
# is 36 or 37 depending on the source (UNVERIFIED): set `untracked_product_id` in the
# settings from your contract; until then an untracked creation is refused as not configured.
PRODUCTS = {"delivengo-profil-tracked": 33}
UNTRACKED_SERVICE = "delivengo-profil-untracked"
# `envoi_nature` codes.
NATURES = {"gift": 1, "documents": 2, "commercial_sample": 3, "returned_goods": 4, "other": 5,
           "sale_of_goods": 6}
# Our idempotency key rides in the envoi's `descriptif` (not printed: imprimer_descriptif=0),
# so a look-up can find an envoi created by a request whose answer was lost.
KEY_PREFIX = "comptoir:"


def product_id(service_id: str, untracked_product_id: int | None) -> int | None:
    if service_id == UNTRACKED_SERVICE:
        return untracked_product_id
    return PRODUCTS.get(service_id)


def accept(media: LabelMedia) -> str:
    return media.media_type


def create_params(media: LabelMedia) -> dict:
    return {"support": SUPPORTS[media], "position": 1, "imprimer_reference": 1,
            "imprimer_descriptif": 0}


def create_body(request: CreateRequest, product: int) -> dict:
    s = request.shipment
    pli = {
        "expediteur": _address(s.sender),
        "destinataire": _address(s.recipient),
        "expediteur_email": s.sender.email,
        "expediteur_telephone": s.sender.phone,
        "destinataire_email": s.recipient.email,
        "destinataire_telephone": s.recipient.phone,
        "reference": (s.reference or request.idempotency_key)[:35],
        "options": 0,  # option bits unclear in the sources (UNVERIFIED): none requested
        "poids": s.parcel.weight_g,
    }
    if s.customs is not None:
        pli["documents_douaniers"] = _customs(s.customs, s.parcel.weight_g)
    return {"data": {"id_support": product, "descriptif": KEY_PREFIX + request.idempotency_key,
                     "plis": [pli]}}


def _address(a: Address) -> dict:
    a = a.cleaned()
    out = {
        "raison_sociale": a.company,
        "nom": a.name,
        "complement_voie": " ".join(x for x in (a.complement, a.building) if x),
        "voie": a.street,
        "boite_postale": a.locality,
        "code_postal_commune": f"{a.postcode} {a.city}".strip(),
        "pays": country_name_fr(a.country),
        "code_pays": a.country,
    }
    if a.country == "US":
        out["code_etat"] = ""  # no state field of ours yet (UNVERIFIED whether required)
    return out


def _customs(c: CustomsDeclaration, gross_weight_g: int) -> dict:
    out = {
        "envoi_nature": [NATURES[c.category]],
        "envoi_commercial": c.category in ("sale_of_goods", "commercial_sample"),
        "observation": c.explanation if c.category == "other" else c.comments,
        "num_licence": c.licence_number,
        "num_certificat": c.certificate_number,
        "num_facture": c.invoice_number,
        "quantite_total": sum(i.quantity for i in c.items),
        "valeur_total": number(c.total_value),
        "articles": [{
            "description_detaillee": i.description,
            "quantite": i.quantity,
            "poids": i.net_weight_g,
            "valeur": number(i.value),
            "pays_origine": i.origin,
            "num_tarifaire": i.hs_code,
        } for i in c.items],
    }
    if c.postal_charges is not None:
        out["frais_port"] = number(c.postal_charges)
    return out


def parse_created(body: dict, request: CreateRequest) -> Created:
    data = body["data"]
    pli = data["plis"][0]
    documents = []
    customs = b64(data.get("documents_douaniers"))
    if customs:
        documents.append(Document("customs", "application/pdf", customs))
    invoice = b64(data.get("factures"))
    if invoice:
        documents.append(Document("invoice", "application/pdf", invoice))
    label = b64(data.get("documents_supports"))
    ref = CarrierRef(DELIVENGO, str(pli["numero"]), carrier_id=str(data["id"]),
                     parcel_id=str(pli.get("id", "")), reference=request.idempotency_key)
    return Created(ref, Document("label", request.media.media_type, label) if label else None,
                   tuple(documents), simulated=request.simulate)


def customs_documents(body: dict) -> list[Document]:
    """The customs PDF of an envoi fetched again (ZPL answers carry none)."""
    data = body.get("data") or {}
    pdf = b64(data.get("documents_douaniers"))
    return [Document("customs", "application/pdf", pdf)] if pdf else []


def find_by_key(body: dict, key: str) -> CarrierRef | None:
    """The envoi created with our key, in a `GET envois` list (filtered here: the server-side
    search parameter is UNVERIFIED, so the list is never trusted to be filtered)."""
    for envoi in body.get("data") or []:
        if envoi.get("descriptif") == KEY_PREFIX + key and envoi.get("plis"):
            pli = envoi["plis"][0]
            return CarrierRef(DELIVENGO, str(pli["numero"]), carrier_id=str(envoi["id"]),
                              parcel_id=str(pli.get("id", "")), reference=key)
    return None


def label_params(media: LabelMedia) -> dict:
    return {"support": SUPPORTS[media]}


def label_bytes(content: bytes, content_type: str) -> bytes:
    """A pli's label fetched again: raw bytes, or (UNVERIFIED which) the creation answer's
    JSON shape with `documents_supports` in base64 — both are accepted."""
    if "json" in content_type.lower():
        data = json.loads(content).get("data") or {}
        label = b64(data.get("documents_supports"))
        if not label:
            raise ValueError("no label in the answer")
        return label
    if not content:
        raise ValueError("empty label")
    return content


def search_params(key: str, day: date | None) -> dict:
    params = {"search[value]": KEY_PREFIX + key}  # DataTables-style (UNVERIFIED)
    if day:
        params["date[from]"] = params["date[to]"] = day.strftime("%d/%m/%Y")
    return params


def depots_params(day: date) -> dict:
    return {"date[from]": day.strftime("%d/%m/%Y"), "date[to]": day.strftime("%d/%m/%Y")}


def depot_ids(body: dict) -> list[str]:
    return [str(d["id"]) for d in body.get("data") or [] if "id" in d]


def depot_create_body(day: date) -> dict:
    return {"data": {"date": day.strftime("%d/%m/%Y")}}  # UNVERIFIED body of POST depots


def account_name(body: dict) -> str:
    data = body.get("data") or {}
    return " ".join(str(data.get(k, "")) for k in ("raison_sociale", "nom") if data.get(k)) \
        or str(data.get("email", ""))


# Refused fields → ours (the `details` keys of an error, any index style).
FIELD_PATHS = {
    **{f"{side}.{k}": f"{ours}.{v}" for side, ours in (("destinataire", "recipient"),
                                                     ("expediteur", "sender"))
       for k, v in {"nom": "name", "raison_sociale": "company", "voie": "street",
                    "complement_voie": "complement", "boite_postale": "locality",
                    "code_postal_commune": "postcode", "pays": "country",
                    "code_pays": "country", "code_etat": "country"}.items()},
    "destinataire_email": "recipient.email", "destinataire_telephone": "recipient.phone",
    "expediteur_email": "sender.email", "expediteur_telephone": "sender.phone",
    "poids": "parcel.weight_g", "reference": "reference", "options": "options",
    "documents_douaniers.envoi_nature": "customs.category",
    "documents_douaniers.observation": "customs.comments",
    "documents_douaniers.num_licence": "customs.licence_number",
    "documents_douaniers.num_certificat": "customs.certificate_number",
    "documents_douaniers.num_facture": "customs.invoice_number",
    "documents_douaniers.frais_port": "customs.postal_charges",
    "documents_douaniers.articles.{i}.description_detaillee": "customs.items[{i}].description",
    "documents_douaniers.articles.{i}.quantite": "customs.items[{i}].quantity",
    "documents_douaniers.articles.{i}.poids": "customs.items[{i}].net_weight_g",
    "documents_douaniers.articles.{i}.valeur": "customs.items[{i}].value",
    "documents_douaniers.articles.{i}.pays_origine": "customs.items[{i}].origin",
    "documents_douaniers.articles.{i}.num_tarifaire": "customs.items[{i}].hs_code",
    "id_support": "service_id",
}


def parse_errors(status: int, content: bytes) -> tuple[str, list[FieldError]]:
    """`{"error": {"code", "message", "description", "details": {path: text | [texts]}}}`."""
    error = (json.loads(content or b"{}") or {}).get("error") or {}
    message = " — ".join(str(error[k]) for k in ("message", "description") if error.get(k))
    fields = []
    details = error.get("details") or {}
    if isinstance(details, dict):
        for path, text in details.items():
            text = "; ".join(map(str, text)) if isinstance(text, list) else str(text)
            fields.append(FieldError(path, suffix_map(path, FIELD_PATHS), text))
    return message, fields
