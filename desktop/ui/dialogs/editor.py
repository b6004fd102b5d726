"""Base of the small editing dialogs: saves in the task runner, stays open on refusal.

The dialog closes only once the service has stored the record; every violation is shown
next to its field and the rest in a line above the buttons.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationFailed, Violation
from desktop.ui.i18n import tr
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.field_errors import MESSAGE_STYLE, message


class EditorDialog(QDialog):
    def __init__(self, runner: TaskRunner, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._runner = runner
        self.result_value: Any = None
        self.changes = None
        self.body = QVBoxLayout()
        self.summary = QLabel(self)
        self.summary.setStyleSheet(MESSAGE_STYLE)
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Enregistrer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # Enter in a field moves on, it never saves (issue 10 §5: an empty form was saved by
        # an Enter meant for the first field); Ctrl+Enter or Ctrl+S saves.
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        for keys in ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setToolTip(tr("Enregistrer (Ctrl+Entrée)"))
        outer = QVBoxLayout(self)
        outer.addLayout(self.body)
        outer.addWidget(self.summary)
        outer.addWidget(self.buttons)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            if isinstance(self.focusWidget(), QLineEdit):
                self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        field = self.first_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.OtherFocusReason)

    # Subclasses: the first field, whether anything was typed, the record to save, the
    # service call, and where violations go.
    def first_field(self) -> QWidget | None:
        return None

    def is_empty(self) -> bool:
        return False

    def record(self) -> Any:
        raise NotImplementedError

    def save_call(self) -> Callable[[Any], tuple[Any, Any]]:
        raise NotImplementedError

    def place_errors(self, violations: list[Violation]) -> list[Violation]:
        return violations

    def save(self) -> None:
        if not self.buttons.isEnabled():
            return  # already saving
        if self.is_empty():
            self.summary.setText(tr("Le formulaire est vide : rien à enregistrer."))
            self.summary.show()
            return
        self.buttons.setEnabled(False)
        self._runner.write(self.save_call(), self.record(), name=self.windowTitle(),
                         on_done=self._saved, on_error=self._refused)

    def _saved(self, outcome) -> None:
        self.buttons.setEnabled(True)
        self.result_value, self.changes = outcome
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            left = self.place_errors(list(exc.violations))
            lines = [message(v) for v in left]
            self.summary.setText("\n".join(lines) if lines else
                                 tr("Corrigez les champs signalés en rouge."))
        else:
            self.summary.setText(tr("Erreur : {error}", error=str(exc)))
        self.summary.show()
