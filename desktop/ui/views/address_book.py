"""The address book: search, add, edit (same address form as the counter), delete; likely
duplicates merged (desktop/ui/dialogs/duplicates.py); CSV import with a preview
(desktop/ui/dialogs/contacts_import.py) and export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from desktop.ui.dialogs.contact import ContactDialog
from desktop.ui.i18n import Nn_, language, ntr, tr
from desktop.ui.models.contacts import ContactsModel
from desktop.ui.views.search_table import SearchTableView

MAX_ROWS = 2000  # one search shows at most this many contacts; narrow the search for more


def export_to(path: str, address_book) -> int:
    """Worker thread: the CLI's way (`comptoir export contacts`): UTF-8 with a BOM, `;`,
    formula-like cells quoted by the one CSV writer, written beside and renamed when whole."""
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    try:
        with open(partial, "w", encoding="utf-8-sig", newline="") as out:
            count = address_book.export_csv(out, ";")
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


class AddressBookView(SearchTableView):
    exported = Signal(int)  # rows written

    MAX_ROWS = MAX_ROWS
    SEARCH_TASK = "contacts"
    COUNT_TEXT = Nn_("{n} contact", "{n} contacts")
    FILTER_AS_YOU_TYPE = True

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        super().__init__(ctx, runner, events, ContactsModel(ctx.address_book, runner),
                         search=ctx.address_book.search, search_name="contacts_search",
                         placeholder=tr("Rechercher un contact (nom, société, ville, code "
                                        "postal)…"),
                         changed=events.contacts, parent=parent)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.duplicates_button = QPushButton(tr("&Doublons…"), self)
        self.duplicates_button.setObjectName("contacts_duplicates")
        self.duplicates_button.setToolTip(tr("Trouver les contacts saisis deux fois et les "
                                             "fusionner"))
        self.import_button = QPushButton(tr("&Importer CSV…"), self)
        self.import_button.setObjectName("contacts_import")
        self.export_button = QPushButton(tr("E&xporter CSV…"), self)
        self.export_button.setObjectName("contacts_export")
        for button in (self.duplicates_button, self.import_button, self.export_button):
            self.top.addWidget(button)
        self.report = QLabel(self)
        self.report.setObjectName("contacts_report")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report.hide()
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.count_label), self.report)
        self.duplicates_button.clicked.connect(self.open_duplicates)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)

    def make_dialog(self, contact) -> ContactDialog:
        return ContactDialog(self.ctx.address_book, self.runner, contact, self)

    def delete_selected(self) -> bool:
        contact = self.selected_item()
        if contact is None:
            return False
        who = contact.address.display_name
        return self._delete(tr("Supprimer le contact"),
                            tr("Supprimer « {who} » du carnet d'adresses ?", who=who),
                            self.ctx.address_book.delete, contact.id, name="delete contact",
                            on_done=self.events.publish)

    # -- duplicates -----------------------------------------------------------------------
    def open_duplicates(self):
        from desktop.ui.dialogs.duplicates import DuplicatesDialog

        dialog = DuplicatesDialog(self.ctx.address_book, self.runner, self.events.publish, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        self.dialog = dialog
        return dialog

    # -- CSV ------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Importer des contacts (CSV)"), "",
                                              tr("Fichiers CSV (*.csv);;Tous les fichiers (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str):
        from desktop.ui.dialogs.contacts_import import ContactsImportDialog

        dialog = ContactsImportDialog(self.ctx.address_book, self.runner, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.accepted.connect(lambda: self._imported(dialog.written, dialog.changes))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _imported(self, written: int, changes) -> None:
        self.show_report(ntr("{n} contact importé.", "{n} contacts importés.", written), ok=True)
        self.events.publish(changes)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Exporter le carnet d'adresses en CSV"),
                                              "contacts.csv", tr("Fichiers CSV (*.csv)"))
        if path:
            self.export_file(path)

    def export_file(self, path: str) -> None:
        self.export_button.setEnabled(False)
        self.runner.run(export_to, path, self.ctx.address_book, name="export contacts",
                        on_done=lambda n, p=path: self._exported(n, p),
                        on_error=self._export_failed)

    def _exported(self, count: int, path: str) -> None:
        self.export_button.setEnabled(True)
        self.show_report(ntr("{n} contact exporté → {path}", "{n} contacts exportés → {path}",
                             count, path=path), ok=True)
        self.exported.emit(count)

    def _export_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        text = (exc.describe(language()) if hasattr(exc, "describe")
                else getattr(exc, "strerror", None) or str(exc))
        self.show_report(tr("Export impossible : {error}", error=text), ok=False)

    def show_report(self, text: str, ok: bool) -> None:
        self.report.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")
        self.report.setText(text)
        self.report.show()
