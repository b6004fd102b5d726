"""The address book: search, add, edit (same address form as the counter), delete."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from desktop.ui.dialogs.contact import ContactDialog
from desktop.ui.i18n import tr
from desktop.ui.models.contacts import ContactsModel

MAX_ROWS = 2000  # one search shows at most this many contacts; narrow the search for more


class AddressBookView(QWidget):
    loaded = Signal(int)

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner, self.events = ctx, runner, events
        self.model = ContactsModel(ctx.address_book, runner, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.search = QLineEdit(self)
        self.search.setObjectName("contacts_search")
        self.search.setPlaceholderText(tr("Rechercher un contact (nom, société, ville, code "
                                          "postal)…"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(tr("Ajouter…"), self)
        self.edit_button = QPushButton(tr("Modifier…"), self)
        self.delete_button = QPushButton(tr("Supprimer"), self)
        self.count_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.delete_button)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.reload)
        self.search.textEdited.connect(self._typed)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        events.contacts.connect(self.reload)
        self._update_buttons()
        self.reload()

    def _typed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())  # instant on what is loaded
        self._timer.start()  # then ask the database

    def reload(self) -> None:
        text = self.search.text().strip()
        self.runner.run(self.ctx.address_book.search, text, MAX_ROWS, name="contacts",
                        on_done=lambda rows, asked=text: self._fill(asked, rows))

    def _fill(self, asked: str, contacts) -> None:
        if asked != self.search.text().strip():
            return
        self.proxy.setFilterFixedString("")  # the service already filtered
        self.model.set_contacts(contacts)
        self.table.resizeColumnsToContents()
        self.count_label.setText(tr("{n} contact(s)", n=len(contacts)))
        self.loaded.emit(len(contacts))

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]).row() if rows else None

    def select_row(self, source_row: int) -> None:
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(source_row, 0)).row())

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def open_dialog(self, contact=None) -> ContactDialog:
        dialog = ContactDialog(self.ctx.address_book, self.runner, contact, self)
        dialog.accepted.connect(lambda: self.events.publish(dialog.changes))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        self.dialog = dialog
        return dialog

    def add(self) -> ContactDialog:
        return self.open_dialog(None)

    def edit_selected(self) -> ContactDialog | None:
        row = self.selected_row()
        contact = self.model.contact(row) if row is not None else None
        return self.open_dialog(contact) if contact else None

    def delete_selected(self) -> bool:
        row = self.selected_row()
        contact = self.model.contact(row) if row is not None else None
        if contact is None:
            return False
        who = contact.address.display_name
        if not confirm.ask(self, tr("Supprimer le contact"),
                           tr("Supprimer « {who} » du carnet d'adresses ?", who=who)):
            return False
        self.runner.run(self.ctx.address_book.delete, contact.id, name="delete contact",
                        on_done=self.events.publish,
                        on_error=lambda e: confirm.warn(self, tr("Supprimer le contact"), str(e)))
        return True
