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

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.draft import ShipmentDraft, ShipmentOptions
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.printing import JobOutcome
from desktop.domain.shipment import MAX_REFERENCE_LENGTH, Shipment
from desktop.domain.tracking import group_number
from desktop.services.counter_operation import Submitted
from desktop.services.offline_drafts import Kept
from desktop.ui.i18n import language, tr
from desktop.ui.widgets.customs_editor import CustomsEditor, follow_counter, violation_text
from desktop.ui.widgets.field_errors import ErrorLabel, FieldErrors, message
from desktop.ui.widgets.form_number import SCANNED_FORMATS, FormNumberEdit
from desktop.ui.widgets.options_panel import OptionsPanel
from desktop.ui.widgets.recipient_panel import RecipientPanel
from desktop.ui.widgets.sender_picker import SenderPicker
from desktop.ui.widgets.service_panel import ServicePanel
from desktop.ui.widgets.weight_panel import WeightPanel

PRINT_KEYS = ("Ctrl+P", "F12")


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
        for keys in PRINT_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.print_label)
        self.outcome = QLabel(self)
        self.outcome.setObjectName("outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.setMinimumHeight(48)
        self.sender_banner = self._build_sender_banner()

        left = QScrollArea(self)
        left.setWidgetResizable(True)
        left.setFrameShape(QFrame.Shape.NoFrame)
        left_body = QWidget(left)  # the recipient, then the customs editor when needed
        left_column = QVBoxLayout(left_body)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.recipient)
        left_column.addWidget(self.customs, 1)
        left.setWidget(left_body)
        right = QVBoxLayout()
        right.addWidget(self.sender_banner)
        right.addWidget(self.parcel_panel)
        right.addWidget(self.shipment_box)
        right.addStretch(1)
        right.addWidget(self.outcome)
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
        # Service hints follow the destination and the parcel (carrier admission rules).
        self._suggest_timer = QTimer(self, singleShot=True, interval=300)
        self._suggest_timer.timeout.connect(self.suggest_services)
        self.recipient.changed.connect(self._suggest_timer.start)
        self.parcel_panel.changed.connect(self._suggest_timer.start)
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
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # rows wrap
        area.setWidget(body)
        return area

    def _service_changed(self, *_args) -> None:
        """The form number is asked only where the carrier gives it (Colissimo, Nova Post)."""
        sid = self.services.service_id()
        service = self.ctx.catalogue.get(sid) if sid and self.ctx.catalogue.has(sid) else None
        self._shipment_form.setRowVisible(self._rows["tracking_number"],
                                          self.form_number.needed_for(service))
        self.options_panel.set_service(service)
        names = [p.text(language()) for p in service.prohibited] if service else []
        self.prohibited_label.setText(
            tr("Interdits ({carrier}) : {items}", carrier=service.carrier_name,
               items=", ".join(names)) if names else "")
        self.prohibited_label.setVisible(bool(names))

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
        form = self.recipient.form.edits
        chain = [self.recipient.search, *form.values(), self.recipient.save_box,
                 self.parcel_panel.weight_edit, *self.parcel_panel.dims.values(),
                 self.senders.combo, self.services.list, self.form_number, self.contents_box,
                 self.reference,
                 self.print_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _senders_loaded(self, count: int) -> None:
        self.sender_banner.setVisible(count == 0)

    def focus_start(self) -> None:
        self.recipient.search.setFocus()

    def scale_reading(self, reading) -> None:
        self.parcel_panel.show_reading(reading)

    # -- print ----------------------------------------------------------------------------
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
            problems=(*problems, *option_problems))

    def build_shipment(self) -> tuple[Shipment, list[Violation]]:
        """The shipment the draft describes (service hints, customs need), and its problems."""
        draft = self.build_draft()
        problems = list(draft.problems)
        if draft.sender is None:
            problems.append(Violation("sender", "required"))
        return draft.to_shipment(), problems

    def form_number_value(self) -> str | None:
        """The scanned form number, only for services whose number comes from the carrier."""
        if self.form_number.number_format not in SCANNED_FORMATS:
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
        self.outcome.setText(tr("Impression en cours…"))
        # The one operation, on the serialized writer: validate, number, save the shipment
        # and the contact, queue the documents, all or nothing; then print.
        # Through the local journal: the draft is on this bench's disk before the attempt,
        # and kept there when the shared database does not answer.
        submit = self.ctx.offline.submit if self.ctx.offline is not None else self.ctx.counter.submit
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
        self._show_result(result)
        self.shipped.emit(result)
        if result.shipment.id is not None:  # stored: a second Print would be a second parcel
            self.clear_form()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationFailed):
            self.show_violations(exc.violations)
            self.refused.emit(exc.violations)
            return
        self.outcome.setStyleSheet("color: #c62828;")
        self.outcome.setText(tr("Erreur : {error}", error=str(exc)))
        self.print_failed.emit(str(exc))

    def show_violations(self, violations) -> None:
        violations = list(violations)
        errors = [v for v in violations if v.severity == "error"]
        left = self.errors.show([v for v in violations if v.severity == "error"])
        self.options_panel.show_errors(left)  # options.* next to the option's widget
        self.customs.show_violations(violations)  # customs.* on the editor's cells
        lines = [f"• {violation_text(v)}" for v in errors]
        lines += [f"⚠ {violation_text(v)}" for v in violations if v.severity != "error"]
        head = tr("Impression refusée, rien n'a été enregistré :")
        self.outcome.setStyleSheet("color: #c62828;")
        self.outcome.setText("\n".join([head, *lines]))
        for path in self.errors.paths():
            if self.errors.has_error(path):
                self.errors.widget(path).setFocus()
                break

    def _show_result(self, result: Submitted) -> None:
        number = result.shipment.tracking_number or ""
        grouped = group_number(number)
        label = result.label
        if label is not None and label.outcome is JobOutcome.SENT:
            text = tr("Étiquette imprimée : {number}\n→ {where}", number=grouped,
                      where=label.output)
            style = "color: #2e7d32; font-weight: bold;"
        else:
            error = label.error if label else ""
            text = tr("Enregistré sous {number} mais non imprimé : {error}\n"
                      "Réimprimez depuis l'historique.", number=grouped, error=error)
            style = "color: #c62828; font-weight: bold;"
            self.print_failed.emit(error)
        for form in result.forms:  # CN22/CN23 and invoice, when a declaration is needed
            text += "\n" + (tr("Document douanier {kind} → {where}", kind=form.kind.upper(),
                                where=form.output) if form.outcome is JobOutcome.SENT else
                            tr("Document douanier {kind} non imprimé : {error}",
                               kind=form.kind.upper(), error=form.error))
        if not result.printed:
            style = "color: #c62828; font-weight: bold;"
        for w in result.warnings:
            text += f"\n⚠ {message(w)}"
        self.outcome.setStyleSheet(style)
        self.outcome.setText(text)
        self.last_result = result

    def clear_form(self) -> None:
        self.errors.clear()
        self.recipient.new_address()
        self.parcel_panel.clear()
        self.reference.clear()
        self.form_number.clear()  # each parcel has its own form
        self.contents_box.setChecked(False)  # confirmed again for each parcel [C 5.4]
        self.services.reset()
        self.options_panel.clear()
        self.customs.clear()
        self.focus_start()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.print_button.setEnabled(not busy)


def _pair(errors: FieldErrors, path: str):
    return errors.widget(path), errors.label(path)

