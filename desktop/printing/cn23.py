"""CN 23 customs declaration on A4 (UPU form, every box of docs/sources/customs.md §2, FR/EN captions).

Box numbers follow the UPU form: (1) description, (2) quantity, (3) net weight, (4) total
gross weight, (5) value, (6) total value, (7) HS tariff number, (8) origin, (9) postal
charges, (10) category, (11) comments, (12) licence, (13) certificate, (14) invoice,
(15) date and signature. More article lines than the form holds continue on extra sheets
that repeat the header, as the UPU allows ("continuation sheet").
"""

from __future__ import annotations

from desktop.domain.customs import CATEGORIES
from desktop.domain.customs_paper import CustomsPaper
from desktop.domain.tracking import group_number
from desktop.printing.fonts import standard_fonts_first
from desktop.printing.forms_common import (
    CATEGORY_LABELS,
    CERTIFICATION,
    Sheet,
    address_rows,
    country_name,
    kg,
    money,
    render_a4_sets,
)

ROWS_PER_SHEET = 7  # article lines on one CN 23 (the UPU form has room for about seven)
W = 190.0  # printable width, mm (10 mm margins)
X = 10.0
# Article table columns: (key, width mm, box number, French caption, English caption)
COLUMNS = (
    ("description", 66, 1, "Description détaillée du contenu", "Detailed description of contents"),
    ("quantity", 16, 2, "Quantité", "Quantity"),
    ("weight", 22, 3, "Poids net (en kg)", "Net weight (in kg)"),
    ("value", 26, 5, "Valeur", "Value"),
    ("hs", 30, 7, "N° tarifaire du SH (envois commerciaux)", "HS tariff number (commercial items)"),
    ("origin", 30, 8, "Pays d'origine des marchandises", "Country of origin of goods"),
)


@standard_fonts_first
def render_cn23(paper: CustomsPaper, copies: int = 1, lang: str = "en") -> bytes:
    """A PDF with `copies` (1–4) sets of the CN 23; each set has its continuation sheets."""
    return render_a4_sets(
        "CN 23", paper.declaration.items, ROWS_PER_SHEET, copies,
        lambda sheet, rows, first, copy, copies, sheet_no, sheets: _draw(
            sheet, paper, rows, first, copy, copies, sheet_no, sheets, lang))


def _draw(s: Sheet, p: CustomsPaper, rows, first_index: int, copy: int, copies: int,
          sheet_no: int, sheets: int, lang: str) -> None:
    d = p.declaration
    # Header ---------------------------------------------------------------------------
    s.box(X, 8, W, 22)
    s.label(X + 2, 11, 55, "Opérateur désigné", "Designated operator")
    s.text(X + 2, 18, p.operator, size=11, bold=True, max_w=55)
    s.line(X + 60, 8, X + 60, 30)
    s.text(X + 63, 15, "DÉCLARATION EN DOUANE", size=12, bold=True)
    s.text(X + 63, 21, "CUSTOMS DECLARATION", size=10, bold=True)
    s.text(X + 63, 27, "Peut être ouvert d'office / May be opened officially", size=6.5)
    s.text(X + W - 3, 22, "CN 23", size=20, bold=True, align="right")
    # Item number (barcode) -----------------------------------------------------------
    s.box(X + 100, 30, 90, 22)
    s.label(X + 102, 33, 86, "N° de l'envoi (code à barres, s'il existe)",
            "No. of item (barcode, if any)")
    if p.item_number:
        s.code128(X + 100, 34.5, p.item_number, 90, height=12.5)
        s.text(X + 145, 50.5, group_number(p.item_number), size=8, bold=True, align="center")
    # Sender (left) and the sender's customs reference (right) --------------------------
    y = _address_block(s, 30, "De", "From", p.sender, lang)
    s.box(X + 100, 52, 90, y - 52)
    s.label(X + 102, 55, 86, "Référence en douane de l'expéditeur (si elle existe)",
            "Sender's customs reference (if any)")
    s.text(X + 102, 60.5, p.eori, size=8, bold=True, max_w=86)
    s.text(X + 102, 64.5, "Tél. / e-mail : " + " · ".join(
        x for x in (p.sender.phone, p.sender.email) if x), size=6.5, max_w=86)
    # Addressee (left), importer's reference and contact (right) -------------------------
    y2 = _address_block(s, y, "À", "To", p.recipient, lang)
    half = (y2 - y) / 2
    s.box(X + 100, y, 90, half)
    s.label(X + 102, y + 3, 86, "Référence de l'importateur (si elle existe) (code fiscal/"
            "n° de TVA/code de l'importateur)",
            "Importer's reference (if any) (tax code/VAT No./importer code)")
    s.text(X + 102, y + half - 2.5, d.importer_reference, size=8, bold=True, max_w=86)
    s.box(X + 100, y + half, 90, half)
    s.label(X + 102, y + half + 3, 86, "N° de téléphone/fax/e-mail de l'importateur (si connus)",
            "Importer's telephone/fax/e-mail (if known)")
    contact = " · ".join(x for x in (d.importer_phone or p.recipient.phone,
                                     d.importer_email or p.recipient.email) if x)
    s.text(X + 102, y2 - 2.5, contact, size=7.5, max_w=86)
    # Articles -----------------------------------------------------------------------
    y = _articles(s, y2, rows, first_index, p.currency)
    y = _totals(s, y, p)
    if sheet_no > 1:
        s.text(X + 2, y + 5, f"Feuille de continuation {sheet_no}/{sheets} — totaux sur "
               f"l'ensemble de l'envoi / Continuation sheet {sheet_no}/{sheets} — totals for "
               f"the whole item", size=6.5, bold=True, max_w=W - 4)
        y += 7
    # Category (10) and explanation --------------------------------------------------
    s.box(X, y, W, 19)
    s.label(X + 2, y + 3, 60, "Catégorie de l'envoi (10)", "Category of item")
    for n, cat in enumerate(CATEGORIES):
        fr, en = CATEGORY_LABELS[cat]
        cx = X + 2 + (n % 3) * 44
        cy = y + 5 + (n // 3) * 7
        s.checkbox(cx, cy, d.category == cat)
        s.text(cx + 4, cy + 2.4, fr, size=7, max_w=39)
        if en != fr:
            s.text(cx + 4, cy + 5.0, en, size=5.8, max_w=39)
    s.line(X + 134, y, X + 134, y + 19)
    s.label(X + 136, y + 3, 52, "Explication", "Explanation")
    s.para(X + 136, y + 8, 52, d.explanation, size=7, max_lines=3)
    y += 19
    # Comments (11) ------------------------------------------------------------------
    s.box(X, y, W, 13)
    s.label(X + 2, y + 3, W - 4, "Observations (11) : p. ex. marchandise soumise à quarantaine, "
            "à des contrôles sanitaires, phytosanitaires ou à d'autres restrictions",
            "Comments: e.g. goods subject to quarantine, sanitary/phytosanitary inspection "
            "or other restrictions")
    s.para(X + 2, y + 9.5, W - 4, d.comments, size=7.5, max_lines=1)
    y += 13
    # Licence (12), certificate (13), invoice (14) -----------------------------------
    for n, (no, fr, en, frn, enn, value) in enumerate((
            (12, "Licence", "Licence", "N°(s) de la (des) licence(s)", "No(s). of licence(s)",
             d.licence_number),
            (13, "Certificat", "Certificate", "N°(s) du (des) certificat(s)",
             "No(s). of certificate(s)", d.certificate_number),
            (14, "Facture", "Invoice", "N° de la facture", "No. of invoice", d.invoice_number))):
        bx = X + n * W / 3
        s.box(bx, y, W / 3, 13)
        s.label(bx + 2, y + 3, W / 3 - 4, f"{fr} ({no}) — {frn}", f"{en} — {enn}")
        s.text(bx + 2, y + 11, value, size=8, bold=True, max_w=W / 3 - 4)
    y += 13
    # Office of origin / date of posting; certification and signature (15) ----------
    s.box(X, y, 60, 30)
    s.label(X + 2, y + 3, 56, "Bureau d'origine / Date de dépôt", "Office of origin / Date of posting")
    s.text(X + 2, y + 14, p.office_of_origin, size=8, max_w=56)
    s.text(X + 2, y + 20, p.posting_date.strftime("%d/%m/%Y") if p.posting_date else "", size=8)
    s.box(X + 60, y, W - 60, 30)
    yy = s.para(X + 62, y + 3, W - 64, CERTIFICATION[0], size=5.6)
    yy = s.para(X + 62, yy, W - 64, CERTIFICATION[1], size=5.6)
    s.label(X + 62, yy + 0.5, W - 64, "Date et signature de l'expéditeur (15)",
            "Date and sender's signature")
    signed = p.posting_date.strftime("%d/%m/%Y") if p.posting_date else ""
    s.text(X + 62, y + 28, f"{signed}  {p.signer}".strip(), size=9, bold=True, max_w=W - 64)
    y += 30
    s.text(X, y + 5, "CN 23 (UPU)", size=6)
    s.text(X + W, y + 5, f"Exemplaire / Copy {copy}/{copies}"
           + (f" — feuille / sheet {sheet_no}/{sheets}" if sheets > 1 else ""),
           size=6, align="right")


def _address_block(s: Sheet, y: float, fr: str, en: str, a, lang: str) -> float:
    rows = address_rows(a, lang)
    h = 6 + 5 * len(rows)  # 36 mm for the six UPU lines
    s.box(X, y, 100, h)
    s.text(X + 2, y + 4, f"{fr} / {en}", size=8, bold=True)
    for n, (cap_fr, cap_en, value) in enumerate(rows):
        ry = y + 9.5 + 5 * n
        s.text(X + 3, ry, f"{cap_fr} / {cap_en}", size=5.2)
        s.text(X + 30, ry, value, size=8.5, max_w=68)
    return y + h


def _articles(s: Sheet, y: float, rows, first_index: int, currency: str) -> float:
    head = 11
    s.box(X, y, W, head, fill=0.93)
    x = X
    for _key, w, no, fr, en in COLUMNS:
        s.line(x, y, x, y + head + 7 * ROWS_PER_SHEET)
        s.para(x + 1, y + 2.6, w - 2, f"{fr} ({no}) / {en}", size=5.2)
        x += w
    y += head
    for r in range(ROWS_PER_SHEET):
        s.box(X, y + 7 * r, W, 7, width=0.4)
        if r >= len(rows):
            continue
        item = rows[r]
        values = {"description": f"{first_index + r + 1}. {item.description}",
                  "quantity": str(item.quantity), "weight": kg(item.net_weight_g),
                  "value": money(item.value, item.currency), "hs": item.hs_code,
                  "origin": f"{item.origin} {country_name(item.origin)}".strip()}
        x = X
        for key, w, *_ in COLUMNS:
            align = "right" if key in ("quantity", "weight", "value") else "left"
            tx = x + w - 1.5 if align == "right" else x + 1.5
            s.text(tx, y + 7 * r + 4.8, values[key], size=7.5, max_w=w - 3, align=align)
            x += w
    return y + 7 * ROWS_PER_SHEET


def _totals(s: Sheet, y: float, p: CustomsPaper) -> float:
    d = p.declaration
    cells = (
        (66 + 16, "Poids brut total (4)", "Total gross weight (kg)", kg(p.gross_weight_g)),
        (22 + 26, "Valeur totale (6)", "Total value", money(d.total_value, p.currency)),
        (30 + 30, "Frais de port/Frais (9)", "Postal charges/Fees",
         money(d.postal_charges, p.currency)),
    )
    x = X
    for w, fr, en, value in cells:
        s.box(x, y, w, 11)
        s.label(x + 1.5, y + 3, w - 3, fr, en)
        s.text(x + w - 1.5, y + 9.3, value, size=9, bold=True, align="right", max_w=w - 3)
        x += w
    return y + 11
