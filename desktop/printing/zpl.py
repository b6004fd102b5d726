"""`LabelSpec` → ZPL II bytes for 203, 300 and 600 dpi (8, 12, 24 dots/mm) printers.

One field per line: `^FO` position, then `^A0`+`^FB` text, `^BY`+`^BC` Code 128, `^BX` Data
Matrix or `^GB` box, then `^FH^FD…^FS`. Text is wrapped here (not by the printer) with a
conservative width estimate of font 0, so each printed line is its own one-line `^FB` field
and a long line is cut, never printed over the next one. [ZPL II Programming Guide]

A printer profile adds its media and print settings after `^LH`: `^MN` sensing (Y gap,
M black mark, N continuous), `^MM` finish (T tear-off, P peel, C cutter, R rewind), `^PR`
speed in inches per second and `~SD` darkness 00–30; a setting left `null` in the profile
sends nothing, so the printer keeps its own. [ZPL II Programming Guide: ^MN, ^MM, ^PR, ~SD]
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from desktop.domain.label import (
    LINE_PITCH,
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
from desktop.printing import datamatrix
from desktop.printing.escape import field_barcode, field_datamatrix, field_text

# ZPL II: 203 dpi = 8 dots/mm, 300 dpi = 12 dots/mm, 600 dpi = 24 dots/mm [ZPL II, ^MU]
DOTS_PER_MM = {203: 8, 300: 12, 600: 24}
_SENSING = {"gap": "Y", "black_mark": "M", "continuous": "N"}  # ^MN [ZPL II]
_FINISH = {"tear_off": "T", "peel": "P", "cutter": "C", "rewind": "R"}  # ^MM [ZPL II]
# UPU S10: the Code 128 module, once rounded to whole dots, stays in range.
S10_MODULE_MM = (S10_MODULE_MIN_MM, S10_MODULE_MAX_MM)  # UPU S10 (domain.tracking)
_ALIGN = {"left": "L", "center": "C", "right": "R"}
BY_MAX_MODULE = 10  # ^BY module width: 1 to 10 dots [ZPL II, ^BY]
ELLIPSIS = "..."  # font 0 has no "…" glyph on every printer

# Advance widths of font 0 (CG Triumvirate Bold Condensed) as a fraction of the ^A0 width
# parameter, rounded up from measured prints so that an estimated line is never too short.
_NARROW = frozenset(" !'(),-./:;I[]`fijlrt|1")
_WIDE = frozenset("MWmw@%&")


@lru_cache(maxsize=4096)  # a few hundred distinct characters; measured per word when wrapping
def _char_width(ch: str) -> float:
    if ch in _NARROW:
        return 0.32
    if ch in _WIDE:
        return 0.82
    if ch.isupper() or ch.isdigit() or ch in "#$*+<=>?~_^\\" or ord(ch) > 127:
        return 0.62
    return 0.52


# A TrueType font (Swiss 721, DejaVu Sans …) is not condensed: about 1.3 × font 0's advance
# (our estimate from Helvetica-class widths, rounded up so a line is never too long for ^FB,
# which would otherwise print the overflow over its last line).
TRUETYPE_WIDTH_FACTOR = 1.3


def text_width_dots(text: str, width_param: float, truetype: bool = False) -> float:
    factor = TRUETYPE_WIDTH_FACTOR if truetype else 1.0
    return sum(map(_char_width, text)) * width_param * factor


def render_zpl(spec: LabelSpec, dpi: int = 203, font: str = "0",
               profile: PrinterProfile | None = None) -> bytes:
    """`font`: a resident font name ("0", the default) or a font file on the printer, e.g.
    "E:TT0003M_.TTF" — font 0 has no Cyrillic glyphs, a Unicode TrueType font does.
    A `profile` gives the resolution, the font and the media/print settings instead."""
    if profile is not None:
        dpi, font = profile.dpi or dpi, profile.font.name
    try:
        dpmm = DOTS_PER_MM[dpi]
    except KeyError:
        raise ValueError(f"unsupported resolution {dpi} dpi (203, 300 or 600)") from None
    z = _Writer(dpmm, _dots(spec.width_mm, dpmm), _dots(spec.height_mm, dpmm), _font(font))
    lines = ["^XA", "^CI28", f"^PW{z.width}", f"^LL{z.height}", "^LH0,0"]
    lines += _settings(profile)
    for element in spec.elements:
        if isinstance(element, Text):
            lines += z.text(element)
        elif isinstance(element, Code128):
            lines += z.code128(element)
        elif isinstance(element, DataMatrix):
            lines += z.datamatrix(element)
        elif isinstance(element, Box):
            lines += z.box(element)
        else:
            raise TypeError(f"unknown label element {element!r}")
    lines += ["^PQ1", "^XZ"]
    return ("\n".join(lines) + "\n").encode("ascii")


def _settings(profile: PrinterProfile | None) -> list[str]:
    if profile is None:
        return []
    out = []
    if profile.sensing:
        out.append(f"^MN{_SENSING[profile.sensing]}")
    if profile.finish:
        out.append(f"^MM{_FINISH[profile.finish]}")
    if profile.speed_ips is not None:
        out.append(f"^PR{profile.speed_ips}")
    if profile.darkness is not None:
        out.append(f"~SD{profile.darkness:02d}")
    return out


def _font(font: str) -> tuple[str, str]:
    """(font letter, ",file" suffix) for ^A; anything else is refused, as it would be
    written into the command stream unescaped."""
    if _RESIDENT_FONT.fullmatch(font):
        return font, ""
    if _FONT_FILE.fullmatch(font):
        return "@", f",{font}"  # ^A@o,h,w,d:name.ext [ZPL II ^A@]
    raise ValueError(f"not a ZPL font name or printer font file: {font!r}")


_RESIDENT_FONT = re.compile(r"[A-Z0-9]")
_FONT_FILE = re.compile(r"[REBA]:[A-Z0-9_]{1,16}\.(?:TTF|FNT|TTE)")


def _dots(mm: float, dpmm: int) -> int:
    return int(round(mm * dpmm))


class _Writer:
    def __init__(self, dpmm: int, width: int, height: int, font: tuple[str, str]):
        self.dpmm, self.width, self.height = dpmm, width, height
        self.font_name, self.font_file = font
        self.truetype = bool(self.font_file)

    def _xy(self, x_mm: float, y_mm: float) -> tuple[int, int]:
        x = min(max(_dots(x_mm, self.dpmm), 0), self.width - 1)
        y = min(max(_dots(y_mm, self.dpmm), 0), self.height - 1)
        return x, y

    def _line(self, x: int, y: int, width: int, h: int, w: int, text: str, align: str) -> str:
        width = max(1, min(width, self.width - x))
        return (f"^FO{x},{y}^A{self.font_name}N,{h},{w}{self.font_file}^FB{width},1,0,{_ALIGN.get(align, 'L')},0"
                f"^FH^FD{field_text(text)}^FS")

    def text(self, t: Text) -> list[str]:
        x, y = self._xy(t.x_mm, t.y_mm)
        width = max(1, min(_dots(t.width_mm, self.dpmm), self.width - x))
        h = max(1, _dots(t.size_mm, self.dpmm))
        w = h
        if t.fit == "shrink":
            natural = text_width_dots(clean_text(t.text), h, self.truetype)
            if natural > width:
                w = max(1, int(h * max(MIN_SHRINK, width / natural)))
        lines = wrap_text(t.text, lambda s: text_width_dots(s, w, self.truetype) <= width,
                          t.max_lines,
                          ELLIPSIS)
        pitch = _dots(t.size_mm * LINE_PITCH, self.dpmm)
        return [self._line(x, y + i * pitch, width, h, w, line, t.align)
                for i, line in enumerate(lines) if y + i * pitch + h <= self.height]

    def module_dots(self, module_mm: float) -> int:
        lo = math.ceil(S10_MODULE_MM[0] * self.dpmm - 1e-9)
        hi = min(math.floor(S10_MODULE_MM[1] * self.dpmm + 1e-9), BY_MAX_MODULE)
        return min(max(_dots(module_mm, self.dpmm), lo), hi)

    def code128(self, c: Code128) -> list[str]:
        m = self.module_dots(c.module_mm)
        bars = code128_modules(c.data) * m
        # Whole dots change the bar width a little: keep the bars centred where the layout
        # put them, so the quiet zones on both sides stay as planned.
        x, y = self._xy(c.x_mm + c.width_mm / 2 - bars / 2 / self.dpmm, c.y_mm)
        h = _dots(c.height_mm, self.dpmm)
        out = [f"^FO{x},{y}^BY{m},3,{h}^BCN,{h},N,N,N,A^FH^FD{field_barcode(c.data)}^FS"]
        if c.human_readable:
            # Drawn as text so it can be grouped ("CE 123 456 785 FR"), centred under the bars.
            th = _dots(c.text_size_mm, self.dpmm)
            ty = y + h + _dots(c.text_gap_mm, self.dpmm)
            text = clean_text(c.human_readable)
            span = min(self.width, max(bars, int(text_width_dots(text, th, self.truetype)) + 2))
            left = min(max(0, x + bars // 2 - span // 2), self.width - span)
            out.append(self._line(left, ty, span, th, th, text, "center"))
        return out

    def datamatrix(self, d: DataMatrix) -> list[str]:
        x, y = self._xy(d.x_mm, d.y_mm)
        m = max(1, _dots(d.module_mm, self.dpmm))
        if d.size_mm > 0:
            side = datamatrix.symbol_size(d.data)
            m = max(1, min(m, int(d.size_mm * self.dpmm) // side))
        return [f"^FO{x},{y}^BXN,{m},200^FH^FD{field_datamatrix(d.data)}^FS"]

    def box(self, b: Box) -> list[str]:
        x, y = self._xy(b.x_mm, b.y_mm)
        w = max(1, min(_dots(b.width_mm, self.dpmm), self.width - x))
        h = max(1, min(_dots(b.height_mm, self.dpmm), self.height - y))
        t = min(w, h) if b.filled else max(1, min(_dots(b.thickness_mm, self.dpmm), w, h))
        return [f"^FO{x},{y}^GB{w},{h},{t},B,0^FS"]


def parse_commands(zpl: bytes) -> list[tuple[str, str]]:
    """The commands of a ZPL document in order, as a printer splits them: ("^FO", "24,24").

    Every `^` or `~` starts a command (two-character name); the newlines we put between
    fields are dropped. Used by tests and fakes to check what a printer would execute.
    """
    text = zpl.decode("ascii")
    return [(m.group(1) + m.group(2), m.group(3).rstrip("\r\n"))
            for m in _COMMAND.finditer(text)]


_COMMAND = re.compile(r"([\^~])([A-Z0-9@]{2})([^\^~]*)")
