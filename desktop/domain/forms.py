"""Pre-printed forms: only the variable fields, printed onto La Poste's own consumables.

A template (`resources/printers/forms/*.json`) describes one consumable: its size and, in
millimetres from its top-left corner, the areas our text goes into. Nothing of the
carrier's is drawn: the Colissimo pré-affranchie form already carries its number and
barcode, and nothing that could disturb sorting may be added [C 5.3, 6]; a Delivengo label
is La Poste's own PDF, placed unmodified on the approved stock [D 2, 13.3]. The result is a
`LabelSpec`, so every printer language renders it. The printer's x/y offset (measured with
the calibration page, `calibration_page`) shifts every field; see docs/printers.md#forms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from desktop.domain.address import format_lines
from desktop.domain.label import Box, Element, LabelSpec, Text
from desktop.domain.reference import resource_path
from desktop.domain.shipment import Shipment

FIELDS = ("sender", "recipient", "reference", "weight", "undeliverable_abandon",
          "undeliverable_return")
MAX_STOCK_MM = 420.0  # our choice: A3 is the largest sheet a counter printer takes
MAX_LINES = 7  # NF Z10-011: at most 7 address lines abroad [C 5.3]


class FormError(ValueError):
    pass


@dataclass(frozen=True)
class FormArea:
    field: str
    x_mm: float
    y_mm: float
    width_mm: float
    size_mm: float  # font size
    max_lines: int = 1


@dataclass(frozen=True)
class FormTemplate:
    id: str
    name: str
    width_mm: float
    height_mm: float
    areas: tuple[FormArea, ...]
    carrier_pdf_at: tuple[float, float] | None  # where a carrier's PDF label goes, if any
    measured: bool  # False: positions are a starting point to measure on the real stock
    source: str


def parse_form(data: object, origin: str) -> FormTemplate:
    def fail(field_name: str, rule: str, value: object):
        raise FormError(f"{origin}: field {field_name!r} must be {rule}; got {value!r}")

    if not isinstance(data, dict):
        fail("(file)", "a JSON object", data)
    for key in ("id", "name", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            fail(key, "a non-empty text", data.get(key))
    size = data.get("stock_mm")
    if not (isinstance(size, list) and len(size) == 2
            and all(_num(v) and 10 <= v <= MAX_STOCK_MM for v in size)):
        fail("stock_mm", f"[width, height] in mm from 10 to {MAX_STOCK_MM:g}", size)
    width, height = float(size[0]), float(size[1])
    areas = []
    for i, raw in enumerate(data.get("areas", [])):
        where = f"areas[{i}]"
        if not isinstance(raw, dict) or raw.get("field") not in FIELDS:
            fail(f"{where}.field", "one of " + ", ".join(FIELDS), raw)
        for key in ("x_mm", "y_mm", "width_mm", "size_mm"):
            if not _num(raw.get(key)) or raw[key] < 0:
                fail(f"{where}.{key}", "a number of millimetres ≥ 0", raw.get(key))
        if not 1.5 <= raw["size_mm"] <= 20:
            fail(f"{where}.size_mm", "from 1.5 to 20 mm (readable, fits a form box)",
                 raw["size_mm"])
        lines = raw.get("max_lines", 1)
        if not isinstance(lines, int) or isinstance(lines, bool) or not 1 <= lines <= MAX_LINES:
            fail(f"{where}.max_lines", f"a whole number from 1 to {MAX_LINES}", lines)
        area = FormArea(raw["field"], float(raw["x_mm"]), float(raw["y_mm"]),
                        float(raw["width_mm"]), float(raw["size_mm"]), lines)
        if area.x_mm + area.width_mm > width or \
                area.y_mm + area.size_mm * 1.2 * lines > height:
            fail(f"{where}", f"inside the {width:g} × {height:g} mm stock", raw)
        areas.append(area)
    at = data.get("carrier_pdf_at_mm")
    if at is not None and not (isinstance(at, list) and len(at) == 2 and all(map(_num, at))):
        fail("carrier_pdf_at_mm", "null or [x, y] in mm", at)
    if not areas and at is None:
        fail("areas", "at least one area (or a carrier_pdf_at_mm)", [])
    if not isinstance(data.get("measured"), bool):
        fail("measured", "true or false", data.get("measured"))
    return FormTemplate(data["id"], data["name"], width, height, tuple(areas),
                        tuple(at) if at else None, data["measured"], data["source"])


def _num(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


@lru_cache(maxsize=8)
def form_ids() -> list[str]:
    """The shipped form templates (resources/printers/forms/*.json)."""
    return sorted(p.stem for p in resource_path("printers", "forms").glob("*.json"))


def load_form(form_id: str) -> FormTemplate:
    return read_form(resource_path("printers", "forms", f"{form_id}.json"))


def read_form(path: str | Path) -> FormTemplate:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FormError(f"{path}: form template not found") from None
    except json.JSONDecodeError as exc:
        raise FormError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return parse_form(data, str(path))


def fill_form(template: FormTemplate, shipment: Shipment, lang: str = "fr",
              offset_mm: tuple[float, float] = (0.0, 0.0),
              undeliverable: str = "") -> LabelSpec:
    """The variable fields of `shipment` at the template's positions, shifted by the
    printer's offset. `undeliverable` ("abandon" / "return") ticks the sender's choice on
    international forms [C 7]."""
    texts = {
        "sender": [t for _, t in format_lines(shipment.sender, origin=shipment.recipient.country,
                                              lang=lang)],
        "recipient": [t for _, t in format_lines(shipment.recipient, lang=lang)],
        "reference": [shipment.reference] if shipment.reference else [],
        "weight": [f"{shipment.parcel.weight_g} g"],
        "undeliverable_abandon": ["X"] if undeliverable == "abandon" else [],
        "undeliverable_return": ["X"] if undeliverable == "return" else [],
    }
    elements: list[Element] = []
    for area in template.areas:
        lines = texts[area.field][:area.max_lines]
        for i, line in enumerate(lines):
            elements.append(Text(area.x_mm, area.y_mm + i * area.size_mm * 1.2, area.width_mm,
                                 area.size_mm, line, bold=area.field == "recipient" and i == 0,
                                 fit="shrink"))
    spec = LabelSpec(template.width_mm, template.height_mm, tuple(elements),
                     name=f"form-{template.id}-{shipment.id or 'draft'}")
    return shift(spec, *offset_mm)


def shift(spec: LabelSpec, dx_mm: float, dy_mm: float) -> LabelSpec:
    """Every element moved by (dx, dy) mm: where this printer really puts the origin."""
    if not dx_mm and not dy_mm:
        return spec
    moved = tuple(replace(e, x_mm=e.x_mm + dx_mm, y_mm=e.y_mm + dy_mm) for e in spec.elements)
    return replace(spec, elements=moved)


CALIBRATION_STEP_MM = 10.0
CROSS_MM = 6.0
LINE_MM = 0.2


def calibration_page(width_mm: float, height_mm: float,
                     offset_mm: tuple[float, float] = (0.0, 0.0)) -> LabelSpec:
    """A grid every 10 mm (thicker every 50) and crosses at (10, 10), the centre and the
    opposite corner, each captioned with its position in mm. Print it on the stock with a zero
    offset and measure where the (10, 10) cross landed: the printer's offset (added to every
    position) is 10 − measured, on each axis (docs/printers.md#forms)."""
    elements: list[Element] = []
    step = CALIBRATION_STEP_MM
    x = 0.0
    while x <= width_mm - LINE_MM:
        thick = 0.4 if round(x) % 50 == 0 else LINE_MM
        elements.append(Box(x, 0, thick, height_mm, filled=True))
        x += step
    y = 0.0
    while y <= height_mm - LINE_MM:
        thick = 0.4 if round(y) % 50 == 0 else LINE_MM
        elements.append(Box(0, y, width_mm, thick, filled=True))
        y += step
    far_x = (width_mm // step - 1) * step
    far_y = (height_mm // step - 1) * step
    centre = ((width_mm / 2) // step * step, (height_mm / 2) // step * step)
    for cx, cy in ((step, step), centre, (far_x, far_y)):
        elements += _cross(cx, cy)
        if cx == far_x:  # caption to the left, so it stays on the stock
            elements.append(Text(cx - 31.0, cy + 1.0, 30, 2.5, f"{cx:g},{cy:g} mm",
                                 align="right"))
        else:
            elements.append(Text(cx + 1.0, cy + 1.0, 30, 2.5, f"{cx:g},{cy:g} mm"))
    elements.append(Text(step + 1, step * 2 + 1, max(10.0, width_mm - 3 * step), 3.0,
                         f"{width_mm:g} x {height_mm:g} mm", bold=True))
    spec = LabelSpec(width_mm, height_mm, tuple(elements), name="calibration")
    return shift(spec, *offset_mm)


def _cross(cx: float, cy: float) -> list[Element]:
    half, t = CROSS_MM / 2, 0.5
    return [Box(cx - half, cy - t / 2, CROSS_MM, t, filled=True),
            Box(cx - t / 2, cy - half, t, CROSS_MM, filled=True)]
