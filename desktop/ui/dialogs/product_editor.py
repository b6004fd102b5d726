"""Add or edit a catalogue product, checked with the customs rules before it is stored.

A product is the source of customs lines, so it must already pass what a declaration
needs (docs/sources/customs.md §3): precise FR and EN descriptions (no stop word alone), an HS code of
6/8/10 digits that exists in HS 2022, an ISO origin, a real value (Decimal, not 0 or 1),
a weight in grams. `desktop.services.products.check_product` runs those checks (in the
task runner), then the repository refuses a duplicate SKU.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop.domain.customs import Product
from desktop.domain.errors import ValidationFailed
from desktop.services.products import check_product
from desktop.ui.dialogs.editor import EditorDialog
from desktop.ui.dialogs.hs_search import HsSearchDialog
from desktop.ui.i18n import N_, tr
from desktop.ui.models.customs_lines import value_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.field_errors import ErrorLabel, FieldErrors

FIELDS = (("sku", N_("SKU")), ("ean", N_("EAN")), ("description_fr", N_("Description (FR)")),
          ("description_en", N_("Description (EN)")), ("hs_code", N_("Code SH")),
          ("origin", N_("Origine")), ("unit_net_weight_g", N_("Poids net unitaire (g)")),
          ("unit_value", N_("Valeur unitaire")), ("currency", N_("Devise")))


class ProductDialog(EditorDialog):
    def __init__(self, products, runner: TaskRunner, product: Product | None = None,
                 parent: QWidget | None = None):
        title = tr("Modifier le produit") if product and product.id else tr("Nouveau produit")
        super().__init__(runner, title, parent)
        self._products, self._product = products, product
        self.errors = FieldErrors()
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, caption in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"product_{key}")
            self.edits[key] = edit
            err = ErrorLabel(self)
            widget: QWidget = edit
            if key == "hs_code":
                self.hs_button = QPushButton(tr("Rechercher…"), self)
                self.hs_button.clicked.connect(self.search_hs)
                widget = QWidget(self)
                row = QHBoxLayout(widget)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(edit, 1)
                row.addWidget(self.hs_button)
            form.addRow(tr(caption), widget)
            form.addRow("", err)
            self.errors.bind(key, edit, err)
        self.edits["description_fr"].setPlaceholderText(tr("ex. Tee-shirt homme en coton"))
        self.edits["description_en"].setPlaceholderText(tr("ex. Men's cotton T-shirt"))
        self.edits["origin"].setPlaceholderText("FR")
        self.edits["origin"].setMaxLength(2)
        self.edits["currency"].setPlaceholderText("EUR")
        self.edits["currency"].setMaxLength(3)
        self.body.addLayout(form)
        if product is not None:
            self.set_product(product)
        self.setMinimumWidth(560)

    def set_product(self, p: Product) -> None:
        values = {"sku": p.sku, "ean": p.ean, "description_fr": p.description_fr,
                  "description_en": p.description_en, "hs_code": p.hs_code, "origin": p.origin,
                  "unit_net_weight_g": str(p.unit_net_weight_g),
                  "unit_value": value_text(p.unit_value), "currency": p.currency}
        for key, text in values.items():
            self.edits[key].setText(text)

    def first_field(self):
        return self.edits["sku"]

    def is_empty(self) -> bool:
        return not any(e.text().strip() for e in self.edits.values())

    def record(self) -> dict:
        return {key: edit.text() for key, edit in self.edits.items()}

    def save_call(self):
        products, product_id = self._products, self._product.id if self._product else None

        def save(raw: dict):  # worker thread: no widget calls
            product, problems = check_product(raw, product_id)
            if problems:
                raise ValidationFailed(problems)
            return products.save(product)

        return save

    def place_errors(self, violations):
        return self.errors.show(violations)

    def search_hs(self) -> HsSearchDialog:
        query = self.edits["hs_code"].text() or self.edits["description_en"].text() \
            or self.edits["description_fr"].text()
        dialog = HsSearchDialog(self._runner, query, self)
        dialog.chosen.connect(self.edits["hs_code"].setText)
        dialog.open()
        self.hs_dialog = dialog
        return dialog

