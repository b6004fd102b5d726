"""A label described in millimetres, independent of any printer language.

`desktop.domain.label_layout` builds one for a shipment; `desktop.printing` turns it into
ZPL II (203/300 dpi) or a PDF at 100 % scale. Origin is the top-left corner, y grows down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Text:
    x_mm: float
    y_mm: float
    width_mm: float  # text wraps / is clipped inside this width
    size_mm: float  # character height
    text: str
    bold: bool = False
    max_lines: int = 1
    align: str = "left"  # "left", "center", "right"


@dataclass(frozen=True)
class Code128:
    x_mm: float
    y_mm: float
    height_mm: float
    module_mm: float  # narrow bar width
    data: str
    human_readable: str = ""  # printed under the bars, e.g. grouped "LD 037 468 675 FR"


@dataclass(frozen=True)
class DataMatrix:
    x_mm: float
    y_mm: float
    module_mm: float
    data: str


@dataclass(frozen=True)
class Box:
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    thickness_mm: float = 0.3
    filled: bool = False  # a filled box is a bar / a rule line


Element = Union[Text, Code128, DataMatrix, Box]


@dataclass(frozen=True)
class LabelSpec:
    width_mm: float
    height_mm: float
    elements: tuple[Element, ...]
    name: str = ""
