"""Product catalogue CSV import and export over the `Products` port (issue 4 §2).

Columns (header required, any order, case-insensitive): sku, ean, description_fr,
description_en, hs_code, origin, unit_net_weight_g, unit_value, currency. `;` or `,` is
detected; a UTF-8 BOM (Excel) is accepted; "12,50" and "12.50" both read as Decimal("12.50").
Import is all-or-nothing by default: one bad row and nothing is written, every problem is
reported with its row number (the header is row 1, as in a spreadsheet) and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.domain import countries, hs
from desktop.domain.customs import Product
from desktop.domain.errors import Violation
from desktop.domain.money import parse_decimal
from desktop.domain.ports import Products
from desktop.services.products import MAX_SKU

COLUMNS = ("sku", "ean", "description_fr", "description_en", "hs_code", "origin",
           "unit_net_weight_g", "unit_value", "currency")
REQUIRED = ("sku", "description_fr", "unit_net_weight_g", "unit_value")
MAX_DESCRIPTION = 64  # carrier description field (CUSTOMS.md §3)
_EAN = re.compile(r"^(\d{8}|\d{12}|\d{13}|\d{14})$")  # GS1 EAN-8, UPC-A, EAN-13, GTIN-14


@dataclass
class ImportReport:
    products: list[Product] = field(default_factory=list)
    problems: list[Violation] = field(default_factory=list)  # field "row 3.unit_value"
    written: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def read_csv(text: str) -> ImportReport:
    """Parses and checks every row; writes nothing."""
    report = ImportReport()
    text = text.lstrip("\ufeff")
    if not text.strip():
        report.problems.append(Violation("row 1", "required", actual="header"))
        return report
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    for name in REQUIRED:
        if name not in header:
            report.problems.append(Violation(f"row 1.{name}", "required", actual="column"))
    unknown = [h for h in header if h not in COLUMNS]
    for name in unknown:
        report.problems.append(Violation(f"row 1.{name}", "unknown_key", actual=name,
                                         limit=", ".join(COLUMNS)))
    if report.problems:
        return report
    seen: dict[str, int] = {}
    for n, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values()):
            continue
        product, problems = _product(row, n)
        if product and product.sku in seen:
            problems.append(Violation(f"row {n}.sku", "duplicate", actual=product.sku,
                                      limit=f"row {seen[product.sku]}"))
        if product:
            seen.setdefault(product.sku, n)
        report.problems.extend(problems)
        if product and not problems:
            report.products.append(product)
    return report


def _product(row: dict, n: int) -> tuple[Product | None, list[Violation]]:
    p: list[Violation] = []
    get = lambda k: (row.get(k) or "").strip()  # noqa: E731
    sku, ean = get("sku"), get("ean").replace(" ", "")
    if not sku:
        p.append(Violation(f"row {n}.sku", "required"))
    elif len(sku) > MAX_SKU:
        p.append(Violation(f"row {n}.sku", "max_length", limit=MAX_SKU, actual=len(sku)))
    if ean and not _EAN.match(ean):
        p.append(Violation(f"row {n}.ean", "ean_format", actual=ean, source="GS1"))
    desc_fr, desc_en = get("description_fr"), get("description_en")
    if not desc_fr:
        p.append(Violation(f"row {n}.description_fr", "required"))
    for key, text in (("description_fr", desc_fr), ("description_en", desc_en)):
        if len(text) > MAX_DESCRIPTION:
            p.append(Violation(f"row {n}.{key}", "max_length", limit=MAX_DESCRIPTION,
                               actual=len(text), source="CUSTOMS.md §3"))
    code = get("hs_code").replace(" ", "").replace(".", "")
    if code and not hs.is_valid_format(code):
        p.append(Violation(f"row {n}.hs_code", "customs_hs_format", limit="6, 8, 10",
                           actual=code, source="CUSTOMS.md §3"))
    origin = get("origin").upper()
    if origin and not countries.is_known(origin):
        p.append(Violation(f"row {n}.origin", "unknown_country", limit="ISO 3166-1 alpha-2",
                           actual=origin))
    weight_text = get("unit_net_weight_g")
    weight = int(weight_text) if weight_text.isdigit() else None
    if weight is None:
        p.append(Violation(f"row {n}.unit_net_weight_g", "not_a_number", actual=weight_text))
    elif weight <= 0:
        p.append(Violation(f"row {n}.unit_net_weight_g", "positive", limit=0, actual=weight))
    try:
        value = parse_decimal(get("unit_value"))
        if value <= 0:
            p.append(Violation(f"row {n}.unit_value", "customs_zero_value", actual=value))
    except ValueError:
        value = None
        p.append(Violation(f"row {n}.unit_value", "not_a_decimal", actual=get("unit_value")))
    currency = (get("currency") or "EUR").upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        p.append(Violation(f"row {n}.currency", "customs_currency", actual=currency))
    if p:
        return (Product(sku, desc_fr, desc_en) if sku else None), p
    return Product(sku=sku, description_fr=desc_fr, description_en=desc_en, hs_code=code,
                   origin=origin, unit_net_weight_g=weight, unit_value=value,
                   currency=currency, ean=ean), p


def import_csv(text: str, products: Products, *, skip_invalid: bool = False) -> ImportReport:
    """Reads, checks, then upserts by SKU in one transaction (the port's `upsert_many`)."""
    report = read_csv(text)
    header_broken = any(v.field.startswith("row 1.") for v in report.problems)
    if header_broken or (report.problems and not skip_invalid):
        return report
    report.written = products.upsert_many(report.products) if report.products else 0
    return report


def export_csv(items: Iterable[Product], delimiter: str = ";") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for p in items:
        writer.writerow([p.sku, p.ean, p.description_fr, p.description_en, p.hs_code, p.origin,
                         p.unit_net_weight_g, _decimal_text(p.unit_value), p.currency])
    return out.getvalue()


def export_all(products: Products, delimiter: str = ";", page: int = 100_000) -> str:
    return export_csv(products.search("", limit=page), delimiter)


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")


from desktop.domain.errors import register_templates  # noqa: E402

register_templates({
    "duplicate": ("{field} : « {actual} » figure déjà en {limit}",
                  "{field}: '{actual}' already appears in {limit}"),
    "ean_format": ("{field} : « {actual} » n'est pas un code EAN/GTIN (8, 12, 13 ou 14 chiffres)",
                   "{field}: '{actual}' is not an EAN/GTIN code (8, 12, 13 or 14 digits)"),
})
