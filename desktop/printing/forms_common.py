"""Drawing kit shared by the CN22, CN23 and invoice PDFs (reportlab).

Coordinates are millimetres from the *top-left* corner of the current form (the UPU forms
are drawn top-down); `Sheet` converts to reportlab's bottom-left points. Text is real text
(DejaVu, so any script prints and pypdf can read it back); nothing is rasterised.
Output is deterministic (`invariant=1`): a reprint is identical bytes [D 13.3].
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from decimal import Decimal

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.domain.address import Address
from desktop.domain.countries import get as country
from desktop.domain.tracking import (
    S10_MIN_HEIGHT_MM,
    S10_MODULE_MAX_MM,
    S10_MODULE_MIN_MM,
    S10_QUIET_MODULES,
)
from desktop.printing.fonts import check_drawable, form_fonts

A4 = (210 * mm, 297 * mm)
LABEL_100x150 = (100 * mm, 150 * mm)  # 10×15 cm thermal label (docs/sources/customs.md §4)
# UPU S10 barcode rules, one definition in the domain (docs/sources/s10.md).
MODULE_MIN_MM, MODULE_MAX_MM = S10_MODULE_MIN_MM, S10_MODULE_MAX_MM
BAR_HEIGHT_MIN_MM = S10_MIN_HEIGHT_MM
QUIET_MODULES = S10_QUIET_MODULES
CENT = Decimal("0.01")


def new_canvas(pagesize, title: str) -> tuple[Canvas, io.BytesIO]:
    form_fonts()  # registers DejaVu when it is the font
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=pagesize, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor("Comptoir")
    c.setCreator("Comptoir")
    c.setSubject(title)
    return c, buf


MAX_COPIES = 4  # UPU CN 22 / CN 23 sets: at most four copies (docs/sources/customs.md §2)


def render_a4_sets(title: str, items: Sequence, per_sheet: int, copies: int,
                   draw: Callable[..., None]) -> bytes:
    """A PDF of `copies` (1–4) sets of an A4 form; each set runs over `items`, `per_sheet`
    rows to a sheet (one empty sheet when there are none).

    `draw(sheet, rows, first_index, copy, copies, sheet_no, sheets)` draws one sheet.
    """
    copies = max(1, min(MAX_COPIES, copies))
    items = list(items)
    chunks = [items[i:i + per_sheet] for i in range(0, len(items), per_sheet)] or [[]]
    c, buf = new_canvas(A4, title)
    for copy in range(1, copies + 1):
        for n, rows in enumerate(chunks):
            draw(Sheet(c, A4[1]), rows, n * per_sheet, copy, copies, n + 1, len(chunks))
            c.showPage()
    c.save()
    return buf.getvalue()


class Sheet:
    """A form drawn at (`x0`, `y0`) mm from the page's top-left corner."""

    def __init__(self, canvas: Canvas, page_height_pt: float, x0: float = 0, y0: float = 0):
        self.c = canvas
        self.h = page_height_pt
        self.x0, self.y0 = x0, y0
        self.regular, self.bold = form_fonts()  # standard or DejaVu (desktop/printing/fonts.py)

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return (self.x0 + x) * mm, self.h - (self.y0 + y) * mm

    def box(self, x: float, y: float, w: float, h: float, width: float = 0.6,
            fill: float | None = None) -> None:
        px, py = self.pt(x, y + h)
        self.c.setLineWidth(width)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(px, py, w * mm, h * mm, stroke=1, fill=1 if fill is not None else 0)
        self.c.setFillGray(0)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.6) -> None:
        self.c.setLineWidth(width)
        self.c.line(*self.pt(x1, y1), *self.pt(x2, y2))

    def text(self, x: float, y: float, text: str, size: float = 7, bold: bool = False,
             max_w: float | None = None, align: str = "left", min_size: float = 4.5) -> float:
        """One line with its baseline at y; shrinks (then clips with …) to fit `max_w` mm."""
        font = self.bold if bold else self.regular
        text = " ".join(str(text).split())
        check_drawable(text, font)
        if max_w is not None:
            size, text = fit(text, font, size, max_w, min_size)
        self.c.setFont(font, size)
        px, py = self.pt(x, y)
        if align == "right":
            self.c.drawRightString(px, py, text)
        elif align == "center":
            self.c.drawCentredString(px, py, text)
        else:
            self.c.drawString(px, py, text)
        return size

    def para(self, x: float, y: float, w: float, text: str, size: float = 6,
             bold: bool = False, leading: float | None = None, max_lines: int = 99) -> float:
        """Wrapped text from baseline y; returns the y below the last line (mm)."""
        font = self.bold if bold else self.regular
        check_drawable(text, font)
        lead = leading or size * 1.18 / mm * 1.0
        lines = wrap(text, font, size, w)
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = fit(lines[-1] + " …", font, size, w, size)[1]
        self.c.setFont(font, size)
        for n, line in enumerate(lines):
            self.c.drawString(*self.pt(x, y + n * lead), line)
        return y + len(lines) * lead

    def label(self, x: float, y: float, w: float, fr: str, en: str, size: float = 5.2) -> float:
        """A bilingual box caption, French then English: 'Poids net / Net weight'."""
        return self.para(x, y, w, f"{fr} / {en}" if en and en != fr else fr, size=size)

    def checkbox(self, x: float, y: float, ticked: bool, size: float = 2.8) -> None:
        self.box(x, y, size, size, width=0.5)
        if ticked:
            self.line(x + 0.5, y + size / 2, x + size * 0.42, y + size - 0.5, 0.9)
            self.line(x + size * 0.42, y + size - 0.5, x + size - 0.4, y + 0.4, 0.9)

    def code128(self, x: float, y: float, value: str, max_w: float, height: float = 13.0,
                module: float = 0.40) -> float:
        """Code 128 with S10 quiet zones, horizontally centred in [x, x+max_w]; returns width."""
        while True:
            quiet = QUIET_MODULES * module * mm
            bc = Code128(value, barWidth=module * mm, barHeight=max(height, BAR_HEIGHT_MIN_MM) * mm,
                         quiet=1, lquiet=quiet, rquiet=quiet, humanReadable=0)
            if bc.width <= max_w * mm or module <= MODULE_MIN_MM:
                break
            module = max(MODULE_MIN_MM, round(module - 0.02, 3))
        left = x + (max_w - bc.width / mm) / 2
        bc.drawOn(self.c, *self.pt(left, y + max(height, BAR_HEIGHT_MIN_MM)))
        return bc.width / mm


def fit(text: str, font: str, size: float, max_w_mm: float, min_size: float) -> tuple[float, str]:
    while size > min_size and stringWidth(text, font, size) > max_w_mm * mm:
        size = round(size - 0.25, 2)
    if stringWidth(text, font, size) <= max_w_mm * mm:
        return size, text
    while text and stringWidth(text + "…", font, size) > max_w_mm * mm:
        text = text[:-1]
    return size, text + "…"


def wrap(text: str, font: str, size: float, width_mm: float) -> list[str]:
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}".strip()
            if stringWidth(candidate, font, size) <= width_mm * mm or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


def kg(grams: int) -> str:
    """Weights on the UPU forms are in kg: 400 g → '0.400'."""
    return f"{Decimal(grams) / 1000:.3f}"


def money(amount: Decimal | None, currency: str = "") -> str:
    if amount is None:
        return ""
    text = f"{amount.quantize(CENT)}" if amount == amount.quantize(CENT) else f"{amount.normalize()}"
    return f"{text} {currency}".strip()


def country_name(code: str, lang: str = "en") -> str:
    found = country(code)
    return found.name(lang) if found else code


def address_rows(a: Address, lang: str = "en") -> list[tuple[str, str, str]]:
    """(French caption, English caption, value) in the CN23 order of the sender/addressee boxes."""
    street = ", ".join(x for x in (a.complement, a.building, a.street, a.locality) if x)
    return [("Nom", "Name", a.name), ("Entreprise", "Business", a.company),
            ("Rue", "Street", street), ("Code postal", "Postcode", a.postcode),
            ("Ville", "City", " ".join(x for x in (a.city, a.state) if x)),  # "NEW YORK NY"
            ("Pays", "Country", f"{country_name(a.country, lang)} ({a.country})" if a.country else "")]


CATEGORY_LABELS = {  # UPU CN22/CN23 box 10 captions (French / English)
    "gift": ("Cadeau", "Gift"),
    "commercial_sample": ("Échantillon commercial", "Commercial sample"),
    "documents": ("Documents", "Documents"),
    "returned_goods": ("Retour de marchandise", "Returned goods"),
    "sale_of_goods": ("Vente de marchandises", "Sale of goods"),
    "other": ("Autre", "Other"),
}

CERTIFICATION = (
    "Je certifie que les renseignements donnés dans la présente déclaration sont exacts et que "
    "cet envoi ne contient aucun objet dangereux ou interdit par la réglementation postale ou "
    "douanière.",
    "I certify that the particulars given in this customs declaration are correct and that "
    "this item does not contain any dangerous article or articles prohibited by legislation "
    "or by postal or customs regulations.")
