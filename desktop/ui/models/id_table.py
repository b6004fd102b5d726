"""Table models shared by the catalogue tabs: fixed translated headers, and a table over ids
with a lazy row cache.

A search gives the ids in display order and, usually, the rows themselves; a row dropped from
the cache (edited elsewhere) shows "…" and is fetched again in the task runner, never on the
GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.ui.i18n import tr

_ROOT = QModelIndex()  # the invalid index: a table has one level
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
LOADING = "…"
_SHOWN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


class HeaderedTableModel(QAbstractTableModel):
    """A flat table whose columns have fixed captions (French source, translated by `tr`)."""

    HEADERS: tuple[str, ...] = ()

    def _size(self) -> int:
        raise NotImplementedError

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._size()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return tr(self.HEADERS[section])
        return None


class IdTableModel(HeaderedTableModel):
    """Rows are ids; each row's object (anything with an `id`) is cached and fetched lazily.

    Subclasses set `KEYS` (one per column, beside `HEADERS`) and write `_text`.
    """

    KEYS: tuple[str, ...] = ()

    def __init__(self, fetch: Callable[[int], Any], runner, task_name: str, parent=None):
        super().__init__(parent)
        self._fetch, self._runner, self._task_name = fetch, runner, task_name
        self._ids: list[int] = []
        self._cache: dict[int, Any] = {}
        self._loading: set[int] = set()

    # -- filling --------------------------------------------------------------------------
    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self._ids = [i.id for i in items]
        self._cache = {i.id: i for i in items}
        self._loading.clear()
        self.endResetModel()

    def forget(self, item_id: int) -> None:
        """Drops a cached row (edited elsewhere): it is fetched again when shown."""
        self._cache.pop(item_id, None)
        if item_id in self._ids:
            self._row_changed(self._ids.index(item_id))

    def item_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def item(self, row: int):
        iid = self.item_id(row)
        return self._cache.get(iid) if iid is not None else None

    def _load(self, item_id: int) -> None:
        if item_id in self._loading:
            return
        self._loading.add(item_id)
        self._runner.run(self._fetch, item_id, name=self._task_name, on_done=self._loaded,
                         on_error=lambda _e: self._loading.discard(item_id))

    def _loaded(self, item) -> None:
        self._loading.discard(item.id)
        self._cache[item.id] = item
        if item.id in self._ids:
            self._row_changed(self._ids.index(item.id))

    # -- Qt model -------------------------------------------------------------------------
    def _size(self) -> int:
        return len(self._ids)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids) \
                or not 0 <= index.column() < len(self.KEYS):
            return None
        iid = self._ids[index.row()]
        if role == ID_ROLE:
            return iid
        item = self._cache.get(iid)
        if role == ITEM_ROLE:
            return item
        key = self.KEYS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(key)
        if role not in _SHOWN:
            return None
        if item is None:
            self._load(iid)
            return LOADING
        return self._text(item, key, role)

    def _alignment(self, key: str) -> int | None:
        return None

    def _text(self, item, key: str, role) -> str | None:
        raise NotImplementedError
