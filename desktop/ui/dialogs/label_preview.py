"""The label the counter's draft would print, before printing (Ctrl+Shift+P, "Aperçu").

A side window, not part of the counter's layout: rendered on a worker thread through the
task runner ("latest wins": a newer request's answer replaces an older one), at the
printer profile's resolution. A draft the operation would refuse shows why instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from desktop.ui.i18n import language, tr
from desktop.ui.widgets.label_preview import LabelPreview

PREVIEW_KEY = "Ctrl+Shift+P"


class LabelPreviewDialog(QDialog):
    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner = ctx, runner
        self.setWindowTitle(tr("Aperçu"))
        self.setModal(False)
        self.preview = LabelPreview(self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        self.resize(420, 640)

    def show_draft(self, draft) -> None:
        """Renders `draft` off the GUI thread; the newest request's answer wins."""
        self.message.setText("")
        self.runner.run(self.ctx.preview_draft, draft, name="label preview",
                        latest="label preview", on_done=self._shown, on_error=self._refused)

    def _shown(self, bitmap) -> None:
        self.preview.set_bitmap(bitmap)
        self.message.setText("")

    def _refused(self, exc: BaseException) -> None:
        self.preview.set_bitmap(None)
        violations = getattr(exc, "violations", None)
        if violations:
            lines = [v.describe(language()) for v in violations[:6]]
            self.message.setText(tr("Remplissez le colis pour voir l'aperçu.") + "\n"
                                 + "\n".join(lines))
        else:
            self.message.setText(str(exc))
