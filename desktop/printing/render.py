"""The label renderer port (`desktop.domain.ports.LabelRenderer`): one spec, every format.

The language is looked up in a table (no if-chain). A renderer built with a printer
profile uses that profile's settings (darkness, speed, media, font) whenever it is asked
for the profile's format; any other format uses its generic profile, which sends no
settings: `zpl203`, `zpl300` and `pdf` give the same bytes as before profiles existed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from desktop.domain.label import LabelSpec
from desktop.domain.printer_profile import PrinterFont, PrinterProfile, generic_profile
from desktop.domain.printing import LabelFormat
from desktop.printing.epl import render_epl
from desktop.printing.tspl import render_tspl
from desktop.printing.zpl import render_zpl


def _zpl(spec: LabelSpec, profile: PrinterProfile) -> bytes:
    return render_zpl(spec, profile=profile)


def _pdf(spec: LabelSpec, profile: PrinterProfile) -> bytes:
    # reportlab costs 0.4 s to import: paid at the first PDF, not at each start.
    from desktop.printing.pdf_label import render_pdf, render_pdf_sheet

    if profile.sheet == "label":
        return render_pdf(spec)
    return render_pdf_sheet([spec], profile.sheet)


RENDERERS: dict[str, Callable[[LabelSpec, PrinterProfile], bytes]] = {
    "zpl": _zpl, "epl2": render_epl, "tspl": render_tspl, "pdf": _pdf,
}


def render_label(spec: LabelSpec, profile: PrinterProfile) -> bytes:
    return RENDERERS[profile.language](spec, profile)


class LabelRenderer:
    def __init__(self, zpl_font: str = "0", profile: PrinterProfile | None = None):
        self.zpl_font = zpl_font  # "0" or a Unicode font file on the printer (Cyrillic)
        self.profile = profile

    def profile_for(self, fmt: LabelFormat) -> PrinterProfile:
        fmt = LabelFormat(fmt)
        if self.profile is not None and self.profile.label_format is fmt:
            return self.profile
        profile = generic_profile(fmt)
        if profile.language == "zpl" and self.zpl_font != profile.font.name:
            profile = replace(profile, font=PrinterFont(self.zpl_font, False, "setting"))
        return profile

    def render(self, spec: LabelSpec, fmt: LabelFormat) -> bytes:
        return render_label(spec, self.profile_for(fmt))
