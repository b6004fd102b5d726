"""The product catalogue tab: search, add/edit/delete, CSV import and export.

Import reads the file and runs `catalogue_io.import_csv` in the task runner; it is
all-or-nothing, and the report lists every problem with its spreadsheet row and column.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QPushButton, QWidget

from desktop.domain import hs
from desktop.domain.errors import Violation
from desktop.services import catalogue_io
from desktop.services.changes import Changes
from desktop.services.user_files import open_private
from desktop.ui.dialogs.product_editor import ProductDialog
from desktop.ui.i18n import Nn_, language, ntr, tr
from desktop.ui.models.products import ProductsModel
from desktop.ui.views.search_table import SearchTableView

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
    return v.describe(language(), label=where)  # the column as headed in the user's file


def read_and_import(path: str, products) -> catalogue_io.ImportReport:
    """Worker thread: the file as Excel or a text editor saves it (UTF-8, with a BOM or not)."""
    return products.import_file(path)


def export_to(path: str, products) -> int:
    text = products.export_csv()
    with open_private(path) as out:  # BOM: Excel reads UTF-8; 0600: the shop's data
        out.write(text)
    return text.count("\r\n") - 1


class ProductsView(SearchTableView):
    imported = Signal(object)  # ImportReport
    exported = Signal(int)  # rows written

    MAX_ROWS = MAX_ROWS
    SEARCH_TASK = "products"
    COUNT_TEXT = Nn_("{n} produit", "{n} produits")

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        products = ctx.products  # desktop.services.product_catalogue.ProductCatalogue
        super().__init__(ctx, runner, events, ProductsModel(products, runner),
                         search=products.search, search_name="products_search",
                         placeholder=tr("Rechercher un produit (SKU, EAN, description)…"),
                         changed=events.products, parent=parent)
        self.products = products
        self.import_button = QPushButton(tr("Importer CSV…"), self)
        self.export_button = QPushButton(tr("Exporter CSV…"), self)
        for button in (self.import_button, self.export_button):
            self.top.addWidget(button)
        self.table.setObjectName("products_table")
        header = self.table.horizontalHeader()
        for col in (2, 3):  # the descriptions share the room left by the codes and numbers
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.report = QLabel(self)
        self.report.setObjectName("import_report")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report.hide()
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.count_label), self.report)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        runner.run(hs.exists, "000000", name="HS index")  # reads HS 2022 once, off the GUI

    # -- edit -----------------------------------------------------------------------------
    def make_dialog(self, product) -> ProductDialog:
        return ProductDialog(self.products, self.runner, product, self)

    def delete_selected(self) -> bool:
        product = self.selected_item()
        if product is None:
            return False
        return self._delete(tr("Supprimer le produit"),
                            tr("Supprimer « {sku} — {name} » du catalogue ?", sku=product.sku,
                               name=product.description_fr),
                            self.products.delete, product.id, name="delete product",
                            on_done=self.events.publish)

    # -- CSV ------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Importer un catalogue CSV"), "",
                                              tr("Fichiers CSV (*.csv);;Tous les fichiers (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        self.import_button.setEnabled(False)
        self.runner.write(read_and_import, path, self.products, name="import products",
                        on_done=self._imported, on_error=self._import_failed)

    def _imported(self, report: catalogue_io.ImportReport) -> None:
        self.import_button.setEnabled(True)
        if report.ok:
            self.show_report(ntr("{n} produit importé.", "{n} produits importés.", report.written), ok=True)
            self.events.publish(Changes(products=True))
        else:
            head = ntr("Import refusé, aucun produit enregistré : {n} problème.",
                       "Import refusé, aucun produit enregistré : {n} problèmes.",
                       len(report.problems))
            self.show_report("\n".join([head, *(f"• {import_problem(v)}"
                                                for v in report.problems)]), ok=False)
        self.imported.emit(report)

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        text = exc.describe(language()) if hasattr(exc, "describe") else str(exc)
        self.show_report(tr("Import impossible : {error}", error=text), ok=False)

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
        self.show_report(ntr("{n} produit exporté → {path}", "{n} produits exportés → {path}", count, path=path), ok=True)
        self.exported.emit(count)

    def show_report(self, text: str, ok: bool) -> None:
        self.report.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")
        self.report.setText(text)
        self.report.show()
