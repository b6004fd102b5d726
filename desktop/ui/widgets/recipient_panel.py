"""The recipient: type-ahead over the address book, or a new address typed inline."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.shipment import Contact
from desktop.ui.i18n import tr
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.address_form import AddressForm

SUGGESTIONS = 20
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 1


def contact_line(c: Contact) -> str:
    a = c.address
    who = " — ".join(x for x in (a.company, a.name) if x)
    return f"{who}, {a.postcode} {a.city} ({a.country})".strip()


class RecipientPanel(QGroupBox):
    contact_picked = Signal(object)  # Contact
    changed = Signal()

    def __init__(self, address_book, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(tr("Destinataire"), parent)
        self._book, self._runner = address_book, runner
        self.contact: Contact | None = None
        self.kept_contact_id: int | None = None  # a reopened shipment's address-book entry
        outer = QVBoxLayout(self)

        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("recipient_search")
        self.search.setPlaceholderText(tr("Rechercher dans le carnet d'adresses (nom, société, "
                                          "ville)…"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(tr("Nouvelle adresse"), self)
        self.new_button.setToolTip(tr("Vider le formulaire pour saisir une nouvelle adresse"))
        self.new_button.clicked.connect(self.new_address)
        row.addWidget(self.search, 1)
        row.addWidget(self.new_button)
        outer.addLayout(row)
        self.picked_label = QLabel(self)
        self.picked_label.setStyleSheet("color: #2e7d32;")
        self.picked_label.hide()
        outer.addWidget(self.picked_label)

        self._model = QStandardItemModel(self)
        self.completer = QCompleter(self._model, self)
        # The service already filtered the contacts: show its answer as it is.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(self.search)
        self.completer.activated[QModelIndex].connect(self._picked)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self._ask)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._enter)
        self._asked = ""
        self._take_first = False  # Enter came before the suggestions: take the best one

        self.form = AddressForm(runner, self, prefix="recipient")
        self.form.changed.connect(self._edited)
        outer.addWidget(self.form)
        self.save_box = QCheckBox(tr("Enregistrer dans le carnet d'adresses"), self)
        self.save_box.setObjectName("save_contact")
        outer.addWidget(self.save_box)
        outer.addStretch(1)  # the form stays packed at the top when the window is tall

    # -- type-ahead -----------------------------------------------------------------------
    def _ask(self) -> None:
        text = self.search.text().strip()
        if len(text) < 1:
            self._model.clear()
            return
        self._asked = text
        self._runner.run(self._book.search, text, SUGGESTIONS, name="contacts type-ahead",
                         latest="contacts type-ahead",
                         on_done=lambda found, asked=text: self._found(asked, found))

    def _enter(self) -> None:
        if self.completer.popup().isVisible() or not self.search.text().strip():
            return  # the popup's current row is taken by the completer itself
        self._take_first = True
        self._timer.stop()
        self._ask()

    def _found(self, asked: str, contacts: list[Contact]) -> None:
        if asked != self.search.text().strip():
            return  # stale answer: the clerk typed on
        if self._take_first:
            self._take_first = False
            if contacts:
                self.use_contact(contacts[0])
                return
        self._model.clear()
        for c in contacts:
            item = QStandardItem(contact_line(c))
            item.setData(c, CONTACT_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)
        if contacts:
            self.completer.complete()
            # The best match is preselected: Enter takes it (issue 10 §2, one keystroke).
            self.completer.popup().setCurrentIndex(self.completer.completionModel().index(0, 0))
        else:
            self.completer.popup().hide()

    def _picked(self, index: QModelIndex) -> None:
        contact = index.data(CONTACT_ROLE)
        if isinstance(contact, Contact):
            QTimer.singleShot(0, lambda: self.use_contact(contact))

    def use_contact(self, contact: Contact) -> None:
        self.form.set_address(contact.address)
        self.contact, self.kept_contact_id = contact, None
        self.search.clear()
        self.save_box.setChecked(False)
        self.save_box.setText(tr("Mettre à jour la fiche du carnet d'adresses"))
        self.picked_label.setText(tr("Carnet d'adresses : {who}", who=contact_line(contact)))
        self.picked_label.show()
        self.contact_picked.emit(contact)
        self.changed.emit()

    def _edited(self) -> None:
        self.changed.emit()

    # -- values ---------------------------------------------------------------------------
    def contact_id(self) -> int | None:
        return self.contact.id if self.contact else self.kept_contact_id

    def load(self, address, contact_id: int | None) -> None:
        """A stored shipment's recipient, as it was sent (a correction): its address-book
        link is kept, the address book itself is left as it is."""
        self.new_address()
        self.form.set_address(address)
        self.kept_contact_id = contact_id
        self.changed.emit()

    def contact_to_save(self) -> Contact | None:
        if not self.save_box.isChecked():
            return None
        if self.contact:
            return Contact(self.form.address(), id=self.contact.id, note=self.contact.note)
        return Contact(self.form.address())

    def new_address(self) -> None:
        self.contact, self.kept_contact_id = None, None
        self.form.clear()
        self.search.clear()
        self.picked_label.hide()
        self.save_box.setChecked(False)
        self.save_box.setText(tr("Enregistrer dans le carnet d'adresses"))
        self.form.first_field().setFocus()
        self.changed.emit()  # the verdicts of the previous address no longer hold
