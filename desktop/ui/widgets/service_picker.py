"""Carrier service combo over the catalogue (the carrier-rules work may replace it with a
picker that explains why a service is or is not offered)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from desktop.domain.carriers.catalogue import Catalogue
from desktop.ui.i18n import language


class ServicePicker(QComboBox):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("service")
        self.setMinimumContentsLength(28)
        for s in catalogue.all():
            self.addItem(s.name(language()), s.id)

    def service_id(self) -> str:
        return self.currentData() or ""

    def set_service_id(self, service_id: str) -> bool:
        index = self.findData(service_id)
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0
