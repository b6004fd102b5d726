"""Barcode module patterns for the vector renderers (PDF; later CN22/CN23 forms).

Code 128: the symbol values come from `desktop.domain.label.code128_values` (shortest
encoding, the same the layout measured the quiet zones with) and each value's bar/space
pattern from python-barcode's ISO/IEC 15417 table (already a dependency). We draw the bare
module string as merged rectangles at the layout's exact module width. python-barcode's own
encoder is greedy and can be a symbol or two longer than the layout planned (e.g. Colissimo
`6A…` numbers); reportlab's Code128 widget would impose its own quiet zone and geometry.
For S10 numbers all three give the same symbols. Data Matrix comes from our own ECC 200
encoder (`desktop.printing.datamatrix`).
"""

from __future__ import annotations

from functools import lru_cache

from barcode.charsets.code128 import CODES, STOP

from desktop.domain.label import code128_values
from desktop.printing import datamatrix

_TERMINATION_BAR = "11"  # ISO/IEC 15417: the stop character ends with a 2-module bar


@lru_cache(maxsize=256)
def code128_pattern(data: str) -> str:
    """'1' = dark module, '0' = light; start to stop pattern, no quiet zone."""
    return "".join(CODES[v] for v in code128_values(data)) + STOP + _TERMINATION_BAR


def runs(modules: str | tuple[int, ...]) -> list[tuple[int, int]]:
    """(first module, length) of each run of dark modules: one rectangle per bar."""
    out: list[tuple[int, int]] = []
    start = None
    for i, m in enumerate(modules):
        dark = m in ("1", 1)
        if dark and start is None:
            start = i
        elif not dark and start is not None:
            out.append((start, i - start))
            start = None
    if start is not None:
        out.append((start, len(modules) - start))
    return out


def datamatrix_rows(data: str) -> tuple[tuple[int, ...], ...]:
    return datamatrix.encode(data)
