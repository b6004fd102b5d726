"""The options of the chosen service: only valid combinations can be chosen.

The widgets are rebuilt for each service from `service.options` (services.json); after every
change `option_states` (carrier rules, pure) says which options conflict, and those are
disabled live with the reason under them — registration, insurance and standard indemnity
exclude each other [C 4.3, 8.1]; the locker country needs a locker variant [N 4.9].
Insurance is offered in 500 € steps up to 1 500 € [C 4.3]. The shape of the parcel (box,
roll …) is common to every service [C 5.1, 5.2].
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.carriers.options import SHAPES, VARIANTS, OptionState
from desktop.ui.i18n import N_, tr
from desktop.ui.widgets.field_errors import ErrorLabel, FieldErrors, message

# Display names of option keys and choices (French source, English in the gettext catalogue).
LABELS = {
    "registered": N_("Recommandé"), "insurance_eur": N_("Assurance (€)"),
    "cod_eur": N_("Contre-remboursement (€)"), "advice_of_delivery": N_("Avis de réception"),
    "undeliverable": N_("Si non distribuable"), "declared_value_eur": N_("Valeur déclarée (€)"),
    "novapost_variant": N_("Variante de livraison"), "division_id": N_("N° d'agence / consigne"),
    "locker_country": N_("Pays de la consigne"), "payer": N_("Payeur"),
    "payment_method": N_("Paiement"), "pieces": N_("Nombre de colis"), "sms": N_("SMS"),
    "packaging": N_("Emballage Nova Post"), "adult_only": N_("Réservé aux adultes"),
    "bundle": N_("Lot filmé / cerclé"), "bundle_textiles": N_("Lot de textiles uniquement"),
    "bundle_layers": N_("Couches de film"), "shape": N_("Forme"),
    "non_mechanisable": N_("Non mécanisable (emballage, dépassant…)"),
}
CHOICE_LABELS = {
    "abandon": N_("abandonner"), "return": N_("retourner à l'expéditeur"),
    "address-address": N_("adresse → adresse"), "address-branch": N_("adresse → agence"),
    "address-locker": N_("adresse → consigne"), "branch-branch": N_("agence → agence"),
    "branch-address": N_("agence → adresse"), "branch-locker": N_("agence → consigne"),
    "address-pickup": N_("adresse → point relais"), "branch-pickup": N_("agence → point relais"),
    "sender": N_("expéditeur"), "recipient": N_("destinataire"), "third_party": N_("tiers"),
    "cash": N_("espèces"), "non_cash": N_("sans espèces"),
    "box": N_("boîte"), "envelope": N_("enveloppe"), "roll": N_("rouleau"),
    "irregular": N_("forme irrégulière"), "sphere": N_("sphère"),
    "R1": "R1 (31 €)", "R2": "R2 (153 €)", "R3": "R3 (458 €)",  # [C 4.3]
    "500": "500 €", "1000": "1 000 €", "1500": "1 500 €", "FR": "France", "UA": N_("Ukraine"),
}
_FIXED_CHOICES = {"undeliverable": ("abandon", "return"), "novapost_variant": VARIANTS,
                  "locker_country": ("FR", "UA"), "payer": ("sender", "recipient", "third_party"),
                  "payment_method": ("cash", "non_cash"), "registered": ("R1", "R2", "R3"),
                  "insurance_eur": ("500", "1000", "1500")}  # 500 € steps ≤ 1 500 € [C 4.3]
_BOOLS = ("advice_of_delivery", "sms", "packaging", "adult_only", "bundle", "bundle_textiles",
          "non_mechanisable")
_TEXTS = ("cod_eur", "declared_value_eur", "division_id")
_INTS = {"pieces": (1, 999), "bundle_layers": (0, 99)}  # [N 5.4], [N 4.3.9]
_AMOUNTS = ("cod_eur", "declared_value_eur")  # passed as text: parsed as Decimal by the rules
COMMON = ("shape", "non_mechanisable")


class OptionsPanel(QGroupBox):
    changed = Signal()

    def __init__(self, option_states: Callable[[str, dict], dict[str, OptionState]],
                 parent: QWidget | None = None):
        super().__init__(tr("Options"), parent)
        self._option_states = option_states
        self.service = None
        self.widgets: dict[str, QWidget] = {}
        self.errors = FieldErrors()
        self._reasons: dict[str, ErrorLabel] = {}
        self._attached: dict[str, QWidget] = {}  # option key → widget shown under its row
        self._form = QFormLayout()
        # A narrow column (customs editor open) wraps rows instead of clipping them.
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer = QVBoxLayout(self)
        outer.addLayout(self._form)

    # -- building -------------------------------------------------------------------------
    def set_service(self, service) -> None:
        """Rebuilds the widgets for `service`, keeping the values it also offers."""
        if service is not None and self.service is not None and service.id == self.service.id:
            return
        kept = self.options()
        self.service = service
        for widget in self._attached.values():  # kept alive: taken out, not deleted
            if self._form.indexOf(widget) >= 0:
                self._form.takeRow(widget)
        while self._form.rowCount():
            self._form.removeRow(0)
        self.widgets, self._reasons, self.errors = {}, {}, FieldErrors()
        keys = [k for k in (service.options if service else ()) if k in LABELS] + list(COMMON)
        for key in keys:
            widget = self._make(key)
            widget.setObjectName(f"option_{key}")
            self.widgets[key] = widget
            err, reason = ErrorLabel(self), ErrorLabel(self)
            reason.setStyleSheet("color: #757575; font-size: 11px;")
            col = QVBoxLayout()
            col.setSpacing(1)
            col.addWidget(widget)
            col.addWidget(reason)
            col.addWidget(err)
            self._form.addRow("" if isinstance(widget, QCheckBox) else tr(LABELS[key]), col)
            self.errors.bind(f"options.{key}", widget, err)
            self._reasons[key] = reason
            if key in self._attached:
                self._form.addRow(self._attached[key])
        self.set_options(kept)

    def attach_below(self, key: str, widget: QWidget) -> None:
        """Shows `widget` across the panel under option `key`'s row whenever the service
        offers that option (the Nova Post division picker under the division number)."""
        widget.setParent(self)
        self._attached[key] = widget
        service, self.service = self.service, None
        self.set_service(service)

    def _make(self, key: str) -> QWidget:
        if key in _BOOLS:
            box = QCheckBox(tr(LABELS[key]), self)
            box.toggled.connect(self._changed)
            return box
        if key in _INTS:
            spin = QSpinBox(self)
            spin.setRange(*_INTS[key])
            spin.setValue(_INTS[key][0])
            spin.valueChanged.connect(self._changed)
            return spin
        if key in _TEXTS:
            edit = QLineEdit(self)
            edit.setPlaceholderText(tr("facultatif"))
            edit.textEdited.connect(self._changed)
            return edit
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        choices = SHAPES if key == "shape" else _FIXED_CHOICES[key]
        if key != "shape":
            combo.addItem("—", None)  # not chosen
        for choice in choices:
            combo.addItem(tr(CHOICE_LABELS.get(choice, choice)), choice)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    # -- values ---------------------------------------------------------------------------
    def options(self) -> dict:
        """The options set by the clerk, as `Shipment.options` holds them."""
        out: dict = {}
        for key, w in self.widgets.items():
            if not w.isEnabled():
                continue
            if isinstance(w, QCheckBox):
                if w.isChecked():
                    out[key] = True
            elif isinstance(w, QSpinBox):
                if key == "pieces" or w.value():
                    out[key] = w.value()
            elif isinstance(w, QLineEdit):
                if w.text().strip():
                    out[key] = w.text().strip()
            elif w.currentData() is not None and not (key == "shape" and w.currentData() == "box"):
                out[key] = w.currentData()
        return out

    def set_options(self, options: dict) -> None:
        for key, value in (options or {}).items():
            w = self.widgets.get(key)
            if w is None:
                continue
            w.blockSignals(True)
            if isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QSpinBox):
                w.setValue(int(value))
            elif isinstance(w, QLineEdit):
                w.setText(str(value))
            else:
                w.setCurrentIndex(max(0, w.findData(str(value))))
            w.blockSignals(False)
        self._refresh()

    def clear(self) -> None:
        self.service, kept = None, self.service
        self.widgets = {}
        self.set_service(kept)

    def show_errors(self, violations) -> list:
        return self.errors.show(violations)

    # -- combinations ---------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        """Disables the options the others exclude, with the rule shown under them."""
        if self.service is None:
            return
        chosen = {k: v for k, v in self._raw().items()}
        states = self._option_states(self.service.id, chosen)
        for key, w in self.widgets.items():
            state = states.get(key)
            blocked = state is not None and not state.enabled
            w.setEnabled(not blocked)
            text = message(state.reason, with_section=False) if blocked and state.reason else ""
            self._reasons[key].set_messages([text] if text else [])
            w.setToolTip(text)

    def _raw(self) -> dict:
        """Every widget's value, disabled or not (to know what excludes what)."""
        out = {}
        for key, w in self.widgets.items():
            if isinstance(w, QCheckBox):
                out[key] = w.isChecked()
            elif isinstance(w, QSpinBox):
                out[key] = w.value()
            elif isinstance(w, QLineEdit):
                out[key] = w.text().strip() or None
            else:
                out[key] = w.currentData()
        return out
