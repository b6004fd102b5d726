"""The claim file as an A4 PDF: the carrier's own checklist ([C 8.2 C], [D 6.3],
[N 11.9.1, 10.2]) pre-filled from the shipment, where to send it, the deadline, the answer
time in the unit the terms use, and the indemnity or compensation.

Deterministic bytes (reportlab `invariant`), so the same claim file prints identically.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from desktop.printing.fonts import register_fonts

_TEXT = {
    "fr": {"title": "Dossier de réclamation", "service": "Service", "deadline":
           "Réclamer au plus tard le", "answer": "Réponse indicative sous {n} jours {unit}",
           "unit": {"working": "ouvrés", "calendar": "calendaires"},
           "no_answer": "Délai de réponse : non précisé par les conditions",
           "answer_due": "soit le {d} pour un dossier déposé le {f}",
           "left": "{n} jours restants au {f}", "late": "DÉLAI DÉPASSÉ au {f}",
           "channel": "Envoyer à", "indemnity": "Indemnisation maximale ({basis})",
           "compensation": "Indemnisation : valeur déclarée + prix du service = {a} €",
           "credit": "Avoir retard J+{n} : {p} % = {a} € (à demander avant le {d})",
           "credit_unknown": "Avoir retard (J+n inconnu, taux J+3) : {p} % = {a} € "
                             "(à demander avant le {d})",
           "missing": "à fournir",
           "check": "Pièces du dossier", "basis": {"standard": "standard", "insured": "assurance",
                                                  "registered": "recommandation"}},
    "en": {"title": "Claim file", "service": "Service", "deadline": "Claim no later than",
           "answer": "Indicative answer within {n} {unit} days",
           "unit": {"working": "working", "calendar": "calendar"},
           "no_answer": "Answer time: not given by the terms",
           "answer_due": "i.e. by {d} for a file sent on {f}",
           "left": "{n} days left on {f}", "late": "DEADLINE PASSED on {f}",
           "channel": "Send to", "indemnity": "Maximum indemnity ({basis})",
           "compensation": "Compensation: declared value + price of the service = {a} €",
           "credit": "Late-delivery credit J+{n}: {p} % = {a} € (ask before {d})",
           "credit_unknown": "Late-delivery credit (J+n unknown, J+3 rate): {p} % = {a} € "
                             "(ask before {d})",
           "missing": "to be supplied",
           "check": "Documents", "basis": {"standard": "standard", "insured": "insurance",
                                          "registered": "registration"}},
}


def _summary(claim, t, lang) -> list[str]:
    terms = claim.terms
    lines = [f"{t['service']} : {claim.service.name(lang)}"]
    if claim.deadline:
        line = f"{t['deadline']} {claim.deadline:%d/%m/%Y}  {claim.service.claim_source}"
        if claim.days_left is not None:
            key = "late" if claim.days_left < 0 else "left"
            line += " — " + t[key].format(n=claim.days_left, f=f"{claim.filed:%d/%m/%Y}")
        lines.append(line)
    if terms is not None:
        lines.append(f"{t['channel']} : {terms.channel(lang)}  {terms.channel_source}")
    if claim.answer_days is None:
        lines.append(t["no_answer"] + (f"  {terms.deadline_source}" if terms else ""))
    else:
        unit = t["unit"][terms.answer_unit] if terms else t["unit"]["working"]
        line = t["answer"].format(n=claim.answer_days, unit=unit)
        if claim.answer_due and claim.filed:
            line += ", " + t["answer_due"].format(d=f"{claim.answer_due:%d/%m/%Y}",
                                                  f=f"{claim.filed:%d/%m/%Y}")
        lines.append(line + f"  {terms.answer_source if terms else '[C 8.2 C]'}")
    if claim.indemnity is not None:
        lines.append(t["indemnity"].format(basis=t["basis"][claim.indemnity.basis])
                     + f" : {claim.indemnity.amount:.2f} €  {claim.indemnity.source}")
    if claim.compensation is not None:
        lines.append(t["compensation"].format(a=f"{claim.compensation:.2f}") + "  [N 10.2]")
    credit = claim.late_credit
    if credit is not None:
        key = "credit" if credit.days_taken is not None else "credit_unknown"
        lines.append(t[key].format(n=credit.days_taken, p=credit.percent,
                                   a=f"{credit.amount:.2f}", d=f"{credit.deadline:%d/%m/%Y}")
                     + f"  {credit.source}")
    return lines


def render_claim_pdf(claim, lang: str = "fr") -> bytes:
    regular, bold = register_fonts()
    t = _TEXT["fr" if lang == "fr" else "en"]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(t["title"])
    width, height = A4
    x, y = 20 * mm, height - 25 * mm
    c.setFont(bold, 16)
    c.drawString(x, y, t["title"])
    y -= 9 * mm
    c.setFont(regular, 10)
    lines = _summary(claim, t, lang)
    for line in lines:
        for chunk in _wrap(line, 100):
            c.drawString(x, y, chunk)
            y -= 5 * mm
        y -= 1 * mm
    y -= 4 * mm
    c.setFont(bold, 12)
    c.drawString(x, y, t["check"] + "  " + (claim.terms.checklist_source if claim.terms
                                             else "[C 8.2 C]"))
    y -= 8 * mm
    for item in claim.items:
        c.rect(x, y - 1 * mm, 4 * mm, 4 * mm)
        if item.filled:
            c.setFont(bold, 10)
            c.drawString(x + 0.8 * mm, y, "✓")
        c.setFont(bold, 10)
        c.drawString(x + 7 * mm, y, item.label(lang))
        if item.source:
            c.setFont(regular, 8)
            c.drawRightString(190 * mm, y, item.source)
        y -= 5 * mm
        c.setFont(regular, 10)
        for chunk in _wrap(item.value or f"({t['missing']})", 90):
            c.drawString(x + 7 * mm, y, chunk)
            y -= 5 * mm
        y -= 2 * mm
        if y < 25 * mm:
            c.showPage()
            y = height - 25 * mm
    c.showPage()
    c.save()
    return buf.getvalue()


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line] if line else lines or [""]
