"""CN 22 customs declaration: on a 100×150 mm thermal label, or on A4 (two per sheet).

UPU boxes (docs/sources/customs.md §2): header and "May be opened officially", designated operator,
category (tick one; explanation when Other), per article (1) quantity and detailed
description, (2) net weight kg, (3) value, (4) HS tariff number and (5) origin for commercial
items; (6) total gross weight, (7) total value, (8) date and signature under the
certification. No address boxes: the addresses are on the shipping label. The item number is
printed as a Code 128 when known, so the form can be matched to the parcel.

`draw_cn22(canvas, page_height_pt, x_mm, y_mm, paper)` draws one form anywhere, so a combined
label + CN 22 page can be composed where the carrier allows it.
"""

from __future__ import annotations

import hashlib
import io
import re

import pypdfium2 as pdfium
from reportlab.lib.units import mm

from desktop.domain.customs import CATEGORIES
from desktop.domain.customs_paper import CustomsPaper
from desktop.domain.tracking import group_number
from desktop.printing.fonts import standard_fonts_first
from desktop.printing.forms_common import (
    A4,
    CATEGORY_LABELS,
    CERTIFICATION,
    LABEL_100x150,
    Sheet,
    kg,
    money,
    new_canvas,
)

WIDTH, HEIGHT = 100.0, 150.0  # mm, the thermal label (docs/sources/customs.md §4)
MAX_LINES = 4  # article lines on the UPU CN 22 (more → CN 23, customs_rules)
M = 3.0  # inner margin, mm


@standard_fonts_first
def render_cn22_label(paper: CustomsPaper, copies: int = 1) -> bytes:
    """One 100×150 mm page per copy, printed at 100 % [D 5.1]."""
    c, buf = new_canvas(LABEL_100x150, "CN 22")
    for _ in range(max(1, min(4, copies))):  # UPU: at most four copies
        draw_cn22(c, LABEL_100x150[1], 0, 0, paper)
        c.showPage()
    c.save()
    return buf.getvalue()


def combine_label_and_cn22(label_pdf: bytes, paper: CustomsPaper, copies: int = 1) -> bytes:
    """The shipping label's page(s) followed by the CN 22 copies, all 100×150 mm, in one
    print job (for carriers that allow the combined label, `CarrierCustoms.combined_label_cn22`).

    pypdfium2 joins the pages; its random document /ID is replaced by a digest of the inputs
    (same length, so the cross-reference offsets stay valid) to keep reprints byte-identical.
    """
    cn22 = render_cn22_label(paper, copies)
    doc = pdfium.PdfDocument(label_pdf)
    doc.import_pages(pdfium.PdfDocument(cn22))
    buf = io.BytesIO()
    doc.save(buf)
    digest = hashlib.md5(label_pdf + cn22, usedforsecurity=False).hexdigest().upper().encode()
    return re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]",
                  b"/ID[<" + digest + b"><" + digest + b">]", buf.getvalue(), count=1)


@standard_fonts_first
def render_cn22_a4(paper: CustomsPaper, copies: int = 1) -> bytes:
    """Copies side by side on A4 (two 100×150 forms per sheet) with cut marks."""
    copies = max(1, min(4, copies))
    c, buf = new_canvas(A4, "CN 22")
    for n in range(copies):
        slot = n % 2
        draw_cn22(c, A4[1], 4 + slot * 102, 10, paper)
        if slot == 1 or n == copies - 1:
            _cut_marks(c)
            c.showPage()
    c.save()
    return buf.getvalue()


def _cut_marks(c) -> None:
    c.setDash(2, 2)
    c.setLineWidth(0.3)
    c.line(105 * mm, A4[1] - 162 * mm, 105 * mm, A4[1])
    c.line(0, A4[1] - 162 * mm, A4[0], A4[1] - 162 * mm)
    c.setDash()


def draw_cn22(canvas, page_height_pt: float, x_mm: float, y_mm: float,
              paper: CustomsPaper) -> None:
    s = Sheet(canvas, page_height_pt, x_mm, y_mm)
    d = paper.declaration
    w = WIDTH - 2 * M
    s.box(M, M, w, HEIGHT - 2 * M, width=0.9)
    # Header
    s.text(M + 2, M + 5, "DÉCLARATION EN DOUANE", size=8.5, bold=True)
    s.text(M + 2, M + 9, "CUSTOMS DECLARATION", size=7.5, bold=True)
    s.text(M + w - 2, M + 9, "CN 22", size=15, bold=True, align="right")
    s.text(M + 2, M + 13, "Peut être ouvert d'office / May be opened officially", size=6)
    s.line(M, M + 15, M + w, M + 15)
    s.text(M + 2, M + 19, "Opérateur désigné / Designated operator :", size=5.5)
    s.text(M + w - 2, M + 19.2, paper.operator, size=8, bold=True, max_w=w - 48, align="right")
    y = M + 21
    if paper.item_number:
        s.line(M, y, M + w, y)
        s.code128(M, y + 1, paper.item_number, w, height=12.5, module=0.38)
        s.text(M + w / 2, y + 17, group_number(paper.item_number), size=7.5, bold=True,
               align="center")
        y += 19
    # Category
    s.line(M, y, M + w, y)
    for n, cat in enumerate(CATEGORIES):
        fr, en = CATEGORY_LABELS[cat]
        cx = M + 2 + (n % 2) * (w / 2)
        cy = y + 1.5 + (n // 2) * 5
        s.checkbox(cx, cy, d.category == cat, size=2.8)
        s.text(cx + 4, cy + 2.4, fr if fr == en else f"{fr} / {en}", size=5.8,
               max_w=w / 2 - 9)
    y += 16.5
    s.text(M + 2, y, "Explication / Explanation :", size=5.5)
    s.text(M + 27, y, d.explanation, size=6.5, max_w=w - 29)
    y += 2
    y = _articles(s, y, w, paper)
    # Totals (6) (7)
    s.box(M, y, w, 8)
    s.line(M + 52, y, M + 52, y + 8)
    s.text(M + 1.5, y + 3, "Poids total (kg) (6) / Total weight", size=5.2)
    s.text(M + 50, y + 7, kg(paper.gross_weight_g), size=8, bold=True, align="right")
    s.text(M + 53.5, y + 3, "Valeur totale (7) / Total value", size=5.2)
    s.text(M + w - 1.5, y + 7, money(d.total_value, paper.currency), size=8, bold=True,
           align="right", max_w=w - 56)
    y += 8
    # Certification and signature (8)
    yy = s.para(M + 1.5, y + 2.8, w - 3, CERTIFICATION[0], size=4.9)
    yy = s.para(M + 1.5, yy, w - 3, CERTIFICATION[1], size=4.9)
    s.text(M + 1.5, yy + 0.3, "Date et signature de l'expéditeur (8) / Date and sender's "
           "signature", size=5.2)
    signed = paper.posting_date.strftime("%d/%m/%Y") if paper.posting_date else ""
    s.text(M + 1.5, M + HEIGHT - 2 * M - 2, f"{signed}  {paper.signer}".strip(), size=8.5,
           bold=True, max_w=w - 3)


# Columns: (key, width mm, box number, French, English)
_COLUMNS = (("description", 44, 1, "Quantité et description détaillée du contenu",
             "Quantity and detailed description of contents"),
            ("weight", 12, 2, "Poids (kg)", "Weight (kg)"),
            ("value", 16, 3, "Valeur", "Value"),
            ("hs", 14, 4, "N° SH (envois comm.)", "HS No. (commercial)"),
            ("origin", 8, 5, "Origine", "Origin"))


def _articles(s: Sheet, y: float, w: float, paper: CustomsPaper) -> float:
    head, row = 10.5, 8.0
    rows = list(paper.declaration.items)[:MAX_LINES]
    s.box(M, y, w, head, fill=0.93)
    x = M
    for _key, cw, no, fr, en in _COLUMNS:
        s.line(x, y, x, y + head + row * MAX_LINES)
        s.para(x + 0.7, y + 2.2, cw - 1.2, f"{fr} ({no}) / {en}", size=4.3, max_lines=4)
        x += cw
    y += head
    for r in range(MAX_LINES):
        s.box(M, y + r * row, w, row, width=0.4)
        if r >= len(rows):
            continue
        it = rows[r]
        x = M
        cells = {"description": f"{it.quantity} × {it.description}", "weight": kg(it.net_weight_g),
                 "value": money(it.value, it.currency), "hs": it.hs_code, "origin": it.origin}
        for key, cw, *_ in _COLUMNS:
            if key == "description":
                s.para(x + 0.8, y + r * row + 3.2, cw - 1.6, cells[key], size=5.8, max_lines=2)
            else:
                right = key in ("weight", "value")
                s.text(x + cw - 0.8 if right else x + 0.8, y + r * row + 4.8, cells[key],
                       size=6.2, max_w=cw - 1.6, align="right" if right else "left",
                       min_size=3.8)
            x += cw
    return y + row * MAX_LINES


__all__ = ["render_cn22_label", "render_cn22_a4", "draw_cn22", "combine_label_and_cn22", "WIDTH", "HEIGHT", "mm"]
