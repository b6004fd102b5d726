"""`LabelSpec` → a one-page PDF of exactly the label's size, to print at 100 % [D 5.1].

Helvetica (a PDF standard font, not embedded) when it can draw every text of the label, else
DejaVu (Unicode, Cyrillic) embedded as subsets (desktop/printing/fonts.py); barcodes drawn as vector rectangles so
they stay sharp at any printer resolution. `invariant=1` fixes the creation date and the
document id: the same spec always gives the same bytes, so a reprint is identical.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from desktop.domain.label import (
    LINE_PITCH,
    MIN_SHRINK,
    Box,
    Code128,
    DataMatrix,
    LabelSpec,
    Text,
    clean_text,
    wrap_text,
)
from desktop.printing.barcodes import code128_pattern, datamatrix_rows, runs
from desktop.printing.fonts import fonts_for

BASELINE = 0.8  # baseline below the top of a text line, as a fraction of the font size


def render_pdf(spec: LabelSpec) -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf, spec.width_mm, spec.height_mm, spec.name or "label")
    paint(c, spec)
    c.showPage()
    c.save()
    return buf.getvalue()


def _canvas(buf: io.BytesIO, width_mm: float, height_mm: float, title: str) -> canvas.Canvas:
    c = canvas.Canvas(buf, pagesize=(width_mm * mm, height_mm * mm), invariant=1,
                      pageCompression=1)
    c.setTitle(title)
    c.setCreator("Comptoir")
    c.setAuthor("Comptoir")
    return c


def paint(c: canvas.Canvas, spec: LabelSpec) -> None:
    """Draws `spec` with its bottom-left corner at the canvas origin (callers translate)."""
    painter = _Painter(c, spec.height_mm, label_fonts([spec]))
    for element in spec.elements:
        if isinstance(element, Text):
            painter.text(element)
        elif isinstance(element, Code128):
            painter.code128(element)
        elif isinstance(element, DataMatrix):
            painter.datamatrix(element)
        elif isinstance(element, Box):
            painter.box(element)
        else:
            raise TypeError(f"unknown label element {element!r}")


def label_fonts(specs: list[LabelSpec]) -> tuple[str, str]:
    """One pair of fonts for every label of a document, chosen from all their texts."""
    return fonts_for(text for spec in specs for element in spec.elements
                     for text in _texts(element))


def _texts(element) -> list[str]:
    if isinstance(element, Text):
        return [clean_text(element.text)]
    if isinstance(element, Code128) and element.human_readable:
        return [clean_text(element.human_readable)]
    return []


# A4 sheets [ISO 216: 210 × 297 mm]: "a4x2" = two A5 halves (210 × 148.5 mm), the 10 × 15
# label turned a quarter so it fits at 100 %; "a4x4" = four A6 cells (105 × 148.5 mm), the
# label reduced to fit (3 % for a 10 × 15 label, modules stay ≥ 0.33 mm: UPU S10).
A4_MM = (210.0, 297.0)
SHEETS = {"a4x2": (1, 2, True), "a4x4": (2, 2, False)}  # columns, rows, turned
CELL_MARGIN_MM = 1.0  # our choice: keeps the label off the cut/perforation line


def render_pdf_sheet(specs: list[LabelSpec], sheet: str, first_cell: int = 0) -> bytes:
    """`specs` laid out on A4 pages, row by row, from cell `first_cell` of the first page
    (so a half-used sheet of labels can be fed again)."""
    cols, rows, turned = SHEETS[sheet]
    per_page = cols * rows
    if not 0 <= first_cell < per_page:
        raise ValueError(f"first_cell must be 0 to {per_page - 1}, not {first_cell}")
    buf = io.BytesIO()
    title = specs[0].name if specs and specs[0].name else "labels"
    c = _canvas(buf, *A4_MM, title)
    cell_w, cell_h = A4_MM[0] / cols, A4_MM[1] / rows
    for n, spec in enumerate(specs, start=first_cell):
        if n and n % per_page == 0:
            c.showPage()
        col, row = n % per_page % cols, n % per_page // cols
        w, h = (spec.height_mm, spec.width_mm) if turned else (spec.width_mm, spec.height_mm)
        scale = min(1.0, (cell_w - 2 * CELL_MARGIN_MM) / w, (cell_h - 2 * CELL_MARGIN_MM) / h)
        left = col * cell_w + (cell_w - w * scale) / 2
        bottom = A4_MM[1] - (row + 1) * cell_h + (cell_h - h * scale) / 2
        c.saveState()
        c.translate(left * mm, bottom * mm)
        c.scale(scale, scale)
        if turned:  # a quarter turn anticlockwise: the label's left edge at the bottom
            c.translate(w * mm, 0)
            c.rotate(90)
        paint(c, spec)
        c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


class _Painter:
    def __init__(self, c: canvas.Canvas, height_mm: float, fonts: tuple[str, str]):
        self.c, self.height_mm = c, height_mm
        self.regular, self.bold = fonts

    def _y(self, y_mm: float) -> float:
        """PDF y (points, from the bottom) of a label y (mm, from the top)."""
        return (self.height_mm - y_mm) * mm

    def _line(self, x_mm: float, top_mm: float, width_mm: float, size_mm: float, text: str,
              font: str, align: str, scale: float = 1.0) -> None:
        size = size_mm * mm
        width = stringWidth(text, font, size) * scale
        x = x_mm * mm
        if align == "center":
            x += (width_mm * mm - width) / 2
        elif align == "right":
            x += width_mm * mm - width
        t = self.c.beginText(x, self._y(top_mm + BASELINE * size_mm))
        t.setFont(font, size)
        t.setHorizScale(scale * 100)  # always: the PDF text state keeps the last scale
        t.textOut(text)
        self.c.drawText(t)

    def text(self, t: Text) -> None:
        font = self.bold if t.bold else self.regular
        size = t.size_mm * mm
        width = t.width_mm * mm
        scale = 1.0
        if t.fit == "shrink":
            natural = stringWidth(clean_text(t.text), font, size)
            if natural > width:
                scale = max(MIN_SHRINK, width / natural)
        lines = wrap_text(t.text, lambda s: stringWidth(s, font, size) * scale <= width,
                          t.max_lines)
        for i, line in enumerate(lines):
            self._line(t.x_mm, t.y_mm + i * t.size_mm * LINE_PITCH, t.width_mm, t.size_mm,
                       line, font, t.align, scale)

    def code128(self, b: Code128) -> None:
        pattern = code128_pattern(b.data)
        bars_mm = len(pattern) * b.module_mm
        # Centre the encoder's bars where the layout planned them (it reserved the quiet zone).
        left = b.x_mm + (b.width_mm - bars_mm) / 2
        self.c.setFillColorRGB(0, 0, 0)
        bottom = self._y(b.y_mm + b.height_mm)
        for start, length in runs(pattern):
            self.c.rect((left + start * b.module_mm) * mm, bottom, length * b.module_mm * mm,
                        b.height_mm * mm, stroke=0, fill=1)
        if b.human_readable:
            text = clean_text(b.human_readable)
            span = max(bars_mm, b.width_mm)
            self._line(left + (bars_mm - span) / 2, b.y_mm + b.height_mm + b.text_gap_mm, span,
                       b.text_size_mm, text, self.bold, "center")

    def datamatrix(self, d: DataMatrix) -> None:
        rows = datamatrix_rows(d.data)
        module = d.module_mm
        if d.size_mm > 0:
            module = min(module, d.size_mm / len(rows))
        for r, row in enumerate(rows):
            top = d.y_mm + r * module
            for start, length in runs(row):
                self.c.rect((d.x_mm + start * module) * mm, self._y(top + module),
                            length * module * mm, module * mm, stroke=0, fill=1)

    def box(self, b: Box) -> None:
        if b.filled:
            self.c.rect(b.x_mm * mm, self._y(b.y_mm + b.height_mm), b.width_mm * mm,
                        b.height_mm * mm, stroke=0, fill=1)
            return
        t = b.thickness_mm
        self.c.setLineWidth(t * mm)
        # The stroke straddles the path: inset by half the thickness to stay inside the box.
        self.c.rect((b.x_mm + t / 2) * mm, self._y(b.y_mm + b.height_mm - t / 2),
                    (b.width_mm - t) * mm, (b.height_mm - t) * mm, stroke=1, fill=0)
