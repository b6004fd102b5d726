"""The product catalogue tab: search, add/edit/delete, CSV import and export (issue 4 §2).

Import reads the file and runs `catalogue_io.import_csv` in the task runner; it is
all-or-nothing, and the report lists every problem with its spreadsheet row and column.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import hs
from desktop.domain.errors import Violation
from desktop.services import catalogue_io
from desktop.services.changes import Changes
from desktop.ui import confirm
from desktop.ui.dialogs.product_editor import ProductDialog
from desktop.ui.i18n import language, tr
from desktop.ui.models.products import ProductsModel

MAX_ROWS = 5000  # one search shows at most this many products; narrow the search for more
_ROW_FIELD = re.compile(r"^row (\d+)\.?(\w*)$")


def import_problem(v: Violation) -> str:
    """'row 3.unit_value' → 'ligne 3, colonne unit_value : …' (row 1 is the header)."""
    m = _ROW_FIELD.match(v.field)
    if m and m.group(2):
        where = tr("ligne {row}, colonne {column}", row=m.group(1), column=m.group(2))
    elif m:
        where = tr("ligne {row}", row=m.group(1))
    else:
        where = v.field
    return Violation(where, v.rule, v.limit, v.actual, v.source, v.severity).describe(language())


def read_and_import(path: str, products) -> catalogue_io.ImportReport:
    """Worker thread: the file as Excel or a text editor saves it (UTF-8, with a BOM or not)."""
    return catalogue_io.import_csv(Path(path).read_text(encoding="utf-8-sig"), products)


def export_to(path: str, products) -> int:
    text = catalogue_io.export_all(products)
    Path(path).write_text(text, encoding="utf-8-sig", newline="")  # BOM: Excel reads UTF-8
    return text.count("\r\n") - 1


class ProductsView(QWidget):
    loaded = Signal(int)
    imported = Signal(object)  # ImportReport
    exported = Signal(int)  # rows written

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner, self.events = ctx, runner, events
        self.products = ctx.database.products
        self.model = ProductsModel(self.products, runner, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit(self)
        self.search.setObjectName("products_search")
        self.search.setPlaceholderText(tr("Rechercher un produit (SKU, EAN, description)…"))
        self.search.setClearButtonEnabled(True)
        self.add_button = QPushButton(tr("Ajouter…"), self)
        self.edit_button = QPushButton(tr("Modifier…"), self)
        self.delete_button = QPushButton(tr("Supprimer"), self)
        self.import_button = QPushButton(tr("Importer CSV…"), self)
        self.export_button = QPushButton(tr("Exporter CSV…"), self)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for button in (self.add_button, self.edit_button, self.delete_button,
                       self.import_button, self.export_button):
            top.addWidget(button)

        self.table = QTableView(self)
        self.table.setObjectName("products_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in (2, 3):  # the descriptions share the room left by the codes and numbers
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.count_label = QLabel(self)
        self.report = QLabel(self)
        self.report.setObjectName("import_report")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.report)
        layout.addWidget(self.count_label)

        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.reload)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        events.products.connect(self.reload)
        self._update_buttons()
        self.reload()
        runner.run(hs.exists, "000000", name="HS index")  # reads HS 2022 once, off the GUI

    # -- list -----------------------------------------------------------------------------
    def reload(self) -> None:
        text = self.search.text().strip()
        self.runner.run(self.products.search, text, MAX_ROWS, name="products",
                        on_done=lambda rows, asked=text: self._fill(asked, rows))

    def _fill(self, asked: str, products) -> None:
        if asked != self.search.text().strip():
            return  # stale: the clerk typed on
        self.model.set_products(products)
        self.table.resizeColumnsToContents()
        self.count_label.setText(tr("{n} produit(s)", n=len(products)))
        self.loaded.emit(len(products))

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.proxy.mapToSource(rows[0]).row() if rows else None

    def select_row(self, source_row: int) -> None:
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(source_row, 0)).row())

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # -- edit -----------------------------------------------------------------------------
    def open_dialog(self, product=None) -> ProductDialog:
        dialog = ProductDialog(self.products, self.runner, product, self)
        dialog.accepted.connect(lambda: self.events.publish(dialog.changes))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        self.dialog = dialog
        return dialog

    def add(self) -> ProductDialog:
        return self.open_dialog(None)

    def edit_selected(self) -> ProductDialog | None:
        row = self.selected_row()
        product = self.model.product(row) if row is not None else None
        return self.open_dialog(product) if product else None

    def delete_selected(self) -> bool:
        row = self.selected_row()
        product = self.model.product(row) if row is not None else None
        if product is None:
            return False
        if not confirm.ask(self, tr("Supprimer le produit"),
                           tr("Supprimer « {sku} — {name} » du catalogue ?", sku=product.sku,
                              name=product.description_fr)):
            return False
        self.runner.run(self.products.delete, product.id, name="delete product",
                        on_done=lambda _r: self.events.publish(Changes(products=True)),
                        on_error=lambda e: confirm.warn(self, tr("Supprimer le produit"),
                                                        str(e)))
        return True

    # -- CSV ------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Importer un catalogue CSV"), "",
                                              tr("Fichiers CSV (*.csv);;Tous les fichiers (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        self.import_button.setEnabled(False)
        self.runner.run(read_and_import, path, self.products, name="import products",
                        on_done=self._imported, on_error=self._import_failed)

    def _imported(self, report: catalogue_io.ImportReport) -> None:
        self.import_button.setEnabled(True)
        if report.ok:
            self.show_report(tr("{n} produit(s) importé(s).", n=report.written), ok=True)
            self.events.publish(Changes(products=True))
        else:
            head = tr("Import refusé, aucun produit enregistré : {n} problème(s).",
                      n=len(report.problems))
            self.show_report("\n".join([head, *(f"• {import_problem(v)}"
                                                for v in report.problems)]), ok=False)
        self.imported.emit(report)

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self.show_report(tr("Import impossible : {error}", error=str(exc)), ok=False)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Exporter le catalogue en CSV"),
                                              "produits.csv", tr("Fichiers CSV (*.csv)"))
        if path:
            self.export_file(path)

    def export_file(self, path: str) -> None:
        self.runner.run(export_to, path, self.products, name="export products",
                        on_done=lambda n, p=path: self._exported(n, p),
                        on_error=lambda e: self.show_report(
                            tr("Export impossible : {error}", error=str(e)), ok=False))

    def _exported(self, count: int, path: str) -> None:
        self.show_report(tr("{n} produit(s) exporté(s) → {path}", n=count, path=path), ok=True)
        self.exported.emit(count)

    def show_report(self, text: str, ok: bool) -> None:
        self.report.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")
        self.report.setText(text)
        self.report.show()
