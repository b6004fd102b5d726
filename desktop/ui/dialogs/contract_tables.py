"""Editing the contract tables (weight limits, dimensions, vignettes, calendar, prices,
parameters) as tables, from the settings.

Save hands the CSV text to `ContractStore.save_table`, which checks every row before writing
the override: refused text is not written, and the problems (file, row, reason) are listed
here. A saved table is in force at once: `saved` lets the counter ask for a new verdict.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import N_, ntr, tr

TABLE_NAMES = {  # file → shown name; the files are those of desktop.domain.carriers.contract
    "weight_limits.csv": N_("Poids maximum par destination"),
    "dimension_limits.csv": N_("Dimensions maximum"),
    "vignettes.csv": N_("Vignettes d'affranchissement"),
    "calendar.csv": N_("Heures limites et délais"),
    "prices.csv": N_("Tarifs"),
    "parameters.csv": N_("Paramètres (carburant, supplément NM)"),
}

# Column captions; the file keeps its keys (the header item's data), the clerk reads these.
COLUMN_NAMES = {
    "service_id": N_("Service"), "destination": N_("Destination"), "zone": N_("Zone"),
    "max_weight_g": N_("Poids maximum (g)"), "rule": N_("Règle"), "limit_mm": N_("Limite (mm)"),
    "vignettes": N_("Vignettes"), "cutoff": N_("Heure limite"),
    "transit_days": N_("Délai (jours ouvrés)"), "price_eur": N_("Prix (€)"),
    "key": N_("Paramètre"), "value": N_("Valeur"), "source": N_("Source (article du contrat)"),
}
KEY = Qt.ItemDataRole.UserRole


def read_table(store, name: str) -> str:
    """The table in force: the user's override if any, else the shipped default (worker)."""
    for folder in (store.override_dir, store.defaults_dir):
        if folder is not None and (Path(folder) / name).is_file():
            return (Path(folder) / name).read_text(encoding="utf-8")
    return ""


class ContractTablesDialog(QDialog):
    saved = Signal(str)  # table name, after a save the store accepted

    def __init__(self, store, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Tables du contrat"))
        self.store, self.runner = store, runner
        self.name = ""
        self.picker = QComboBox(self)
        self.picker.setObjectName("contract_table")
        for name, shown in TABLE_NAMES.items():
            self.picker.addItem(tr(shown), name)
        self.picker.currentIndexChanged.connect(lambda _i: self.load(self.picker.currentData()))
        self.table = QTableWidget(self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(tr("Ajouter une ligne"), self)
        self.add_button.clicked.connect(lambda: self.table.insertRow(self.table.rowCount()))
        self.remove_button = QPushButton(tr("Supprimer la ligne"), self)
        self.remove_button.clicked.connect(self._remove_row)
        self.save_button = QPushButton(tr("Enregistrer la table"), self)
        self.save_button.setObjectName("save_table")
        self.save_button.clicked.connect(self.save)
        close = QPushButton(tr("Fermer"), self)
        close.clicked.connect(self.accept)
        self.status = QLabel(self)
        self.status.setObjectName("table_status")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(900, 560)
        self.load(self.picker.currentData())

    # -- loading --------------------------------------------------------------------------
    def load(self, name: str) -> None:
        self.name = name
        self.save_button.setEnabled(False)
        self.runner.run(read_table, self.store, name, name="read contract table",
                        on_done=lambda text, n=name: self._show(n, text))

    def _show(self, name: str, text: str) -> None:
        if name != self.name:
            return  # another table was picked meanwhile
        rows = list(csv.reader(io.StringIO(text)))
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        self.table.clear()
        self.table.setColumnCount(len(header))
        for c, key in enumerate(header):
            item = QTableWidgetItem(tr(COLUMN_NAMES[key]) if key in COLUMN_NAMES else key)
            item.setData(KEY, key)
            self.table.setHorizontalHeaderItem(c, item)
        self.table.setRowCount(len(body))
        for r, row in enumerate(body):
            for c, value in enumerate(row[:len(header)]):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.status.setStyleSheet("")
        self.status.setText(ntr("{n} ligne. Chaque ligne cite sa source (article du contrat).",
                                "{n} lignes. Chaque ligne cite sa source (article du contrat).",
                                len(body)))
        self.save_button.setEnabled(True)

    def _remove_row(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.currentRow()]:
            if row >= 0:
                self.table.removeRow(row)

    # -- saving ---------------------------------------------------------------------------
    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        header = [self.table.horizontalHeaderItem(c).data(KEY)
                  or self.table.horizontalHeaderItem(c).text()
                  for c in range(self.table.columnCount())]
        writer.writerow(header)
        for r in range(self.table.rowCount()):
            cells = [self.table.item(r, c).text().strip() if self.table.item(r, c) else ""
                     for c in range(self.table.columnCount())]
            if any(cells):
                writer.writerow(cells)
        return out.getvalue()

    def save(self) -> None:
        name, text = self.name, self.csv_text()
        self.save_button.setEnabled(False)
        self.runner.run(self.store.save_table, name, text, name="save contract table",
                        on_done=lambda problems: self._saved(name, problems),
                        on_error=lambda exc: self._refused([str(exc)]))

    def _saved(self, name: str, problems) -> None:
        self.save_button.setEnabled(True)
        mine = [p for p in problems if name in str(p.file)]
        if mine:
            self._refused([tr("{file}, ligne {row} : {reason}", file=p.file, row=p.row,
                              reason=p.reason) for p in mine])
            return
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(tr("Table enregistrée : elle s'applique dès maintenant."))
        self.saved.emit(name)

    def _refused(self, lines: list[str]) -> None:
        self.save_button.setEnabled(True)
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText("\n".join([tr("Table refusée, rien n'a été écrit :"), *lines]))
