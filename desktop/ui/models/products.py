"""The product catalogue table: product ids in display order plus a lazy cache of the rows.

A search gives the products themselves; a row dropped from the cache (edited elsewhere)
shows "…" and is fetched again in the task runner, never on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.domain import countries, hs
from desktop.domain.customs import Product
from desktop.ui.i18n import N_, language, tr
from desktop.ui.models.customs_lines import value_text

_ROOT = QModelIndex()
COLUMNS = (("sku", N_("SKU")), ("ean", N_("EAN")), ("description_fr", N_("Description (FR)")),
           ("description_en", N_("Description (EN)")), ("hs_code", N_("Code SH")),
           ("origin", N_("Origine")), ("unit_net_weight_g", N_("Poids net unitaire (g)")),
           ("unit_value", N_("Valeur unitaire")), ("currency", N_("Devise")))
KEYS = tuple(key for key, _ in COLUMNS)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
PRODUCT_ROLE = Qt.ItemDataRole.UserRole + 2
LOADING = "…"


class ProductsModel(QAbstractTableModel):
    def __init__(self, products, runner, parent=None):
        super().__init__(parent)
        self._products, self._runner = products, runner
        self._ids: list[int] = []
        self._cache: dict[int, Product] = {}
        self._loading: set[int] = set()

    # -- filling --------------------------------------------------------------------------
    def set_products(self, products: list[Product]) -> None:
        self.beginResetModel()
        self._ids = [p.id for p in products]
        self._cache = {p.id: p for p in products}
        self._loading.clear()
        self.endResetModel()

    def forget(self, product_id: int) -> None:
        self._cache.pop(product_id, None)
        if product_id in self._ids:
            row = self._ids.index(product_id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(KEYS) - 1))

    def product_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def product(self, row: int) -> Product | None:
        pid = self.product_id(row)
        return self._cache.get(pid) if pid is not None else None

    def _load(self, product_id: int) -> None:
        if product_id in self._loading:
            return
        self._loading.add(product_id)
        self._runner.run(self._products.get, product_id, name="product", on_done=self._loaded,
                         on_error=lambda _e: self._loading.discard(product_id))

    def _loaded(self, product: Product) -> None:
        self._loading.discard(product.id)
        self._cache[product.id] = product
        if product.id in self._ids:
            row = self._ids.index(product.id)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(KEYS) - 1))

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
        if not index.isValid() or not 0 <= index.row() < len(self._ids) \
                or not 0 <= index.column() < len(KEYS):
            return None
        pid = self._ids[index.row()]
        if role == ID_ROLE:
            return pid
        product = self._cache.get(pid)
        if role == PRODUCT_ROLE:
            return product
        key = KEYS[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("unit_net_weight_g",
                                                                 "unit_value"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if product is None:
            self._load(pid)
            return LOADING
        value = getattr(product, key)
        if key == "unit_value":
            return value_text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "origin":
                country = countries.get(value)
                return country.name(language()) if country else value
            if key == "hs_code":
                entry = hs.get(value[:6]) if value else None
                return entry.description if entry else None
        if key == "hs_code" and len(value) > 4:
            return f"{value[:4]} {value[4:]}"  # "6205 20" as on the forms
        return str(value)
