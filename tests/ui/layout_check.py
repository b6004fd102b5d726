"""Layout checks shared by the fit test and the screenshot script: in a shown window, every
visible label and button gets at least the width it asks for (its size hint; a word-wrapped
label, the height its text needs at its width), no two visible widgets side by side in one
layout overlap (a layout squeezed below its minimum draws one over the other), no scroll
area scrolls sideways, and the Print button lies inside the window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

# What a clerk reads or uses: two of these drawn over each other is a layout fault.
_SOLID = (QLabel, QAbstractButton, QAbstractScrollArea, QComboBox, QGroupBox, QLineEdit)


def _name(w: QWidget) -> str:
    text = w.text() if hasattr(w, "text") else ""
    return f"{type(w).__name__}({w.objectName() or text[:40]!r})"


def clipped(window: QWidget) -> list[str]:
    """What does not fit, described for a failure message."""
    problems: list[str] = []
    bounds = window.rect()
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        top_left = w.mapTo(window, QPoint(0, 0))
        if isinstance(w, QAbstractScrollArea):
            bar = w.horizontalScrollBar()
            if bar.isVisible() and bar.maximum() > 0:
                problems.append(f"{_name(w)}: horizontal scrollbar")
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + 1:
                    problems.append(f"{_name(w)}: {w.height()} px high, needs {need}")
            elif w.width() + 1 < w.sizeHint().width():
                problems.append(f"{_name(w)}: {w.width()} px wide, needs "
                                f"{w.sizeHint().width()}")
        elif isinstance(w, QAbstractButton) and w.text():
            if w.width() + 1 < w.minimumSizeHint().width() or (
                    w.width() + 1 < w.sizeHint().width()):
                problems.append(f"{_name(w)}: {w.width()} px wide, needs "
                                f"{w.sizeHint().width()}")
        if isinstance(w, (QLabel, QAbstractButton)) and not _inside(w, window, bounds, top_left):
            problems.append(f"{_name(w)}: outside the window")
    problems += _overlaps(window)
    return problems


def _overlaps(window: QWidget) -> list[str]:
    """Visible siblings that a layout places (not overlays) and that intersect."""
    found: list[str] = []
    for parent in [window, *window.findChildren(QWidget)]:
        layout = parent.layout() if parent.isVisible() else None
        if layout is None:
            continue
        placed = [c for c in parent.children()
                  if isinstance(c, _SOLID) and c.isVisible() and not c.isWindow()
                  and _in_layout(layout, c)]
        for i, a in enumerate(placed):
            for b in placed[i + 1:]:
                if a.geometry().adjusted(1, 1, -1, -1).intersects(b.geometry()):
                    found.append(f"{_name(a)} overlaps {_name(b)}")
    return found


def _in_layout(layout, widget: QWidget) -> bool:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is widget or (item.layout() is not None
                                       and _in_layout(item.layout(), widget)):
            return True
    return False


def _inside(w: QWidget, window: QWidget, bounds: QRect, top_left: QPoint) -> bool:
    """In the window, or in the part of a scroll area one can scroll to."""
    parent = w.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True  # scrolled into view on demand
        parent = parent.parentWidget()
    return bounds.contains(QRect(top_left, w.size()).adjusted(0, 0, -1, -1))
