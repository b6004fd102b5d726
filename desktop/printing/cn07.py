"""The advice of delivery, UPU form CN 07 (148 × 105 mm card), filled in for the AR option:
placed on the address side of the parcel [C 4.3, 5.3] and sent back to the sender signed.

Page 1 is the side that travels back: "Renvoyer à / Return to" with the sender's address.
Page 2 has the particulars of the item, which the sender fills in, and the boxes for the
addressee's and the destination office's signatures. The layout follows the UPU CN 07
headings, bilingual French/English. No barcode: nothing may be added to the parcel that
could disturb sorting [C 5.3].
"""

from __future__ import annotations

from reportlab.lib.units import mm

from desktop.domain.paperwork import AdviceOfDelivery
from desktop.domain.tracking import group_s10
from desktop.printing.fonts import standard_fonts_first
from desktop.printing.forms_common import Sheet, money, new_canvas

CARD = (148 * mm, 105 * mm)  # UPU CN 07 card
W, H = 148.0, 105.0


@standard_fonts_first
def render_cn07(advice: AdviceOfDelivery) -> bytes:
    c, buf = new_canvas(CARD, f"CN 07 {advice.item_number}")
    _return_side(Sheet(c, CARD[1]), advice)
    c.showPage()
    _particulars_side(Sheet(c, CARD[1]), advice)
    c.showPage()
    c.save()
    return buf.getvalue()


def _title(s: Sheet, advice: AdviceOfDelivery) -> None:
    s.box(4, 4, W - 8, H - 8, width=0.8)
    s.text(7, 10, advice.carrier_name or "La Poste", 8, bold=True)
    s.text(W - 7, 10, "CN 07", 12, bold=True, align="right")
    s.text(W / 2, 10, "AVIS de réception / de livraison / de paiement / d'inscription", 7.5,
           bold=True, align="center", max_w=90)
    s.text(W / 2, 14, "Advice of receipt / of delivery / of payment / of entry", 6.5,
           align="center", max_w=90)


def _return_side(s: Sheet, advice: AdviceOfDelivery) -> None:
    _title(s, advice)
    if (advice.addressee.country or "FR") != (advice.sender.country or "FR"):
        s.text(7, 22, "PAR AVION / BY AIRMAIL", 7, bold=True)
    s.text(W - 7, 22, "Service des postes / Postal service", 6.5, align="right")
    s.box(45, 32, 96, 58, width=0.6)
    s.label(48, 37, 90, "Renvoyer à", "Return to", size=6.5)
    a = advice.sender
    lines = [a.company, a.name, a.complement, a.building, a.street, a.locality,
             f"{a.postcode} {a.city}".strip(), a.country]
    y = 45.0
    for line in [x for x in lines if x][:7]:
        s.text(48, y, line, 9, max_w=90)
        y += 5.2
    s.label(7, 37, 34, "Timbre du bureau renvoyant l'avis",
            "Stamp of the office returning the advice", size=5.5)
    s.box(7, 44, 32, 32, width=0.4)


def _particulars_side(s: Sheet, advice: AdviceOfDelivery) -> None:
    _title(s, advice)
    s.label(7, 20, 80, "À remplir par l'expéditeur", "To be completed by the sender", size=6)
    # nature of the item
    s.label(7, 25, 40, "Nature de l'envoi", "Type of item", size=5.5)
    kinds = (("Lettre", "Letter", False), ("Imprimé", "Printed paper", False),
             ("Colis postal", "Parcel", advice.item_kind == "parcel"))
    x = 7.0
    for fr, en, ticked in kinds:
        s.checkbox(x, 28, ticked)
        s.text(x + 4, 30.4, f"{fr} / {en}", 5.8)
        x += 34
    s.label(7, 36, 40, "Service", "Service", size=5.5)
    services = ((f"Recommandé {advice.registered}" if advice.registered else "Recommandé",
                 "Registered", bool(advice.registered)),
                ("Valeur déclarée / assurance", "Insured", advice.insured_eur is not None),
                ("Contre-remboursement", "COD", advice.cod_eur is not None))
    x = 7.0
    for fr, en, ticked in services:
        s.checkbox(x, 39, ticked)
        s.text(x + 4, 41.4, f"{fr} / {en}", 5.8, max_w=40)
        x += 45
    s.box(7, 45, 64, 11, width=0.4)
    s.label(8.5, 48, 60, "N° de l'envoi", "Item number", size=5.5)
    s.text(8.5, 53.8, group_s10(advice.item_number), 10, bold=True, max_w=60)
    s.box(73, 45, 34, 11, width=0.4)
    s.label(74.5, 48, 31, "Déposé le", "Posted on", size=5.5)
    s.text(74.5, 53.8, advice.posting_date.strftime("%d/%m/%Y") if advice.posting_date else "",
           9, bold=True)
    s.box(109, 45, 32, 11, width=0.4)
    s.label(110.5, 48, 29, "Montant", "Amount", size=5.5)
    shown = advice.cod_eur if advice.cod_eur is not None else advice.insured_eur
    s.text(110.5, 53.8, money(shown, "EUR") if shown is not None else "", 9, bold=True)
    s.box(7, 58, 134, 14, width=0.4)
    s.label(8.5, 61, 120, "Nom et adresse du destinataire", "Addressee's name and address",
            size=5.5)
    a = advice.addressee
    line1 = " — ".join(x for x in (a.company, a.name) if x)
    line2 = ", ".join(x for x in (a.complement, a.building, a.street, a.locality,
                                  f"{a.postcode} {a.city}".strip(), a.country) if x)
    s.text(8.5, 65.5, line1, 8, bold=True, max_w=130)
    s.text(8.5, 69.5, line2, 7.5, max_w=130)
    # to be completed at destination
    s.label(7, 76, 130, "À remplir à destination. L'envoi mentionné ci-dessus a été dûment "
            "livré", "To be completed at destination. The item mentioned above has been duly "
            "delivered", size=5.5)
    s.box(7, 81, 44, 16, width=0.4)
    s.label(8.5, 84, 41, "Date", "Date", size=5.5)
    s.box(53, 81, 44, 16, width=0.4)
    s.label(54.5, 84, 41, "Signature du destinataire", "Signature of the addressee",
            size=5.5)
    s.box(99, 81, 42, 16, width=0.4)
    s.label(100.5, 84, 39, "Signature de l'agent et timbre du bureau de destination",
            "Signature of the employee and stamp of the office of destination", size=5)
