"""Barcode module patterns for the vector renderers (PDF; later CN22/CN23 forms).

Code 128 comes from python-barcode (already a dependency): it returns the plain module string
with automatic code-set switching, which we draw as merged rectangles at the exact module
width the layout chose. reportlab's Code128 widget would impose its own quiet zone and bar
geometry, and its automatic mode is a separate class; a bare pattern keeps the UPU S10
geometry (module, height, quiet zone) under the layout's control and is easy to test.
Data Matrix comes from our own ECC 200 encoder (`desktop.printing.datamatrix`).
"""

from __future__ import annotations

from functools import lru_cache

from barcode.codex import Code128 as _PyBarcode128

from desktop.printing import datamatrix


@lru_cache(maxsize=256)
def code128_pattern(data: str) -> str:
    """'1' = dark module, '0' = light; start to stop pattern, no quiet zone."""
    if not data or any(ord(ch) > 127 for ch in data):
        raise ValueError(f"Code 128 carries non-empty ASCII only: {data!r}")
    return _PyBarcode128(data).build()[0]


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
