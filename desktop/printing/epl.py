"""`LabelSpec` → EPL2 (Zebra 2844/GK420 in EPL, Honeywell ESim, clones), 203/300 dpi.

One command per line (LF), positions in dots from the top-left (`ZT`). Text uses the
resident fixed-pitch fonts 1–4 with whole multipliers, so widths are exact and text is
wrapped here, one `A` command per printed line. Code 128 is `B…,1,…` (automatic subsets),
the Data Matrix a `GW` graphic of our own encoder, boxes `LO`/`X`. [EPL2 Programming Manual]

Escaping: field data sits between double quotes; inside, `"` is written `\\"` and `\\` is
written `\\\\` [EPL2 manual, A and B commands]. Line breaks and control characters never
reach the data (`clean_text`). EPL2 has no UTF-8: the text is sent in the profile's code
page (`I8,A` Windows-1252 or `I8,C` Windows-1251, EPL2 manual `I` command) and a character
outside it prints as `?`.
"""

from __future__ import annotations

import math
from functools import lru_cache

from desktop.domain.label import (
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

# Resident fonts: (pitch, height) in dots; the pitch includes the 2-dot gap between characters
# (203 dpi font 1 = 20.3 characters per inch = 10 dots) [EPL2 manual, A command font table]
FONT_CELLS = {203: {1: (10, 12), 2: (12, 16), 3: (14, 20), 4: (16, 24)},
              300: {1: (14, 20), 2: (18, 28), 3: (22, 36), 4: (26, 44)}}
MAX_H_MUL, MAX_V_MUL = 6, 9  # EPL2 A command: horizontal 1–6, vertical 1–9
CODEPAGES = {"1252": ("A", "cp1252"), "1251": ("C", "cp1251")}  # I8 p1 [EPL2 manual, I8]
_SENSING = {"gap": "{len},{gap}", "black_mark": "{len},B{gap},0", "continuous": "{len},0"}
_FINISH = {"cutter": "OC", "peel": "OP"}  # O options [EPL2 manual, O]; tear-off: none
ELLIPSIS = "..."


def quote(text: str, encoding: str = "cp1252") -> bytes:
    """`"…"` field data: `\\` and `"` backslash-escaped, the rest in the code page."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return b'"' + body.encode(encoding, "replace") + b'"'


def unquote(field: bytes, encoding: str = "cp1252") -> str:
    """The text a printer reads from a quoted field (tests, preview)."""
    if len(field) < 2 or field[:1] != b'"' or field[-1:] != b'"':
        raise ValueError(f"not a quoted EPL2 field: {field!r}")
    out, i, body = bytearray(), 0, field[1:-1]
    while i < len(body):
        if body[i:i + 1] == b"\\" and i + 1 < len(body):
            out += body[i + 1:i + 2]
            i += 2
            continue
        if body[i:i + 1] == b'"':
            raise ValueError(f"unescaped quote inside {field!r}")
        out += body[i:i + 1]
        i += 1
    return out.decode(encoding)


def printable_in(text: str, encoding: str) -> str:
    """What the printer prints for `text`: characters outside the code page become `?`."""
    return text.encode(encoding, "replace").decode(encoding)


def render_epl(spec: LabelSpec, profile: PrinterProfile) -> bytes:
    dpi = profile.dpi or 203
    if dpi not in FONT_CELLS:
        raise ValueError(f"EPL2 at {dpi} dpi is not supported (203 or 300)")
    letter, encoding = CODEPAGES[profile.codepage]
    w = _Writer(dpi, spec, encoding)
    lines: list[bytes] = [b"", b"N", f"I8,{letter},001".encode(), f"q{w.width}".encode()]
    sensing = profile.sensing or "gap"
    gap = round(profile.gap_mm * w.dpmm)
    lines.append(("Q" + _SENSING[sensing].format(len=w.height, gap=gap)).encode())
    if profile.speed_ips is not None:
        lines.append(f"S{profile.speed_ips}".encode())
    if profile.darkness is not None:
        lines.append(f"D{profile.darkness}".encode())
    if profile.finish in _FINISH:
        lines.append(_FINISH[profile.finish].encode())
    lines.append(b"ZT")
    draw = {Text: w.text, Code128: w.code128, DataMatrix: w.datamatrix, Box: w.box}
    for element in spec.elements:
        lines += draw[type(element)](element)
    lines.append(b"P1")
    return b"\n".join(lines) + b"\n"


@lru_cache(maxsize=256)  # a label uses a handful of sizes
def _font(dpi: int, target: float) -> tuple[int, int, int, int, int]:
    _, v, f = min((abs(ch * v - target), v, f) for f, (_, ch) in FONT_CELLS[dpi].items()
                  for v in range(1, MAX_V_MUL + 1))
    cw, ch = FONT_CELLS[dpi][f]
    return f, min(v, MAX_H_MUL), v, cw, ch


class _Writer(DotGrid):
    def __init__(self, dpi: int, spec: LabelSpec, encoding: str):
        super().__init__(dpi, spec)
        self.encoding = encoding

    def font(self, size_mm: float) -> tuple[int, int, int, int, int]:
        """(font, horizontal and vertical multipliers, pitch, cell height) whose height is
        closest to `size_mm`, at its natural proportions (h = v)."""
        return _font(self.dpi, size_mm * self.dpmm)

    def condensed(self, size_mm: float, chars: int, width: int) -> tuple[int, int, int, int, int]:
        """For fit="shrink": the tallest combination within 15 % of the size, its characters
        at most halved horizontally (whole multipliers: 60 % as elsewhere is not always
        reachable), that fits `width`; else the narrowest such (the text then wraps)."""
        natural = self.font(size_mm)
        target = size_mm * self.dpmm
        options = []
        for f, (cw, ch) in FONT_CELLS[self.dpi].items():
            for v in range(1, MAX_V_MUL + 1):
                if abs(ch * v - target) > 0.15 * target:
                    continue
                for h in range(max(1, (v + 1) // 2), min(v, MAX_H_MUL) + 1):
                    line = chars * cw * h
                    options.append((line <= width, ch * v, line, (f, h, v, cw, ch)))
        if not options:
            return natural
        fitting = [o for o in options if o[0]]
        if fitting:
            return max(fitting, key=lambda o: (o[1], o[2]))[3]
        return min(options, key=lambda o: (o[2], -o[1]))[3]

    def text(self, t: Text) -> list[bytes]:
        x, y = self.xy(t.x_mm, t.y_mm)
        width = max(1, min(self.dots(t.width_mm), self.width - x))
        clean = printable_in(clean_text(t.text), self.encoding)
        f, h, v, cw, ch = self.font(t.size_mm)
        if t.fit == "shrink" and len(clean) * cw * h > width:
            f, h, v, cw, ch = self.condensed(t.size_mm, len(clean), width)
        lines = wrap_text(clean, lambda s: len(s) * cw * h <= width, t.max_lines, ELLIPSIS)
        pitch = self.dots(t.size_mm * 1.2)
        out = []
        for i, line in enumerate(lines):
            ly = y + i * pitch
            if ly + ch * v > self.height:
                break
            span = len(line) * cw * h
            lx = x + {"center": (width - span) // 2, "right": width - span}.get(t.align, 0)
            out.append(f"A{max(0, lx)},{ly},0,{f},{h},{v},N,".encode()
                       + quote(line, self.encoding))
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
        out = [f"B{x},{y},0,1,{m},{m},{h},N,".encode() + quote(c.data, "ascii")]
        if c.human_readable:
            size = c.text_size_mm
            top = c.y_mm + c.height_mm + c.text_gap_mm
            span = max(c.width_mm, bars / self.dpmm)
            left = c.x_mm + c.width_mm / 2 - span / 2
            out += self.text(Text(left, top, span, size, c.human_readable, align="center",
                                  fit="shrink"))
        return out

    def datamatrix(self, d: DataMatrix) -> list[bytes]:
        x, y, per_row, height, data = self.datamatrix_image(d)
        return [f"GW{x},{y},{per_row},{height},".encode() + data]

    def box(self, b: Box) -> list[bytes]:
        x, y, w, h, t = self.box_dots(b)
        if b.filled:
            return [f"LO{x},{y},{w},{h}".encode()]
        return [f"X{x},{y},{t},{x + w},{y + h}".encode()]
