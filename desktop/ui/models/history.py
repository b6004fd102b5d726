"""The shipment history table, filled page by page with `fetchMore` from the task runner.

`canFetchMore` is true while the last page came back full; `fetchMore` asks the next page
in the background (never on the GUI thread) and appends it when it arrives. A new query
bumps a generation number so late pages of the previous query are dropped.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop.domain.outbox import OutboxState
from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import Shipment, ShipmentStatus
from desktop.domain.tracking import group_number
from desktop.ui.i18n import N_, date_time, kg, language, tr
from desktop.ui.models.id_table import HeaderedTableModel

_ROOT = QModelIndex()  # the invalid index: a table has one level
PAGE_SIZE = 100
COLUMNS = (N_("Date"), N_("N° de suivi"), N_("Destinataire"), N_("Destination"), N_("Service"), N_("Poids"),
           N_("Référence"), N_("Statut"))
STATUS_TEXT = {ShipmentStatus.DRAFT: N_("Brouillon"), ShipmentStatus.PRINTED: N_("Imprimé"),
               ShipmentStatus.DEPOSITED: N_("Déposé"), ShipmentStatus.VOIDED: N_("Annulé")}
# A shipment sent through a carrier's web service shows where its outbox entry stands while
# that matters more than "Brouillon": waiting for the carrier, or refused by it (to correct).
CARRIER_STATE_TEXT = {OutboxState.AWAITING_CARRIER: N_("En attente du transporteur"),
                      OutboxState.REFUSED: N_("Refusé par le transporteur")}
SHIPMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryModel(HeaderedTableModel):
    HEADERS = COLUMNS
    page_loaded = Signal(int)  # rows added
    failed = Signal(str)

    def __init__(self, history, runner, catalogue, parent=None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._history, self._runner, self._catalogue = history, runner, catalogue
        self._rows: list[Shipment] = []
        self._carrier_states: dict[int, OutboxState] = {}
        self._query = HistoryQuery(limit=page_size)
        self._page = page_size
        self._more = True
        self._fetching = False
        self._generation = 0

    @property
    def query(self) -> HistoryQuery:
        return self._query

    def set_query(self, query: HistoryQuery) -> None:
        """Starts again from the first page with new criteria."""
        self._generation += 1
        self.beginResetModel()
        self._query = replace(query, offset=0, limit=self._page)
        self._rows = []
        self._carrier_states = {}
        self._more = True
        self._fetching = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        self.set_query(self._query)

    def shipment(self, row: int) -> Shipment | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def carrier_state(self, row: int) -> OutboxState | None:
        """Where the row's carrier outbox entry stands (None: no carrier web service)."""
        s = self.shipment(row)
        return self._carrier_states.get(s.id) if s is not None else None

    def replace_shipment(self, shipment: Shipment) -> None:
        for row, s in enumerate(self._rows):
            if s.id == shipment.id:
                self._rows[row] = shipment
                self._row_changed(row)

    # -- paging ---------------------------------------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid() or not self._more or self._fetching:
            return
        self._fetching = True
        generation = self._generation
        # Keyset paging: the next page starts after the last row shown, so page 200 costs
        # what page 1 does (an offset would make the database skip all rows before it).
        last = self._rows[-1] if self._rows else None
        query = (replace(self._query, offset=0, after=(last.created_at, last.id))
                 if last is not None and last.created_at is not None and last.id is not None
                 else replace(self._query, offset=len(self._rows)))
        self._runner.run(self._history.page, query, name="history page",
                         on_done=lambda rows: self._arrived(generation, rows),
                         on_error=lambda exc: self._lost(generation, exc))

    def _arrived(self, generation: int, page) -> None:
        if generation != self._generation:
            return
        rows = page.shipments
        self._carrier_states.update(page.carrier_states)
        self._fetching = False
        self._more = len(rows) >= self._page
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(rows))

    def _lost(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
            self._more = False
            self.failed.emit(str(exc))

    # -- Qt model -------------------------------------------------------------------------
    def _size(self) -> int:
        return len(self._rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        if role == SHIPMENT_ROLE:
            return s
        if (role == Qt.ItemDataRole.ForegroundRole and index.column() == 7
                and self._carrier_states.get(s.id) is OutboxState.REFUSED):
            return QColor("#c62828")  # to correct: it stands out in the list
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(s, index.column())

    def _text(self, s: Shipment, column: int) -> str:
        r = s.recipient
        if column == 0:
            return date_time(s.created_at.astimezone()) if s.created_at else ""
        if column == 1:
            return group_number(s.tracking_number or "")  # as on the label and the CLI
        if column == 2:
            return " — ".join(x for x in (r.company, r.name) if x)
        if column == 3:
            return f"{r.postcode} {r.city} ({r.country})"
        if column == 4:
            if self._catalogue.has(s.service_id):
                return self._catalogue.get(s.service_id).name(language())
            return s.service_id
        if column == 5:
            return kg(s.parcel.weight_g) if isinstance(s.parcel.weight_g, int) else ""
        if column == 6:
            return s.reference
        carrier = CARRIER_STATE_TEXT.get(self._carrier_states.get(s.id))
        if carrier is not None and s.status is ShipmentStatus.DRAFT:
            return tr(carrier)
        return tr(STATUS_TEXT.get(s.status, s.status.value))
