"""The history: search by name, number or reference, bench, date range, carrier or service,
country and status; reprint, ship again (a copy at the counter), mark deposited, void, claim
file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import countries
from desktop.domain.outbox import OutboxState
from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import ALLOWED_TRANSITIONS, ShipmentStatus
from desktop.domain.tracking import normalise
from desktop.ui import confirm
from desktop.ui.document_names import document_name
from desktop.ui.i18n import language, tr
from desktop.ui.models.history import CARRIER_STATE_TEXT, STATUS_TEXT, HistoryModel
from desktop.ui.views.search_table import record_table

CARRIER_FILTER = "carrier:"  # status filter data: a carrier outbox state, not a status
CARRIER_SERVICES = "services:"  # service filter data: every service of a carrier


def ask_save_path(parent: QWidget, title: str, suggested: str) -> str:
    """The file dialog (a seam for tests); "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
    return path


def _write_claim(claim_pdf, shipment, path: str) -> str:
    """Worker thread: render then write the PDF."""
    Path(path).write_bytes(claim_pdf(shipment))
    return path


class HistoryView(QWidget):
    reprinted = Signal(object)  # PrintOutcome
    status_changed = Signal(object)  # Shipment
    claim_saved = Signal(str)  # path of the claim-file PDF
    awaiting_changed = Signal(int)  # print jobs interrupted by a crash, to confirm
    # "Corriger et renvoyer": the shipment (id) its carrier refused, to open at the counter
    correct_requested = Signal(int)
    # "Expédier à nouveau": a copy of the shipment (id, number) as a new parcel at the counter
    copy_requested = Signal(int, str)

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner, self.events = ctx, runner, events
        self.model = HistoryModel(ctx.history, runner, ctx.catalogue, self)

        self.search = QLineEdit(self)
        self.search.setObjectName("history_search")
        self.search.setPlaceholderText(tr("Nom, n° de suivi ou référence…"))
        self.search.setClearButtonEnabled(True)
        self.from_box = QCheckBox(tr("Du"), self)
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30), self)
        self.to_box = QCheckBox(tr("au"), self)
        self.date_to = QDateEdit(QDate.currentDate(), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setEnabled(False)
        self.from_box.toggled.connect(self.date_from.setEnabled)
        self.to_box.toggled.connect(self.date_to.setEnabled)
        self.status = QComboBox(self)
        self.status.addItem(tr("Tous les statuts"), None)
        for status, text in STATUS_TEXT.items():
            self.status.addItem(tr(text), status)
        # Shipments sent through a carrier's web service, by where their outbox entry stands
        # (the ones the carrier refused are to correct and send again).
        for state in (OutboxState.REFUSED, OutboxState.AWAITING_CARRIER):
            self.status.addItem(tr(CARRIER_STATE_TEXT[state]), CARRIER_FILTER + state.value)
        # Several benches on one database: the shipments of one bench (its `bench_name`).
        self.bench = QLineEdit(self)
        self.bench.setObjectName("history_bench")
        self.bench.setPlaceholderText(tr("Tous les postes"))
        self.bench.setToolTip(tr("Nom du poste (vide : tous les postes). Ce poste : {name}",
                                 name=getattr(ctx.settings, "bench_name", "")))
        self.bench.setClearButtonEnabled(True)
        self.bench.setMaximumWidth(160)
        # A carrier (all its services) or one service.
        self.service = QComboBox(self)
        self.service.setObjectName("history_service")
        self.service.addItem(tr("Tous les transporteurs"), None)
        carriers: dict[tuple[str, str], list] = {}
        for service in ctx.catalogue.all():
            carriers.setdefault((service.carrier, service.carrier_name), []).append(service)
        for (carrier, carrier_name), services in carriers.items():
            self.service.addItem(carrier_name, CARRIER_SERVICES + carrier)
            for service in services:
                self.service.addItem("    " + service.name(language()), service.id)
        # Narrow on the line, the search keeps the room; the list opens as wide as its names.
        self.service.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.service.setMinimumContentsLength(18)
        self.service.view().setMinimumWidth(self.service.view().sizeHintForColumn(0) + 24)
        self.country = QLineEdit(self)
        self.country.setObjectName("history_country")
        self.country.setPlaceholderText(tr("Tous les pays"))
        self.country.setToolTip(tr("Pays du destinataire : code ou nom (FR, Suisse, US…)"))
        self.country.setClearButtonEnabled(True)
        self.country.setMaximumWidth(130)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for w in (self.bench, self.from_box, self.date_from, self.to_box, self.date_to,
                  self.service, self.country, self.status):
            filters.addWidget(w)

        self.table = record_table(self, self.model)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((120, 140, 200, 190, 280, 80, 110)):
            self.table.setColumnWidth(column, width)

        self.reprint_button = QPushButton(tr("Réimprimer"), self)
        self.deposit_button = QPushButton(tr("Marquer déposé"), self)
        self.void_button = QPushButton(tr("Annuler l'envoi"), self)
        self.correct_button = QPushButton(tr("Corriger et renvoyer"), self)
        self.correct_button.setObjectName("correct_refused")
        self.correct_button.setToolTip(tr("Ouvre l'envoi refusé par le transporteur au comptoir, "
                                          "ses erreurs sous les champs ; Imprimer le renvoie "
                                          "(le même envoi, jamais un second)"))
        self.copy_button = QPushButton(tr("Expédier à nouveau"), self)
        self.copy_button.setObjectName("ship_again")
        self.copy_button.setToolTip(tr("Un nouveau colis pour le même destinataire, avec le même "
                                       "service, contenu et options : il aura son propre numéro"))
        self.claim_button = QPushButton(tr("Dossier de réclamation…"), self)
        self.claim_button.setToolTip(tr("Liste des pièces à fournir au transporteur, pré-remplie "
                                        "(PDF)"))
        # Jobs a crash interrupted while sending: the clerk says whether they came out.
        self.awaiting_button = QPushButton(tr("Impressions interrompues…"), self)
        self.awaiting_button.setObjectName("awaiting_jobs")
        self.awaiting_button.hide()
        self.awaiting: list = []
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.info, 1)
        for b in (self.awaiting_button, self.correct_button, self.reprint_button,
                  self.copy_button, self.deposit_button, self.void_button, self.claim_button):
            actions.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.apply_filters)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.bench.textEdited.connect(lambda _t: self._timer.start())
        self.bench.returnPressed.connect(self.apply_filters)
        for signal in (self.from_box.toggled, self.to_box.toggled, self.date_from.dateChanged,
                       self.date_to.dateChanged):
            signal.connect(lambda *_: self._timer.start())
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.service.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.country.editingFinished.connect(self._country_typed)
        self.country.textEdited.connect(self._country_edited)
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.deposit_button.clicked.connect(lambda: self.set_status(ShipmentStatus.DEPOSITED))
        self.void_button.clicked.connect(lambda: self.set_status(ShipmentStatus.VOIDED))
        self.claim_button.clicked.connect(self.claim_file)
        self.correct_button.clicked.connect(self.correct_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.table.activated.connect(lambda _i: self._activated())
        self.awaiting_button.clicked.connect(self.confirm_awaiting)
        events.print_jobs.connect(self.refresh_awaiting)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.page_loaded.connect(lambda _n: self._select_scanned())
        self._scan_pending = False  # a search the clerk ran (not a refresh) awaits its rows
        self.model.failed.connect(lambda e: self.info.setText(tr("Erreur : {error}", error=e)))
        events.shipments.connect(self.model.refresh)
        self._update_buttons()
        self.apply_filters()
        self.refresh_awaiting()

    def current_query(self) -> HistoryQuery:
        status = self.status.currentData()
        carrier = None
        if status and status.startswith(CARRIER_FILTER):  # Qt hands the data back as str
            carrier, status = OutboxState(status.removeprefix(CARRIER_FILTER)), None
        service = self.service.currentData()
        if not service:
            service_ids = ()
        elif service.startswith(CARRIER_SERVICES):
            service_ids = self.ctx.history.carrier_services(service.removeprefix(
                CARRIER_SERVICES)) or ("",)
        else:
            service_ids = (service,)
        return HistoryQuery(
            text=self.search.text().strip(),
            date_from=self.date_from.date().toPython() if self.from_box.isChecked() else None,
            date_to=self.date_to.date().toPython() if self.to_box.isChecked() else None,
            status=ShipmentStatus(status) if status else None, carrier_state=carrier,
            bench=self.bench.text().strip() or None, service_ids=service_ids,
            country=self.country.text().strip().upper() or None)

    def _country_edited(self, text: str) -> None:
        if not text:  # cleared (the clear button): every country again
            self.apply_filters()

    def _country_typed(self) -> None:
        """A code or a name ("ch", "Suisse", "Germany") becomes its ISO code; a text naming
        no country is said so and matches nothing."""
        text = self.country.text().strip()
        if text:
            found = countries.resolve(text)
            if found is None:
                self.info.setText(tr("Pays inconnu : « {typed} » (code ou nom : FR, Suisse, "
                                     "US…)", typed=text))
            else:
                self.country.setText(found.code)
                self.info.setText("")
        self.apply_filters()

    def apply_filters(self) -> None:
        self._timer.stop()  # Return after a scan: the typing pause would search again
        self._scan_pending = True
        self.model.set_query(self.current_query())

    def _select_scanned(self) -> None:
        """A scanned (or typed) tracking number or reference that finds exactly its one
        shipment selects it and gives the table the focus: Reprint and Enter act on it."""
        text, pending = self.model.query.text, self._scan_pending
        self._scan_pending = False  # the first page only: a later refresh moves nothing
        if not (pending and text and self.model.rowCount() == 1
                and not self.model.canFetchMore()):
            return
        s = self.model.shipment(0)
        if normalise(text) != normalise(s.tracking_number or "") and \
                text.casefold() != (s.reference or "").strip().casefold():
            return
        self.table.selectRow(0)
        self.table.setFocus()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.shipment(rows[0].row()) if rows else None

    def selected_refused(self) -> bool:
        """The selected shipment's carrier refused it: it can be corrected and sent again."""
        rows = self.table.selectionModel().selectedRows()
        return bool(rows) and self.model.carrier_state(rows[0].row()) is OutboxState.REFUSED

    def correct_selected(self) -> bool:
        """"Corriger et renvoyer": the main window opens the shipment at the counter."""
        s = self.selected()
        if s is None or not self.selected_refused():
            return False
        self.correct_requested.emit(s.id)
        return True

    def copy_selected(self) -> bool:
        """"Expédier à nouveau": the main window opens a copy at the counter."""
        s = self.selected()
        if s is None:
            return False
        self.copy_requested.emit(s.id, s.tracking_number or "")
        return True

    def _activated(self) -> None:
        """Enter (or a double click) on a refused shipment opens it for correction."""
        if self.selected_refused():
            self.correct_selected()

    def _update_buttons(self) -> None:
        s = self.selected()
        self.correct_button.setEnabled(self.selected_refused())
        self.reprint_button.setEnabled(s is not None and s.status is not ShipmentStatus.VOIDED)
        self.copy_button.setEnabled(s is not None)
        allowed = ALLOWED_TRANSITIONS[s.status] if s else frozenset()
        self.deposit_button.setEnabled(ShipmentStatus.DEPOSITED in allowed)
        self.void_button.setEnabled(ShipmentStatus.VOIDED in allowed)
        self.claim_button.setEnabled(s is not None and s.status is not ShipmentStatus.VOIDED)

    def reprint_selected(self) -> bool:
        s = self.selected()
        if s is None:
            return False
        self.info.setText(tr("Réimpression de {number}…", number=s.tracking_number))
        self.runner.write(self.ctx.shipping.print_again, s.id, self.ctx.printer_url,
                        self.ctx.label_format, name="reprint",
                        on_done=lambda outcome: self._reprinted(s, outcome),
                        on_error=self._failed)
        return True

    def _reprinted(self, shipment, outcome) -> None:
        if outcome.ok:
            self.info.setText(tr("{number} réimprimé → {where}", number=shipment.tracking_number,
                                 where=outcome.job.output))
        else:
            self.info.setText(tr("Réimpression impossible : {error}", error=outcome.job.error))
        self.events.publish(outcome.changes)
        self.reprinted.emit(outcome)

    def set_status(self, status: ShipmentStatus) -> bool:
        s = self.selected()
        if s is None:
            return False
        if status is ShipmentStatus.VOIDED and not confirm.ask(
                self, tr("Annuler l'envoi"),
                tr("Annuler l'envoi {number} ? L'étiquette ne devra pas être utilisée.",
                   number=s.tracking_number)):
            return False
        self.runner.write(_move, self.ctx.shipping, s.id, status, name="status",
                        on_done=self._status_set, on_error=self._failed)
        return True

    def _status_set(self, outcome) -> None:
        shipment, changes, warnings = outcome
        text = tr("{number} : {status}", number=shipment.tracking_number,
                  status=tr(STATUS_TEXT[shipment.status]))
        for w in warnings:  # e.g. a Nova Post label past its 14 days [N 4.3.4]
            text += f"\n⚠ {w.describe(language())}"
        self.info.setText(text)
        self.events.publish(changes)
        self.status_changed.emit(shipment)

    # -- print jobs interrupted by a crash --------------------------------------------------
    def refresh_awaiting(self) -> None:
        self.runner.run(self.ctx.printing.awaiting_confirmation, name="awaiting jobs",
                        latest="awaiting jobs", on_done=self._show_awaiting)

    def _show_awaiting(self, jobs) -> None:
        self.awaiting = list(jobs)
        self.awaiting_button.setText(tr("Impressions interrompues ({n})…", n=len(self.awaiting)))
        self.awaiting_button.setVisible(bool(self.awaiting))
        self.awaiting_changed.emit(len(self.awaiting))

    def confirm_awaiting(self) -> int:
        """Asks, job by job, whether it came out: yes → done; no → sent again (once)."""
        asked = 0
        for job in self.awaiting:
            question = (tr("Le document « {kind} » de l'expédition n° {id} est-il sorti de "
                           "l'imprimante ?\nNon : il sera imprimé à nouveau.",
                           kind=document_name(job.kind), id=job.shipment_id)
                        if job.shipment_id is not None else
                        tr("Le document « {kind} » est-il sorti de l'imprimante ?\n"
                           "Non : il sera imprimé à nouveau.", kind=document_name(job.kind)))
            printed = confirm.ask(self, tr("Impression interrompue"), question)
            self.runner.write(self.ctx.printing.confirm, job.id, printed, name="confirm job",
                              on_done=lambda outcome: self.events.publish(outcome.changes),
                              on_error=self._failed)
            asked += 1
        return asked

    def claim_file(self) -> bool:
        """Builds the claim checklist PDF of the selected shipment and saves it where asked."""
        s = self.selected()
        if s is None:
            return False
        path = ask_save_path(self, tr("Dossier de réclamation"),
                             f"reclamation-{s.tracking_number or s.id}.pdf")
        if not path:
            return False
        self.info.setText(tr("Dossier de réclamation de {number}…", number=s.tracking_number))
        self.runner.run(_write_claim, self.ctx.claim_pdf, s, path, name="claim file",
                        on_done=self._claim_saved, on_error=self._failed)
        return True

    def _claim_saved(self, path: str) -> None:
        self.info.setText(tr("Dossier de réclamation enregistré : {path}", path=path))
        self.claim_saved.emit(path)

    def _failed(self, exc: BaseException) -> None:
        describe = getattr(exc, "describe", None)
        self.info.setText(tr("Erreur : {error}", error=describe(language()) if describe
                             else str(exc)))


def _move(shipping, shipment_id: int, status: ShipmentStatus):
    """Worker thread: the deposit warnings are read before the status changes."""
    warnings = (shipping.deposit_warnings(shipment_id)
                if status is ShipmentStatus.DEPOSITED else [])
    shipment, changes = shipping.set_status(shipment_id, status)
    return shipment, changes, warnings
