"""The label renderer port (`desktop.domain.ports.LabelRenderer`): one spec, three formats."""

from __future__ import annotations

from desktop.domain.label import LabelSpec
from desktop.domain.printing import LabelFormat
from desktop.printing.pdf_label import render_pdf
from desktop.printing.zpl import render_zpl


class LabelRenderer:
    def __init__(self, zpl_font: str = "0"):
        self.zpl_font = zpl_font  # "0" or a Unicode font file on the printer (Cyrillic)

    def render(self, spec: LabelSpec, fmt: LabelFormat) -> bytes:
        fmt = LabelFormat(fmt)
        if fmt is LabelFormat.ZPL203:
            return render_zpl(spec, 203, self.zpl_font)
        if fmt is LabelFormat.ZPL300:
            return render_zpl(spec, 300, self.zpl_font)
        if fmt is LabelFormat.PDF:
            return render_pdf(spec)
        raise ValueError(f"unsupported label format {fmt!r}")  # pragma: no cover - enum is closed
