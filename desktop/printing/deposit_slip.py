"""The deposit slip ("bordereau de dépôt") as an A4 PDF: sender and account, one row per
parcel (number, recipient, destination, weight, options, postage vignettes), totals, the
Colissimo vignette counts [C 5.3, 6], two signature boxes, and the slip number as Code 128.

The slip number is Comptoir's own document number (domain.deposit_slip.slip_number), printed
as such: no carrier issued it. Deterministic bytes (forms_common.new_canvas).
"""

from __future__ import annotations

from desktop.domain.deposit_slip import DepositSlip, format_weight_kg
from desktop.domain.tracking import group_s10
from desktop.printing.fonts import standard_fonts_first
from desktop.printing.forms_common import A4, Sheet, new_canvas

X, W = 15.0, 180.0
ROWS_PER_PAGE = 20  # layout only: rows that fit above the totals, vignettes and signatures
ROW_H = 6.2
BARCODE_W = 108.0  # the right of the header, beside the title
COLUMNS = (  # key, width mm, French, English
    ("n", 8, "N°", "No."), ("number", 38, "N° de colis", "Parcel number"),
    ("recipient", 36, "Destinataire", "Recipient"), ("destination", 34, "Destination",
                                                      "Destination"),
    ("weight", 18, "Poids", "Weight"), ("options", 34, "Options", "Options"),
    ("vignettes", 12, "Vign.", "Stamps"))
# The weighing audit (issue 11 §5): shown when a line recorded it, in room taken from Options.
WEIGHING = ("weighing", 13, "Pesée", "Weighed")
VIGNETTE_NAMES = {  # [C 4.3, 5.1.2, 5.3]
    "postage": ("Affranchissement", "Postage"), "nm_insurance": ("NM / assurance",
                                                                 "NM / insurance"),
    "R1": ("Recommandation R1", "Registered R1"), "R2": ("Recommandation R2", "Registered R2"),
    "R3": ("Recommandation R3", "Registered R3"), "AR": ("Avis de réception (AR)",
                                                         "Advice of delivery (AR)"),
    "CRBT": ("Contre-remboursement", "Cash on delivery")}


@standard_fonts_first
def render_deposit_slip(slip: DepositSlip, lang: str = "fr") -> bytes:
    c, buf = new_canvas(A4, f"Bordereau de dépôt {slip.number}")
    rows = list(slip.lines)
    pages = [rows[i:i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
    for n, chunk in enumerate(pages):
        sheet = Sheet(c, A4[1])
        y = _header(sheet, slip, n + 1, len(pages))
        y = _table(sheet, chunk, n * ROWS_PER_PAGE, y, slip.carrier == "colissimo",
                   any(line.weighing for line in rows))
        if n == len(pages) - 1:
            _totals_and_signatures(sheet, slip, y + 4)
        c.showPage()
    c.save()
    return buf.getvalue()


def _header(s: Sheet, slip: DepositSlip, page: int, pages: int) -> float:
    s.text(X, 18, "BORDEREAU DE DÉPÔT", 13, bold=True)
    s.text(X, 24, "Deposit slip", 9)
    s.text(X, 31, f"{slip.carrier_name} — {slip.day:%d/%m/%Y}", 11, bold=True)
    # Modules of 0.44 mm or more: read by a hand scanner and by a decoder from a 150–600 dpi
    # scan (tests/integration/test_dayend.py); the quiet zones are the S10 ones.
    s.code128(X + W - BARCODE_W, 9, slip.number, BARCODE_W, height=13.0, module=0.5)
    centre = X + W - BARCODE_W / 2
    s.text(centre, 28.5, slip.number, 8.5, bold=True, align="center")
    s.text(centre, 32, "N° de document Comptoir, pas un numéro du transporteur", 5.5,
           align="center")
    s.text(centre, 34.6, "Comptoir document number, not a carrier number", 5.5,
           align="center")
    s.box(X, 39, W, 24, width=0.6)
    s.label(X + 2, 42.5, 80, "Expéditeur", "Sender", size=6)
    a = slip.sender
    lines = [a.company, a.name, a.complement, a.building, a.street, a.locality,
             f"{a.postcode} {a.city} {a.country}".strip()]
    y = 46.5
    for line in [x for x in lines if x][:5]:
        s.text(X + 2, y, line, 8, max_w=100)
        y += 3.6
    s.label(X + 110, 42.5, 68, "N° de compte client", "Customer account", size=6)
    s.text(X + 110, 48, slip.account or "—", 11, bold=True, max_w=68)
    s.text(X + W - 2, 60.5, f"Page {page}/{pages}", 7, align="right")
    return 67.0


def _columns(vignettes: bool, weighing: bool) -> list[tuple]:
    columns = [c for c in COLUMNS if vignettes or c[0] != "vignettes"]
    if weighing:
        at = next(n for n, c in enumerate(columns) if c[0] == "options")
        key, width, fr, en = columns[at]
        columns[at] = (key, width - WEIGHING[1], fr, en)
        columns.insert(at, WEIGHING)
    return columns


def _table(s: Sheet, rows, first: int, y: float, vignettes: bool,
           weighing: bool = False) -> float:
    x = X
    s.box(X, y, W, 7, fill=0.9)
    columns = _columns(vignettes, weighing)
    for key, width, fr, en in columns:
        if key == "vignettes" and not vignettes:
            continue
        s.text(x + 1, y + 3, fr, 6.5, bold=True, max_w=width - 2)
        s.text(x + 1, y + 6, en, 5.5, max_w=width - 2)
        x += width
    y += 7
    for i, line in enumerate(rows):
        s.line(X, y + ROW_H, X + W, y + ROW_H, 0.3)
        values = {"n": str(first + i + 1), "number": group_s10(line.tracking_number),
                  "recipient": line.recipient, "destination": line.destination,
                  "weight": format_weight_kg(line.weight_g), "options": ", ".join(line.options),
                  "vignettes": "" if line.postage_vignettes is None else str(line.postage_vignettes),
                  "weighing": line.weighing}
        x = X
        for key, width, _, _ in columns:
            s.text(x + 1, y + 4.3, values[key], 7.5, bold=key == "number", max_w=width - 2,
                   align="left")
            x += width
        y += ROW_H
    s.box(X, 67.0, W, y - 67.0, width=0.6)
    return y


def _totals_and_signatures(s: Sheet, slip: DepositSlip, y: float) -> None:
    s.box(X, y, W, 10, width=0.8)
    s.text(X + 2, y + 6.5, f"Total : {slip.parcels} colis / parcels", 10, bold=True)
    s.text(X + W - 2, y + 6.5, f"Poids total / Total weight : "
           f"{format_weight_kg(slip.total_weight_g)}", 10, bold=True, align="right")
    y += 14
    if slip.vignettes:
        s.text(X, y, "Vignettes à contrôler au dépôt / Stamps to check at deposit  [C 5.3, 6]",
               8, bold=True)
        y += 4.5
        for key, count in slip.vignettes.items():
            fr, en = VIGNETTE_NAMES.get(key, (key, key))
            s.text(X + 4, y, f"{fr} / {en}", 8)
            s.text(X + 110, y, str(count), 8, bold=True, align="right")
            y += 4.2
        y += 2
    y = max(y, 0)
    half = (W - 6) / 2
    for i, (fr, en) in enumerate((("Expéditeur : nom, date, signature",
                                   "Sender: name, date, signature"),
                                  ("Bureau de dépôt : cachet, date, signature",
                                   "Deposit office: stamp, date, signature"))):
        x = X + i * (half + 6)
        s.box(x, y, half, 30, width=0.6)
        s.text(x + 2, y + 4, fr, 7.5, bold=True, max_w=half - 4)
        s.text(x + 2, y + 7.5, en, 6.5, max_w=half - 4)
