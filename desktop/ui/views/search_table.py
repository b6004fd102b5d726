"""The scaffolding shared by the catalogue tabs (address book, products): a search box, the
add / edit / delete buttons and a sortable read-only table over an `IdTableModel`.

The search runs in the task runner 200 ms after the clerk stops typing, and a late answer to
an older search is dropped. Subclasses make the edit dialog and say how to delete a row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import confirm
from desktop.ui.i18n import ntr, tr
from desktop.ui.models.id_table import IdTableModel

TYPING_PAUSE_MS = 200  # search once the clerk pauses, not at every key


def record_table(parent: QWidget, model: QAbstractItemModel) -> QTableView:
    """A read-only table of records: whole rows, one at a time, columns resized by hand."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class SearchTableView(QWidget):
    loaded = Signal(int)

    MAX_ROWS = 0  # one search shows at most this many rows; set by each tab
    SEARCH_TASK = ""  # the task-runner name of a search
    COUNT_TEXT = ("", "")  # (N_("{n} …"), N_("{n} …s")) under the table
    FILTER_AS_YOU_TYPE = False  # filter what is loaded at once, before the database answers

    def __init__(self, ctx, runner, events, model: IdTableModel, *,
                 search: Callable, search_name: str, placeholder: str, changed,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner, self.events = ctx, runner, events
        self.model = model
        model.setParent(self)
        self._search = search
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.search = QLineEdit(self)
        self.search.setObjectName(search_name)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(tr("Ajouter…"), self)
        self.edit_button = QPushButton(tr("Modifier…"), self)
        self.delete_button = QPushButton(tr("Supprimer"), self)
        self.count_label = QLabel(self)
        self.top = QHBoxLayout()
        self.top.addWidget(self.search, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            self.top.addWidget(button)

        self.table = record_table(self, self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        layout = QVBoxLayout(self)
        layout.addLayout(self.top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textEdited.connect(self._typed)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        model.modelReset.connect(self._update_buttons)
        changed.connect(self.reload)
        self._update_buttons()
        self.reload()

    # -- list -----------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        if self.FILTER_AS_YOU_TYPE:
            self.proxy.setFilterFixedString(text.strip())  # instant on what is loaded
        self._timer.start()  # then ask the database

    def reload(self) -> None:
        text = self.search.text().strip()
        self.runner.run(self._search, text, self.MAX_ROWS, name=self.SEARCH_TASK,
                        latest=self.SEARCH_TASK,
                        on_done=lambda rows, asked=text: self._fill(asked, rows))

    def _fill(self, asked: str, rows) -> None:
        if asked != self.search.text().strip():
            return  # stale: the clerk typed on
        if self.FILTER_AS_YOU_TYPE:
            self.proxy.setFilterFixedString("")  # the service already filtered
        self.model.set_items(rows)
        self.table.resizeColumnsToContents()
        self.count_label.setText(ntr(*self.COUNT_TEXT, len(rows)))
        self.loaded.emit(len(rows))

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]).row() if rows else None

    def select_row(self, source_row: int) -> None:
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(source_row, 0)).row())

    def selected_item(self):
        row = self.selected_row()
        return self.model.item(row) if row is not None else None

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # -- edit -----------------------------------------------------------------------------
    def make_dialog(self, item) -> QDialog:
        raise NotImplementedError

    def open_dialog(self, item=None) -> QDialog:
        dialog = self.make_dialog(item)
        dialog.accepted.connect(lambda: self.events.publish(dialog.changes))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        self.dialog = dialog
        return dialog

    def add(self) -> QDialog:
        return self.open_dialog(None)

    def edit_selected(self) -> QDialog | None:
        item = self.selected_item()
        return self.open_dialog(item) if item else None

    def delete_selected(self) -> bool:
        raise NotImplementedError

    def _delete(self, title: str, question: str, delete: Callable, item_id: int, *,
                name: str, on_done: Callable) -> bool:
        """Deletes in the task runner once the clerk confirms; False when they decline."""
        if not confirm.ask(self, title, question):
            return False
        self.runner.write(delete, item_id, name=name, on_done=on_done,
                        on_error=lambda e: confirm.warn(self, title, str(e)))
        return True
