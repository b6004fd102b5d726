"""Fonts for PDFs.

Text that the PDF standard fonts can draw (WinAnsiEncoding, i.e. cp1252: French, German,
Spanish … addresses) uses Helvetica, which every PDF reader has and which is never embedded
[ISO 32000-1 §9.6.2.2, the standard 14 fonts]: a 10×15 label is then ~4 KB instead of
~45 KB with two embedded DejaVu subsets (bench/print_storage.py, issue 9 §7). Any other
text (Cyrillic for Nova Post, …) uses DejaVu Sans shipped in resources/fonts (free
licence), embedded as a subset. The choice depends only on the text, so the same inputs
always give the same bytes (a reprint is identical).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from functools import lru_cache, wraps
from typing import ParamSpec, TypeVar

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.domain.reference import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
STANDARD = ("Helvetica", "Helvetica-Bold")  # PDF standard 14: nothing embedded
STANDARD_ENCODING = "cp1252"  # reportlab draws the standard fonts in WinAnsiEncoding


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, str]:
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD


def standard_can_draw(text: str) -> bool:
    try:
        str(text).encode(STANDARD_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def fonts_for(texts: Iterable[str]) -> tuple[str, str]:
    """(regular, bold): the standard fonts when they can draw every text, else DejaVu."""
    return STANDARD if all(map(standard_can_draw, texts)) else register_fonts()


# The forms (CN 22, CN 23, invoice …) draw their text as they go: they are rendered with the
# standard fonts first and, at the first text those cannot draw, again with DejaVu.
class NeedsUnicodeFont(Exception):
    """Raised while drawing a form with the standard fonts: a text they cannot draw."""


_FORM_FONTS: ContextVar[tuple[str, str] | None] = ContextVar("form_fonts", default=None)
P = ParamSpec("P")
R = TypeVar("R")


def form_fonts() -> tuple[str, str]:
    """The fonts of the form being rendered (DejaVu outside `standard_fonts_first`)."""
    return _FORM_FONTS.get() or register_fonts()


def check_drawable(text: str, font: str) -> None:
    if font in STANDARD and not standard_can_draw(text):
        raise NeedsUnicodeFont(text)


def standard_fonts_first(render: Callable[P, R]) -> Callable[P, R]:
    """Renders with the standard fonts; renders again with DejaVu if a text needs it."""
    @wraps(render)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        token = _FORM_FONTS.set(STANDARD)
        try:
            return render(*args, **kwargs)
        except NeedsUnicodeFont:
            pass
        finally:
            _FORM_FONTS.reset(token)
        return render(*args, **kwargs)
    return run
