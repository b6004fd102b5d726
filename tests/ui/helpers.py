"""Reading back what the GUI stored and printed, without the GUI."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pypdfium2
import zxingcpp


def db_rows(home: Path, sql: str, *params) -> list[sqlite3.Row]:
    """A fresh connection to the test database: what is really on disk."""
    con = sqlite3.connect(home / "data" / "comptoir.sqlite3")
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def spooled(spool: Path) -> list[Path]:
    return sorted(p for p in spool.glob("*") if not p.name.startswith("."))


def pdf_barcodes(path: Path, dpi: int = 300) -> list[str]:
    """Every barcode zxing-cpp finds on the PDF's pages, rendered at `dpi`."""
    found: list[str] = []
    doc = pypdfium2.PdfDocument(str(path))
    try:
        for page in doc:
            image = page.render(scale=dpi / 72).to_pil()
            found += [r.text for r in zxingcpp.read_barcodes(image)]
    finally:
        doc.close()
    return found
