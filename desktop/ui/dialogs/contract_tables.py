"""Editing the contract tables (weight limits, dimensions, vignettes, calendar, prices,
parameters) as tables, from the settings.

The cells show words and the locale's numbers (`desktop.ui.contract_cells`); each item keeps
the file's value under `RAW`, so what is saved is the file's form. A typed value is read back
at once: refused input stays in the cell, marked, with the sentence (column by its label, rule,
limit, value), and the table cannot be saved until it is corrected. Save hands the CSV text to
`ContractStore.save_table`, which checks every row again before writing the override: refused
text is not written. A saved table is in force at once: `saved` lets the counter ask for a
new verdict.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.contract_cells import FIGURES, CellError, ContractCells
from desktop.ui.i18n import N_, ntr, tr

TABLE_NAMES = {  # file → shown name; the files are those of desktop.domain.carriers.contract
    "weight_limits.csv": N_("Poids maximum par destination"),
    "dimension_limits.csv": N_("Dimensions maximum"),
    "vignettes.csv": N_("Vignettes d'affranchissement"),
    "calendar.csv": N_("Heures limites et délais"),
    "prices.csv": N_("Tarifs"),
    "parameters.csv": N_("Paramètres (carburant, supplément NM)"),
}
KEY = Qt.ItemDataRole.UserRole  # header item: the file's column
RAW = Qt.ItemDataRole.UserRole + 1  # cell: the file's value ("" when refused)
PROBLEM = Qt.ItemDataRole.UserRole + 2  # cell: why the typed text is refused
REFUSED = QColor("#c62828")


class ChoiceDelegate(QStyledItemDelegate):
    """A pick list (services, zones, rules, parameters) for the columns that have one."""

    def __init__(self, dialog: ContractTablesDialog):
        super().__init__(dialog.table)
        self.dialog = dialog

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt's name
        column = self.dialog.cells.column(self.dialog.column_key(index.column()))
        if not column.choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(column.editable_choice)
        for raw, shown in column.choices:
            combo.addItem(shown, raw)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        if not isinstance(editor, QComboBox):
            return super().setEditorData(editor, index)
        found = editor.findData(index.data(RAW))
        if found >= 0:
            editor.setCurrentIndex(found)
        else:
            editor.setEditText(index.data(Qt.ItemDataRole.DisplayRole) or "")

    def setModelData(self, editor, model, index):  # noqa: N802
        if not isinstance(editor, QComboBox):
            return super().setModelData(editor, model, index)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


def read_table(store, name: str) -> str:
    """The table in force: the user's override if any, else the shipped default (worker)."""
    for folder in (store.override_dir, store.defaults_dir):
        if folder is not None and (Path(folder) / name).is_file():
            return (Path(folder) / name).read_text(encoding="utf-8")
    return ""


class ContractTablesDialog(QDialog):
    saved = Signal(str)  # table name, after a save the store accepted

    def __init__(self, store, runner, parent: QWidget | None = None, catalogue=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Tables du contrat"))
        if catalogue is None:
            from desktop.domain.carriers.catalogue import default_catalogue

            catalogue = default_catalogue()
        self.store, self.runner, self.catalogue = store, runner, catalogue
        self.name = ""
        self.cells = ContractCells("", catalogue)
        self._filling = False
        self.picker = QComboBox(self)
        self.picker.setObjectName("contract_table")
        for name, shown in TABLE_NAMES.items():
            self.picker.addItem(tr(shown), name)
        self.picker.currentIndexChanged.connect(lambda _i: self.load(self.picker.currentData()))
        self.table = QTableWidget(self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setItemDelegate(ChoiceDelegate(self))
        self.table.itemChanged.connect(self._typed)
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
        self.resize(1000, 560)
        self.load(self.picker.currentData())

    # -- loading --------------------------------------------------------------------------
    def load(self, name: str) -> None:
        self.name = name
        self.save_button.setEnabled(False)
        self.runner.run(read_table, self.store, name, name="read contract table",
                        on_done=lambda text, n=name: self._show(n, text))

    def column_key(self, column: int) -> str:
        item = self.table.horizontalHeaderItem(column)
        return (item.data(KEY) or item.text()) if item is not None else ""

    def _show(self, name: str, text: str) -> None:
        if name != self.name:
            return  # another table was picked meanwhile
        rows = list(csv.reader(io.StringIO(text)))
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        self.cells = ContractCells(name, self.catalogue)
        self._filling = True
        try:
            self.table.clear()
            self.table.setColumnCount(len(header))
            for c, key in enumerate(header):
                item = QTableWidgetItem(self.cells.caption(key))
                item.setData(KEY, key)
                self.table.setHorizontalHeaderItem(c, item)
            self.table.setRowCount(len(body))
            for r, row in enumerate(body):
                values = dict(zip(header, row, strict=False))
                for c, value in enumerate(row[:len(header)]):
                    item = self._new_item(header[c], self.cells.show(header[c], value, values))
                    item.setData(RAW, value)
                    self.table.setItem(r, c, item)
        finally:
            self._filling = False
        self.table.resizeColumnsToContents()
        self.status.setStyleSheet("")
        self.status.setText(ntr("{n} ligne. Chaque ligne cite sa source (article du contrat).",
                                "{n} lignes. Chaque ligne cite sa source (article du contrat).",
                                len(body)))
        self.save_button.setEnabled(True)

    @staticmethod
    def _new_item(column: str, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if column in FIGURES:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _remove_row(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.currentRow()]:
            if row >= 0:
                self.table.removeRow(row)

    # -- editing --------------------------------------------------------------------------
    def _row_values(self, row: int) -> dict[str, str]:
        out = {}
        for c in range(self.table.columnCount()):
            item = self.table.item(row, c)
            out[self.column_key(c)] = (item.data(RAW) or "") if item is not None else ""
        return out

    def _row_label(self, row: int) -> str:
        return tr("Ligne {row}", row=row + 1)

    def _typed(self, item: QTableWidgetItem) -> None:
        """Reads back what was typed (or picked) in `item`: the file value and the locale's
        form when good, else the cell is marked and the status names the field and why."""
        if self._filling:
            return
        self._check(item)

    def _check(self, item: QTableWidgetItem) -> str:
        column = self.column_key(item.column())
        values = self._row_values(item.row())
        self._filling = True
        try:
            try:
                raw = self.cells.parse(column, item.text(), self._row_label(item.row()),
                                       values, previous=item.data(RAW) or "")
            except CellError as refused:
                item.setData(PROBLEM, str(refused))
                item.setToolTip(str(refused))
                item.setForeground(QBrush(REFUSED))
                self._show_problems([str(refused)])
                return str(refused)
            item.setData(RAW, raw)
            item.setData(PROBLEM, None)
            item.setToolTip("")
            item.setData(Qt.ItemDataRole.ForegroundRole, None)
            values[column] = raw
            item.setText(self.cells.show(column, raw, values))
            if column == "key":  # the value of a parameter is shown by its kind
                self._reshow_row(item.row(), values)
        finally:
            self._filling = False
        self.status.setStyleSheet("")
        self.status.setText("")
        return ""

    def _reshow_row(self, row: int, values: dict[str, str]) -> None:
        for c in range(self.table.columnCount()):
            item = self.table.item(row, c)
            if item is not None and item.data(RAW) and not item.data(PROBLEM):
                item.setText(self.cells.show(self.column_key(c), item.data(RAW), values))

    # -- saving ---------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """Every refused cell of the rows that have something, read again (empty cells too)."""
        found = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(self.table.columnCount())]
            if not any(i is not None and i.text().strip() for i in items):
                continue  # a blank row is left out of the file
            for c, item in enumerate(items):
                if item is None:
                    item = self._new_item(self.column_key(c), "")
                    self._filling = True
                    self.table.setItem(r, c, item)
                    self._filling = False
                if item.data(PROBLEM) or not item.data(RAW):
                    problem = self._check(item)
                    if problem:
                        found.append(problem)
        return found

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        columns = range(self.table.columnCount())
        writer.writerow([self.column_key(c) for c in columns])
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).data(RAW) or "") if self.table.item(r, c) else ""
                     for c in columns]
            if any(cells):
                writer.writerow(cells)
        return out.getvalue()

    def save(self) -> None:
        problems = self.problems()
        if problems:
            self._refused(problems)
            return
        name, text = self.name, self.csv_text()
        self.save_button.setEnabled(False)
        self.runner.run(self.store.save_table, name, text, name="save contract table",
                        on_done=lambda problems: self._saved(name, problems),
                        on_error=lambda exc: self._refused([str(exc)]))

    def _saved(self, name: str, problems) -> None:
        self.save_button.setEnabled(True)
        mine = [p for p in problems if name in str(p.file)]
        if mine:
            # The cells were read with the store's own checks: this is a file the store
            # could not take for another reason (an unwritable folder…).
            self._refused([tr("Ligne {row} : {reason}", row=p.row, reason=p.reason)
                           for p in mine])
            return
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(tr("Table enregistrée : elle s'applique dès maintenant."))
        self.saved.emit(name)

    def _show_problems(self, lines: list[str]) -> None:
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText("\n".join(lines))

    def _refused(self, lines: list[str]) -> None:
        self.save_button.setEnabled(True)
        self._show_problems([tr("Table refusée, rien n'a été écrit :"), *lines])
