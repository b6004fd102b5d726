"""The "first → last" row of a tracking-number range (settings and number-ranges dialogs)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget


def span_row(first: QSpinBox, last: QSpinBox, parent: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(first)
    row.addWidget(QLabel("→", parent))
    row.addWidget(last)
    row.addStretch(1)
    return row
