"""Shows a label preview (`desktop.domain.printing.Bitmap`) scaled to the widget, keeping
its proportions; the bitmap itself is computed off the GUI thread by the caller."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.domain.printing import Bitmap
from desktop.ui.i18n import tr


class LabelPreview(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 180)
        self.setText(tr("Aperçu de l'étiquette"))
        self._image: QImage | None = None

    def set_bitmap(self, bitmap: Bitmap | None) -> None:
        if bitmap is None:
            self._image = None
            self.clear()
            self.setText(tr("Aperçu de l'étiquette"))
            return
        # copy(): the QImage must own its pixels, the bytes object may go away
        self._image = QImage(bitmap.pixels, bitmap.width, bitmap.height, bitmap.stride,
                             QImage.Format.Format_Grayscale8).copy()
        self.setToolTip(tr("{w} × {h} points à {dpi} dpi", w=bitmap.width, h=bitmap.height,
                           dpi=bitmap.dpi))
        self._refresh()

    def image(self) -> QImage | None:
        return self._image

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._refresh()

    def _refresh(self) -> None:
        if self._image is None:
            return
        pixmap = QPixmap.fromImage(self._image).scaled(
            self.size(), Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(pixmap)
