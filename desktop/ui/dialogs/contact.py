"""Add or edit an address-book contact."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from desktop.domain.shipment import Contact
from desktop.ui.dialogs.editor import EditorDialog
from desktop.ui.i18n import tr
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.address_form import AddressForm


class ContactDialog(EditorDialog):
    def __init__(self, address_book, runner: TaskRunner, contact: Contact | None = None,
                 parent: QWidget | None = None):
        title = tr("Modifier le contact") if contact and contact.id else tr("Nouveau contact")
        super().__init__(runner, title, parent)
        self._book = address_book
        self._contact = contact
        self.form = AddressForm(runner, self, prefix="")
        self.note = QLineEdit(self)
        self.note.setObjectName("contact_note")
        extra = QFormLayout()
        extra.addRow(tr("Note"), self.note)
        self.body.addWidget(self.form)
        self.body.addLayout(extra)
        if contact:
            self.form.set_address(contact.address)
            self.note.setText(contact.note)
        self.setMinimumWidth(520)

    def first_field(self):
        return self.form.first_field()

    def is_empty(self) -> bool:
        return not self.form.has_input() and not self.note.text().strip()

    def record(self) -> Contact:
        return Contact(self.form.address(), id=self._contact.id if self._contact else None,
                       note=self.note.text().strip())

    def save_call(self):
        return self._book.save

    def place_errors(self, violations):
        # The address book validates the bare address: its paths have no prefix.
        return self.form.show_errors(violations)
