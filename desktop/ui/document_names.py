"""The names the clerk reads for the documents Comptoir prints (a print job's `kind`), in
the interface's language: never the internal kind ("cn22-label", "invoice")."""

from __future__ import annotations

from desktop.ui.i18n import N_, tr

# Keys lower-case: the counter stores the customs kinds lower-cased (counter_operation).
_NAMES = {
    "label": N_("Étiquette"),
    "cn22-label": N_("CN22 (sur étiquette 10×15)"),
    "cn22-a4": N_("CN22 (A4)"),
    "cn23": N_("CN23"),
    "invoice": N_("Facture"),
    "customs": N_("Document douanier"),
    "deposit_slip": N_("Bordereau de dépôt"),
    "calibration": N_("Page de calibrage"),
}


def document_name(kind: str) -> str:
    """The document's name; an unforeseen kind reads as "Document" rather than an id."""
    return tr(_NAMES.get((kind or "").lower(), N_("Document")))
