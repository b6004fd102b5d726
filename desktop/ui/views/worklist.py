"""The work list tab (issue 13): the shop's orders, weighed and printed at the bench.

The clerk scans (or picks) an order, puts the parcel on the scale — its weight is taken only
when the scale reports it stable — scans the carrier's form when the service uses one,
confirms the contents, and prints (F12): the label goes out through the one counter
operation, the draft is done in the same transaction, the next order is selected and the
progress bar moves. A typed weight needs a reason (the weighing audit, issue 11 §5).

A selection can run as a series: the clerk confirms the contents of the selected parcels
once, then puts them on the scale one after the other; each prints as soon as its weight is
stable (and its form is scanned when the service uses one), in the table's order. A stop or a
refusal ends the series; the printed drafts are done, so starting the series again on the
same selection resumes with the ones left.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import ValidationFailed
from desktop.domain.weighing import ScaleReading
from desktop.services.counter_operation import Submitted
from desktop.services.work_list import AtTheBench
from desktop.ui import confirm
from desktop.ui.i18n import N_, language, ntr, tr
from desktop.ui.widgets.customs_editor import violation_text
from desktop.ui.widgets.weight_panel import WeightPanel, bench_name

COLUMNS = (N_("Commande"), N_("Destinataire"), N_("Ville"), N_("Pays"), N_("Articles"),
           N_("Service"))


class WorkListView(QWidget):
    printed = Signal(object)  # Submitted
    refused = Signal(object)  # violations
    imported = Signal(int)

    def __init__(self, ctx, runner, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.runner, self.events = ctx, runner, events
        self.work_list = ctx.work_list
        self.items: list = []
        self.series: list[int] = []  # draft ids of a running series, in print order
        self.series_total = 0
        self._printing: int | None = None
        self.busy = False
        self.done_count = 0
        # After a print the last parcel may still be on the scale: no weight is taken for
        # the next order until the scale has shown something else (empty, moving).
        self.armed = True

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.scan = QLineEdit(self)
        self.scan.setObjectName("worklist_scan")
        self.scan.setPlaceholderText(tr("Scanner ou saisir le n° de commande…"))
        self.scan.returnPressed.connect(self.select_scanned)
        self.import_button = QPushButton(tr("Importer des commandes…"), self)
        self.import_button.clicked.connect(self.choose_import)
        top.addWidget(self.scan, 1)
        top.addWidget(self.import_button)
        outer.addLayout(top)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("worklist_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        outer.addWidget(self.table, 1)

        bench = QHBoxLayout()
        self.parcel_panel = WeightPanel(self)
        bench.addWidget(self.parcel_panel, 1)
        side = QFormLayout()
        self.current = QLabel("—", self)
        self.current.setObjectName("worklist_current")
        side.addRow(tr("Commande en cours"), self.current)
        self.form_number = QLineEdit(self)
        self.form_number.setObjectName("worklist_form_number")
        self.form_number.setPlaceholderText(tr("scanné sur le formulaire du transporteur"))
        self.form_number.returnPressed.connect(self._print_when_ready)  # the scanner's Enter
        side.addRow(tr("N° du formulaire"), self.form_number)
        self.reason = self.parcel_panel.reason_edit  # a typed weight says why
        self.contents_box = QCheckBox(tr("Contenu vérifié : aucun article interdit"), self)
        side.addRow(self.contents_box)
        self.print_button = QPushButton(tr("Imprimer et suivant (F12)"), self)
        self.print_button.setObjectName("worklist_print")
        self.print_button.clicked.connect(self.print_current)
        side.addRow(self.print_button)
        series = QHBoxLayout()
        self.series_button = QPushButton(tr("Imprimer la sélection en série"), self)
        self.series_button.setObjectName("worklist_series")
        self.series_button.setToolTip(tr("Chaque colis s'imprime dès que son poids est stable"))
        self.series_button.clicked.connect(self.start_series)
        self.stop_button = QPushButton(tr("Arrêter la série (Échap)"), self)
        self.stop_button.setObjectName("worklist_stop")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(lambda: self.stop_series(tr("Série arrêtée.")))
        series.addWidget(self.series_button)
        series.addWidget(self.stop_button)
        side.addRow(series)
        bench.addLayout(side, 1)
        outer.addLayout(bench)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("worklist_progress")
        self.progress.setFormat(tr("%v / %m imprimés"))
        outer.addWidget(self.progress)
        self.outcome = QLabel("", self)
        self.outcome.setObjectName("worklist_outcome")
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.outcome)
        QShortcut(QKeySequence(Qt.Key.Key_F12), self, self.print_current,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self,
                  lambda: self.stop_series(tr("Série arrêtée.")),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        events.shipments.connect(self.refresh)
        self.refresh()

    # -- the list ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.runner.run(self.work_list.pending, name="work list", latest="work list",
                        on_done=self._loaded)

    def _loaded(self, items: list) -> None:
        keep = self.selected()
        self.items = list(items)
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            doc = item.document
            r = doc.get("recipient", {})
            count = sum(int(i.get("quantity", 0)) for i in
                        (doc.get("customs") or {}).get("items", []))
            values = (item.reference, r.get("company") or r.get("name", ""),
                      f"{r.get('postcode', '')} {r.get('city', '')}".strip(),
                      r.get("country", ""), str(count), self._service_name(doc.get("service", "")))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        if self.series_total:
            self.progress.setMaximum(self.series_total)
            self.progress.setValue(self.series_total - len(self.series))
        else:
            self.progress.setMaximum(self.done_count + len(self.items))
            self.progress.setValue(self.done_count)
        wanted = self.series[0] if self.series else (keep.id if keep is not None else None)
        target = next((n for n, i in enumerate(self.items) if i.id == wanted),
                      0 if self.items else None)
        if target is not None:
            blocked = self.table.blockSignals(True)  # rows moved: the same index may now
            self.table.selectRow(target)             # hold another order
            self.table.blockSignals(blocked)
            if keep is None or self.items[target].id != keep.id:
                self._selection_changed()
        else:
            self._selection_changed()

    def _service_name(self, service_id: str) -> str:
        catalogue = self.ctx.catalogue
        return (catalogue.get(service_id).name(language()) if catalogue.has(service_id or "")
                else service_id)

    def selected(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.items):
            return None
        return self.items[rows[0].row()]

    def select_scanned(self) -> bool:
        """The order number scanned (or typed) selects its draft."""
        key = self.scan.text().strip().lstrip("#").strip()
        self.scan.clear()
        for n, item in enumerate(self.items):
            if item.reference == key:
                self.table.selectRow(n)
                self.form_number.setFocus()
                return True
        self.outcome.setText(tr("Commande {ref} introuvable dans la liste.", ref=key))
        return False

    def _selection_changed(self) -> None:
        item = self.selected()
        self.current.setText(item.reference if item else "—")
        self.parcel_panel.clear()
        self.form_number.clear()
        # In a series the clerk confirmed the contents of every selected parcel at its start.
        self.contents_box.setChecked(bool(self.series) and item is not None
                                     and item.id in self.series)
        self._take_if_stable()

    # -- the scale --------------------------------------------------------------------------
    def scale_reading(self, reading) -> None:
        self.parcel_panel.show_reading(reading)
        if reading is not None and not reading.usable:
            self.armed = True
        self._take_if_stable()

    def _take_if_stable(self) -> None:
        """The weight is taken when the scale says stable, never while it moves."""
        reading = self.parcel_panel.reading
        if (self.selected() is None or self.busy or not self.armed or reading is None
                or not reading.usable):
            return
        taken = self.parcel_panel.taken
        if taken is not None and taken.weight_g == reading.weight_g:
            return
        if taken is None and self.parcel_panel.weight_edit.text().strip():
            return  # typed by hand: the clerk's number stays
        self.parcel_panel.take_weight()
        if self.series:
            self._print_when_ready()

    # -- a series ---------------------------------------------------------------------------
    def start_series(self) -> None:
        """The selected pending drafts, in the table's order, printed one after the other."""
        rows = sorted(r.row() for r in self.table.selectionModel().selectedRows())
        ids = [self.items[r].id for r in rows if r < len(self.items)]
        if not ids or self.busy:
            return
        if not confirm.ask(self, tr("Série de {n} colis", n=len(ids)),
                           tr("Je confirme qu'aucun des {n} colis de la sélection ne contient "
                              "d'article interdit. Chaque colis s'imprime dès que son poids est "
                              "stable sur la balance.", n=len(ids))):
            return
        self.series, self.series_total = ids, len(ids)
        self.series_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.outcome.setText(tr("Série : posez le colis {ref} sur la balance.",
                                ref=self.items[rows[0]].reference))
        self.table.selectRow(rows[0])
        self._selection_changed()
        self.progress.setMaximum(self.series_total)
        self.progress.setValue(0)

    def stop_series(self, why: str) -> None:
        """The clerk stops (Esc): what is left stays pending for the next series."""
        if self.series:
            left = len(self.series)
            self._end_series(why + " " + ntr("{n} colis reste à imprimer.",
                                         "{n} colis restent à imprimer.", left))

    def _end_series(self, text: str) -> None:
        self.series, self.series_total = [], 0
        self.series_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.outcome.setText(text)
        self.refresh()

    def _print_when_ready(self) -> None:
        """In a series: print once the weight is taken and the form scanned (if needed)."""
        item = self.selected()
        if not self.series or item is None or item.id != self.series[0] or self.taken is None:
            return
        if self.work_list.needs_form_number(item) and not self.form_number.text().strip():
            self.form_number.setFocus()
            self.outcome.setText(tr("Série : scannez le formulaire de la commande {ref}.",
                                    ref=item.reference))
            return
        self.print_current()

    @property
    def taken(self) -> ScaleReading | None:
        return self.parcel_panel.taken

    # -- printing ---------------------------------------------------------------------------
    def bench_input(self) -> AtTheBench | None:
        parcel, problems = self.parcel_panel.parcel()
        if problems or parcel.weight_g <= 0:
            self.outcome.setText(tr("Posez le colis sur la balance : poids non pris."))
            return None
        source = self.parcel_panel.weighing(bench_name(self.ctx.settings))
        return AtTheBench(parcel.weight_g, source,
                          tracking_number=self.form_number.text().strip() or None,
                          contents_confirmed=self.contents_box.isChecked())

    def print_current(self) -> None:
        if self.busy:
            return  # a double press must not print twice
        item = self.selected()
        if item is None:
            return
        bench = self.bench_input()
        if bench is None:
            return
        self.busy = True
        self._printing = item.id
        self.print_button.setEnabled(False)
        self.outcome.setText(tr("Impression en cours…"))
        self.runner.write(self.work_list.submit, item, bench, self.ctx.print_targets(),
                          name="work list print", on_done=self._done, on_error=self._failed)

    def _done(self, result: Submitted) -> None:
        self.busy = False
        self.print_button.setEnabled(True)
        self.done_count += 1
        self.armed = False  # wait for this parcel to leave the scale
        self.outcome.setText(tr("Commande {ref} imprimée : {number}.",
                                ref=result.shipment.reference,
                                number=result.shipment.tracking_number or ""))
        if self.series:
            self.series = [i for i in self.series if i != self._printing]
            if not self.series:
                self._end_series(ntr("Série terminée : {n} colis imprimé.",
                                     "Série terminée : {n} colis imprimés.", self.series_total))
        self.printed.emit(result)
        self.events.publish(result.changes)  # refreshes the list; the next is selected

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.print_button.setEnabled(True)
        if self.series:  # a refusal needs the clerk: the series stops, resumable
            self._end_series("")
        if isinstance(exc, ValidationFailed):
            lines = [f"• {violation_text(v)}" for v in exc.violations]
            self.outcome.setText("\n".join([tr("Impression refusée, rien n'a été enregistré :"),
                                            *lines]))
            self.refused.emit(exc.violations)
            return
        self.outcome.setText(tr("Erreur : {error}", error=str(exc)))

    # -- import -----------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Importer des commandes"), "",
                                              "CSV (*.csv *.txt)")
        if path:
            self.import_file(path)

    def import_file(self, path: str, service_id: str = "colissimo-domicile-france",
                    service_abroad: str = "colissimo-expert-international") -> None:
        def work():
            plan = self.work_list.plan_import_file(path, service_id=service_id,
                                                   service_abroad=service_abroad)
            if not plan.ok:
                raise ValidationFailed(plan.problems)
            return self.work_list.commit_import(plan)

        self.runner.write(work, name="import orders", on_done=self._imported,
                          on_error=self._failed)

    def _imported(self, result) -> None:
        stored, changes = result
        self.outcome.setText(tr("{n} commande(s) importée(s).", n=len(stored)))
        self.imported.emit(len(stored))
        self.events.publish(changes)
