"""The cash-on-delivery sheet (A5 landscape): the item, the amount to collect, who pays and
who is paid (with the bank account), and the carrier's conditions with their articles.

Colissimo requires La Poste's approved COD form [C 5.3]: this sheet holds the data to copy
onto it and is never that form. For Nova Post it is the shop's record of the amount
Nova Post collects [N 11.3].
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A5, landscape

from desktop.domain.paperwork import CashOnDelivery
from desktop.domain.tracking import group_s10
from desktop.printing.fonts import standard_fonts_first
from desktop.printing.forms_common import Sheet, money, new_canvas

PAGE = landscape(A5)  # 210 × 148 mm
W = 210.0


@standard_fonts_first
def render_cod_sheet(cod: CashOnDelivery, lang: str = "fr") -> bytes:
    c, buf = new_canvas(PAGE, f"Contre-remboursement {cod.item_number}")
    s = Sheet(c, PAGE[1])
    fr = lang == "fr"
    s.text(10, 14, "CONTRE-REMBOURSEMENT" if fr else "CASH ON DELIVERY", 14, bold=True)
    subtitle = "Cash on delivery" if fr else "Contre-remboursement"
    if cod.carrier == "colissimo":  # the approved form is La Poste's own [C 5.3]
        subtitle += (" — fiche de données, pas le formulaire homologué" if fr
                     else " — data sheet, not the approved form")
    s.text(10, 19.5, subtitle, 8)
    s.text(W - 10, 14, cod.carrier_name, 11, bold=True, align="right")
    s.text(W - 10, 19.5, cod.service_name, 7.5, align="right", max_w=90)
    s.box(10, 24, 110, 16, width=0.6)
    s.label(12, 27.5, 100, "N° de l'envoi", "Item number", size=6)
    s.text(12, 35.5, group_s10(cod.item_number), 13, bold=True, max_w=105)
    s.box(124, 24, 76, 16, width=1.0)
    s.label(126, 27.5, 70, "Montant à encaisser", "Amount to collect", size=6)
    s.text(198, 36, money(cod.amount_eur, "EUR"), 15, bold=True, align="right")
    for n, (title_fr, title_en, who, extra) in enumerate((
            ("Bénéficiaire (expéditeur)", "Payee (sender)", cod.beneficiary,
             ("IBAN / compte : " if fr else "Bank account: ") + (cod.bank_account or "—")),
            ("Payeur (destinataire)", "Payer (addressee)", cod.payer, ""))):
        x = 10 + n * 97
        s.box(x, 44, 93, 40, width=0.5)
        s.label(x + 2, 47.5, 89, title_fr, title_en, size=6)
        lines = [who.company, who.name, who.street, f"{who.postcode} {who.city}".strip(),
                 who.country]
        y = 53.0
        for line in [t for t in lines if t][:5]:
            s.text(x + 2, y, line, 8.5, max_w=89)
            y += 4.4
        if extra:
            s.text(x + 2, 81.5, extra, 8, bold=True, max_w=89)
    y = 92.0
    s.text(10, y, "Conditions du transporteur" if fr else "Carrier's conditions", 8, bold=True)
    y += 5
    for text_fr, text_en, source in cod.notices:
        y = s.para(12, y, 170, f"• {text_fr if fr else text_en}", size=7.5) + 1
        s.text(W - 10, y - 4.2, source, 7, align="right")
    c.showPage()
    c.save()
    return buf.getvalue()
