"""Controls of the simulated scale (demo mode, training): put a weight, make it move,
overload it, unplug it. Drives any scale with the `SimulatedScale` control methods; hidden
for a real scale. The counter screen decides where it goes."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSpinBox, QWidget

from desktop.domain.weighing import ScaleState
from desktop.ui.i18n import tr

MAX_SIMULATED_G = 40_000  # our choice: above every carrier's limit, to show the refusal
_CONTROLS = ("set_weight", "set_moving", "set_stable", "set_state")


def is_simulated(scale) -> bool:
    return scale is not None and all(callable(getattr(scale, m, None)) for m in _CONTROLS)


class ScaleSimulator(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.scale = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.grams = QSpinBox(self)
        self.grams.setObjectName("simulated_grams")
        self.grams.setRange(0, MAX_SIMULATED_G)
        self.grams.setSingleStep(50)
        self.grams.setSuffix(" g")
        self.grams.setValue(1250)
        self.put_button = QPushButton(tr("Poser"), self)
        self.move_button = QPushButton(tr("Bouger"), self)
        self.move_button.setCheckable(True)
        self.overload_button = QPushButton(tr("Surcharge"), self)
        self.overload_button.setCheckable(True)
        self.unplug_button = QPushButton(tr("Débrancher"), self)
        self.unplug_button.setCheckable(True)
        for widget in (self.grams, self.put_button, self.move_button, self.overload_button,
                       self.unplug_button):
            row.addWidget(widget)
        self.put_button.clicked.connect(self.put)
        self.move_button.toggled.connect(self._moving)
        self.overload_button.toggled.connect(self._forced)
        self.unplug_button.toggled.connect(self._forced)
        self.set_scale(None)

    def set_scale(self, scale) -> None:
        """Slot for `ScaleLink.opened`: shows the controls only for a simulated scale."""
        self.scale = scale if is_simulated(scale) else None
        self.setVisible(self.scale is not None)

    def put(self) -> None:
        if self.scale is not None:
            self.move_button.setChecked(False)
            self.scale.set_weight(self.grams.value())

    def _moving(self, moving: bool) -> None:
        if self.scale is not None:
            self.scale.set_stable(not moving)

    def _forced(self, _checked: bool = False) -> None:
        if self.scale is None:
            return
        state = (ScaleState.DISCONNECTED if self.unplug_button.isChecked()
                 else ScaleState.OVERLOAD if self.overload_button.isChecked() else ScaleState.OK)
        self.scale.set_state(state)
