"""Inline validation errors: a red border on the field and the message just under it.

A form binds each field path ("recipient.postcode", "parcel.weight_g") to its widget;
`show` places every `Violation` next to its widget and returns the ones no widget took,
for the summary.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.domain.errors import Violation
from desktop.domain.messages import field_label
from desktop.ui.i18n import language

ERROR_STYLE = "border: 2px solid #c62828; border-radius: 3px;"
MESSAGE_STYLE = "color: #c62828; font-size: 11px;"

def human_field(path: str) -> str:
    """"recipient.postcode" → "Destinataire, code postal" (labels from the one catalogue)."""
    return field_label(path, language())


def message(v: Violation, with_section: bool = True) -> str:
    """The violation in the interface language, with a readable field name; next to its
    widget (`with_section=False`) the field is named by its last part only."""
    lang = language()
    if with_section:
        return v.describe(lang)
    return v.describe(lang, label=field_label(v.field.last, lang))


class ErrorLabel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(MESSAGE_STYLE)
        self.setWordWrap(True)
        # Minimum, not Fixed: a wrapped message grows to its lines in a narrow column
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def set_messages(self, messages: list[str]) -> None:
        self.setText("\n".join(messages))
        self.setVisible(bool(messages))


class FieldErrors:
    """Field path → (widget, message label)."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, ErrorLabel]] = {}

    def bind(self, path: str, widget: QWidget, label: ErrorLabel) -> None:
        self._fields[path] = (widget, label)

    def alias(self, path: str, target: str) -> None:
        self._fields[path] = self._fields[target]

    def paths(self) -> list[str]:
        return list(self._fields)

    def widget(self, path: str) -> QWidget:
        return self._fields[path][0]

    def label(self, path: str) -> ErrorLabel:
        return self._fields[path][1]

    def has_error(self, path: str) -> bool:
        return bool(self._fields[path][0].property("invalid"))

    def clear(self) -> None:
        for widget, label in set(self._fields.values()):
            _mark(widget, False)
            label.set_messages([])

    def show(self, violations: Iterable[Violation]) -> list[Violation]:
        """Marks the bound fields; returns the violations no field is bound to."""
        self.clear()
        grouped: dict[tuple[QWidget, ErrorLabel], list[str]] = {}
        left: list[Violation] = []
        for v in violations:
            target = self._fields.get(v.field)
            if target is None:
                left.append(v)
                continue
            grouped.setdefault(target, []).append(message(v, with_section=False))
        for (widget, label), messages in grouped.items():
            _mark(widget, True)
            label.set_messages(messages)
        return left


def _mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.setStyleSheet(ERROR_STYLE if invalid else "")
    widget.setToolTip("" if not invalid else widget.toolTip())
