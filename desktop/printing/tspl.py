"""`LabelSpec` → TSPL/TSPL2 (TSC and clones), 203/300 dpi.

One command per line (CR LF), positions in dots from the top-left. Text uses a scalable
font (resident "0" or a downloaded TrueType) whose size is given in points, and TSPL2's
alignment parameter; it is wrapped here, one `TEXT` per printed line. Code 128 is
`BARCODE …,"128",…` (automatic subsets), the Data Matrix a `BITMAP` of our own encoder,
boxes `BAR`/`BOX`. `CODEPAGE UTF-8` makes the printer read the text as UTF-8.
[TSPL/TSPL2 Programming Manual: SIZE, GAP, BLINE, SPEED, DENSITY, SET, CODEPAGE, TEXT …]

Escaping: field data sits between double quotes; a double quote inside is written `\\["]`
[TSPL manual, TEXT: "use \\["] for a double quote"]. TSPL has no escape for a backslash
itself, and a backslash followed by `[` would start an escape, so that backslash, and one
that would stand just before the closing quote (a firmware reading `\"` C-style would run
past the field), is sent as U+FF3C FULLWIDTH REVERSE SOLIDUS (same glyph in Unicode fonts);
any other backslash is plain. Line breaks and control characters never reach the data (`clean_text`).
"""

from __future__ import annotations

import math

from desktop.domain.label import (
    MIN_SHRINK,
    Box,
    Code128,
    DataMatrix,
    LabelSpec,
    Text,
    clean_text,
    code128_modules,
    wrap_text,
)
from desktop.domain.printer_profile import PrinterProfile
from desktop.domain.tracking import S10_MODULE_MAX_MM, S10_MODULE_MIN_MM
from desktop.printing.dot_grid import DotGrid
from desktop.printing.zpl import text_width_dots

DQUOTE = '\\["]'
SAFE_BACKSLASH = "\uff3c"
_SENSING = {"gap": "GAP {gap} mm,0 mm", "black_mark": "BLINE {gap} mm,0 mm",
            "continuous": "GAP 0 mm,0 mm"}
_FINISH = {"tear_off": "SET TEAR ON", "peel": "SET PEEL ON", "cutter": "SET CUTTER BATCH"}
_ALIGN = {"left": 1, "center": 2, "right": 3}  # TEXT alignment [TSPL2 manual]
POINTS_PER_INCH = 72
ELLIPSIS = "..."


def quote(text: str) -> bytes:
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            out.append(DQUOTE)
        elif ch == "\\" and (text[i + 1:i + 2] == "[" or i == len(text) - 1):
            out.append(SAFE_BACKSLASH)
        else:
            out.append(ch)
    return b'"' + "".join(out).encode("utf-8") + b'"'


def unquote(field: bytes) -> str:
    """The text a printer reads from a quoted field (tests, preview)."""
    text = field.decode("utf-8")
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"not a quoted TSPL field: {field!r}")
    body = text[1:-1]
    out, i = [], 0
    while i < len(body):
        if body.startswith(DQUOTE, i):
            out.append('"')
            i += len(DQUOTE)
        elif body[i] == '"':
            raise ValueError(f"unescaped quote inside {field!r}")
        elif body.startswith("\\[", i):
            raise ValueError(f"unknown escape inside {field!r}")
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def printed(text: str) -> str:
    """What the printer prints for an already clean line (the substitutions above)."""
    text = text.replace("\\[", SAFE_BACKSLASH + "[")
    return text[:-1] + SAFE_BACKSLASH if text.endswith("\\") else text


def render_tspl(spec: LabelSpec, profile: PrinterProfile) -> bytes:
    dpi = profile.dpi or 203
    w = _Writer(dpi, spec, profile.font.name)
    lines = [f"SIZE {_mm(spec.width_mm)} mm,{_mm(spec.height_mm)} mm".encode()]
    if profile.sensing:
        lines.append(_SENSING[profile.sensing].format(gap=_mm(profile.gap_mm)).encode())
    if profile.speed_ips is not None:
        lines.append(f"SPEED {profile.speed_ips}".encode())
    if profile.darkness is not None:
        lines.append(f"DENSITY {profile.darkness}".encode())
    if profile.finish in _FINISH:
        lines.append(_FINISH[profile.finish].encode())
    lines += [b"DIRECTION 0", b"REFERENCE 0,0", b"CODEPAGE UTF-8", b"CLS"]
    draw = {Text: w.text, Code128: w.code128, DataMatrix: w.datamatrix, Box: w.box}
    for element in spec.elements:
        lines += draw[type(element)](element)
    lines.append(b"PRINT 1,1")
    return b"\r\n".join(lines) + b"\r\n"


def _mm(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class _Writer(DotGrid):
    def __init__(self, dpi: int, spec: LabelSpec, font: str):
        super().__init__(dpi, spec)
        self.font = font
        self.truetype = font.endswith(".TTF")  # font "0" is condensed like ZPL's font 0

    def text(self, t: Text) -> list[bytes]:
        x, y = self.xy(t.x_mm, t.y_mm)
        width = max(1, min(self.dots(t.width_mm), self.width - x))
        points = max(1, round(t.size_mm / 25.4 * POINTS_PER_INCH))
        h = self.dots(t.size_mm)
        x_points = points
        clean = clean_text(t.text)
        if t.fit == "shrink":
            natural = text_width_dots(clean, h, self.truetype)
            if natural > width:
                x_points = max(1, math.floor(points * max(MIN_SHRINK, width / natural)))
        scale = h * x_points / points
        lines = wrap_text(clean, lambda s: text_width_dots(s, scale, self.truetype) <= width,
                          t.max_lines,
                          ELLIPSIS)
        pitch = self.dots(t.size_mm * 1.2)
        align = _ALIGN.get(t.align, 1)
        anchor = x + {1: 0, 2: width // 2, 3: width}[align]
        out = []
        for i, line in enumerate(lines):
            ly = y + i * pitch
            if ly + h > self.height:
                break
            out.append(f'TEXT {anchor},{ly},"{self.font}",0,{x_points},{points},{align},'
                       .encode() + quote(line))
        return out

    def module_dots(self, module_mm: float) -> int:
        lo = math.ceil(S10_MODULE_MIN_MM * self.dpmm - 1e-9)
        hi = math.floor(S10_MODULE_MAX_MM * self.dpmm + 1e-9)
        return min(max(self.dots(module_mm), lo), hi)

    def code128(self, c: Code128) -> list[bytes]:
        m = self.module_dots(c.module_mm)
        bars = code128_modules(c.data) * m
        x, y = self.xy(c.x_mm + c.width_mm / 2 - bars / 2 / self.dpmm, c.y_mm)
        h = self.dots(c.height_mm)
        out = [f'BARCODE {x},{y},"128",{h},0,0,{m},{m},'.encode() + quote(c.data)]
        if c.human_readable:
            top = c.y_mm + c.height_mm + c.text_gap_mm
            span = max(c.width_mm, bars / self.dpmm)
            left = c.x_mm + c.width_mm / 2 - span / 2
            out += self.text(Text(left, top, span, c.text_size_mm, c.human_readable,
                                  bold=True, align="center", fit="shrink"))
        return out

    def datamatrix(self, d: DataMatrix) -> list[bytes]:
        x, y, per_row, height, data = self.datamatrix_image(d)
        return [f"BITMAP {x},{y},{per_row},{height},0,".encode() + data]

    def box(self, b: Box) -> list[bytes]:
        x, y, w, h, t = self.box_dots(b)
        if b.filled:
            return [f"BAR {x},{y},{w},{h}".encode()]
        return [f"BOX {x},{y},{x + w},{y + h},{t}".encode()]
