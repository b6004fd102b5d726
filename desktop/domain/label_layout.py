"""The 100 × 150 mm shipping label as a `LabelSpec`.

Zones, top to bottom (mm, origin top-left, 3 mm margin):
   3 – 18   carrier and service name (left); weight, big (right)
  19 – 43   sender block, small (NF lines; the country line when it differs from the recipient's)
  44 – 93   recipient block in a frame: NF Z10-011 lines, first line big and bold
  95 – 121  tracking number: Code 128 (UPU S10 rules) and its grouped human-readable text
 123 – 147  date, reference, service name in French (left); DataMatrix with the key data
            (right)

DataMatrix payload (ASCII, pipe-separated, version first):
    CPT1|<tracking>|<service id>|<weight g>|<recipient postcode>|<recipient country>|<reference>
e.g. `CPT1|CE123456785FR|colissimo-expert-international|1250|10115|DE|CMD-2041`.
Each field is percent-encoded as UTF-8 (RFC 3986 style), leaving only letters, digits and
` -./:,+#()'&@*` readable; so a field never contains `|`, and the payload never contains a
control character, `^`, `~`, `_` or `\\` (printer escape characters). An absent tracking
number is an empty field. Decode: split on `|`, `urllib.parse.unquote` each field.
"""

from __future__ import annotations

import math
import string
from datetime import date, datetime

from desktop.domain.address import format_lines
from desktop.domain.carriers.catalogue import Service
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.formatting import short_date
from desktop.domain.label import (
    Box,
    Code128,
    DataMatrix,
    Element,
    LabelSpec,
    Text,
    code128_modules,
)
from desktop.domain.parcel import format_kg
from desktop.domain.shipment import Shipment
from desktop.domain.tracking import (
    S10_HEIGHT_RATIO,
    S10_MIN_HEIGHT_MM,
    S10_MODULE_MIN_MM,
    S10_QUIET_MODULES,
    group_number,
    normalise,
)

LABEL_WIDTH_MM = 100.0  # 10 × 15 cm thermal label
LABEL_HEIGHT_MM = 150.0
MARGIN_MM = 3.0  # thermal printers cannot print the last ~1–2 mm of the media edge

# 0.42 mm sits mid-range so that rounding to whole printer dots stays within 0.33–0.51 mm
# (3 dots at 8 dots/mm = 0.375 mm; 5 dots at 12 dots/mm = 0.417 mm).
PREFERRED_MODULE_MM = 0.42
BARCODE_HEIGHT_MM = 18.0

DATAMATRIX_MODULE_MM = 0.5  # ≥ 0.5 mm modules read reliably on 203 dpi thermal print
DATAMATRIX_SIZE_MM = 22.0
PAYLOAD_VERSION = "CPT1"
_PAYLOAD_SAFE = frozenset(string.ascii_letters + string.digits + " -./:,+#()'&@*")

_WORDS = {
    "fr": {"from": "EXPÉDITEUR", "to": "DESTINATAIRE", "date": "Date", "ref": "Réf.",
           "service": "Service", "untracked": "SANS SUIVI"},
    "en": {"from": "FROM", "to": "TO", "date": "Date", "ref": "Ref.",
           "service": "Service", "untracked": "UNTRACKED"},
}


def shipping_label(shipment: Shipment, service: Service, lang: str = "fr",
                   today: date | None = None) -> LabelSpec:
    """The label of `shipment`; `today` is the printed date when the shipment has none."""
    words = _WORDS.get(lang, _WORDS["fr"])
    elements: list[Element] = []
    elements += _header(shipment, service, lang)
    elements += _sender(shipment, words, lang)
    elements += _recipient(shipment, words, lang)
    elements += _tracking(shipment, words)
    elements += _footer(shipment, service, words, today)
    return LabelSpec(LABEL_WIDTH_MM, LABEL_HEIGHT_MM, tuple(elements),
                     name=f"label-{shipment.tracking_number or shipment.id or 'draft'}")


def _header(shipment: Shipment, service: Service, lang: str) -> list[Element]:
    m = MARGIN_MM
    return [
        Text(m, m, 58, 6.0, service.carrier_name, bold=True, fit="shrink"),
        Text(m, 10.4, 58, 3.0, service.name(lang), max_lines=2),
        Text(62, m, 35, 6.0, format_kg(shipment.parcel.weight_g), bold=True, align="right",
             fit="shrink"),
        Box(m, 18.0, LABEL_WIDTH_MM - 2 * m, 0.5, filled=True),
    ]


def _sender(shipment: Shipment, words: dict[str, str], lang: str) -> list[Element]:
    m, size = MARGIN_MM, 2.5
    # Abroad the sender's country is printed too (origin = the recipient's country).
    lines = [t for _, t in format_lines(shipment.sender, origin=shipment.recipient.country,
                                        lang=lang)]
    out: list[Element] = [Text(m, 19.4, 40, 2.2, words["from"], bold=True)]
    y = 22.1
    for text in lines[:7]:  # NF Z10-011: at most 7 lines abroad
        out.append(Text(m, y, LABEL_WIDTH_MM - 2 * m, size, text, fit="shrink"))
        y += size * 1.2
    return out


def _recipient(shipment: Shipment, words: dict[str, str], lang: str) -> list[Element]:
    m = MARGIN_MM
    top, bottom = 44.0, 93.0
    out: list[Element] = [
        Box(m, top, LABEL_WIDTH_MM - 2 * m, bottom - top, thickness_mm=0.6),
        Text(m + 2, top + 1.5, 50, 2.4, words["to"], bold=True),
    ]
    lines = format_lines(shipment.recipient, lang=lang)[:7]  # NF Z10-011: at most 7 lines
    y = top + 5.5
    width = LABEL_WIDTH_MM - 2 * m - 4
    for i, (field_name, text) in enumerate(lines):
        size = 5.8 if i == 0 else 4.9
        # Name and destination (town, country) in bold: what the sorter and clerk look for.
        bold = i == 0 or field_name in ("city", "country")
        out.append(Text(m + 2, y, width, size, text, bold=bold, fit="shrink"))
        y += size * 1.2
    return out


def barcode_module_mm(data: str, available_mm: float) -> float:
    """The S10 module: the preferred one, or smaller (never under 0.33 mm) for long data."""
    modules = code128_modules(data) + 2 * S10_QUIET_MODULES
    fitting = math.floor(available_mm / modules * 1000) / 1000  # whole micrometres
    return max(S10_MODULE_MIN_MM, min(PREFERRED_MODULE_MM, fitting))


def _check_barcode(number: str, available_mm: float) -> None:
    if any(ord(ch) > 127 for ch in number):
        raise ValidationFailed([Violation("tracking_number", "barcode_charset", limit="ASCII",
                                          actual=number, source="ISO/IEC 15417")])
    modules = code128_modules(number) + 2 * S10_QUIET_MODULES
    most = int(available_mm / S10_MODULE_MIN_MM)
    if modules > most:
        raise ValidationFailed([Violation("tracking_number", "barcode_too_long", limit=most,
                                          actual=modules, source="UPU S10")])


def _tracking(shipment: Shipment, words: dict[str, str]) -> list[Element]:
    number = normalise(shipment.tracking_number or "")
    top = 95.0
    if not number:
        return [Text(MARGIN_MM, top + 6, LABEL_WIDTH_MM - 2 * MARGIN_MM, 6.0,
                     words["untracked"], bold=True, align="center")]
    available = LABEL_WIDTH_MM - 2 * MARGIN_MM
    _check_barcode(number, available)
    module = barcode_module_mm(number, available)
    width = code128_modules(number) * module
    height = max(BARCODE_HEIGHT_MM, S10_MIN_HEIGHT_MM, S10_HEIGHT_RATIO * width)
    x = (LABEL_WIDTH_MM - width) / 2
    return [Code128(x, top, height, module, number, human_readable=group_number(number),
                    text_size_mm=4.6)]


def _footer(shipment: Shipment, service: Service, words: dict[str, str],
            today: date | None) -> list[Element]:
    m = MARGIN_MM
    left_width = LABEL_WIDTH_MM - 2 * m - DATAMATRIX_SIZE_MM - 4
    out: list[Element] = [Box(m, 122.5, LABEL_WIDTH_MM - 2 * m, 0.3, filled=True)]
    out.append(Text(m, 124.5, left_width, 3.2,
                    f"{words['date']} : {label_date(shipment, today)}", bold=True))
    if shipment.reference:
        out.append(Text(m, 129.0, left_width, 3.2, f"{words['ref']} : {shipment.reference}",
                        max_lines=2, fit="shrink"))
    # The service as the carrier's staff name it, in French whatever the label's language
    # (the header has it in the label's language); the DataMatrix keeps the id for machines.
    out.append(Text(m, 137.5, left_width, 2.4, f"{words['service']} : {service.name('fr')}",
                    max_lines=2))
    out.append(DataMatrix(LABEL_WIDTH_MM - m - DATAMATRIX_SIZE_MM, 124.5, DATAMATRIX_MODULE_MM,
                          label_payload(shipment), size_mm=DATAMATRIX_SIZE_MM))
    return out


def label_date(shipment: Shipment, today: date | None = None) -> str:
    """dd/mm/yyyy of the shipment's creation (local time), else of `today`."""
    when: date | datetime | None = shipment.created_at or shipment.printed_at or today
    if when is None:
        when = date.today()
    if isinstance(when, datetime) and when.tzinfo is not None:
        when = when.astimezone()  # the shop's local date, not UTC's, around midnight
    return short_date(when)


def label_payload(shipment: Shipment) -> str:
    """The DataMatrix content (format in the module docstring)."""
    fields = (
        normalise(shipment.tracking_number or ""),
        shipment.service_id,
        str(shipment.parcel.weight_g),
        shipment.recipient.postcode.strip().upper(),
        shipment.recipient.country.strip().upper(),
        shipment.reference.strip(),
    )
    return "|".join([PAYLOAD_VERSION] + [_percent(f) for f in fields])


def _percent(text: str) -> str:
    # Not urllib's quote(): it always leaves "_" and "~" plain, and both mean something to
    # label printers (ZPL ^FH escape, ^BX escape).
    return "".join(ch if ch in _PAYLOAD_SAFE else "".join(f"%{b:02X}" for b in
                                                           ch.encode("utf-8", "replace"))
                   for ch in text)
