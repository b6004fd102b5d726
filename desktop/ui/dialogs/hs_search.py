"""Offline HS 2022 search: words (French or English) or a code prefix → a 6-digit code.

`hs.search` reads the nomenclature once (a CSV of a few thousand rows) and then ranks in
memory; it runs in the task runner so the first search never freezes the window.
Only 6-digit subheadings can be chosen: chapters and headings are shown for orientation.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import hs
from desktop.ui.i18n import ntr, tr
from desktop.ui.tasks import TaskRunner

RESULTS = 40
CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class HsSearchDialog(QDialog):
    chosen = Signal(str)  # the 6-digit code

    def __init__(self, runner: TaskRunner, query: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Rechercher un code SH"))
        self._runner = runner
        self.code = ""
        self.query = QLineEdit(self)
        self.query.setObjectName("hs_query")
        self.query.setPlaceholderText(tr("Mots (ex. « chemise coton ») ou début de code"))
        self.query.setClearButtonEnabled(True)
        self.results = QTreeWidget(self)
        self.results.setObjectName("hs_results")
        self.results.setRootIsDecorated(False)
        self.results.setColumnCount(2)
        self.results.setHeaderLabels([tr("Code SH"), tr("Désignation (SH 2022, anglais)")])
        self.results.setColumnWidth(0, 90)
        self.results.itemDoubleClicked.connect(lambda *_: self.accept())
        self.results.currentItemChanged.connect(lambda *_: self._update_ok())
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Choisir"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.info)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.search)
        self.query.textEdited.connect(lambda _t: self._timer.start())
        self.query.returnPressed.connect(self.search)
        self._update_ok()
        if query.strip():
            self.query.setText(query.strip())
            self.search()

    def search(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.results.clear()
            self.info.setText("")
            return
        self._runner.run(hs.search, text, RESULTS, name="HS search", latest="HS search",
                         on_done=lambda found, asked=text: self._found(asked, found))

    def _found(self, asked: str, entries) -> None:
        if asked != self.query.text().strip():
            return  # stale: the clerk typed on
        self.results.clear()
        for e in entries:
            item = QTreeWidgetItem([e.display_code, e.description])
            item.setToolTip(1, e.description)
            if e.level == 6:
                item.setData(0, CODE_ROLE, e.code)
            else:  # a chapter or a heading: too coarse for a declaration
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                item.setForeground(0, self.palette().placeholderText())
                item.setForeground(1, self.palette().placeholderText())
            self.results.addTopLevelItem(item)
        first = next((self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount())
                      if self.results.topLevelItem(i).data(0, CODE_ROLE)), None)
        if first is not None:
            self.results.setCurrentItem(first)
        self.info.setText(ntr("{n} résultat", "{n} résultats", len(entries)) if entries else
                          tr("Aucun résultat : essayez d'autres mots, en anglais de préférence."))
        self._update_ok()

    def selected_code(self) -> str:
        item = self.results.currentItem()
        return (item.data(0, CODE_ROLE) or "") if item is not None else ""

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.selected_code()))

    def accept(self) -> None:
        code = self.selected_code()
        if not code:
            return
        self.code = code
        self.chosen.emit(code)
        super().accept()
