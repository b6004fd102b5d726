"""The service picker: every carrier service ranked for the parcel, with the verdict.

`AdmissionService.suggest` (run by the counter in the task runner, debounced) ranks the
admissible services first; each row shows ✓ or ✗ and, for a refused service, its first
reason in plain sight. Under the list, the verdict of the chosen service:
every refusal, chargeable weight, postage vignettes, estimated delivery, price when the
contract table knows it, and the warnings (NM supplement, locker → branch, label expiry …).
While the clerk has not picked a service himself, the best admissible one is selected.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.domain.carriers.catalogue import Catalogue
from desktop.ui import i18n
from desktop.ui.i18n import kg, language, tr
from desktop.ui.widgets.field_errors import message

OK_COLOUR, REFUSED_COLOUR, WARN_COLOUR = "#2e7d32", "#c62828", "#ef6c00"
def money(value: Decimal) -> str:
    return i18n.money(value)


def day(d: date) -> str:
    return i18n.day(d)


class ServicePanel(QGroupBox):
    service_changed = Signal(str)  # service id, whoever changed it
    currentIndexChanged = Signal(int)  # noqa: N815 - the former combo's signal, for listeners

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(tr("Service"), parent)
        self.catalogue = catalogue
        self.manual = False  # the clerk chose: suggestions no longer move the selection
        self.admissible: dict[str, bool] = {}
        self.suggestions: dict[str, object] = {}  # service id → Suggestion
        self._order = [s.id for s in catalogue.all()]
        self._current = self._order[0] if self._order else ""
        self._chargeable: int | None = None

        self.list = QListWidget(self)
        self.list.setObjectName("service")
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(190)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)  # rows re-wrap with the width
        self.list.currentItemChanged.connect(self._picked)
        self.verdict_label = QLabel(self)
        self.verdict_label.setObjectName("service_verdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.verdict_label)
        self._fill()

    # -- the clerk's choice ---------------------------------------------------------------
    def service_id(self) -> str:
        return self._current

    def set_service_id(self, service_id: str) -> bool:
        if service_id not in self._order:
            return False
        self.manual = True
        self._select(service_id)
        return True

    def reset(self) -> None:
        """Next parcel: suggestions pick the service again."""
        self.manual = False
        self.admissible, self.suggestions = {}, {}
        self._chargeable = None
        self._fill()

    def clear_verdicts(self) -> None:
        """The parcel or address changed so that no verdict holds: show none (the clerk's
        choice of service stays)."""
        if self.suggestions or self._chargeable is not None:
            self.admissible, self.suggestions = {}, {}
            self._chargeable = None
            self._fill()

    def suggestion(self, service_id: str | None = None):
        return self.suggestions.get(service_id or self._current)

    def row_text(self, service_id: str) -> str:
        item = self._item(service_id)
        return item.text() if item else ""

    # -- suggestions ----------------------------------------------------------------------
    def apply_suggestions(self, suggestions) -> None:
        """`AdmissionService.suggest` results (ranked): redraw the list, pick the best."""
        suggestions = list(suggestions)
        self.suggestions = {s.service.id: s for s in suggestions}
        self.admissible = {s.service.id: s.admissible for s in suggestions}
        self._order = [s.service.id for s in suggestions] or self._order
        self._chargeable = None
        if not self.manual:
            best = next((s.service.id for s in suggestions if s.admissible), None)
            if best:
                self._current = best
        self._fill()
        self._emit()  # the verdict, the options and the form number follow

    def show_chargeable(self, grams: int | None) -> None:
        """Live chargeable weight while dimensions are typed, before the verdict comes back."""
        self._chargeable = grams
        self._show_verdict()

    # -- drawing --------------------------------------------------------------------------
    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for sid in self._order:
            item = QListWidgetItem(self._text(sid))
            item.setData(Qt.ItemDataRole.UserRole, sid)
            s = self.suggestions.get(sid)
            if s is not None and not s.admissible:
                item.setForeground(QBrush(QColor("#757575")))
            if s is not None:
                item.setToolTip("\n".join(message(v) for v in s.reasons))
            self.list.addItem(item)
            if sid == self._current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show_verdict()

    def _text(self, sid: str) -> str:
        name = self.catalogue.get(sid).name(language())
        s = self.suggestions.get(sid)
        if s is None:
            return name
        if not s.admissible:
            first = message(s.reasons[0]) if s.reasons else ""
            return f"✗ {name}\n    {first}"
        facts = []
        if s.verdict and s.verdict.price_eur is not None:
            facts.append(money(s.verdict.price_eur))
        if s.verdict and s.verdict.estimated_delivery:
            facts.append(tr("livré {day}", day=day(s.verdict.estimated_delivery)))
        return f"✓ {name}\n    {' · '.join(facts)}" if facts else f"✓ {name}"

    def _show_verdict(self) -> None:
        s = self.suggestions.get(self._current)
        v = s.verdict if s is not None else None
        lines: list[str] = []
        if s is not None and not s.admissible:
            lines.append(_colour(REFUSED_COLOUR, tr("Service impossible pour ce colis :")))
            lines += [_colour(REFUSED_COLOUR, "• " + _esc(message(r))) for r in s.reasons]
        elif s is not None:
            lines.append(_colour(OK_COLOUR, tr("Service possible pour ce colis")))
        grams = self._chargeable if self._chargeable is not None else (
            v.chargeable_weight_g if v else None)
        if grams:
            lines.append(tr("Poids taxé : {kg}", kg=kg(grams)))
        if v is not None:
            if v.vignettes is not None:
                lines.append(tr("Vignettes : {n} (jusqu'à {kg})", n=v.vignettes.postage,
                                kg=kg(v.vignettes.covered_g)))
            if v.estimated_delivery:
                lines.append(tr("Livraison estimée : {day}", day=day(v.estimated_delivery)))
            if v.price_eur is not None:
                lines.append(tr("Prix : {price}", price=money(v.price_eur)))
            if v.label_expires:
                lines.append(tr("Étiquette valable jusqu'au {day}", day=day(v.label_expires)))
            if s is not None and s.admissible:
                lines += [_colour(WARN_COLOUR, "⚠ " + _esc(message(w))) for w in v.warnings]
        self.verdict_label.setText("<br>".join(lines))
        self.verdict_label.setVisible(bool(lines))

    def _item(self, sid: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == sid:
                return item
        return None

    def _select(self, sid: str) -> None:
        changed = sid != self._current
        self._current = sid
        item = self._item(sid)
        if item is not None:
            self.list.blockSignals(True)
            self.list.setCurrentItem(item)
            self.list.blockSignals(False)
        self._show_verdict()
        if changed:
            self._emit()

    def _emit(self) -> None:
        self.service_changed.emit(self._current)
        self.currentIndexChanged.emit(self._order.index(self._current)
                                      if self._current in self._order else -1)

    def _picked(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self.manual = True  # a click or the arrow keys: the clerk's choice is kept
        self._select(item.data(Qt.ItemDataRole.UserRole))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _colour(colour: str, text: str) -> str:
    return f'<span style="color:{colour}">{text}</span>'
