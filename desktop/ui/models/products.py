"""The product catalogue table: product ids in display order plus a lazy cache of the rows.

A search gives the products themselves; a row dropped from the cache (edited elsewhere)
shows "…" and is fetched again in the task runner, never on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain import countries, hs
from desktop.domain.customs import Product
from desktop.ui.i18n import N_, language
from desktop.ui.models.customs_lines import value_text
from desktop.ui.models.id_table import ID_ROLE, ITEM_ROLE, LOADING, IdTableModel

__all__ = ["COLUMNS", "ID_ROLE", "KEYS", "LOADING", "PRODUCT_ROLE", "ProductsModel"]

COLUMNS = (("sku", N_("SKU")), ("ean", N_("EAN")), ("description_fr", N_("Description (FR)")),
           ("description_en", N_("Description (EN)")), ("hs_code", N_("Code SH")),
           ("origin", N_("Origine")), ("unit_net_weight_g", N_("Poids net unitaire (g)")),
           ("unit_value", N_("Valeur unitaire")), ("currency", N_("Devise")))
KEYS = tuple(key for key, _ in COLUMNS)
PRODUCT_ROLE = ITEM_ROLE
_NUMBERS = ("unit_net_weight_g", "unit_value")  # right-aligned


class ProductsModel(IdTableModel):
    KEYS = KEYS
    HEADERS = tuple(header for _, header in COLUMNS)

    def __init__(self, products, runner, parent=None):
        super().__init__(products.get, runner, "product", parent)

    set_products = IdTableModel.set_items
    product_id = IdTableModel.item_id
    product = IdTableModel.item

    def _alignment(self, key: str) -> int | None:
        if key in _NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, product: Product, key: str, role) -> str | None:
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
