"""Product catalogue CSV import and export over the `Products` port.

Columns (header required, any order, case-insensitive): sku, ean, description_fr,
description_en, hs_code, origin, unit_net_weight_g, unit_value, currency. `;` or `,` is
detected; a UTF-8 BOM (Excel) is accepted; "12,50" and "12.50" both read as Decimal("12.50").
Import is all-or-nothing by default: one bad row and nothing is written, every problem is
reported with its row number (the header is row 1, as in a spreadsheet) and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from desktop.domain.customs import Product
from desktop.domain.errors import Violation
from desktop.domain.ports import Products
from desktop.services.csv_files import MAX_FILE_BYTES as MAX_CSV_BYTES
from desktop.services.csv_files import read_table, write_csv
from desktop.services.products import FIELDS, check_product
from desktop.services.user_files import read_bounded

COLUMNS = FIELDS
# Columns the product validator needs on every row (currency and EAN may be left out).
REQUIRED = ("sku", "description_fr", "description_en", "hs_code", "origin",
            "unit_net_weight_g", "unit_value")


@dataclass
class ImportReport:
    products: list[Product] = field(default_factory=list)
    problems: list[Violation] = field(default_factory=list)  # field "row 3.unit_value"
    written: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def read_file(path: str | Path) -> str:
    """The CSV's text, read and decoded as every CSV import does (size bounds, UTF-8 with or
    without a BOM, cp1252 detected: `csv_files.read_table`), before anything is parsed."""
    return decode_csv(read_bounded(path, MAX_CSV_BYTES, too_big="csv_too_big"))


def decode_csv(data: bytes) -> str:
    """The text of a products CSV, decoded and bounded like a contacts CSV."""
    table = read_table(data)
    table.check_size()
    return table.text


def import_file(path: str | Path, products: Products, *, skip_invalid: bool = False
                ) -> ImportReport:
    """`read_file` then `import_csv`: the one import used by the GUI and the command line."""
    return import_csv(read_file(path), products, skip_invalid=skip_invalid)


def read_csv(text: str) -> ImportReport:
    """Parses and checks every row; writes nothing."""
    try:
        return _read_csv(text)
    except csv.Error as exc:  # a field over csv.field_size_limit(), a broken quote…
        return ImportReport(problems=[Violation("file", "invalid_csv", actual=str(exc)[:80])])


def _read_csv(text: str) -> ImportReport:
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
        if None in row:  # more cells than the header has columns
            report.problems.append(Violation(f"row {n}", "max_value", limit=len(header),
                                             actual=len(header) + len(row[None])))
            continue
        if not any((v or "").strip() for v in row.values()):
            continue
        product, problems = _product(row, n)
        if product and product.sku in seen:
            problems.append(Violation(f"row {n}.sku", "duplicate_row", actual=product.sku,
                                      limit=seen[product.sku]))
        if product:
            seen.setdefault(product.sku, n)
        report.problems.extend(problems)
        if product and not problems:
            report.products.append(product)
    return report


def _product(row: dict, n: int) -> tuple[Product | None, list[Violation]]:
    """One row through the one product validator (`services.products.check_product`), its
    problems placed on the row ("row 4.unit_value")."""
    product, problems = check_product(row)
    sku = str(row.get("sku") or "").strip()
    placed = [Violation(v.field.under(f"row {n}"), v.rule, v.limit, v.actual, v.source,
                        v.severity) for v in problems]
    if product is None:
        return (Product(sku, "", "") if sku else None), placed
    return product, placed


def import_csv(text: str, products: Products, *, skip_invalid: bool = False) -> ImportReport:
    """Reads, checks, then upserts by SKU in one transaction (the port's `upsert_many`)."""
    report = read_csv(text)
    header_broken = any(v.field.startswith("row 1.") for v in report.problems)
    if header_broken or (report.problems and not skip_invalid):
        return report
    report.written = products.upsert_many(report.products) if report.products else 0
    return report


def product_row(p: Product) -> list[object]:
    """A product's cells, in `COLUMNS` order."""
    return [p.sku, p.ean, p.description_fr, p.description_en, p.hs_code, p.origin,
            p.unit_net_weight_g, _decimal_text(p.unit_value), p.currency]


def export_csv(items: Iterable[Product], delimiter: str = ";") -> str:
    """Through `write_csv`, like every export: a cell a spreadsheet would run as a formula
    ("=HYPERLINK(…)" in a description) is written as text (OWASP CSV Injection)."""
    out = io.StringIO()
    write_csv(out, COLUMNS, (product_row(p) for p in items), delimiter)
    return out.getvalue()


def export_all(products: Products, delimiter: str = ";", page: int = 100_000) -> str:
    return export_csv(products.search("", limit=page), delimiter)


def _decimal_text(value: Decimal) -> str:
    return format(value, "f")

