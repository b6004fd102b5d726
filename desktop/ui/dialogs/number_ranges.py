"""Tracking-number ranges: what is left in each, a warning when a range runs low, and a
carrier-assigned range added for an S10 service. All storage in the runner."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationFailed
from desktop.domain.tracking import S10_LAST_SERIAL
from desktop.services import number_ranges
from desktop.ui.i18n import N_, language, number, tr
from desktop.ui.widgets.field_errors import MESSAGE_STYLE, message
from desktop.ui.widgets.number_span import span_row

COLUMNS = (N_("Plage"), N_("Service"), N_("Préfixe"), N_("Premier"), N_("Dernier"),
           N_("Restants"), N_("Alerte"))


class NumberRangesDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Plages de numéros"))
        self.ctx, self.runner = ctx, runner
        self.rows: list[number_ranges.RangeRow] = []
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("ranges")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        box = QGroupBox(tr("Ajouter une plage attribuée par le transporteur"), self)
        form = QFormLayout(box)
        self.service = QComboBox(box)
        for s in ctx.catalogue.all():
            if "carrier_range" in s.number_sources:  # the others: carrier API or its form
                self.service.addItem(s.name(language()), s.id)
        self.service.currentIndexChanged.connect(self._default_prefix)
        self.prefix = QLineEdit(box)
        self.prefix.setMaxLength(2)
        self.prefix.setMaximumWidth(60)
        self.first, self.last = QSpinBox(box), QSpinBox(box)
        for spin in (self.first, self.last):
            spin.setRange(0, S10_LAST_SERIAL)  # written without separators, like the S10 number
            spin.setMinimumWidth(120)
        self.last.setValue(S10_LAST_SERIAL)
        self.country = QLineEdit("FR", box)
        self.country.setMaxLength(2)
        self.country.setMaximumWidth(60)
        self.low_water = QSpinBox(box)
        self.low_water.setRange(0, S10_LAST_SERIAL)
        # The shop's threshold from the contract parameters (range_low_water).
        self.low_water.setValue(ctx.admission.contracts.contract.range_low_water)
        self.low_water.setMaximumWidth(120)
        span = span_row(self.first, self.last, box)
        form.addRow(tr("Service"), self.service)
        form.addRow(tr("Préfixe S10"), self.prefix)
        form.addRow(tr("Numéros (8 chiffres)"), span)
        form.addRow(tr("Pays"), self.country)
        form.addRow(tr("Alerte sous"), self.low_water)
        self.reference = QLineEdit(box)
        self.reference.setPlaceholderText(tr("courrier ou annexe du contrat"))
        form.addRow(tr("Référence de l'attribution"), self.reference)
        self.add_button = QPushButton(tr("Ajouter la plage"), box)
        self.add_button.clicked.connect(self.add)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        form.addRow("", add_row)
        self.error = QLabel(self)
        self.error.setObjectName("range_error")
        self.error.setStyleSheet(MESSAGE_STYLE)
        self.error.setWordWrap(True)
        close = QPushButton(tr("Fermer"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.resize(820, 560)
        self._default_prefix()
        self.reload()

    def _default_prefix(self, *_args) -> None:
        sid = self.service.currentData()
        if sid:
            self.prefix.setText(self.ctx.catalogue.get(sid).tracking_prefix or "")

    def reload(self) -> None:
        self.runner.run(self.ctx.number_ranges.list, name="list number ranges",
                        on_done=self._show)

    def _show(self, rows) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            nr = row.range
            service = (self.ctx.catalogue.get(row.service_id).name(language())
                       if row.service_id and self.ctx.catalogue.has(row.service_id)
                       else tr("locale"))
            alert = message(row.warning, with_section=False) if row.warning else ""
            cells = (nr.name, service, nr.prefix, f"{nr.first:08d}", f"{nr.last:08d}",
                     number(nr.remaining), alert)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.warning is not None:
                    item.setForeground(QBrush(QColor("#c62828" if row.warning.severity == "error"
                                                     else "#ef6c00")))
                self.table.setItem(r, c, item)

    def add(self) -> None:
        self.error.clear()
        self.add_button.setEnabled(False)
        self.runner.write(self.ctx.number_ranges.add_carrier_range,
                        self.service.currentData(), self.prefix.text(),
                        self.first.value(), self.last.value(), self.country.text(),
                        self.low_water.value(), self.reference.text(), name="add number range",
                        on_done=self._added, on_error=self._refused)

    def _added(self, _range) -> None:
        self.add_button.setEnabled(True)
        self.changed.emit()
        self.reload()

    def _refused(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            self.error.setText("\n".join(message(v) for v in exc.violations))
        else:
            self.error.setText(tr("Erreur : {error}", error=str(exc)))
