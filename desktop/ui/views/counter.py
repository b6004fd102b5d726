"""The counter screen: recipient → weight → sender/service → Print (Ctrl+P, F12).

Print builds a typed `ShipmentDraft` and submits it to the one counter operation
(`ctx.counter.submit`, in the task runner): it validates, numbers, saves the shipment and
the contact, and queues the documents in one transaction, then prints. A refusal stores
nothing and its violations are shown next to their fields and in a summary. After a print
the form is cleared for the next parcel.
The screen is a composition of separate widgets so that later work (service picker with
reasons, customs editor) adds widgets instead of growing this file.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.draft import ShipmentDraft, ShipmentOptions
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.printing import JobOutcome
from desktop.domain.shipment import MAX_REFERENCE_LENGTH, Shipment
from desktop.domain.tracking import group_number
from desktop.services.counter_operation import Reopened, Submitted
from desktop.services.offline_drafts import Kept
from desktop.ui.dialogs.label_preview import PREVIEW_KEY, LabelPreviewDialog
from desktop.ui.document_names import document_name
from desktop.ui.i18n import language, tr
from desktop.ui.widgets.customs_editor import CustomsEditor, follow_counter, violation_text
from desktop.ui.widgets.division_picker import DivisionPicker
from desktop.ui.widgets.field_errors import ErrorLabel, FieldErrors, message
from desktop.ui.widgets.form_number import FormNumberEdit
from desktop.ui.widgets.options_panel import OptionsPanel
from desktop.ui.widgets.recipient_panel import RecipientPanel
from desktop.ui.widgets.sender_picker import SenderPicker
from desktop.ui.widgets.service_panel import ServicePanel
from desktop.ui.widgets.weight_panel import WeightPanel, bench_name

PRINT_KEYS = ("Ctrl+P", "F12")
# Outcome colours: success green, warning amber, refusal red (issue 10 §3).
SUCCESS_STYLE = "color: #2e7d32; font-weight: bold;"
WARNING_STYLE = ("color: #8a4b00; background: #fff3e0; border-left: 4px solid #ef6c00;"
                 " padding: 4px;")
ERROR_STYLE = "color: #c62828; font-weight: bold;"
# The counter's keys (issue 10 §2): shown in the main window's "Colis" menu and the F1 sheet.
SEARCH_KEY = "Ctrl+F"
NEW_PARCEL_KEY = "Ctrl+N"
FORM_NUMBER_KEY = "F4"
CONTENTS_KEY = "F6"
CUSTOMS_KEY = "F7"
# Main window: the shipment the carrier refused after the counter let it go, opened here.
CORRECT_REFUSED_KEY = "Ctrl+Shift+R"


class CounterView(QWidget):
    shipped = Signal(object)  # desktop.services.counter_operation.Submitted
    refused = Signal(object)  # tuple[Violation, ...]
    print_failed = Signal(str)
    kept_offline = Signal(str)  # the server did not answer: the draft waits on this bench
    sender_needed = Signal()

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner, self.events = ctx, runner, events
        self.busy = False
        # The shipment the carrier just refused (kept, nothing created there): the next Print
        # sends the corrected form as that same shipment.
        self.refused_shipment_id: int | None = None
        self._want_form_number = False
        self.errors = FieldErrors()

        self.recipient = RecipientPanel(ctx.address_book, runner, self)
        self.customs = CustomsEditor(ctx.products, runner, self)  # issue 4 §6
        self.parcel_panel = WeightPanel(self)
        self.shipment_box = self._build_shipment_box()
        self.print_button = QPushButton(tr("Imprimer") + "   (F12)", self)
        self.print_button.setObjectName("print_button")
        font = QFont(self.print_button.font())
        font.setPointSize(18)
        font.setBold(True)
        self.print_button.setFont(font)
        self.print_button.setMinimumHeight(64)
        self.print_button.setStyleSheet(
            "QPushButton { background: #1565c0; color: white; border-radius: 6px; }"
            "QPushButton:disabled { background: #90a4ae; }")
        self.print_button.setToolTip(tr("Valider, enregistrer et imprimer l'étiquette "
                                         "(Ctrl+P ou F12)"))
        self.print_button.clicked.connect(self.print_label)
        for keys, slot in ((PRINT_KEYS[0], self.print_label), (PRINT_KEYS[1], self.print_label),
                           (SEARCH_KEY, self.focus_search), (NEW_PARCEL_KEY, self.new_parcel),
                           (FORM_NUMBER_KEY, self.focus_form_number),
                           (CONTENTS_KEY, self.toggle_contents),
                           (CUSTOMS_KEY, self.focus_customs)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        preview_key = QShortcut(QKeySequence(PREVIEW_KEY), self)
        preview_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        preview_key.activated.connect(self.open_preview)
        self.preview_dialog: LabelPreviewDialog | None = None
        self.outcome = OutcomeLabel(self)
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome_warnings = QLabel(self)  # amber: printed, but something to check
        self.outcome_warnings.setObjectName("outcome_warnings")
        self.outcome_warnings.setWordWrap(True)
        self.outcome_warnings.setStyleSheet(WARNING_STYLE)
        self.outcome_warnings.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome_warnings.hide()
        self.last_result: Submitted | None = None
        self.sender_banner = self._build_sender_banner()

        # The customs declaration has a page of its own beside the recipient (issue 10 §4):
        # both need the column's full height at 1366×768. Its tab shows only when needed.
        left = QTabWidget(self)
        left.setObjectName("counter_left_tabs")
        left.setDocumentMode(True)
        left.addTab(_vertical_scroll(self.recipient, self), tr("Destinataire"))
        left.addTab(_vertical_scroll(self.customs, self), tr("Déclaration en douane"))
        left.setTabVisible(1, False)
        self.recipient.setTitle("")  # the tab says it
        self.customs.setTitle("")
        self.left_tabs = left
        self.customs.need_changed.connect(self._customs_need_changed)
        # The parcel and the shipment scroll when the screen is short (a long prohibited list,
        # the scale simulator); the result and Print stay in sight below them.
        middle = QWidget(self)
        middle_column = QVBoxLayout(middle)
        middle_column.setContentsMargins(0, 0, 0, 0)
        middle_column.addWidget(self.sender_banner)
        middle_column.addWidget(self.parcel_panel)
        middle_column.addWidget(self.shipment_box)
        middle_column.addStretch(1)
        # Held here: a scroll area put into a layout not yet on a widget would otherwise be
        # owned by that Python layout object, and a garbage collection would delete it.
        self.middle_scroll = _vertical_scroll(middle, self)
        right = QVBoxLayout()
        right.addWidget(self.middle_scroll, 1)
        right.addWidget(self.outcome)
        right.addWidget(self.outcome_warnings)
        right.addWidget(self.print_button)
        layout = QHBoxLayout(self)
        layout.addWidget(left, 5)
        layout.addLayout(right, 4)
        layout.addWidget(self._build_service_column(), 4)
        self._service_changed()

        for path in self.recipient.form.errors.paths():
            self.errors.bind(path, *_pair(self.recipient.form.errors, path))
        for path in self.parcel_panel.errors.paths():
            self.errors.bind(path, *_pair(self.parcel_panel.errors, path))
        self._set_tab_order()
        self.reference.installEventFilter(self)
        # Service hints follow the destination and the parcel (carrier admission rules).
        self._suggest_timer = QTimer(self, singleShot=True, interval=300)
        self._suggest_timer.timeout.connect(self.suggest_services)
        self.recipient.changed.connect(self._suggest_timer.start)
        self.recipient.changed.connect(self._update_division_picker)
        self.parcel_panel.changed.connect(self._suggest_timer.start)
        # The next parcel begins: the last one's result goes (issue 10 §3).
        self.recipient.changed.connect(self._next_parcel_begins)
        self.parcel_panel.changed.connect(self._next_parcel_begins)
        self.recipient.search.textEdited.connect(self._next_parcel_begins)
        self.parcel_panel.weight_taken.connect(self._weight_taken)
        events.settings.connect(self._suggest_timer.start)  # contract tables edited: new verdict
        self.senders.loaded.connect(self._senders_loaded)
        self.senders.create_requested.connect(self.sender_needed)
        events.sender_profiles.connect(self.senders.reload)
        self.senders.reload()
        follow_counter(self, self.customs)

    # -- layout ---------------------------------------------------------------------------
    def _build_shipment_box(self) -> QGroupBox:
        box = QGroupBox(tr("Envoi"), self)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._rows: dict[str, QVBoxLayout] = {}
        self.senders = SenderPicker(self.ctx.senders, self.runner, box)
        self.services = ServicePanel(self.ctx.catalogue, self)
        self.options_panel = OptionsPanel(self.ctx.admission.option_states, self)
        # Nova Post: the branch / locker, searched near the recipient [N 5.3].
        self.division_picker = DivisionPicker(self.ctx.pickup_points, self.runner, self)
        self.division_picker.chosen.connect(self._division_chosen)
        self.options_panel.attach_below("division_id", self.division_picker)
        self.options_panel.changed.connect(self._update_division_picker)
        self.reference = QLineEdit(box)
        self.reference.setObjectName("reference")
        self.reference.setMaxLength(MAX_REFERENCE_LENGTH * 2)  # longer shows the rule's error
        self.reference.setPlaceholderText(tr("n° de commande, facultatif"))
        self.form_number = FormNumberEdit(box)
        self.contents_box = QCheckBox(tr("Contenu vérifié : aucun article interdit"), box)
        self.contents_box.setObjectName("contents_confirmed")
        self.contents_box.setToolTip(tr("Liste des contenus interdits du transporteur vérifiée "
                                        "pour ce colis"))
        for path, widget, label in (("sender", self.senders, tr("Expéditeur")),
                                    ("tracking_number", self.form_number,
                                     tr("N° du formulaire / suivi")),
                                    ("options.contents_confirmed", self.contents_box, ""),
                                    ("reference", self.reference, tr("Référence"))):
            err = ErrorLabel(box)
            col = QVBoxLayout()
            col.setSpacing(1)
            col.addWidget(widget)
            col.addWidget(err)
            form.addRow(label, col)
            self._rows[path] = col
            self.errors.bind(path, widget, err)
        self.errors.alias("options", "options.contents_confirmed")
        # The carrier's prohibited contents, in sight of the box the clerk ticks [C 5.4], [N 9].
        self.prohibited_label = QLabel(box)
        self.prohibited_label.setObjectName("prohibited_contents")
        self.prohibited_label.setWordWrap(True)
        self.prohibited_label.setStyleSheet("color: #555; font-size: 11px;")
        self._rows["options.contents_confirmed"].insertWidget(1, self.prohibited_label)
        self._shipment_form = form
        self.services.service_changed.connect(self._service_changed)
        self.options_panel.changed.connect(lambda: self._suggest_timer.start())
        return box

    def _build_service_column(self) -> QScrollArea:
        """Service list with the verdict, then the options of the chosen service."""
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        self.service_error = ErrorLabel(body)
        column.addWidget(self.services, 3)
        column.addWidget(self.service_error)
        column.addWidget(self.options_panel)
        column.addStretch(1)
        self.errors.bind("service", self.services.list, self.service_error)
        return _vertical_scroll(body, self)  # rows wrap

    def _service_changed(self, *_args) -> None:
        """The form number is asked only where the carrier gives it (Colissimo, Nova Post)."""
        sid = self.services.service_id()
        service = self.ctx.catalogue.get(sid) if sid and self.ctx.catalogue.has(sid) else None
        self._shipment_form.setRowVisible(self._rows["tracking_number"],
                                          self.form_number.needed_for(service))
        self.options_panel.set_service(service)
        self._update_division_picker()
        self._set_tab_order()  # the options panel may have new widgets
        if self._want_form_number and self.form_number_needed() and not self.form_number.text():
            self._want_form_number = False
            self.form_number.setFocus()  # the weight is in: the scan comes next
        names = [p.text(language()) for p in service.prohibited] if service else []
        self.prohibited_label.setText(
            tr("Interdits ({carrier}) : {items}", carrier=service.carrier_name,
               items=", ".join(names)) if names else "")
        self.prohibited_label.setVisible(bool(names))

    def _update_division_picker(self) -> None:
        """The picker shows while the service and its variant need a division."""
        if self.ctx.pickup_points is None:
            return
        self.division_picker.set_request(self.services.service_id() or "",
                                         self.recipient.form.address(),
                                         self.options_panel.options())

    def _division_chosen(self, point) -> None:
        """The chosen division's id goes into the option the draft and the carrier read."""
        self.options_panel.set_options({"division_id": point.id})
        self._suggest_timer.start()

    def _build_sender_banner(self) -> QFrame:
        banner = QFrame(self)
        banner.setObjectName("sender_banner")
        banner.setStyleSheet("#sender_banner { background: #fff3e0; border: 1px solid #ef6c00;"
                             " border-radius: 4px; }")
        row = QHBoxLayout(banner)
        text = QLabel(tr("Aucun profil expéditeur : créez-en un pour pouvoir imprimer."), banner)
        text.setWordWrap(True)
        button = QPushButton(tr("Créer le profil expéditeur…"), banner)
        button.clicked.connect(self.sender_needed)
        row.addWidget(text, 1)
        row.addWidget(button)
        banner.hide()
        return banner

    def _set_tab_order(self) -> None:
        """Screen order: recipient, parcel, sender and service, its options, the form number
        and the checks, the customs declaration, then Print (issue 10 §2)."""
        form = self.recipient.form.edits
        chain = [self.recipient.search, self.recipient.new_button, *form.values(),
                 self.recipient.save_box,
                 self.parcel_panel.weight_edit, self.parcel_panel.take_button,
                 *self.parcel_panel.dims.values(),
                 self.senders.combo, self.services.list,
                 *focusable_children(self.options_panel),
                 self.form_number, self.contents_box, self.reference,
                 *focusable_children(self.customs),
                 self.print_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # -- keyboard -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.recipient.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.recipient.search.selectAll()

    def new_parcel(self) -> None:
        """Ctrl+N: an empty form for the next parcel (nothing stored)."""
        self.clear_form()
        self.outcome.clear()
        self.outcome_warnings.hide()

    def form_number_needed(self) -> bool:
        return self.form_number.needed

    def focus_form_number(self) -> None:
        if self.form_number_needed():
            self.form_number.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.form_number.selectAll()

    def toggle_contents(self) -> None:
        if self.contents_box.isVisible():
            self.contents_box.setChecked(not self.contents_box.isChecked())
            self.contents_box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_customs(self) -> None:
        if self.customs.required():
            self.left_tabs.setCurrentIndex(1)
            self.customs.code.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _customs_need_changed(self, required: bool) -> None:
        """The customs page shows when a declaration is needed; it comes forward at once
        unless the clerk is typing the address (then its tab is marked, F7 opens it)."""
        self.left_tabs.setTabVisible(1, required)
        focus = QApplication.focusWidget()
        typing_address = focus is not None and self.recipient.form.isAncestorOf(focus)
        if not required:
            self.left_tabs.setCurrentIndex(0)
        elif not typing_address:
            self.left_tabs.setCurrentIndex(1)
        self._set_tab_order()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Tab from the reference goes on to the customs page when there is one."""
        if (watched is self.reference and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Tab and not event.modifiers()
                and self.customs.required()):
            self.left_tabs.setCurrentIndex(1)
            self.customs.category.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _weight_taken(self, _grams: int) -> None:
        """F2 took the weight: the form number is next when the service needs one (the
        service may still change with the verdict: `_service_changed` follows it)."""
        if self.form_number_needed() and not self.form_number.text():
            self.form_number.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._want_form_number = True

    def _next_parcel_begins(self) -> None:
        if self.last_result is not None:
            self.last_result = None
            self.outcome.clear()
            self.outcome.setStyleSheet("")
            self.outcome_warnings.hide()

    def _senders_loaded(self, count: int) -> None:
        self.sender_banner.setVisible(count == 0)

    def focus_start(self) -> None:
        self.recipient.search.setFocus()

    def scale_reading(self, reading) -> None:
        self.parcel_panel.show_reading(reading)

    # -- print ----------------------------------------------------------------------------
    def open_preview(self) -> LabelPreviewDialog:
        """The label of the current draft, in a side window (Ctrl+Shift+P)."""
        if self.preview_dialog is None:
            self.preview_dialog = LabelPreviewDialog(self.ctx, self.runner, self)
        self.preview_dialog.show()
        self.preview_dialog.show_draft(self.build_draft())
        return self.preview_dialog

    def build_draft(self) -> ShipmentDraft:
        """The draft as the form holds it, with the problems only the form can see."""
        parcel, problems = self.parcel_panel.parcel()
        options, option_problems = ShipmentOptions.parse(self.options())
        return ShipmentDraft(
            sender=self.senders.current(), recipient=self.recipient.form.address(),
            service_id=self.services.service_id(), parcel=parcel, options=options,
            customs=self.customs.declaration(), reference=self.reference.text().strip(),
            tracking_number=self.form_number_value(), contact_id=self.recipient.contact_id(),
            save_contact=self.recipient.contact_to_save() is not None,
            problems=(*problems, *option_problems),
            weighing=self.parcel_panel.weighing(bench_name(self.ctx.settings)))

    def build_shipment(self) -> tuple[Shipment, list[Violation]]:
        """The shipment the draft describes (service hints, customs need), and its problems."""
        draft = self.build_draft()
        problems = list(draft.problems)
        if draft.sender is None:
            problems.append(Violation("sender", "required"))
        return draft.to_shipment(), problems

    def form_number_value(self) -> str | None:
        """The scanned form number, only for services whose number may come from a form."""
        if not self.form_number.needed:
            return None
        return self.form_number.number() or None

    def options(self) -> dict:
        options = self.options_panel.options()
        if self.contents_box.isChecked():
            options["contents_confirmed"] = True
        return options

    def suggest_services(self) -> None:
        admission = getattr(self.ctx, "admission", None)
        if admission is None:
            return
        shipment, _ = self.build_shipment()
        sid = self.services.service_id()
        if sid and shipment.parcel.weight_g > 0:  # live, before the verdict comes back
            self.services.show_chargeable(admission.chargeable_weight_g(sid, shipment.parcel))
        if not shipment.recipient.country or shipment.parcel.weight_g <= 0:
            self.services.clear_verdicts()  # the last address's verdicts no longer hold
            return  # every service would be refused for want of a weight: no advice yet
        self.runner.run(admission.suggest, shipment, name="service suggestion",
                        latest="service suggestion",
                        on_done=self.services.apply_suggestions,
                        on_error=lambda _e: None)  # advice only: a failure must not nag

    def print_label(self) -> None:
        if self.busy:
            return  # one parcel at a time: a double press must not print twice
        draft = self.build_draft()
        self._set_busy(True)
        self.outcome.setStyleSheet("")
        self.outcome_warnings.hide()
        self.outcome.setText(tr("Impression en cours…"))
        # The one operation, on the serialized writer: validate, number, save the shipment
        # and the contact, queue the documents, all or nothing; then print.
        # Through the local journal: the draft is on this bench's disk before the attempt,
        # and kept there when the shared database does not answer.
        submit = self.ctx.offline.submit if self.ctx.offline is not None else self.ctx.counter.submit
        if self.refused_shipment_id is not None:  # the corrected form of a refused shipment
            submit = functools.partial(self.ctx.counter.resubmit_refused,
                                       self.refused_shipment_id)
        self.runner.write(submit, draft, self.ctx.print_targets(),
                          name="ship", on_done=self._done, on_error=self._failed)

    def _done(self, result: Submitted | Kept) -> None:
        self._set_busy(False)
        if isinstance(result, Kept):
            text = tr("Serveur injoignable : l'envoi est gardé sur ce poste et sera "
                      "enregistré au retour.")
            self.outcome.setStyleSheet("color: #c62828;")
            self.outcome.setText(text)
            self.kept_offline.emit(text)
            self.clear_form()  # in the journal: it is saved (and printed) when the server is back
            return
        self.events.publish(result.changes)
        if result.carrier_refused:  # kept for correction: the next Print resends this one
            self.refused_shipment_id = result.shipment.id
            self._show_carrier_refusal(result)
            self.shipped.emit(result)
            return
        self.refused_shipment_id = None
        if result.shipment.id is not None:  # stored: a second Print would be a second parcel
            self.clear_form()  # first: the result stays in sight until the next parcel begins
        self._show_result(result)
        self.shipped.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationFailed):
            self.show_violations(exc.violations)
            self.refused.emit(exc.violations)
            return
        self.outcome.setStyleSheet(ERROR_STYLE)
        self.outcome.setText(tr("Erreur : {error}", error=str(exc)))
        self.print_failed.emit(str(exc))

    def show_violations(self, violations) -> None:
        violations = list(violations)
        errors = [v for v in violations if v.severity == "error"]
        left = self.errors.show([v for v in violations if v.severity == "error"])
        self.options_panel.show_errors(left)  # options.* next to the option's widget
        self.customs.show_violations(violations)  # customs.* on the editor's cells
        lines = [f"• {violation_text(v)}" for v in errors]
        warnings = [f"⚠ {violation_text(v)}" for v in violations if v.severity != "error"]
        head = tr("Impression refusée, rien n'a été enregistré :")
        self.outcome.setStyleSheet(ERROR_STYLE)
        self.outcome.setText("\n".join([head, *lines]))
        self.outcome_warnings.setText("\n".join(warnings))
        self.outcome_warnings.setVisible(bool(warnings))
        for path in self.errors.paths():
            if self.errors.has_error(path):
                self._bring_forward(self.errors.widget(path))
                self.errors.widget(path).setFocus()
                break
        else:
            if any(v.field.startswith("customs") for v in errors):
                self.left_tabs.setCurrentIndex(1)

    def _show_carrier_refusal(self, result: Submitted) -> None:
        """The carrier's refusal on our fields, next to each field (by its label) and in
        the summary; the form stays filled for the correction."""
        self._show_refusal(result.carrier_error.violations(), tr(
            "Refusé par le transporteur : corrigez puis imprimez à nouveau "
            "(expédition n° {id} gardée, rien n'a été créé chez lui).", id=result.shipment.id))

    def _show_refusal(self, violations, head: str) -> None:
        violations = list(violations)
        left = self.errors.show(violations)
        self.options_panel.show_errors(left)
        self.customs.show_violations(violations)
        self.outcome.setStyleSheet(ERROR_STYLE)
        self.outcome.setText("\n".join([head, *(f"• {violation_text(v)}" for v in violations)]))
        self.outcome_warnings.hide()
        for path in self.errors.paths():
            if self.errors.has_error(path):
                self._bring_forward(self.errors.widget(path))
                self.errors.widget(path).setFocus()
                break

    # -- a shipment the carrier refused later (automatic pass, `comptoir submit`) ----------
    def has_input(self) -> bool:
        """A parcel is being entered (opening another shipment would replace it)."""
        return (self.recipient.form.has_input() or bool(self.parcel_panel.weight_edit.text())
                or bool(self.reference.text()))

    def open_refused(self, reopened: Reopened) -> None:
        """The shipment back in the form as it was sent, the carrier's errors under their
        fields; Print sends the correction as that same shipment (`resubmit_refused`:
        same id and idempotency key, never a second record)."""
        self._load_draft(reopened.draft)
        self.refused_shipment_id = reopened.shipment_id
        warning = self.outcome_warnings.text()
        self._show_refusal(reopened.violations, tr(
            "Envoi « {name} » refusé par le transporteur : corrigez les champs signalés puis "
            "imprimez à nouveau ; le même envoi est renvoyé (rien n'a été créé chez lui).",
            name=reopened.name))
        self.outcome_warnings.setVisible(bool(warning))

    def open_copy(self, draft, original_number: str) -> None:
        """History "Expédier à nouveau": a copy of a shipment as a new parcel (same sender,
        recipient, service, parcel, options, customs), saved under its own number when
        printed; the contents are confirmed again, as for every parcel [C 5.4]."""
        self._load_draft(draft)
        warning = self.outcome_warnings.text()
        self.outcome.setStyleSheet(WARNING_STYLE)
        self.outcome.setText(tr(
            "Copie de l'envoi {number} : un nouveau colis, qui aura son propre numéro. "
            "Vérifiez le poids et le contenu, puis imprimez.",
            number=group_number(original_number) if original_number else "?"))
        self.outcome_warnings.setVisible(bool(warning))
        self.parcel_panel.weight_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # F2 next

    def _load_draft(self, draft) -> None:
        """The form filled from a stored shipment's draft; a sender that is no stored profile
        is named in the warnings line."""
        self.clear_form()
        self.last_result = None
        self.outcome_warnings.setText("")
        self.recipient.load(draft.recipient, draft.contact_id)
        self.parcel_panel.load(draft.parcel, draft.weighing)
        index = self.senders.combo.findData(draft.sender_profile_id)
        if index >= 0:
            self.senders.combo.setCurrentIndex(index)
        elif draft.sender_profile_id is not None or draft.sender.display_name:
            # Saved from a file with its own sender, or a profile deleted since: the counter
            # sends with a stored profile, so the clerk checks which.
            self.outcome_warnings.setText("⚠ " + tr(
                "L'expéditeur de cet envoi n'est pas un profil enregistré ({name}) : "
                "vérifiez l'expéditeur choisi avant d'imprimer.",
                name=draft.sender.display_name))
        self.services.set_service_id(draft.service_id)
        self._service_changed()
        options = dict(draft.options or {})
        self.contents_box.setChecked(bool(options.pop("contents_confirmed", False)))
        self.options_panel.set_options(options)
        self._update_division_picker()
        self.reference.setText(draft.reference)
        self.customs.set_declaration(draft.customs)

    def _bring_forward(self, widget: QWidget) -> None:
        """Shows the page (recipient or customs) that holds `widget`."""
        for index in range(self.left_tabs.count()):
            if self.left_tabs.widget(index).isAncestorOf(widget):
                self.left_tabs.setCurrentIndex(index)

    def _show_result(self, result: Submitted) -> None:
        if result.awaiting_carrier:
            return self._show_awaiting(result)
        number = result.shipment.tracking_number or ""
        grouped = group_number(number)
        label = result.label
        if label is not None and label.outcome is JobOutcome.SENT:
            text = tr("Étiquette imprimée : {number}\n→ {where}", number=grouped,
                      where=label.output)
            style = SUCCESS_STYLE
        else:
            error = label.error if label else ""
            text = tr("Enregistré sous {number} mais non imprimé : {error}\n"
                      "Réimprimez depuis l'historique.", number=grouped, error=error)
            style = ERROR_STYLE
            self.print_failed.emit(error)
        for form in result.forms:  # CN22/CN23 and invoice, when a declaration is needed
            text += "\n" + (tr("{kind} → {where}", kind=document_name(form.kind),
                                where=form.output) if form.outcome is JobOutcome.SENT else
                            tr("{kind} non imprimé(e) : {error}",
                               kind=document_name(form.kind), error=form.error))
        if not result.printed:
            style = ERROR_STYLE
        self.outcome.setStyleSheet(style)
        self.outcome.setText(text)
        warnings = [f"⚠ {message(w)}" for w in result.warnings]
        self.outcome_warnings.setText("\n".join(warnings))
        self.outcome_warnings.setVisible(bool(warnings))
        self.last_result = result

    def _show_awaiting(self, result: Submitted) -> None:
        """Saved; the carrier's number and label come when it answers (the outbox)."""
        error = result.carrier_error
        lines = [tr("Expédition n° {id} enregistrée, en attente du transporteur : "
                    "l'étiquette s'imprimera dès qu'il répondra.", id=result.shipment.id)]
        if error is not None:
            lines += [f"• {violation_text(v)}" for v in error.violations()]
        lines += [f"⚠ {message(w)}" for w in result.warnings]
        self.outcome.setStyleSheet(WARNING_STYLE)
        self.outcome.setText("\n".join(lines))
        self.outcome_warnings.hide()
        self.last_result = result

    def clear_form(self) -> None:
        self.refused_shipment_id = None  # a new parcel: the refused one stays as it is
        self.errors.clear()
        self.recipient.new_address()
        self.parcel_panel.clear()
        self.reference.clear()
        self.form_number.clear()  # each parcel has its own form
        self.contents_box.setChecked(False)  # confirmed again for each parcel [C 5.4]
        self.services.reset()
        self.options_panel.clear()
        self.division_picker.clear()
        self._update_division_picker()
        self.customs.clear()
        self.focus_start()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.print_button.setEnabled(not busy)


class OutcomeLabel(QLabel):
    """The last parcel's result: takes room only while it says something."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.hide()


class VerticalScroll(QScrollArea):
    """Scrolls up and down when the window is short, never sideways: it asks for the width
    its content needs, so the layout gives it that and no label is clipped."""

    def minimumSizeHint(self):  # noqa: N802 - Qt override
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is not None:
            bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
            hint.setWidth(inner.minimumSizeHint().width() + bar + 2 * self.frameWidth())
        return hint


def _vertical_scroll(widget: QWidget, parent: QWidget) -> QScrollArea:
    """A page that scrolls up and down when the window is short, never sideways."""
    area = VerticalScroll(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


def focusable_children(container: QWidget) -> list[QWidget]:
    """The widgets inside `container` that Tab reaches, in their own focus-chain order."""
    found: list[QWidget] = []
    widget = container.nextInFocusChain()
    while widget is not container and widget not in found:
        if (container.isAncestorOf(widget)
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
                and widget.focusProxy() is None):
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found


def _pair(errors: FieldErrors, path: str):
    return errors.widget(path), errors.label(path)

