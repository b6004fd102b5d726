"""The dot grid the EPL2 and TSPL writers share: millimetres to dots, clipped positions and
boxes, and the Data Matrix as a 1-bit image (both languages have no Data Matrix command that
every model supports, so our own encoder's symbol is sent as graphics)."""

from __future__ import annotations

from desktop.domain.label import Box, DataMatrix, LabelSpec
from desktop.printing import datamatrix, mono_bitmap
from desktop.printing.zpl import DOTS_PER_MM


class DotGrid:
    def __init__(self, dpi: int, spec: LabelSpec):
        self.dpi = dpi
        self.dpmm = DOTS_PER_MM[dpi]  # nominal, as ZPL: 203 dpi = 8 dots/mm, 300 = 12
        self.width = self.dots(spec.width_mm)
        self.height = self.dots(spec.height_mm)

    def dots(self, mm: float) -> int:
        return int(round(mm * self.dpmm))

    def xy(self, x_mm: float, y_mm: float) -> tuple[int, int]:
        return (min(max(self.dots(x_mm), 0), self.width - 1),
                min(max(self.dots(y_mm), 0), self.height - 1))

    def box_dots(self, b: Box) -> tuple[int, int, int, int, int]:
        """(x, y, width, height, line thickness) of `b`, kept on the label."""
        x, y = self.xy(b.x_mm, b.y_mm)
        w = max(1, min(self.dots(b.width_mm), self.width - x))
        h = max(1, min(self.dots(b.height_mm), self.height - y))
        return x, y, w, h, max(1, min(self.dots(b.thickness_mm), w, h))

    def datamatrix_image(self, d: DataMatrix) -> tuple[int, int, int, int, bytes]:
        """(x, y, bytes per row, rows, data) of `d` drawn dot for module."""
        x, y = self.xy(d.x_mm, d.y_mm)
        rows = datamatrix.encode(d.data)
        m = max(1, self.dots(d.module_mm))
        if d.size_mm > 0:
            m = max(1, min(m, int(d.size_mm * self.dpmm) // len(rows)))
        per_row, height, data = mono_bitmap.pack(rows, m)
        return x, y, per_row, height, data
