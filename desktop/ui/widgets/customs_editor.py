"""The counter's customs editor: shown only when a declaration is needed.

It says which form (CN22/CN23) and why (`declaration_need`), holds the category, invoice
number and the lines (`CustomsLinesModel`), adds catalogue products by SKU/EAN typed or
scanned (`customs_forms.add_product`, in the task runner), and revalidates on every edit
(`validate_declaration`): red cells with the message as tooltip, and a summary line per
problem ("ligne 3, code SH : …"). The counter reads `declaration()` into the draft shipment.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.address import Address
from desktop.domain.customs import CATEGORIES, CustomsDeclaration
from desktop.domain.customs_rules import (
    Need,
    declaration_need,
    validate_declaration,
)
from desktop.domain.customs_settings import CustomsSettings
from desktop.domain.errors import NotFound, ValidationFailed, Violation
from desktop.domain.input_rules import MAX_QUANTITY
from desktop.services import customs_forms
from desktop.ui.dialogs.hs_search import HsSearchDialog
from desktop.ui.i18n import N_, language, money, ntr, number, tr
from desktop.ui.models.customs_lines import CustomsLinesModel, value_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.field_errors import MESSAGE_STYLE, ErrorLabel, FieldErrors, message

CATEGORY_LABELS = {"gift": N_("Cadeau"), "commercial_sample": N_("Échantillon commercial"),
                   "documents": N_("Documents"), "returned_goods": N_("Marchandise retournée"),
                   "sale_of_goods": N_("Vente de marchandises"), "other": N_("Autre")}
DEFAULT_CATEGORY = "sale_of_goods"  # a shop's parcels are sales (UPU CN 23 box 10)

VISIBLE_LINES = 4  # a CN 22 has room for four lines (UPU layout); more lines scroll
MIN_DESCRIPTION_PX = 160  # the description stays readable in a narrow column


def violation_text(v: Violation) -> str:
    """A violation for the counter's summary: customs paths read 'Ligne 3, code SH'."""
    return message(v)


class CustomsEditor(QGroupBox):
    need_changed = Signal(bool)  # a declaration is (not) needed any more

    def __init__(self, products, runner: TaskRunner, parent: QWidget | None = None,
                 settings: CustomsSettings | None = None):
        super().__init__(tr("Déclaration en douane"), parent)
        self.setObjectName("customs_editor")
        self._products, self._runner = products, runner
        self._settings = settings or CustomsSettings.load()
        self.need: Need | None = None
        self._context = (Address(), Address(), "", None)  # sender, recipient, service, gross g
        self.field_errors = FieldErrors()
        self.violations: list[Violation] = []

        self.need_label = QLabel(self)
        self.need_label.setObjectName("customs_need")
        self.need_label.setWordWrap(True)
        self.need_label.setStyleSheet("background: #e3f2fd; padding: 4px; border-radius: 3px;")

        self.category = QComboBox(self)
        self.category.setObjectName("customs_category")
        for key in CATEGORIES:
            self.category.addItem(tr(CATEGORY_LABELS[key]), key)
        self.explanation = QLineEdit(self)
        self.explanation.setObjectName("customs_explanation")
        self.explanation.setPlaceholderText(tr("Précisez la nature de l'envoi"))
        self.invoice = QLineEdit(self)
        self.invoice.setObjectName("customs_invoice")
        self.invoice.setPlaceholderText(tr("obligatoire pour une vente"))
        # Stacked rows: the editor must fit a narrow column of the counter (1280×800).
        head = QGridLayout()
        head.setHorizontalSpacing(6)
        head.setVerticalSpacing(1)
        self.explanation_caption = QLabel(tr("Explication"), self)
        # One field a row: the editor has a page of its own (issue 10 §4), the messages under
        # each field get the page's width.
        for row, col, path, caption, widget in (
                (0, 0, "customs.category", QLabel(tr("Catégorie"), self), self.category),
                (2, 0, "customs.invoice_number", QLabel(tr("N° de facture"), self), self.invoice),
                (4, 0, "customs.explanation", self.explanation_caption, self.explanation)):
            err = ErrorLabel(self)
            span = 3
            head.addWidget(caption, row, col)
            head.addWidget(widget, row, col + 1, 1, span)
            head.addWidget(err, row + 1, col + 1, 1, span)
            self.field_errors.bind(path, widget, err)
        head.setColumnStretch(1, 3)
        head.setColumnStretch(3, 2)

        self.code = QLineEdit(self)
        self.code.setObjectName("customs_code")
        self.code.setPlaceholderText(tr("SKU ou EAN : saisir ou scanner, puis Entrée"))
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName("customs_quantity")
        self.quantity.setRange(1, MAX_QUANTITY)
        self.quantity.setPrefix("× ")
        self.add_button = QPushButton(tr("Ajouter"), self)
        self.blank_button = QPushButton(tr("Ligne vide"), self)
        self.remove_button = QPushButton(tr("Retirer la ligne"), self)
        self.hs_button = QPushButton(tr("Code SH…"), self)
        self.hs_button.setToolTip(tr("Chercher le code SH de la ligne choisie"))
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.code, 1)
        scan_row.addWidget(self.quantity)
        scan_row.addWidget(self.add_button)
        line_row = QHBoxLayout()
        for button in (self.blank_button, self.remove_button, self.hs_button):
            line_row.addWidget(button)
        line_row.addStretch(1)
        self.code_error = ErrorLabel(self)

        self.model = CustomsLinesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("customs_lines")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setFixedHeight(24 * (VISIBLE_LINES + 1) + 6)
        self.table.horizontalHeader().setStretchLastSection(False)

        self.totals = QLabel(self)
        self.totals.setObjectName("customs_totals")
        self.totals.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("customs_summary")
        self.summary.setStyleSheet(MESSAGE_STYLE)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.need_label)
        layout.addLayout(head)
        layout.addLayout(scan_row)
        layout.addWidget(self.code_error)
        layout.addWidget(self.table)
        layout.addLayout(line_row)
        layout.addWidget(self.totals)
        layout.addWidget(self.summary)
        layout.addStretch(1)

        self.category.currentIndexChanged.connect(self._category_changed)
        self.explanation.textChanged.connect(self.revalidate)
        self.invoice.textChanged.connect(self.revalidate)
        self.code.returnPressed.connect(self.add_code)
        self.add_button.clicked.connect(self.add_code)
        self.blank_button.clicked.connect(self.add_blank_line)
        self.remove_button.clicked.connect(self.remove_current_line)
        self.hs_button.clicked.connect(self.search_hs)
        self.model.lines_changed.connect(self._refresh_need)  # value and lines pick the form
        self.model.modelReset.connect(self._fit_columns)
        self.model.rowsInserted.connect(self._fit_columns)
        self.clear()
        self.hide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self, *_args) -> None:
        """Numbers sized to their contents; the description takes the rest (scrolls if narrow)."""
        self.table.resizeColumnsToContents()
        others = sum(self.table.columnWidth(c) for c in range(1, self.model.columnCount()))
        room = self.table.viewport().width() - others
        self.table.setColumnWidth(0, max(MIN_DESCRIPTION_PX, room))

    # -- need -----------------------------------------------------------------------------
    def update_need(self, sender: Address, recipient: Address, service_id: str,
                    gross_weight_g: int | None = None) -> Need | None:
        """Recomputes whether a declaration is needed, and which form; shows or hides."""
        self._context = (sender, recipient, service_id, gross_weight_g)
        before = bool(self.need and self.need.required)
        if not recipient.country:
            self.need = None
        else:
            items = self.model.items()
            value = sum((i.value for i in items), Decimal("0")) if items else None
            try:
                self.need = declaration_need(
                    sender, recipient, service_id, settings=self._settings, value=value,
                    currency=items[0].currency if items else "EUR",
                    gross_weight_g=gross_weight_g or None, category=self.category_id(),
                    lines=len(items) if items else None)
            except (KeyError, ValueError):  # an unknown territory: the address check says it
                self.need = None
        required = bool(self.need and self.need.required)
        self._show_need()
        self.setVisible(required)
        if required:
            self.revalidate()
        if required != before:
            self.need_changed.emit(required)
        return self.need

    def required(self) -> bool:
        return bool(self.need and self.need.required)

    def _show_need(self) -> None:
        if not self.required():
            self.need_label.setText("")
            return
        form = self.need.form or tr("CN22 ou CN23")
        self.need_label.setText(tr("<b>Formulaire : {form}</b> — {reason}", form=form,
                                   reason=self.need.reason_in(language())))

    # -- declaration ----------------------------------------------------------------------
    def category_id(self) -> str:
        return self.category.currentData() or DEFAULT_CATEGORY

    def current(self) -> CustomsDeclaration:
        return CustomsDeclaration(category=self.category_id(), items=self.model.items(),
                                  explanation=self.explanation.text().strip(),
                                  invoice_number=self.invoice.text().strip())

    def declaration(self) -> CustomsDeclaration | None:
        """The declaration for the draft shipment; None when none is needed."""
        return self.current() if self.required() else None

    def set_declaration(self, decl: CustomsDeclaration | None) -> None:
        if decl is None:
            self.clear()
            return
        self.category.setCurrentIndex(max(0, self.category.findData(decl.category)))
        self.explanation.setText(decl.explanation)
        self.invoice.setText(decl.invoice_number)
        self.model.set_items(decl.items)

    def clear(self) -> None:
        self.category.setCurrentIndex(self.category.findData(DEFAULT_CATEGORY))
        self.explanation.clear()
        self.invoice.clear()
        self.code.clear()
        self.quantity.setValue(1)
        self.code_error.set_messages([])
        self.model.set_items(())
        self.field_errors.clear()
        self.summary.setText("")

    def _category_changed(self) -> None:
        other = self.category_id() == "other"
        self.explanation.setVisible(other)
        self.explanation_caption.setVisible(other)
        self._refresh_need()

    def _refresh_need(self) -> None:
        if self.need is not None:
            self.update_need(*self._context)  # value and lines can change the form
        else:
            self.revalidate()

    # -- validation -----------------------------------------------------------------------
    def revalidate(self) -> list[Violation]:
        """Live checks of the declaration as typed (the counter's print checks it again)."""
        if not self.required():
            return []
        _sender, _recipient, service_id, gross = self._context
        found = validate_declaration(self.current(), gross_weight_g=gross or None,
                                     service_id=service_id, settings=self._settings)
        if not self.model.items():  # a fresh declaration: say what to do, not "error"
            found = [v for v in found if v.rule != "customs_no_items"]
        self.show_violations(found, from_print=False)
        self._show_totals()
        return found

    def show_violations(self, violations, from_print: bool = True) -> list[Violation]:
        """Places `customs.*` violations on cells and fields; returns the other ones."""
        violations = list(violations)
        mine = [v for v in violations if v.field == "customs" or v.field.startswith("customs.")]
        others = [v for v in violations if v not in mine]
        if from_print and not self.required() and not mine:
            return others
        typed = {v.field for v in self.model.input_errors()}
        mine = [v for v in mine if v.field not in typed]  # judged on the value before the typo
        self.violations = [*self.model.input_errors(), *mine]
        # Whatever no cell or field takes (lines, EORI) is in the summary with the rest.
        self.field_errors.show(self.model.set_violations(mine))
        lines = [f"{'•' if v.severity == 'error' else '⚠'} {v.describe(language())}"
                 for v in self.violations]
        self.summary.setText("\n".join(lines))
        self.summary.setVisible(bool(lines))
        return others

    def _show_totals(self) -> None:
        s = customs_forms.summary(self.current(), settings=self._settings)
        sdr = tr(" (≈ {sdr} DTS)", sdr=value_text(s.value_sdr)) if s.value_sdr is not None else ""
        self.totals.setText(ntr("Total : {n} article, {weight} g net, {value}{sdr}",
                                "Total : {n} articles, {weight} g net, {value}{sdr}",
                                s.quantity, weight=number(s.net_weight_g),
                                value=money(s.value, s.currency), sdr=sdr))
        self.total_summary = s

    # -- lines ----------------------------------------------------------------------------
    def add_code(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        quantity = self.quantity.value()
        self.code_error.set_messages([])
        self.add_button.setEnabled(False)
        self._runner.run(customs_forms.add_product, self.current(), self._products, code,
                         quantity, "en", name="customs product",
                         on_done=self._product_added,
                         on_error=lambda exc, asked=code: self._product_refused(asked, exc))

    def _product_added(self, decl: CustomsDeclaration) -> None:
        self.add_button.setEnabled(True)
        self.model.set_items(decl.items)
        self.code.clear()
        self.quantity.setValue(1)
        self.code.setFocus()  # ready for the next scan
        self.table.selectRow(len(decl.items) - 1)

    def _product_refused(self, code: str, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        if isinstance(exc, NotFound):
            text = tr("Aucun produit du catalogue n'a le code « {code} ».", code=code)
        elif isinstance(exc, ValidationFailed):
            text = exc.describe(language())
        else:
            text = tr("Erreur : {error}", error=str(exc))
        self.code_error.set_messages([text])
        self.code.selectAll()
        self.code.setFocus()

    def add_blank_line(self) -> int:
        row = self.model.append()
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.edit(self.model.index(row, 0))
        return row

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def remove_current_line(self) -> bool:
        row = self.current_row()
        if row is None:
            return False
        self.model.removeRows(row, 1)
        return True

    def search_hs(self) -> HsSearchDialog | None:
        row = self.current_row()
        if row is None:
            return None
        item = self.model.items()[row]
        dialog = HsSearchDialog(self._runner, item.hs_code or item.description, self)
        dialog.chosen.connect(lambda code, r=row: self.model.set_cell(r, "hs_code", code))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        self.hs_dialog = dialog
        return dialog


def follow_counter(counter, editor: CustomsEditor) -> None:
    """Recomputes the need when the destination, the service, the sender or the weight change.

    Connected to `textChanged` of the country and postcode fields, so addresses filled by
    code (a contact picked, the form cleared) count as well as typing.
    """
    def refresh(*_args) -> None:
        profile = counter.senders.current()
        sender = profile.address if profile else Address()  # default: the shop, in France
        parcel, _ = counter.parcel_panel.parcel()
        weight = parcel.weight_g if isinstance(parcel.weight_g, int) else None
        editor.update_need(sender, counter.recipient.form.address(),
                           counter.services.service_id(), weight)

    edits = counter.recipient.form.edits
    for name in ("country", "postcode"):
        edits[name].textChanged.connect(refresh)
    counter.recipient.changed.connect(refresh)
    counter.services.currentIndexChanged.connect(refresh)
    counter.senders.combo.currentIndexChanged.connect(refresh)
    counter.parcel_panel.weight_edit.textChanged.connect(refresh)
    counter.parcel_panel.changed.connect(refresh)
    refresh()

