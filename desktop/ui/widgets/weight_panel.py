"""The parcel panel: live weight with its stability, "take the weight", dimensions.

Only a *usable* reading (stable, > 0, state ok) fills the weight; a moving,
overloaded or disconnected scale leaves it untouched and says why. A weight may always be
typed by hand, in grams. A scale that stops sending readings (unplugged, a stuck thread) is
shown disconnected after `STALE_AFTER_MS`: the display never keeps a weight it no longer
receives.
"""

from __future__ import annotations

import socket

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import Violation
from desktop.domain.parcel import Parcel, parse_int_field
from desktop.domain.weighing import ScaleReading, ScaleState, WeightSource
from desktop.ui.i18n import N_, kg, tr
from desktop.ui.widgets.field_errors import ErrorLabel, FieldErrors
from desktop.ui.widgets.scale_simulator import ScaleSimulator

TAKE_WEIGHT_KEY = "F2"
# Our choice: readings arrive 5-10 times a second and a failing scale reports itself within
# its 1-2 s read timeout; 3 s of silence means nobody is reporting any more.
STALE_AFTER_MS = 3000
_NO_WEIGHT = (ScaleState.DISCONNECTED, ScaleState.FAULT, ScaleState.OVERLOAD)
DIMENSIONS = (("length_mm", "L"), ("width_mm", "l"), ("height_mm", "H"))
# State → (French text, background colour) of the indicator.
_STATES = {
    "stable": (N_("Stable"), "#2e7d32"),
    ScaleState.MOTION: (N_("En mouvement"), "#ef6c00"),
    ScaleState.OVERLOAD: (N_("Surcharge"), "#c62828"),
    ScaleState.UNDERLOAD: (N_("Sous zéro"), "#c62828"),
    ScaleState.ZERO: (N_("Zéro"), "#546e7a"),
    ScaleState.FAULT: (N_("Défaut balance"), "#c62828"),
    ScaleState.DISCONNECTED: (N_("Déconnectée"), "#757575"),
}


def bench_name(settings) -> str:
    """Who typed a weight: the bench's name (setting `bench_name`), else the host name."""
    return getattr(settings, "bench_name", "") or socket.gethostname()


def state_key(reading: ScaleReading | None):
    if reading is None:
        return ScaleState.DISCONNECTED
    if reading.state is ScaleState.OK:
        return "stable" if reading.stable else ScaleState.MOTION
    return reading.state


class WeightPanel(QGroupBox):
    weight_taken = Signal(int)
    changed = Signal()
    zero_requested = Signal()
    tare_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(tr("Colis"), parent)
        self.reading: ScaleReading | None = None
        self.errors = FieldErrors()
        self.stale_timer = QTimer(self)
        self.stale_timer.setSingleShot(True)
        self.stale_timer.setInterval(STALE_AFTER_MS)
        self.stale_timer.timeout.connect(self._stale)
        outer = QVBoxLayout(self)

        scale_box = QFrame(self)
        scale_box.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(scale_box)
        self.display = QLabel("—", scale_box)
        self.display.setObjectName("weight_display")
        font = QFont(self.display.font())
        font.setPointSize(30)
        font.setBold(True)
        self.display.setFont(font)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.display.setMinimumWidth(220)
        self.indicator = QLabel(scale_box)
        self.indicator.setObjectName("scale_state")
        self.indicator.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.indicator.setMinimumWidth(130)
        self.take_button = QPushButton(tr("Prendre le poids") + f"  ({TAKE_WEIGHT_KEY})",
                                       scale_box)
        self.take_button.setShortcut(QKeySequence(TAKE_WEIGHT_KEY))
        self.take_button.setMinimumHeight(36)
        self.take_button.clicked.connect(self.take_weight)
        self.info = QLabel(scale_box)
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color: #555;")
        self.zero_button = QPushButton(tr("Zéro"), scale_box)
        self.zero_button.clicked.connect(self.zero_requested)
        self.tare_button = QPushButton(tr("Tare"), scale_box)
        self.tare_button.clicked.connect(self.tare_requested)
        keys = QHBoxLayout()
        keys.addWidget(self.zero_button)
        keys.addWidget(self.tare_button)
        grid.addWidget(self.display, 0, 0, 2, 1)
        grid.addWidget(self.indicator, 0, 1)
        grid.addWidget(self.take_button, 1, 1)
        grid.addLayout(keys, 2, 1)
        grid.addWidget(self.info, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        outer.addWidget(scale_box)
        self.simulator = ScaleSimulator(self)  # shown for the simulated scale only
        outer.addWidget(self.simulator)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.weight_edit = QLineEdit(self)
        self.weight_edit.setObjectName("weight_g")
        self.weight_edit.setPlaceholderText(tr("grammes, ex. 1250"))
        self.weight_edit.textEdited.connect(self.changed)
        self.weight_edit.textEdited.connect(lambda _t: self.info.setText(""))
        weight_err = ErrorLabel(self)
        box = QVBoxLayout()
        box.setSpacing(1)
        row = QHBoxLayout()
        row.addWidget(self.weight_edit, 1)
        row.addWidget(QLabel("g", self))
        box.addLayout(row)
        box.addWidget(weight_err)
        form.addRow(tr("Poids"), box)
        self.errors.bind("parcel.weight_g", self.weight_edit, weight_err)
        # The weighing audit: a weight not taken from the scale says why it was typed.
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("weighing_reason")
        self.reason_edit.setPlaceholderText(tr("obligatoire pour un poids saisi à la main"))
        reason_err = ErrorLabel(self)
        rbox = QVBoxLayout()
        rbox.setSpacing(1)
        rbox.addWidget(self.reason_edit)
        rbox.addWidget(reason_err)
        form.addRow(tr("Motif de la saisie"), rbox)
        self.errors.bind("weighing.reason", self.reason_edit, reason_err)
        self.taken: ScaleReading | None = None  # the stable reading the weight came from
        # A reopened shipment's weight and where it came from, kept while the weight is unchanged
        self.kept: tuple[str, WeightSource] | None = None
        self.errors.alias("parcel", "parcel.weight_g")

        self.dims: dict[str, QLineEdit] = {}
        dims_row = QHBoxLayout()
        dims_err = ErrorLabel(self)
        for name, short in DIMENSIONS:
            edit = QLineEdit(self)
            edit.setObjectName(name)
            edit.setPlaceholderText(short)
            edit.setMaximumWidth(90)
            edit.textEdited.connect(self.changed)
            self.dims[name] = edit
            dims_row.addWidget(edit)
            if name != "height_mm":
                dims_row.addWidget(QLabel("×", self))
            self.errors.bind(f"parcel.{name}", edit, dims_err)
        dims_row.addWidget(QLabel("mm", self))
        dims_row.addStretch(1)
        dbox = QVBoxLayout()
        dbox.setSpacing(1)
        dbox.addLayout(dims_row)
        dbox.addWidget(dims_err)
        form.addRow(tr("Dimensions L × l × H"), dbox)
        outer.addLayout(form)
        self.set_scale(None)
        self.show_reading(None)

    # -- scale ----------------------------------------------------------------------------
    def set_scale(self, scale) -> None:
        """Slot for `ScaleLink.opened`: offers zero and tare only where the protocol has them."""
        self.zero_button.setVisible(bool(getattr(scale, "can_zero", False)))
        self.tare_button.setVisible(bool(getattr(scale, "can_tare", False)))

    def show_reading(self, reading: ScaleReading | None) -> None:
        """Slot for `ScaleLink.reading` (GUI thread)."""
        self.reading = reading
        if reading is None or reading.state is ScaleState.DISCONNECTED:
            self.stale_timer.stop()
        else:
            self.stale_timer.start()
        key = state_key(reading)
        text, colour = _STATES[key]
        self.indicator.setText(tr(text))
        self.indicator.setProperty("state", key if isinstance(key, str) else key.value)
        self.indicator.setStyleSheet(f"background: {colour}; color: white; border-radius: 4px;"
                                     " padding: 4px 8px; font-weight: bold;")
        if reading is None or reading.state in _NO_WEIGHT:
            self.display.setText("—")
        else:
            self.display.setText(kg(reading.weight_g))
        self.display.setStyleSheet("" if key == "stable" else "color: #777;")

    def _stale(self) -> None:
        self.show_reading(ScaleReading(0, False, ScaleState.DISCONNECTED))

    def take_weight(self) -> bool:
        """Fills the weight from the last reading if it is usable; says why not otherwise."""
        r = self.reading
        if r is None or not r.usable:
            key = state_key(r)
            reason = {ScaleState.MOTION: N_("le poids n'est pas stable, attendez"),
                      "stable": N_("le poids est nul"),
                      ScaleState.ZERO: N_("le poids est nul")}.get(key, tr(_STATES[key][0]).lower())
            self.info.setText(tr("Poids non pris : {reason}.", reason=tr(reason)))
            return False
        self.weight_edit.setText(str(r.weight_g))
        self.taken = r
        self.errors.clear()
        self.info.setText(tr("Poids pris sur la balance : {kg}.", kg=kg(r.weight_g)))
        self.weight_taken.emit(r.weight_g)
        self.changed.emit()
        return True

    # -- values ---------------------------------------------------------------------------
    def parcel(self) -> tuple[Parcel, list[Violation]]:
        """The parcel as typed, and the fields that are not whole numbers.

        A field that cannot be read stays out of the parcel (weight 0, dimension None) and
        its own violation names it; the caller drops the core's duplicate for that field.
        """
        problems: list[Violation] = []
        text = self.weight_edit.text().strip()
        weight = 0
        if not text:
            problems.append(Violation("parcel.weight_g", "required"))
        else:
            value, problem = parse_int_field("parcel.weight_g", text)
            if problem:
                problems.append(problem)
            else:
                weight = value
        dims: dict[str, int | None] = {}
        for name, edit in self.dims.items():
            raw = edit.text().strip()
            value, problem = parse_int_field(f"parcel.{name}", raw) if raw else (None, None)
            if problem:
                problems.append(problem)
            dims[name] = value
        return Parcel(weight_g=weight, **dims), problems

    def weighing(self, who: str) -> WeightSource | None:
        """Where the weight came from: the scale (the weight shown is the one it gave), or
        typed by `who` with the reason given; None while there is no weight."""
        text = self.weight_edit.text().strip()
        if not text:
            return None
        if self.taken is not None and text == str(self.taken.weight_g):
            return WeightSource.from_reading(self.taken)
        if self.kept is not None and text == self.kept[0]:
            return self.kept[1]
        return WeightSource.typed(who, self.reason_edit.text().strip())

    def load(self, parcel: Parcel, weighing: WeightSource | None) -> None:
        """A stored shipment's parcel (a correction): its weight keeps its weighing record
        (the scale's frame, or who typed it and why) until the clerk changes it."""
        self.clear()
        self.weight_edit.setText(str(parcel.weight_g))
        for name, edit in self.dims.items():
            value = getattr(parcel, name, None)
            edit.setText("" if value is None else str(value))
        if weighing is not None:
            self.kept = (str(parcel.weight_g), weighing)
            if weighing.kind == "typed":
                self.reason_edit.setText(weighing.reason)
        self.changed.emit()

    def clear(self) -> None:
        self.weight_edit.clear()
        self.reason_edit.clear()
        self.taken = None
        self.kept = None
        for edit in self.dims.values():
            edit.clear()
        self.info.clear()
        self.errors.clear()

    def show_errors(self, violations: list[Violation]) -> list[Violation]:
        return self.errors.show(violations)
