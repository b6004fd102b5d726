"""The shortcut sheet (F1, Aide menu): every key of the counter and the windows, one table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import N_, tr
from desktop.ui.views import counter as c
from desktop.ui.widgets.weight_panel import TAKE_WEIGHT_KEY

# (keys, what they do) in the order of the counter's workflow.
SHORTCUTS = (
    (c.SEARCH_KEY, N_("Rechercher un destinataire dans le carnet d'adresses")),
    (N_("Entrée"), N_("Prendre le destinataire proposé")),
    (TAKE_WEIGHT_KEY, N_("Prendre le poids stable de la balance")),
    (c.FORM_NUMBER_KEY, N_("Aller au n° du formulaire (scan)")),
    (c.CONTENTS_KEY, N_("Cocher « Contenu vérifié »")),
    (c.CUSTOMS_KEY, N_("Aller à la déclaration en douane")),
    (" / ".join(c.PRINT_KEYS), N_("Valider, enregistrer et imprimer")),
    (c.NEW_PARCEL_KEY, N_("Nouveau colis (vider le formulaire)")),
    (c.CORRECT_REFUSED_KEY, N_("Corriger et renvoyer l'envoi refusé par le transporteur")),
    ("Ctrl+1 … Ctrl+4", N_("Comptoir, carnet d'adresses, historique, produits")),
    ("Ctrl+,", N_("Paramètres")),
    (N_("Tab / Maj+Tab"), N_("Champ suivant / précédent")),
    ("F1", N_("Cette liste des raccourcis")),
)


def native(keys: str) -> str:
    """Keys as the platform writes them ("Ctrl+F" → "Ctrl+F", "Strg+F" in German)."""
    if keys in ("Entrée", "Tab / Maj+Tab"):
        return tr(keys)
    if "…" in keys:
        return keys
    return " / ".join(QKeySequence(k.strip()).toString(QKeySequence.SequenceFormat.NativeText)
                      for k in keys.split("/"))


class ShortcutSheet(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Raccourcis clavier"))
        table = QTableWidget(len(SHORTCUTS), 2, self)
        table.setObjectName("shortcuts")
        table.setHorizontalHeaderLabels([tr("Touches"), tr("Action")])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, what) in enumerate(SHORTCUTS):
            table.setItem(row, 0, QTableWidgetItem(native(keys)))
            table.setItem(row, 1, QTableWidgetItem(tr(what)))
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(620, 460)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
