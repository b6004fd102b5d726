"""Commercial or pro-forma invoice on A4, from the same `CustomsPaper` as the CN 23.

A sale gets a commercial invoice, anything else (gift, sample, return…) a pro-forma one
(docs/sources/customs.md §2–3: a commercial invoice is required for commercial items, and the CN 23 value
must match it [C 8.2 C]). Line totals are the declaration's own values, so the invoice total
equals the CN 23 total to the cent.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.domain.customs_paper import CustomsPaper
from desktop.printing.fonts import standard_fonts_first
from desktop.printing.forms_common import (
    CATEGORY_LABELS,
    Sheet,
    country_name,
    kg,
    money,
    render_a4_sets,
)

X, W = 15.0, 180.0
ROWS_PER_PAGE = 18  # layout only: article rows that fit on one A4 page under the header
COLUMNS = (  # key, width mm, French, English
    ("n", 8, "N°", "No."), ("description", 62, "Description", "Description"),
    ("hs", 20, "Code SH", "HS code"), ("origin", 14, "Origine", "Origin"),
    ("quantity", 12, "Qté", "Qty"), ("weight", 18, "Poids net kg", "Net wt kg"),
    ("unit", 22, "Prix unitaire", "Unit price"), ("total", 24, "Total", "Total"),
)


@standard_fonts_first
def render_invoice(paper: CustomsPaper, copies: int = 1) -> bytes:
    return render_a4_sets(
        "Invoice", paper.declaration.items, ROWS_PER_PAGE, copies,
        lambda sheet, rows, first, copy, copies, page_no, pages: _page(
            sheet, paper, rows, first, page_no, pages, copy, copies))


def unit_price(value: Decimal, quantity: int) -> Decimal:
    """Line value / quantity; exact when it divides to the cent, else to 4 decimals."""
    if quantity <= 0:
        return value
    unit = value / quantity
    cents = unit.quantize(Decimal("0.01"))
    return cents if cents * quantity == value else unit.quantize(Decimal("0.0001"))


def _page(s: Sheet, p: CustomsPaper, rows, first: int, page: int, pages: int, copy: int,
          copies: int) -> None:
    d = p.declaration
    title = ("FACTURE COMMERCIALE", "COMMERCIAL INVOICE") if p.is_commercial_invoice else \
        ("FACTURE PRO FORMA", "PRO FORMA INVOICE")
    s.text(X, 20, title[0], size=16, bold=True)
    s.text(X, 27, title[1], size=12, bold=True)
    meta = [("N° de facture", "Invoice No.", d.invoice_number),
            ("Date", "Date", (p.invoice_date or p.posting_date).strftime("%d/%m/%Y")
             if (p.invoice_date or p.posting_date) else ""),
            ("N° de l'envoi", "Item No.", p.item_number),
            ("Référence", "Reference", p.reference),
            ("Incoterm", "Incoterm", p.incoterm),
            ("Devise", "Currency", p.currency)]
    for n, (fr, en, value) in enumerate(meta):
        s.text(X + 110, 14 + n * 4.6, f"{fr} / {en} :", size=6.5)
        s.text(X + W, 14 + n * 4.6, value, size=8, bold=True, align="right", max_w=40)
    y = 44
    _party(s, X, y, "Vendeur / expéditeur", "Seller / shipper", p.sender,
           [("EORI", p.eori)])
    _party(s, X + 92, y, "Acheteur / destinataire", "Buyer / consignee", p.recipient,
           [("Réf. importateur / Importer ref.", d.importer_reference)])
    y = 94
    fr, en = CATEGORY_LABELS.get(d.category, (d.category, d.category))
    s.text(X, y, f"Motif de l'exportation / Reason for export : {fr} / {en}"
           + (f" — {d.explanation}" if d.explanation else ""), size=8, max_w=W)
    y += 4
    y = _table(s, y, rows, first, p)
    if page == pages:
        y = _totals(s, y, p)
        s.para(X, y + 8, W, "Je certifie que les informations de cette facture sont exactes "
               "et que le contenu de l'envoi est conforme à cette déclaration. / I declare that "
               "the information on this invoice is true and correct and that the contents of "
               "this shipment are as stated above.", size=7)
        s.text(X, y + 24, "Date et signature / Date and signature :", size=7)
        signed = p.posting_date.strftime("%d/%m/%Y") if p.posting_date else ""
        s.text(X + 55, y + 24, f"{signed}  {p.signer}".strip(), size=9, bold=True, max_w=W - 55)
    s.text(X, 287, f"{title[1]} — {d.invoice_number}".strip(" —"), size=6)
    s.text(X + W, 287, f"Page {page}/{pages} — Exemplaire / Copy {copy}/{copies}", size=6,
           align="right")


def _party(s: Sheet, x: float, y: float, fr: str, en: str, a, extra) -> None:
    s.box(x, y, 88, 44)
    s.text(x + 2, y + 4.5, f"{fr} / {en}", size=7, bold=True)
    lines = [a.company, a.name, a.complement, a.building, a.street, a.locality,
             f"{a.postcode} {a.city}".strip(), f"{country_name(a.country)} ({a.country})",
             " · ".join(v for v in (a.phone, a.email) if v)]
    lines += [f"{k} : {v}" for k, v in extra if v]
    yy = y + 9.5
    for line in [x for x in lines if x.strip()][:9]:
        s.text(x + 2, yy, line, size=8, max_w=84)
        yy += 4.1


def _table(s: Sheet, y: float, rows, first: int, p: CustomsPaper) -> float:
    s.box(X, y, W, 9, fill=0.93)
    x = X
    for _key, w, fr, en in COLUMNS:
        s.para(x + 1, y + 3.3, w - 2, f"{fr} / {en}", size=6.2, max_lines=2)
        x += w
    y += 9
    for r, it in enumerate(rows):
        values = {"n": str(first + r + 1), "description": it.description, "hs": it.hs_code,
                  "origin": it.origin, "quantity": str(it.quantity),
                  "weight": kg(it.net_weight_g),
                  "unit": money(unit_price(it.value, it.quantity)),
                  "total": money(it.value)}
        s.box(X, y, W, 7, width=0.3)
        x = X
        for key, w, *_ in COLUMNS:
            right = key in ("quantity", "weight", "unit", "total")
            s.text(x + w - 1 if right else x + 1, y + 4.8, values[key], size=7.5,
                   max_w=w - 2, align="right" if right else "left")
            x += w
        y += 7
    return y


def _totals(s: Sheet, y: float, p: CustomsPaper) -> float:
    d = p.declaration
    charges = d.postal_charges or Decimal("0")
    rows = [("Total marchandises", "Goods total", money(d.total_value, p.currency)),
            ("Frais de port", "Postal charges", money(charges, p.currency)),
            ("Total facture", "Invoice total", money(d.total_value + charges, p.currency)),
            ("Poids net total", "Total net weight", f"{kg(d.total_net_weight_g)} kg"),
            ("Poids brut total", "Total gross weight", f"{kg(p.gross_weight_g)} kg")]
    y += 3
    for n, (fr, en, value) in enumerate(rows):
        s.text(X + 100, y + 4 + n * 5, f"{fr} / {en}", size=7.5, bold=n == 2)
        s.text(X + W - 1, y + 4 + n * 5, value, size=8.5, bold=n == 2, align="right")
    return y + 4 + len(rows) * 5
