"""Sender profile combo; a counter without a sender cannot ship, so it offers to create one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from desktop.domain.shipment import SenderProfile
from desktop.ui.i18n import tr
from desktop.ui.tasks import TaskRunner


class SenderPicker(QWidget):
    loaded = Signal(int)  # number of profiles
    create_requested = Signal()

    def __init__(self, senders, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._senders, self._runner = senders, runner
        self.profiles: list[SenderProfile] = []
        self.pending_select: int | None = None  # a profile just created: select it on reload
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setObjectName("sender_profile")
        self.combo.setMinimumContentsLength(24)
        self.new_button = QPushButton(tr("Nouveau…"), self)
        self.new_button.setToolTip(tr("Créer un profil expéditeur"))
        self.new_button.clicked.connect(self.create_requested)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.new_button)

    def reload(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        self._runner.run(self._senders.list, name="sender profiles",
                         on_done=lambda profiles: self._fill(profiles, keep))

    def _fill(self, profiles: list[SenderProfile], keep: int | None) -> None:
        if self.pending_select is not None and any(p.id == self.pending_select for p in profiles):
            keep, self.pending_select = self.pending_select, None
        self.profiles = list(profiles)
        self.combo.clear()
        for p in self.profiles:
            self.combo.addItem(f"{p.label} — {p.address.display_name}", p.id)
        wanted = keep if keep is not None else next(
            (p.id for p in self.profiles if p.is_default), None)
        index = self.combo.findData(wanted) if wanted is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self.loaded.emit(len(self.profiles))

    def current_id(self) -> int | None:
        return self.combo.currentData()

    def current(self) -> SenderProfile | None:
        wanted = self.current_id()
        return next((p for p in self.profiles if p.id == wanted), None)
