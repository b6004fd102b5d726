"""Create or edit a sender profile (the shop's identity printed as the sender)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from desktop.domain.shipment import SenderProfile
from desktop.ui.dialogs.editor import EditorDialog
from desktop.ui.i18n import tr
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.address_form import AddressForm
from desktop.ui.widgets.field_errors import ErrorLabel


class SenderProfileDialog(EditorDialog):
    def __init__(self, senders, runner: TaskRunner, profile: SenderProfile | None = None,
                 parent: QWidget | None = None):
        super().__init__(runner, tr("Profil expéditeur"), parent)
        self._senders, self._profile = senders, profile
        head = QFormLayout()
        self.label = QLineEdit(self)
        self.label.setObjectName("profile_label")
        self.label.setPlaceholderText(tr("ex. Boutique, Retours"))
        label_err = ErrorLabel(self)
        self.eori = QLineEdit(self)
        self.eori.setPlaceholderText(tr("facultatif, pour la CN23"))
        self.is_default = QCheckBox(tr("Profil par défaut"), self)
        head.addRow(tr("Nom du profil"), self.label)
        head.addRow("", label_err)
        head.addRow(tr("N° EORI"), self.eori)
        head.addRow("", self.is_default)
        self.form = AddressForm(runner, self, prefix="")
        self.form.errors.bind("label", self.label, label_err)
        self.body.addLayout(head)
        self.body.addWidget(self.form)
        if profile:
            self.label.setText(profile.label)
            self.eori.setText(profile.eori)
            self.is_default.setChecked(profile.is_default)
            self.form.set_address(profile.address)
        else:
            self.is_default.setChecked(True)
        self.setMinimumWidth(520)

    def first_field(self):
        return self.label

    def is_empty(self) -> bool:
        return not self.form.has_input() and not self.label.text().strip()

    def record(self) -> SenderProfile:
        return SenderProfile(label=self.label.text(), address=self.form.address(),
                             id=self._profile.id if self._profile else None,
                             eori=self.eori.text().strip(),
                             is_default=self.is_default.isChecked())

    def save_call(self):
        return self._senders.save

    def place_errors(self, violations):
        return self.form.show_errors(violations)
