"""The customs editor's table: one row per `CustomsItem`, edited inline.

Cells are edited as text and parsed here: quantities and grams as integers, values with
`input_rules.parse_amount` (never a float). Text that does not parse leaves the line unchanged and
marks the cell with its own violation; the rules' violations (`validate_declaration`,
paths `customs.items[i].field`) come in through `set_violations` and colour their cells.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from desktop.domain.customs import CustomsItem
from desktop.domain.errors import Violation
from desktop.domain.input_rules import MAX_QUANTITY, clean_text, parse_amount
from desktop.domain.money import CENT
from desktop.domain.parcel import MAX_PLAUSIBLE_WEIGHT_G
from desktop.ui.i18n import N_, language, tr

_ROOT = QModelIndex()
# (field, short header for a narrow column, full name as the header's tooltip)
COLUMNS = (("description", N_("Description précise"), N_("Description précise")),
           ("quantity", N_("Qté"), N_("Quantité")),
           ("net_weight_g", N_("Net g"), N_("Poids net de la ligne (g)")),
           ("value", N_("Valeur"), N_("Valeur de la ligne, hors taxes")),
           ("currency", N_("Dev."), N_("Devise")), ("hs_code", N_("Code SH"), N_("Code SH")),
           ("origin", N_("Orig."), N_("Pays d'origine")))
KEYS = tuple(key for key, _, _ in COLUMNS)
NUMERIC = {"quantity", "net_weight_g", "value"}
ERROR_BRUSH = QBrush(QColor("#ffcdd2"))
WARNING_BRUSH = QBrush(QColor("#fff3e0"))
ITEM_PATH = re.compile(r"^customs\.items\[(\d+)\]\.(\w+)$")


def item_path(row: int, key: str) -> str:
    return f"customs.items[{row}].{key}"


def value_text(value: Decimal) -> str:
    """'12.5' → '12,50' in French, '12.50' in English: always to the cent on screen."""
    cents = value.quantize(CENT)
    text = str(cents if cents == value else value)  # sub-cent input stays visible (an error)
    return text.replace(".", ",") if language() == "fr" else text


class CustomsLinesModel(QAbstractTableModel):
    lines_changed = Signal()  # after any edit, insert or removal

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[CustomsItem] = []
        self._input_errors: dict[tuple[int, str], Violation] = {}  # text that did not parse
        self._violations: dict[tuple[int, str], list[Violation]] = {}

    # -- content --------------------------------------------------------------------------
    def items(self) -> tuple[CustomsItem, ...]:
        return tuple(self._items)

    def set_items(self, items) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._input_errors.clear()
        self._violations.clear()
        self.endResetModel()
        self.lines_changed.emit()

    def append(self, item: CustomsItem | None = None) -> int:
        row = len(self._items)
        self.beginInsertRows(_ROOT, row, row)
        self._items.append(item or CustomsItem(description="", quantity=1, net_weight_g=0,
                                               value=Decimal("0")))
        self.endInsertRows()
        self.lines_changed.emit()
        return row

    def removeRows(self, row: int, count: int, parent=_ROOT) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._items):
            return False
        self.beginRemoveRows(parent, row, row + count - 1)
        del self._items[row:row + count]
        # Rows below moved up: their marks no longer match; the editor revalidates.
        self._input_errors.clear()
        self._violations.clear()
        self.endRemoveRows()
        self.lines_changed.emit()
        return True

    def input_errors(self) -> list[Violation]:
        return list(self._input_errors.values())

    def set_violations(self, violations) -> list[Violation]:
        """Marks the cells named by `customs.items[i].field`; returns the others."""
        left: list[Violation] = []
        self._violations = {}
        for v in violations:
            m = ITEM_PATH.match(v.field)
            if m and int(m.group(1)) < len(self._items) and m.group(2) in KEYS:
                if (int(m.group(1)), m.group(2)) in self._input_errors:
                    continue  # the rules judged the old value; the typed text is the problem
                self._violations.setdefault((int(m.group(1)), m.group(2)), []).append(v)
            else:
                left.append(v)
        if self._items:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._items) - 1, len(KEYS) - 1))
        return left

    def cell_violations(self, row: int, key: str) -> list[Violation]:
        own = self._input_errors.get((row, key))
        return ([own] if own else []) + self._violations.get((row, key), [])

    # -- Qt model -------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr(COLUMNS[section][2])
            return tr(COLUMNS[section][1]) if role == Qt.ItemDataRole.DisplayRole else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._items):
            return str(section + 1)  # "ligne 3" in the messages is the row headed 3
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items) \
                or not 0 <= index.column() < len(KEYS):
            return None
        row, key = index.row(), KEYS[index.column()]
        item = self._items[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            raw = self._input_errors.get((row, key))
            if raw is not None:
                return str(raw.actual)  # what the clerk typed stays visible until fixed
            value = getattr(item, key)
            if key == "value":
                return value_text(value)
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        problems = self.cell_violations(row, key)
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            errors = any(v.severity == "error" for v in problems)
            return ERROR_BRUSH if errors else WARNING_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(v.describe(language()) for v in problems)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() \
                or not 0 <= index.row() < len(self._items):
            return False
        row, key = index.row(), KEYS[index.column()]
        text = "" if value is None else str(value).strip()
        parsed, problem = _parse(key, text, item_path(row, key))
        if problem is not None:
            self._input_errors[(row, key)] = problem
        else:
            self._input_errors.pop((row, key), None)
            self._items[row] = replace(self._items[row], **{key: parsed})
        self._violations.pop((row, key), None)  # the rules speak again after revalidation
        self.dataChanged.emit(index, index)
        self.lines_changed.emit()
        return problem is None

    def set_cell(self, row: int, key: str, text: str) -> bool:
        return self.setData(self.index(row, KEYS.index(key)), text)


def _parse(key: str, text: str, path: str):
    """(value, None) or (None, Violation) for the text typed in a cell."""
    text, problem = clean_text(path, text)  # bounded, no control character, NFC
    if problem:
        return None, problem
    if key in ("quantity", "net_weight_g"):
        digits = text.replace(" ", "").replace("\u00a0", "")
        if not digits.isdigit():
            return None, Violation(path, "not_a_number", actual=text)
        if key == "quantity" and (len(digits) > 4 or int(digits) > MAX_QUANTITY):
            return None, Violation(path, "max_value", limit=MAX_QUANTITY, actual=digits[:12])
        if len(digits) > 7 or int(digits) > MAX_PLAUSIBLE_WEIGHT_G:  # a line is in the parcel
            return None, Violation(path, "max_value", limit=MAX_PLAUSIBLE_WEIGHT_G,
                                   actual=digits[:12])
        return int(digits), None
    if key == "value":
        return parse_amount(path, text)
    if key in ("currency", "origin"):
        return text.upper(), None
    if key == "hs_code":
        return re.sub(r"[\s.]", "", text), None  # "6205 20" as written on forms
    return text, None
