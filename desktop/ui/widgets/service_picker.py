"""Carrier service combo over the catalogue, with the admission verdicts as hints.

Services the shipment cannot use are greyed with their reasons in the tooltip; while the
clerk has not chosen a service himself, the best admissible one (the carrier rules' ranking)
is selected. The carrier-rules work may replace this with a richer picker.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.domain.carriers.catalogue import Catalogue
from desktop.ui.i18n import language, tr
from desktop.ui.widgets.field_errors import message


class ServicePicker(QComboBox):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("service")
        self.setMinimumContentsLength(28)
        self.manual = False  # the clerk chose: suggestions no longer move the selection
        self.admissible: dict[str, bool] = {}
        for s in catalogue.all():
            self.addItem(s.name(language()), s.id)
        self.activated.connect(lambda _i: setattr(self, "manual", True))

    def service_id(self) -> str:
        return self.currentData() or ""

    def set_service_id(self, service_id: str) -> bool:
        index = self.findData(service_id)
        if index >= 0:
            self.setCurrentIndex(index)
            self.manual = True
        return index >= 0

    def reset(self) -> None:
        self.manual = False

    def apply_suggestions(self, suggestions) -> None:
        """`AdmissionService.suggest` results: grey the refused services, pick the best."""
        self.admissible = {s.service.id: s.admissible for s in suggestions}
        model = self.model()
        for s in suggestions:
            row = self.findData(s.service.id)
            if row < 0:
                continue
            item = model.item(row)
            item.setForeground(QBrush() if s.admissible else QBrush(QColor("#9e9e9e")))
            reasons = [message(v) for v in s.reasons]
            head = tr("Possible") if s.admissible else tr("Impossible pour cet envoi")
            item.setToolTip("\n".join([head, *reasons]))
        current = self.service_id()
        if not self.manual and not self.admissible.get(current, True):
            best = next((s.service.id for s in suggestions if s.admissible), None)
            if best:
                self.setCurrentIndex(self.findData(best))
        self.setToolTip(self.itemData(self.currentIndex(), 3) or "")  # ToolTipRole
