"""The address-book table: contact ids in display order plus a lazy cache of the rows.

The search result gives ids and, usually, the contacts themselves; a row whose contact is
not cached (after an edit elsewhere) shows "…" and is fetched in the task runner, never on
the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain import countries
from desktop.domain.shipment import Contact
from desktop.ui.i18n import N_, language, tr

_ROOT = QModelIndex()  # the invalid index: a table has one level
COLUMNS = (("name", N_("Nom")), ("company", N_("Société")), ("street", N_("Adresse")),
           ("postcode", N_("Code postal")), ("city", N_("Ville")), ("country", N_("Pays")),
           ("phone", N_("Téléphone")), ("email", N_("E-mail")))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
CONTACT_ROLE = Qt.ItemDataRole.UserRole + 2
LOADING = "…"


class ContactsModel(QAbstractTableModel):
    def __init__(self, address_book, runner, parent=None):
        super().__init__(parent)
        self._book, self._runner = address_book, runner
        self._ids: list[int] = []
        self._cache: dict[int, Contact] = {}
        self._loading: set[int] = set()

    # -- filling --------------------------------------------------------------------------
    def set_contacts(self, contacts: list[Contact]) -> None:
        self.beginResetModel()
        self._ids = [c.id for c in contacts]
        self._cache = {c.id: c for c in contacts}
        self._loading.clear()
        self.endResetModel()

    def forget(self, contact_id: int) -> None:
        """Drops a cached row (edited elsewhere): it is fetched again when shown."""
        self._cache.pop(contact_id, None)
        if contact_id in self._ids:
            row = self._ids.index(contact_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def contact_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def contact(self, row: int) -> Contact | None:
        cid = self.contact_id(row)
        return self._cache.get(cid) if cid is not None else None

    def _load(self, contact_id: int) -> None:
        if contact_id in self._loading:
            return
        self._loading.add(contact_id)
        self._runner.run(self._book.get, contact_id, name="contact",
                         on_done=self._loaded, on_error=lambda _e: self._loading.discard(
                             contact_id))

    def _loaded(self, contact: Contact) -> None:
        self._loading.discard(contact.id)
        self._cache[contact.id] = contact
        if contact.id in self._ids:
            row = self._ids.index(contact.id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(COLUMNS)):
            return tr(COLUMNS[section][1])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        cid = self._ids[index.row()]
        if role == ID_ROLE:
            return cid
        contact = self._cache.get(cid)
        if role == CONTACT_ROLE:
            return contact
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if contact is None:
            self._load(cid)
            return LOADING
        a = contact.address
        key = COLUMNS[index.column()][0]
        if key == "street":
            return ", ".join(a.lines)
        if key == "country" and role == Qt.ItemDataRole.ToolTipRole:
            country = countries.get(a.country)
            return country.name(language()) if country else a.country
        return getattr(a, key)
