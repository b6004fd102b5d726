"""Nova Post division picker: the branches, lockers and pick-up points near the recipient.

Shown only while the chosen service and delivery variant hand the parcel to a division
[N 2.2, 4.9, 5.3]. The search (the recipient's postcode and town, or what the clerk types)
runs on a worker thread through the task runner, the latest request winning; the service
layer caches the answers. Keyboard: type, ↓ into the list, ↑/↓ to move, Enter to choose
(Enter in the search box takes the highlighted or first result).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from desktop.domain.connectors import PickupPoint
from desktop.ui.i18n import N_, language, tr

SEARCH_DELAY_MS = 250  # typing pauses this long before the carrier is asked
VISIBLE_ROWS = 5
KIND_LABELS = {"locker": N_("consigne"), "branch": N_("agence"),
               "cargo_branch": N_("agence fret"), "pickup_point": N_("point relais")}


def point_text(point: PickupPoint) -> str:
    """One line: kind and name, address, distance."""
    a = point.address
    street = " ".join(x for x in (a.street, a.building) if x)
    place = " ".join(x for x in (a.postcode, a.city) if x)
    where = ", ".join(x for x in (street, place) if x)
    text = f"{tr(KIND_LABELS.get(point.kind, point.kind))} {point.number or point.id} — {point.name}"
    if where:
        text += f" — {where}"
    if point.distance_m is not None:
        text += f" ({point.distance_m / 1000:.1f} km)" if point.distance_m >= 1000 \
            else f" ({point.distance_m} m)"
    return text


class ElidedLabel(QLabel):
    """One line, cut with "…" to its width, the whole text in its tooltip. A word-wrapped
    label here made the picker's height depend on its width, and the options form kept a
    stale height for it: the list was drawn under the line below (1920×1080)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._full = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text or ""
        self.setToolTip(self._full)
        self._elide()

    def text(self) -> str:
        return self._full

    def _elide(self) -> None:
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                      max(self.width(), 40)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def sizeHint(self):  # noqa: N802 - Qt override: any width, one line
        hint = super().sizeHint()
        hint.setWidth(min(hint.width(), 120))
        return hint

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        return self.sizeHint()


class DivisionPicker(QGroupBox):
    chosen = Signal(object)  # PickupPoint
    searched = Signal(int)  # how many results came back (tests, status)

    def __init__(self, pickup_points, runner, parent=None):
        super().__init__(tr("Agence / consigne du destinataire"), parent)
        self.setObjectName("division_picker")
        self._service, self._runner = pickup_points, runner
        self._request: tuple | None = None  # (service id, recipient, options)
        self._asked: tuple | None = None  # the request + text last searched
        self.points: list[PickupPoint] = []
        self.current: PickupPoint | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("division_search")
        self.search.setPlaceholderText(tr("Code postal ou ville (défaut : le destinataire)"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("division_results")
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setWordWrap(True)
        self.results.setTextElideMode(Qt.TextElideMode.ElideNone)
        self._row_height = self.results.fontMetrics().height() + 6
        self.results.setFixedHeight(self._row_height * 2)
        self.status = ElidedLabel(self)
        self.status.setObjectName("division_status")
        self.status.setStyleSheet("color: #555; font-size: 11px;")
        column = QVBoxLayout(self)
        column.setSpacing(2)
        column.addWidget(self.search)
        column.addWidget(self.results)
        column.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self.choose_current())
        self.results.itemDoubleClicked.connect(lambda _item: self.choose_current())
        self.hide()

    # -- what to search -------------------------------------------------------------------
    def set_request(self, service_id: str, recipient, options: dict) -> bool:
        """Follows the counter: shown (and searched) only when the service needs a
        division; returns whether it is needed."""
        needed = bool(self._service.kinds_needed(service_id, options))
        self.setVisible(needed)
        if not needed:
            self._request = None
            return False
        request = (service_id, recipient, _hashable(options))
        if self._request is None or _key(request) != _key(self._request):
            self._timer.start()
        self._request = request
        return True

    def run_search(self) -> None:
        if self._request is None:
            return
        service_id, recipient, options = self._request
        text = self.search.text().strip()
        asked = (_key(self._request), text)
        if asked == self._asked and self.points:
            return
        self._asked = asked
        self.status.setText(tr("Recherche…"))
        self._runner.run(self._service.search, service_id, recipient, dict(options), text,
                         name="division search", latest="division search",
                         on_done=self._show, on_error=self._failed)

    def _show(self, points: list[PickupPoint]) -> None:
        self.points = list(points)
        self.results.clear()
        for point in self.points:
            item = QListWidgetItem(point_text(point))
            item.setData(Qt.ItemDataRole.UserRole, point.id)
            item.setToolTip(point.schedule or point_text(point))
            self.results.addItem(item)
        self._fit_list()
        if self.points:
            self.results.setCurrentRow(0)
            self.status.setText(tr("{n} résultat(s) : ↓ pour parcourir, Entrée pour choisir",
                                   n=len(self.points)))
        else:
            self.status.setText(tr("Aucune agence ni consigne trouvée : essayez un autre code "
                                   "postal ou une ville, ou tapez le numéro."))
        self.searched.emit(len(self.points))

    def _fit_list(self) -> None:
        """As tall as its results (lines wrap), at most VISIBLE_ROWS of them, then it scrolls."""
        width = max(self.results.viewport().width() - 8, 120)
        metrics = self.results.fontMetrics()
        rows = [metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                     self.results.item(i).text()).height() + 4
                for i in range(min(self.results.count(), VISIBLE_ROWS))]
        content = sum(rows) if rows else self._row_height * 2
        height = content + 2 * self.results.frameWidth() + 2
        if height != self.results.height():
            self.results.setFixedHeight(height)
            # The form holding the picker keeps the height it measured before: told here,
            # it makes room, else the list is drawn under the line below it.
            self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_list()  # narrower: the results wrap onto more lines

    def _failed(self, exc: BaseException) -> None:
        self._asked = None  # the next search asks again
        describe = getattr(exc, "describe", None)
        text = describe(language()) if describe else str(exc)
        self.points = []
        self.results.clear()
        self._fit_list()
        self.status.setText(tr("Recherche impossible : {error}. Tapez le numéro de l'agence "
                               "ou de la consigne.", error=text))
        self.searched.emit(0)

    # -- choosing -------------------------------------------------------------------------
    def choose_current(self) -> PickupPoint | None:
        row = self.results.currentRow()
        if not self.points:
            return None
        point = self.points[row if 0 <= row < len(self.points) else 0]
        self.current = point
        self.status.setText(tr("Choisi : {point}", point=point_text(point)))
        self.chosen.emit(point)
        return point

    def clear(self) -> None:
        self.search.clear()
        self.results.clear()
        self.status.clear()
        self.points, self.current, self._request, self._asked = [], None, None, None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search:
            if key == Qt.Key.Key_Down and self.points:
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                if self.results.currentRow() < 0:
                    self.results.setCurrentRow(0)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # typed and pressed Enter at once: search now
                    self._timer.stop()
                    self.run_search()
                    return True
                return self.choose_current() is not None
        elif watched is self.results:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
            if key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
                self.search.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)


def _key(request: tuple) -> tuple:
    """What decides the search: the service, the recipient's place, the variant."""
    service_id, recipient, options = request
    return (service_id, recipient.country, recipient.postcode.strip(),
            recipient.city.strip().upper(), options)


def _hashable(options: dict) -> tuple:
    """The options that decide the search, as a comparable value."""
    return tuple(sorted((k, str(v)) for k, v in options.items()
                        if k in ("novapost_variant", "locker_country")))
