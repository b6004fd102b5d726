"""The declaration as the carriers' electronic data (docs/sources/customs.md §4), as JSON and CSV.

- Colissimo (web service `customsDeclarations`): per article description, quantity, weight
  (kg, *unit*), value (*unit*), hsCode, originCountry, currency, artref; category code from
  `resources/customs/category_codes.json`; explanations, importer reference/contact, office of
  origin, comments, invoice/licence/certificate numbers.
- Delivengo (`documents_douaniers` of a pli): envoi_nature, envoi_commercial, observation,
  num_licence, num_certificat, num_facture, quantite_total, poids_total (g), valeur_dts
  (SDR at the configured rate), valeur_total, frais_port, articles (line totals, as on the
  CN 23: description_detaillee, quantite, poids g, valeur, pays_origine, num_tarifaire).

Amounts are written as decimal *strings* ("59.80"): JSON numbers would go through binary
floats in most readers, and money never does (Decimal end to end). CSV: one row per article,
declaration columns repeated, `;`-separated UTF-8 (what French spreadsheet users open).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal

from desktop.domain.customs_paper import CustomsPaper
from desktop.domain.customs_settings import CustomsSettings

CENT = Decimal("0.01")
GRAM_IN_KG = Decimal("0.001")
# Carrier data field lengths (docs/sources/customs.md §3): values longer than this are refused earlier by
# `validate_declaration`; the export never truncates silently.


def _s(value: Decimal | None, places: Decimal = CENT) -> str:
    return "" if value is None else str(value.quantize(places, rounding=ROUND_HALF_UP))


def _unit(total: Decimal, quantity: int, places: Decimal = CENT) -> str:
    return _s(total / quantity if quantity else total, places)


def colissimo(paper: CustomsPaper, settings: CustomsSettings | None = None) -> dict:
    settings = settings or CustomsSettings.load()
    d = paper.declaration
    codes = settings.category_codes.get("colissimo", {})
    articles = [{
        "description": i.description, "quantity": i.quantity,
        "weight": _unit(Decimal(i.net_weight_g) * GRAM_IN_KG, i.quantity, Decimal("0.001")),
        "value": _unit(i.value, i.quantity), "hsCode": i.hs_code, "originCountry": i.origin,
        "currency": i.currency, "artref": i.sku,
    } for i in d.items]
    return {
        "includeCustomsDeclarations": True,
        "contents": {"article": articles, "category": {"value": codes.get(d.category)}},
        "explanations": d.explanation, "comments": d.comments,
        "invoiceNumber": d.invoice_number, "licenceNumber": d.licence_number,
        "certificatNumber": d.certificate_number,
        "importersReference": d.importer_reference,
        "importersContact": " ".join(x for x in (d.importer_phone, d.importer_email) if x),
        "officeOrigin": paper.office_of_origin,
        "senderEori": paper.eori,
        "totalValue": _s(d.total_value), "currency": paper.currency,
        "postalCharges": _s(d.postal_charges),
        "parcelNumber": paper.item_number,
    }


def delivengo(paper: CustomsPaper, settings: CustomsSettings | None = None) -> dict:
    settings = settings or CustomsSettings.load()
    d = paper.declaration
    codes = settings.category_codes.get("delivengo", {})
    in_eur = settings.to_eur(d.total_value, d.currency)
    observation = " — ".join(x for x in (d.explanation, d.comments) if x)
    return {
        "envoi_nature": codes.get(d.category),
        "envoi_commercial": d.category in settings.commercial_categories,
        "observation": observation,
        "num_licence": d.licence_number, "num_certificat": d.certificate_number,
        "num_facture": d.invoice_number,
        "quantite_total": sum(i.quantity for i in d.items),
        "poids_total": paper.gross_weight_g,
        "valeur_dts": _s(settings.to_sdr(in_eur)) if in_eur is not None else "",
        "valeur_total": _s(d.total_value),
        "devise": d.currency,
        "frais_port": _s(d.postal_charges),
        "articles": [{
            "description_detaillee": i.description, "quantite": i.quantity,
            "poids": i.net_weight_g, "valeur": _s(i.value), "pays_origine": i.origin,
            "num_tarifaire": i.hs_code,
        } for i in d.items],
    }


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def to_csv(data: dict, carrier: str) -> str:
    """One row per article; declaration-level columns first, repeated on each row."""
    if carrier == "colissimo":
        head = {k: v for k, v in data.items() if k not in ("contents", "includeCustomsDeclarations")}
        head["category"] = data["contents"]["category"]["value"]
        articles = data["contents"]["article"]
        prefix = "article_"
    else:
        head = {k: v for k, v in data.items() if k != "articles"}
        articles = data["articles"]
        prefix = "article_"
    article_keys = list(articles[0].keys()) if articles else []
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(list(head) + [prefix + k for k in article_keys])
    for article in articles or [{}]:
        writer.writerow([_cell(v) for v in head.values()] +
                        [_cell(article.get(k, "")) for k in article_keys])
    return out.getvalue()


def _cell(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)


SHAPES = {"colissimo": colissimo, "delivengo": delivengo}
