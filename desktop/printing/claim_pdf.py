"""The claim-file checklist [C 8.2 C] as an A4 PDF, pre-filled from the shipment.

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
           "Réclamer au plus tard le", "answer": "Réponse indicative sous {n} jours ouvrés",
           "indemnity": "Indemnisation maximale ({basis})", "missing": "à fournir",
           "check": "Pièces du dossier", "basis": {"standard": "standard", "insured": "assurance",
                                                  "registered": "recommandation"}},
    "en": {"title": "Claim file", "service": "Service", "deadline": "Claim no later than",
           "answer": "Indicative answer within {n} working days",
           "indemnity": "Maximum indemnity ({basis})", "missing": "to be supplied",
           "check": "Documents", "basis": {"standard": "standard", "insured": "insurance",
                                          "registered": "registration"}},
}


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
    lines = [f"{t['service']} : {claim.service.name(lang)} ({claim.service.id})",
             t["answer"].format(n=claim.answer_days)
             + ("  [N 11.11.2]" if claim.service.carrier == "novapost" else "  [C 8.2 C]")]
    if claim.deadline:
        lines.insert(1, f"{t['deadline']} {claim.deadline.strftime('%d/%m/%Y')}"
                     f"  {claim.service.claim_source}")
    if claim.indemnity is not None:
        lines.append(t["indemnity"].format(basis=t["basis"][claim.indemnity.basis])
                     + f" : {claim.indemnity.amount:.2f} €  {claim.indemnity.source}")
    for line in lines:
        c.drawString(x, y, line)
        y -= 6 * mm
    y -= 4 * mm
    c.setFont(bold, 12)
    c.drawString(x, y, t["check"] + "  [C 8.2 C]")
    y -= 8 * mm
    for item in claim.items:
        c.rect(x, y - 1 * mm, 4 * mm, 4 * mm)
        if item.filled:
            c.setFont(bold, 10)
            c.drawString(x + 0.8 * mm, y, "✓")
        c.setFont(bold, 10)
        c.drawString(x + 7 * mm, y, item.label(lang))
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
