"""Tableau de bord: parcels per day and carrier as a stacked bar chart (drawn with QPainter:
QtCharts is not in pyside6-essentials), today's totals, labels waiting, parcels to deposit,
numbers left per range, and the day-end ("Clôturer la journée") into a chosen folder.

Figures come from `desktop.services.dashboard` and the day-end from
`desktop.services.dayend`, both run on the task runner, never on the GUI thread.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.i18n import kg, language, tr

COLOURS = {"colissimo": QColor("#f2a900"), "laposte-delivengo": QColor("#1f5fbf"),
           "novapost": QColor("#d6232a")}
OTHER = QColor("#888888")


class BarChart(QWidget):
    """Stacked bars, one per day; the legend names the carriers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(220)
        self.days: tuple[date, ...] = ()
        self.carriers: tuple[str, ...] = ()
        self.names: dict[str, str] = {}
        self.counts: dict[date, dict[str, int]] = {}

    def set_data(self, days, carriers, names, counts) -> None:
        self.days, self.carriers, self.names, self.counts = (
            tuple(days), tuple(carriers), dict(names), counts)
        self.update()

    def bar_rect(self, index: int) -> QRectF:
        """The area of day `index` (bars grow up from its bottom)."""
        left, top, bottom = 40.0, 28.0, self.height() - 24.0
        width = (self.width() - left - 10.0) / max(1, len(self.days))
        return QRectF(left + index * width + width * 0.15, top, width * 0.7, bottom - top)

    def peak(self) -> int:
        return max((sum(self.counts.get(d, {}).values()) for d in self.days), default=0)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("white"))
        top_value = max(1, self.peak())
        axis = QPen(QColor("#444444"))
        p.setPen(axis)
        bottom = self.height() - 24.0
        p.drawLine(38, int(bottom), self.width() - 8, int(bottom))
        p.drawText(4, 34, str(top_value))
        p.drawText(4, int(bottom), "0")
        for i, day in enumerate(self.days):
            area = self.bar_rect(i)
            y = area.bottom()
            for carrier in self.carriers:
                n = self.counts.get(day, {}).get(carrier, 0)
                if not n:
                    continue
                h = area.height() * n / top_value
                p.fillRect(QRectF(area.left(), y - h, area.width(), h),
                           COLOURS.get(carrier, OTHER))
                y -= h
            if i % 7 == len(self.days) % 7 or i == len(self.days) - 1:
                p.setPen(axis)
                p.drawText(QRectF(area.left() - 20, bottom + 2, area.width() + 40, 18),
                           Qt.AlignmentFlag.AlignHCenter, day.strftime("%d/%m"))
        x = 44
        for carrier in self.carriers:
            p.fillRect(x, 8, 12, 12, COLOURS.get(carrier, OTHER))
            p.setPen(axis)
            name = self.names.get(carrier, carrier)
            p.drawText(x + 16, 19, name)
            x += 24 + p.fontMetrics().horizontalAdvance(name)
        p.end()


def _snapshot(ctx, weeks: int):
    return ctx.dashboard_snapshot(weeks)


def _close_day(ctx, folder: str):
    out = Path(folder)
    written: list[str] = []

    def publish(documents) -> None:
        out.mkdir(parents=True, exist_ok=True)
        for doc in documents:
            tmp = out / (doc.filename + ".part")
            tmp.write_bytes(doc.payload)
            os.replace(tmp, out / doc.filename)
            written.append(str(out / doc.filename))

    result = ctx.day_end().close_day(date.today(), publish=publish)
    if result.deposited:  # deposited labels are not reprinted: keep only their hash
        ctx.purge_print_bytes()
    return result, written


class DashboardView(QWidget):
    refreshed = Signal(object)  # the Dashboard figures shown
    day_closed = Signal(object)  # the DayEndResult

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner, self.events = ctx, runner, events
        self.figures = None
        self.today_label = QLabel(self)
        self.waiting_label = QLabel(self)
        self.deposit_label = QLabel(self)
        for label in (self.today_label, self.waiting_label, self.deposit_label):
            label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.weeks = QSpinBox(self)
        self.weeks.setRange(1, 12)
        self.weeks.setValue(4)
        self.weeks.setSuffix(tr(" semaines"))
        self.weeks.valueChanged.connect(lambda _: self.refresh())
        self.refresh_button = QPushButton(tr("Actualiser"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button = QPushButton(tr("Clôturer la journée…"), self)
        self.close_button.setToolTip(tr("Bordereaux de dépôt et colis marqués déposés"))
        self.close_button.clicked.connect(self.ask_close_day)
        self.chart = BarChart(self)
        self.ranges = QTableWidget(0, 3, self)
        self.ranges.setHorizontalHeaderLabels([tr("Plage de numéros"), tr("Préfixe"),
                                               tr("Numéros restants")])
        header = self.ranges.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.ranges.verticalHeader().setVisible(False)
        self.ranges.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.info = QLabel(self)
        self.info.setWordWrap(True)

        top = QHBoxLayout()
        for w in (self.today_label, self.waiting_label, self.deposit_label):
            top.addWidget(w)
            top.addSpacing(28)
        top.addStretch(1)
        top.addWidget(self.weeks)
        top.addWidget(self.refresh_button)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.chart, 3)
        layout.addWidget(self.ranges, 1)
        layout.addWidget(self.info)
        events.shipments.connect(self.refresh)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.runner.run(_snapshot, self.ctx, self.weeks.value(), name="dashboard",
                        on_done=self.show_figures, on_error=self._failed)

    def show_figures(self, d) -> None:
        self.figures = d
        self.today_label.setText(tr("Aujourd'hui : {n} colis, {weight}", n=d.today_parcels,
                                    weight=kg(d.today_weight_g)))
        self.waiting_label.setText(tr("Étiquettes en attente : {n}", n=d.labels_waiting))
        self.deposit_label.setText(tr("À déposer : {n}", n=d.to_deposit))
        self.chart.set_data(d.days, d.carriers, d.carrier_names, d.per_day)
        self.ranges.setRowCount(len(d.ranges))
        for row, r in enumerate(d.ranges):
            cells = (r.label, r.prefix, f"{r.remaining:n}")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if r.low:
                    item.setForeground(QColor("#b00020"))
                    item.setToolTip(tr("Moins de {n} numéros : demandez une nouvelle plage",
                                       n=r.low_water))
                self.ranges.setItem(row, col, item)
        self.refreshed.emit(d)

    def ask_close_day(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Dossier des bordereaux"))
        if folder:
            self.close_day(folder)

    def close_day(self, folder: str) -> None:
        self.info.setText(tr("Clôture de la journée…"))
        self.runner.run(_close_day, self.ctx, folder, name="day end", on_done=self._closed,
                        on_error=self._failed)

    def _closed(self, outcome) -> None:
        result, written = outcome
        if not result.day_end.slips:
            self.info.setText(tr("Aucun colis à déposer."))
        else:
            lines = [tr("{n} colis déposés ; bordereaux : {files}", n=len(result.deposited),
                        files=", ".join(Path(f).name for f in written))]
            lines += [f"⚠ {w.describe(language())}" for w in result.day_end.warnings]
            self.info.setText("\n".join(lines))
        self.events.publish(result.changes)
        self.day_closed.emit(result)

    def _failed(self, error) -> None:
        describe = getattr(error, "describe", None)
        self.info.setText(tr("Échec : {error}", error=describe(language()) if describe
                             else str(error)))
