"""A label described in millimetres, independent of any printer language.

`desktop.domain.label_layout` builds one for a shipment; `desktop.printing` turns it into
ZPL II (203/300 dpi) or a PDF at 100 % scale. Origin is the top-left corner, y grows down.

Text semantics shared by every renderer (each measures with its own font metrics):
- `size_mm` is the font size (em height); lines follow each other every `LINE_PITCH` × size.
- `fit="wrap"`: words wrap inside `width_mm` on at most `max_lines` lines; what does not fit
  is cut and the last line ends with an ellipsis. `fit="shrink"`: the text is first condensed
  horizontally (down to `MIN_SHRINK`) so that an address line stays one line, then wrapped.
- A Code 128 element's `x_mm`/`y_mm` is the top-left of the first bar; the quiet zone lies
  outside the element and the layout keeps it clear.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

LINE_PITCH = 1.2  # baseline-to-baseline distance as a multiple of the font size
MIN_SHRINK = 0.6  # below 60 % horizontal scale characters become hard to read
ELLIPSIS = "…"


@dataclass(frozen=True)
class Text:
    x_mm: float
    y_mm: float
    width_mm: float  # text wraps / is clipped inside this width
    size_mm: float  # font size (em height)
    text: str
    bold: bool = False
    max_lines: int = 1
    align: str = "left"  # "left", "center", "right"
    fit: str = "wrap"  # "wrap" or "shrink" (condense before wrapping)

    @property
    def height_mm(self) -> float:
        return self.max_lines * self.size_mm * LINE_PITCH


@dataclass(frozen=True)
class Code128:
    x_mm: float
    y_mm: float
    height_mm: float
    module_mm: float  # narrow bar width
    data: str
    human_readable: str = ""  # printed under the bars, e.g. grouped "LD 037 468 675 FR"
    text_size_mm: float = 3.0  # font size of the human-readable line (bold, centred)

    @property
    def modules(self) -> int:
        return code128_modules(self.data)

    @property
    def width_mm(self) -> float:
        return self.modules * self.module_mm

    @property
    def text_gap_mm(self) -> float:
        return 0.3 * self.text_size_mm

    @property
    def total_height_mm(self) -> float:
        """Bars plus the human-readable line, if any."""
        if not self.human_readable:
            return self.height_mm
        return self.height_mm + self.text_gap_mm + self.text_size_mm * LINE_PITCH


@dataclass(frozen=True)
class DataMatrix:
    x_mm: float
    y_mm: float
    module_mm: float
    data: str
    size_mm: float = 0.0  # > 0: the symbol must fit this square (renderers shrink the module)


@dataclass(frozen=True)
class Box:
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    thickness_mm: float = 0.3
    filled: bool = False  # a filled box is a bar / a rule line


Element = Text | Code128 | DataMatrix | Box


@dataclass(frozen=True)
class LabelSpec:
    width_mm: float
    height_mm: float
    elements: tuple[Element, ...]
    name: str = ""


def bounds(element: Element) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in mm of the area an element may paint.

    A DataMatrix without `size_mm` has no size known to the domain (the encoder lives in
    printing), so its bounds are only its origin.
    """
    if isinstance(element, Text):
        return (element.x_mm, element.y_mm, element.x_mm + element.width_mm,
                element.y_mm + element.height_mm)
    if isinstance(element, Code128):
        return (element.x_mm, element.y_mm, element.x_mm + element.width_mm,
                element.y_mm + element.total_height_mm)
    if isinstance(element, DataMatrix):
        return (element.x_mm, element.y_mm, element.x_mm + element.size_mm,
                element.y_mm + element.size_mm)
    return (element.x_mm, element.y_mm, element.x_mm + element.width_mm,
            element.y_mm + element.height_mm)


# --- text -------------------------------------------------------------------------------

def clean_text(text: str) -> str:
    """One line of printable text: control characters (CR, LF, tab, NUL …) become spaces,
    unpaired surrogates and format characters (bidi overrides, zero-width) are dropped, runs of
    spaces collapse."""
    text = str(text)
    # Fast path, same result: printable ASCII with single inner spaces is already clean.
    if text.isascii() and text.isprintable() and "  " not in text and \
            text[:1] != " " and text[-1:] != " ":
        return text
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif cat in ("Cs", "Cf", "Co", "Cn"):
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def wrap_text(text: str, fits: Callable[[str], bool], max_lines: int,
              ellipsis: str = ELLIPSIS) -> list[str]:
    """Greedy word wrap with `fits(line) -> bool` as the only measure.

    Words longer than a line are broken between characters. Text beyond `max_lines` is cut
    and the last kept line ends with `ellipsis` (itself cut if even that does not fit).
    """
    words = clean_text(text).split(" ")
    if words == [""] or max_lines < 1:
        return []
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while word and not fits(word):  # a word wider than the line: break it
            cut = _longest_prefix(word, fits)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(kept[-1], fits, ellipsis)
    return kept


def _longest_prefix(word: str, fits: Callable[[str], bool]) -> int:
    lo, hi = 1, len(word)  # at least one character per line, even if it does not fit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(word[:mid]):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _with_ellipsis(line: str, fits: Callable[[str], bool], ellipsis: str) -> str:
    while line and not fits(line.rstrip() + ellipsis):
        line = line[:-1]
    return (line.rstrip() + ellipsis) if fits(line.rstrip() + ellipsis) else line


# --- Code 128 ---------------------------------------------------------------------------

CODE128_SYMBOL_MODULES = 11  # ISO/IEC 15417: every symbol character is 11 modules
CODE128_STOP_MODULES = 13  # ISO/IEC 15417: the stop pattern is 13 modules


_START = (103, 104, 105)  # Start A, B, C (ISO/IEC 15417 Table 1)
_SWITCH = {(0, 1): 100, (0, 2): 99, (1, 0): 101, (1, 2): 99, (2, 0): 101, (2, 1): 100}


def code128_values(data: str) -> list[int]:
    """Symbol values of the shortest Code 128 encoding of `data`: start, data and code-set
    changes, check character (the stop pattern is implied).

    Shortest = code set C for even runs of digits, B otherwise, A for control characters;
    found by dynamic programming over the code set in use after each character, so the
    layout knows the exact width the renderers draw.
    """
    if not data:
        raise ValueError("empty Code 128 data")
    if any(ord(ch) > 127 for ch in data):
        raise ValueError(f"Code 128 carries ASCII only: {data!r}")
    n = len(data)
    # best[i][s] = (symbols, previous index, previous set) for data[:i] ending in set s.
    best: list[list[tuple[int, int, int] | None]] = [[None] * 3 for _ in range(n + 1)]
    best[0] = [(1, -1, -1)] * 3  # the start character selects the first set
    for i in range(n):
        for s in (1, 2, 0):  # on ties B wins, then C, then A: the usual encoders' choice
            if best[i][s] is None:
                continue
            for t in (1, 2, 0):
                step = _step(data, i, t)
                if step is None:
                    continue
                cost = best[i][s][0] + (0 if s == t else 1) + 1
                j = i + step
                if best[j][t] is None or cost < best[j][t][0]:
                    best[j][t] = (cost, i, s)
    end = min((c for c in (1, 2, 0) if best[n][c]), key=lambda c: best[n][c][0])
    path = []  # (start index, set) per encoded step, walked back from the end
    i, s = n, end
    while i > 0:
        _, pi, ps = best[i][s]
        path.append((pi, s, ps))
        i, s = pi, ps
    path.reverse()
    values = [_START[path[0][1]]]
    current = path[0][1]
    for pi, t, _ in path:
        if t != current:
            values.append(_SWITCH[(current, t)])
            current = t
        values.append(_value(data, pi, t))
    values.append((values[0] + sum(k * v for k, v in enumerate(values[1:], 1))) % 103)
    return values


def _step(data: str, i: int, code_set: int) -> int | None:
    """Characters consumed by one symbol of `code_set` at `i`, or None if it cannot."""
    if code_set == 2:
        return 2 if len(data[i:i + 2]) == 2 and data[i:i + 2].isdigit() else None
    ch = ord(data[i])
    if (code_set == 0 and ch >= 96) or (code_set == 1 and ch < 32):
        return None
    return 1


def _value(data: str, i: int, code_set: int) -> int:
    if code_set == 2:
        return int(data[i:i + 2])
    ch = ord(data[i])
    return ch + 64 if ch < 32 else ch - 32


def code128_modules(data: str) -> int:
    """Width in modules (quiet zones excluded) of `code128_values(data)`."""
    return len(code128_values(data)) * CODE128_SYMBOL_MODULES + CODE128_STOP_MODULES
