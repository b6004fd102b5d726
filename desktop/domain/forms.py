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
from desktop.domain.errors import Violation
from desktop.domain.label import Box, Element, LabelSpec, Text
from desktop.domain.messages import Text as Words
from desktop.domain.reference import resource_path
from desktop.domain.shipment import Shipment

FIELDS = ("sender", "recipient", "reference", "weight", "undeliverable_abandon",
          "undeliverable_return")
MAX_STOCK_MM = 420.0  # our choice: A3 is the largest sheet a counter printer takes
MAX_LINES = 7  # NF Z10-011: at most 7 address lines abroad [C 5.3]


class FormError(ValueError):
    """A template that cannot be used: `violation` names the file and the field (its JSON
    key path), the rule, the limit and the value, in French or English."""

    def __init__(self, violation: Violation):
        self.violation = violation
        super().__init__(violation.describe("en"))

    def describe(self, lang: str = "fr") -> str:
        return self.violation.describe(lang)


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
    origin: str = ""  # the file it was read from (the shop's own, or the shipped one)


TOP_KEYS = ("id", "name", "source", "measured", "stock_mm", "carrier_pdf_at_mm", "areas")
AREA_KEYS = ("field", "x_mm", "y_mm", "width_mm", "size_mm", "max_lines")
MAX_FILE_BYTES = 64 * 1024  # our choice: a template is < 2 KB; anything bigger is not one
_MM = Words("nombre de millimètres", "number of millimetres")
_WHOLE = Words("nombre entier", "whole number")


def parse_form(data: object, origin: str, expected_id: str | None = None) -> FormTemplate:
    """Every field checked; the first problem raises `FormError` naming `origin` (how the
    file is shown: "forms/colissimo-liasse") and the field's key path. `expected_id`: the id
    the file must carry (a shop's own template replaces the shipped one of that id)."""
    def fail(key: str, rule: str, limit: object = None, value: object = None):
        where = " › ".join([origin, *key.split(".")]) if key else origin
        raise FormError(Violation(where, rule, limit=limit, actual=value, source=DOC))

    def number(container: dict, key: str, where: str, low: float, high: float | None = None,
               limit: object = None) -> float:
        value = container.get(key)
        if value is None:
            fail(where, "required")
        if not _num(value):
            fail(where, "wrong_type", _MM, _type_name(value))
        if value < low:
            fail(where, "min_value", low, value)
        if high is not None and value > high:
            fail(where, "max_value", limit if limit is not None else high, value)
        return float(value)

    if not isinstance(data, dict):
        fail("", "wrong_type", "object", _type_name(data))
    for key in data:
        if key not in TOP_KEYS:
            fail(str(key), "unknown_key", _listed(TOP_KEYS), key)
    for key in ("id", "name", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            fail(key, "required" if not data.get(key) else "wrong_type", "string",
                 _type_name(data.get(key)))
    if expected_id is not None and data["id"] != expected_id:
        fail("id", "choice", expected_id, data["id"])
    size = data.get("stock_mm")
    if not (isinstance(size, list) and len(size) == 2):
        fail("stock_mm", "wrong_type", Words("[largeur, hauteur] en mm", "[width, height] in mm"),
             size)
    width = number({"w": size[0]}, "w", "stock_mm[0]", 10, MAX_STOCK_MM)
    height = number({"h": size[1]}, "h", "stock_mm[1]", 10, MAX_STOCK_MM)
    raw_areas = data.get("areas", [])
    if not isinstance(raw_areas, list):
        fail("areas", "wrong_type", "list", _type_name(raw_areas))
    areas = []
    for i, raw in enumerate(raw_areas):
        where = f"areas[{i}]"
        if not isinstance(raw, dict):
            fail(where, "wrong_type", "object", _type_name(raw))
        for key in raw:
            if key not in AREA_KEYS:
                fail(f"{where}.{key}", "unknown_key", _listed(AREA_KEYS), key)
        if raw.get("field") not in FIELDS:
            fail(f"{where}.field", "choice", _listed(FIELDS), raw.get("field"))
        x = number(raw, "x_mm", f"{where}.x_mm", 0, width)
        y = number(raw, "y_mm", f"{where}.y_mm", 0, height)
        size_mm = number(raw, "size_mm", f"{where}.size_mm", 1.5, 20)  # readable, fits a box
        lines = raw.get("max_lines", 1)
        if not isinstance(lines, int) or isinstance(lines, bool):
            fail(f"{where}.max_lines", "wrong_type", _WHOLE, _type_name(lines))
        if not 1 <= lines <= MAX_LINES:
            fail(f"{where}.max_lines", "min_value" if lines < 1 else "max_value",
                 1 if lines < 1 else MAX_LINES, lines)
        # The area must stay on the stock: to its right edge, and its last line to the bottom.
        w = number(raw, "width_mm", f"{where}.width_mm", 0, width - x,
                   Words(f"{width - x:g} (bord droit du formulaire de {width:g} mm, x_mm {x:g})",
                        f"{width - x:g} (right edge of the {width:g} mm form, x_mm {x:g})"))
        bottom = height - size_mm * 1.2 * lines
        if y > bottom:
            fail(f"{where}.y_mm", "max_value",
                 Words(f"{bottom:g} ({lines} ligne(s) de {size_mm:g} mm sur un formulaire de "
                      f"{height:g} mm de haut)",
                      f"{bottom:g} ({lines} line(s) of {size_mm:g} mm on a {height:g} mm high "
                      f"form)"), raw["y_mm"])
        areas.append(FormArea(raw["field"], x, y, w, size_mm, lines))
    at = data.get("carrier_pdf_at_mm")
    if at is not None:
        if not (isinstance(at, list) and len(at) == 2):
            fail("carrier_pdf_at_mm", "wrong_type", Words("null ou [x, y] en mm",
                                                         "null or [x, y] in mm"), at)
        at = (number({"x": at[0]}, "x", "carrier_pdf_at_mm[0]", 0, width),
              number({"y": at[1]}, "y", "carrier_pdf_at_mm[1]", 0, height))
    if not areas and at is None:
        fail("areas", "required")
    if not isinstance(data.get("measured"), bool):
        fail("measured", "wrong_type", "true/false", _type_name(data.get("measured")))
    return FormTemplate(data["id"], data["name"], width, height, tuple(areas), at,
                        data["measured"], data["source"])


DOC = "docs/printers.md#forms"


def _num(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _listed(names: tuple[str, ...]) -> Words:
    # a catalogue-like `Text` is shown whole: a list of keys is never cut in the message
    text = ", ".join(names)
    return Words(text, text)


def _type_name(value: object) -> str:
    # the names `wrong_type` messages translate (desktop/domain/messages.py TYPE_WORDS)
    return {str: "string", int: "integer", float: "decimal number", bool: "true/false",
            list: "list", dict: "object", type(None): "null"}.get(type(value),
                                                                  type(value).__name__)


@lru_cache(maxsize=8)
def form_ids() -> list[str]:
    """The shipped form templates (resources/printers/forms/*.json)."""
    return sorted(p.stem for p in resource_path("printers", "forms").glob("*.json"))


def load_form(form_id: str, user_dir: str | Path | None = None) -> FormTemplate:
    """The template `form_id`: the shop's own `<user_dir>/<form_id>.json` when there is one
    (positions measured on its forms, docs/printers.md#forms), else the shipped one."""
    if user_dir is not None:
        own = Path(user_dir) / f"{form_id}.json"
        if own.is_file():
            return read_form(own, f"forms/{form_id}", expected_id=form_id)
    return read_form(resource_path("printers", "forms", f"{form_id}.json"))


def check_user_forms(user_dir: str | Path) -> list[Violation]:
    """Every problem of the shop's own templates in `user_dir` (one per file): a file whose
    name is not a shipped form's id, or a template that breaks a rule."""
    folder = Path(user_dir)
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.glob("*.json")):
        if path.stem not in form_ids():
            problems.append(Violation(f"forms/{path.stem}", "choice", limit=", ".join(form_ids()),
                                      actual=path.name, source=DOC))
            continue
        try:
            read_form(path, f"forms/{path.stem}", expected_id=path.stem)
        except FormError as exc:
            problems.append(exc.violation)
    return problems


def read_form(path: str | Path, shown_as: str | None = None,
              expected_id: str | None = None) -> FormTemplate:
    path = Path(path)
    where = shown_as or path.name.removesuffix(".json")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FormError(Violation(where, "not_found", actual=str(path), source=DOC)) from None
    except OSError as exc:
        raise FormError(Violation(where, "file_unreadable", actual=str(path),
                                  limit=exc.strerror or type(exc).__name__)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise FormError(Violation(where, "file_too_large", limit=MAX_FILE_BYTES, actual=len(raw)))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise FormError(Violation(where, "invalid_utf8", actual=exc.start)) from None
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise FormError(Violation(where, "invalid_json", actual=str(exc)[:120])) from None
    return replace(parse_form(data, where, expected_id), origin=str(path))


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
