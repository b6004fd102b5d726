"""The Delivengo flat file (CSV): the no-API way to hand shipments to MyDelivengo.

MyDelivengo accepts a flat file instead of API calls (uploaded on the site or dropped on its
FTP server), and sends the labels back as PDF, which are printed as received [D 13.3]. No
column specification is public: the columns here are the API's pli fields flattened with
"_" (`destinataire_code_postal_commune`, `article1_valeur` …), built by the same mapper as
the API body so both stay in step — UNVERIFIED against MyDelivengo's import template: compare
with the model file of your account before the first upload (README, "Carrier connectors").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from desktop.connectors.delivengo import mapper
from desktop.domain.connectors import CreateRequest

SEPARATOR = ";"  # French spreadsheet convention
ENCODING = "utf-8-sig"  # BOM: spreadsheets then read the accents right


def _flatten(value, prefix: str, out: dict) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}_{key}" if prefix else key, out)
    elif isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            out[prefix] = ",".join(str(v) for v in value)
        else:
            for n, inner in enumerate(value, start=1):
                _flatten(inner, f"{prefix}{n}", out)
    elif isinstance(value, bool):
        out[prefix] = "1" if value else "0"
    else:
        out[prefix] = "" if value is None else str(value)


def _row(request: CreateRequest, product: int) -> dict:
    body = mapper.create_body(request, product)["data"]
    pli = dict(body["plis"][0])
    customs = pli.pop("documents_douaniers", None) or {}
    articles = customs.pop("articles", [])
    row = {"id_support": str(product), "descriptif": body["descriptif"]}
    _flatten(pli, "", row)
    _flatten(customs, "", row)
    _flatten({"article": articles}, "", row)
    return row


def export_csv(requests: Iterable[CreateRequest], untracked_product_id: int | None = None) -> bytes:
    """One row per shipment; columns are the union, in first-seen order."""
    rows = []
    for request in requests:
        product = mapper.product_id(request.shipment.service_id, untracked_product_id)
        if product is None:
            raise ValueError(f"no Delivengo product id for {request.shipment.service_id}")
        rows.append(_row(request, product))
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, delimiter=SEPARATOR, restval="",
                            lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode(ENCODING)
