"""Inline validation errors: a red border on the field and the message just under it.

A form binds each field path ("recipient.postcode", "parcel.weight_g") to its widget;
`show` places every `Violation` next to its widget and returns the ones no widget took,
for the summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.domain.errors import Violation
from desktop.ui.i18n import N_, language, tr

ERROR_STYLE = "border: 2px solid #c62828; border-radius: 3px;"
MESSAGE_STYLE = "color: #c62828; font-size: 11px;"

# Human names of the field paths the validators use (the last part of the path).
FIELD_LABELS = {
    "name": N_("Nom"), "company": N_("Société"), "complement": N_("Complément"), "building": N_("Bâtiment"),
    "street": N_("N° et voie"), "locality": N_("Lieu-dit / BP"), "postcode": N_("Code postal"),
    "city": N_("Ville"), "country": N_("Pays"), "phone": N_("Téléphone"), "email": N_("E-mail"),
    "lines": N_("Adresse"), "weight_g": N_("Poids"), "length_mm": N_("Longueur"), "width_mm": N_("Largeur"),
    "height_mm": N_("Hauteur"), "service": N_("Service"), "reference": N_("Référence"),
    "sender": N_("Expéditeur"), "recipient": N_("Destinataire"), "label": N_("Nom du profil"),
    "tracking_number": N_("N° de suivi"), "parcel": N_("Colis"),
    "chargeable_weight_g": N_("Poids taxé"),
    "undeliverable": N_("Si non distribuable"), "registered": N_("Recommandé"),
    "insurance_eur": N_("Assurance (€)"), "cod_eur": N_("Contre-remboursement (€)"),
    "novapost_variant": N_("Variante de livraison"), "payer": N_("Payeur"),
    "payment_method": N_("Paiement"), "pieces": N_("Nombre de colis"),
    "division_id": N_("N° d'agence / consigne"),
}
SECTION_LABELS = {"sender": N_("Expéditeur"), "recipient": N_("Destinataire"), "parcel": N_("Colis")}


def human_field(path: str) -> str:
    """"recipient.postcode" → "Destinataire, code postal" (in the current language)."""
    parts = path.split(".") if path else []
    if not parts:
        return "—"
    last = tr(FIELD_LABELS.get(parts[-1], parts[-1]))
    if len(parts) > 1 and parts[0] in SECTION_LABELS and parts[0] != parts[-1]:
        return f"{tr(SECTION_LABELS[parts[0]])}, {last[:1].lower()}{last[1:]}"
    return last


def message(v: Violation, with_section: bool = True) -> str:
    """The violation in the interface language, with a readable field name."""
    name = human_field(v.field) if with_section else tr(
        FIELD_LABELS.get(v.field.rsplit(".", 1)[-1], v.field))
    return replace(v, field=name).describe(language())


class ErrorLabel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(MESSAGE_STYLE)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.hide()

    def set_messages(self, messages: list[str]) -> None:
        self.setText("\n".join(messages))
        self.setVisible(bool(messages))


class FieldErrors:
    """Field path → (widget, message label)."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, ErrorLabel]] = {}

    def bind(self, path: str, widget: QWidget, label: ErrorLabel) -> None:
        self._fields[path] = (widget, label)

    def alias(self, path: str, target: str) -> None:
        self._fields[path] = self._fields[target]

    def paths(self) -> list[str]:
        return list(self._fields)

    def widget(self, path: str) -> QWidget:
        return self._fields[path][0]

    def label(self, path: str) -> ErrorLabel:
        return self._fields[path][1]

    def has_error(self, path: str) -> bool:
        return bool(self._fields[path][0].property("invalid"))

    def clear(self) -> None:
        for widget, label in set(self._fields.values()):
            _mark(widget, False)
            label.set_messages([])

    def show(self, violations: Iterable[Violation]) -> list[Violation]:
        """Marks the bound fields; returns the violations no field is bound to."""
        self.clear()
        grouped: dict[tuple[QWidget, ErrorLabel], list[str]] = {}
        left: list[Violation] = []
        for v in violations:
            target = self._fields.get(v.field)
            if target is None:
                left.append(v)
                continue
            grouped.setdefault(target, []).append(message(v, with_section=False))
        for (widget, label), messages in grouped.items():
            _mark(widget, True)
            label.set_messages(messages)
        return left


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.setStyleSheet(ERROR_STYLE if invalid else "")
    widget.setToolTip("" if not invalid else widget.toolTip())
