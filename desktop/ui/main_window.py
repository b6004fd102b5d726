"""The main window: Comptoir (counter), Carnet d'adresses, Historique; menus and status."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QTabWidget, QWidget

from desktop.config import save_settings
from desktop.domain.shipment import shipment_name
from desktop.ui import confirm
from desktop.ui.events import EventBridge
from desktop.ui.i18n import LANGUAGES, language, tr
from desktop.ui.outbox_link import OutboxLink
from desktop.ui.print_queue import PrintQueueDispatcher
from desktop.ui.scale_link import ScaleLink
from desktop.ui.tasks import TaskRunner
from desktop.ui.views.counter import CORRECT_REFUSED_KEY, CounterView
from desktop.ui.widgets.printer_status import PrinterStatusLabel

if TYPE_CHECKING:  # the dialogs load when first opened, not at start (bench/startup.py)
    from desktop.ui.dialogs.sender import SenderProfileDialog
    from desktop.ui.dialogs.settings import SettingsDialog
    from desktop.ui.views.address_book import AddressBookView
    from desktop.ui.views.dashboard import DashboardView
    from desktop.ui.views.history import HistoryView
    from desktop.ui.views.products import ProductsView
    from desktop.ui.views.worklist import WorkListView

PRINTER_POLL_MS = 30_000  # our choice: a printer running out of paper shows within 30 s


OFFLINE_RETRY_MS = 5_000  # a kept draft is saved within 5 s of the server coming back
# The screens other than the counter are built after the window's first paint (one per turn
# of the event loop) or when first asked for, whichever comes first: the counter is usable
# sooner (bench/startup.py).
def _view_classes() -> dict[str, type]:
    """The classes of the screens built later (imported here, not at start; written out so
    that the bundle's import analysis sees them)."""
    from desktop.ui.views.address_book import AddressBookView
    from desktop.ui.views.dashboard import DashboardView
    from desktop.ui.views.history import HistoryView
    from desktop.ui.views.products import ProductsView
    from desktop.ui.views.worklist import WorkListView

    return {"address_book": AddressBookView, "history": HistoryView, "products": ProductsView,
            "dashboard": DashboardView, "worklist": WorkListView}


LATER_VIEWS_DELAY_MS = 300  # after the first paint
AFTER_FIRST_PAINT_MS = 100  # the first frame is drawn by then (bench/startup.py: ~50 ms)


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def fitting_size(window: QWidget, wanted: tuple[int, int] = (1280, 820)) -> tuple[int, int]:
    """The wanted size, or the screen's free area less the title bar on a smaller screen
    (1366×768 laptops: the Print button must stay in sight)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    free = screen.availableGeometry()
    title = window.style().pixelMetric(window.style().PixelMetric.PM_TitleBarHeight) + 8
    return min(wanted[0], free.width()), min(wanted[1], free.height() - title)


class MainWindow(QMainWindow):
    language_changed = Signal(str)  # the host rebuilds the window in the new language
    closed = Signal()
    # Emitted on the change feed's thread (another bench saved a shipment); queued to the GUI
    # thread, where the history reloads.
    shipments_changed_elsewhere = Signal()

    def __init__(self, ctx, runner: TaskRunner | None = None, events: EventBridge | None = None,
                 parent: QWidget | None = None, start_scale: bool = True):
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner or TaskRunner(self)
        self.events = events or EventBridge(self)
        self.setWindowTitle(tr("Comptoir — poste d'expédition"))
        self.resize(*fitting_size(self))

        self.counter = CounterView(ctx, self.runner, self.events, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.counter, tr("Comptoir"))
        self._views: dict[str, QWidget] = {}
        self._placeholders: dict[str, QWidget] = {}
        for name, title in (("address_book", tr("Carnet d'adresses")),
                            ("history", tr("Historique")), ("products", tr("Produits")),
                            ("dashboard", tr("Tableau de bord")),
                            ("worklist", tr("Liste de travail"))):
            holder = QWidget(self)  # stands in the tab until the view is built
            self._placeholders[name] = holder
            self.tabs.addTab(holder, title)
        self.tabs.currentChanged.connect(self._tab_shown)
        self._later_started = False
        self._later_timer = QTimer(self)  # owned: it dies with the window, never fires after
        self._later_timer.setSingleShot(True)
        self._later_timer.timeout.connect(self._build_later_views)
        self._first_paint_timer = QTimer(self)
        self._first_paint_timer.setSingleShot(True)
        self._first_paint_timer.timeout.connect(self._after_first_paint)
        self.setCentralWidget(self.tabs)

        self.scale = ScaleLink(ctx, self.runner, self)
        self.scale.reading.connect(self.counter.scale_reading)
        panel = self.counter.parcel_panel
        self.scale.opened.connect(panel.set_scale)
        panel.zero_requested.connect(self.scale.zero)
        panel.tare_requested.connect(self.scale.tare)
        self.scale.opened.connect(panel.simulator.set_scale)  # demo: weight on a simulated scale
        self.scale.error.connect(lambda e: self.statusBar().showMessage(
            tr("Balance : {error}", error=e), 10_000))
        self.counter.sender_needed.connect(self.new_sender_profile)
        self.runner.failed.connect(self._task_failed)
        self.runner.busy_changed.connect(lambda busy: self.busy_label.setText(
            tr("Travail en cours…") if busy else ""))
        self.events.settings.connect(self._show_printer)

        self._build_menus()
        self.busy_label = QLabel(self)
        self.printer_label = QLabel(self)
        self.printer_state = PrinterStatusLabel(self)
        self.statusBar().addWidget(self.printer_label, 1)
        self.statusBar().addPermanentWidget(self.printer_state)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.jobs_label = QLabel(self)  # print jobs interrupted by a crash, to confirm
        self.jobs_label.setObjectName("jobs_awaiting")
        self.jobs_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.jobs_label)
        self.outbox_label = QLabel(self)  # shipments waiting for their carrier's number
        self.outbox_label.setObjectName("outbox_waiting")
        self.outbox_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.statusBar().addPermanentWidget(self.outbox_label)
        # Shipments the carrier refused after the counter let them go: the oldest one opens
        # at the counter for correction (also Ctrl+Shift+R, and the Colis menu).
        self.refused: tuple = ()  # desktop.services.carrier_outbox.RefusedShipment, oldest first
        self.refused_button = QPushButton(self)
        self.refused_button.setObjectName("refused_shipments")
        self.refused_button.setStyleSheet("color: #c62828; font-weight: bold;")
        self.refused_button.clicked.connect(self.correct_refused)
        self.refused_button.hide()
        self.statusBar().addPermanentWidget(self.refused_button)
        # Its own runner: a status poll must not flash "work in progress".
        self.status_runner = TaskRunner(self)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(PRINTER_POLL_MS)
        self.status_timer.timeout.connect(self.poll_printer)
        self.status_timer.start()
        # Jobs left waiting (printer offline, paper out) are retried with back-off.
        self.print_queue = PrintQueueDispatcher(ctx, self.events, self)
        self.print_queue.kick()
        self.shipments_changed_elsewhere.connect(self.events.shipments,
                                                 Qt.ConnectionType.QueuedConnection)
        self.shipment_feed = ctx.watch_shipments(self.shipments_changed_elsewhere.emit)
        # Drafts kept while the server was away: saved (then printed) once it answers again.
        self.counter.kept_offline.connect(lambda text: self.statusBar().showMessage(text))
        self.offline_timer = QTimer(self)
        self.offline_timer.setInterval(OFFLINE_RETRY_MS)
        self.offline_timer.timeout.connect(self.retry_offline)
        self.offline_timer.start()
        # Shipments waiting for their carrier: sent again at start-up and every little while,
        # each label printing when its number arrives.
        self.outbox = OutboxLink(ctx, self.events, self)
        self.outbox.waiting_changed.connect(self._show_outbox)
        self.outbox.passed.connect(self._outbox_passed)
        self.counter.shipped.connect(lambda _r: self.outbox.run_pass())  # count what waits
        self._show_printer(poll=False)  # asked after the first paint (`_after_first_paint`)
        if start_scale:
            self.scale.start()
        self.counter.focus_start()

    # -- the screens built after the first paint ------------------------------------------
    @property
    def address_book(self) -> AddressBookView:
        return self._view("address_book")

    @property
    def history(self) -> HistoryView:
        return self._view("history")

    @property
    def products(self) -> ProductsView:
        return self._view("products")

    @property
    def dashboard(self) -> DashboardView:
        return self._view("dashboard")

    @property
    def worklist(self) -> WorkListView:
        return self._view("worklist")

    def _view(self, name: str) -> QWidget:
        view = self._views.get(name)
        if view is None:
            view = self._build_view(name)
        return view

    def _build_view(self, name: str) -> QWidget:
        view = _view_classes()[name](self.ctx, self.runner, self.events, self)
        self._views[name] = view
        holder = self._placeholders.pop(name)
        index, current = self.tabs.indexOf(holder), self.tabs.currentIndex()
        title = self.tabs.tabText(index)
        self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, view, title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        holder.deleteLater()
        if name == "history":
            view.awaiting_changed.connect(self._show_awaiting)
            view.correct_requested.connect(self.open_refused)
            view.copy_requested.connect(self.open_copy)
        elif name == "worklist":
            self.scale.reading.connect(view.scale_reading)
        return view

    def _tab_shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        name = next((n for n, h in self._placeholders.items() if h is widget), None)
        if name is not None:
            self._build_view(name)

    def _build_later_views(self) -> None:
        """One screen per turn of the event loop, so that typing is never held up long."""
        if self._placeholders:
            self._build_view(next(iter(self._placeholders)))
            self._later_timer.start(0)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._later_started:
            self._later_started = True
            self._later_timer.start(LATER_VIEWS_DELAY_MS)
            self._first_paint_timer.start(AFTER_FIRST_PAINT_MS)

    def _after_first_paint(self) -> None:
        """The work the window starts on worker threads, once it is on screen: the
        carriers' outbox pass and the printer's state would otherwise take the interpreter
        from the first paint."""
        self.outbox.start()
        self.poll_printer()

    def show_recovery(self, recovery) -> None:
        """What the start-up found after a crash (`AppContext.resume`)."""
        self._show_awaiting(len(recovery.awaiting) if recovery is not None else 0)
        if recovery is not None and recovery.resent:
            self.events.publish(recovery.changes)

    def _show_awaiting(self, awaiting: int) -> None:
        self.jobs_label.setText(tr("{n} impression(s) interrompue(s) : sortie(s) ? À vérifier "
                                   "dans l'historique", n=awaiting) if awaiting else "")

    def _show_outbox(self, waiting: int) -> None:
        self.outbox_label.setText(tr("{n} envoi(s) en attente du transporteur", n=waiting)
                                  if waiting else "")
        self.outbox_label.setToolTip(tr("Renvoyés automatiquement dès que le transporteur "
                                        "répond ; l'étiquette s'imprime alors."))

    def _outbox_passed(self, outbox_pass) -> None:
        """What the automatic pass did, in the status bar; a refusal names the shipment
        (recipient, reference) and offers to correct it."""
        lines = []
        for result in outbox_pass.results:
            if result.created:
                label = next((j for j in result.jobs if j.kind == "label"), None)
                lines.append(tr("Expédition n° {id} : {number}, étiquette → {where}",
                                id=result.shipment.id, number=result.shipment.tracking_number,
                                where=label.output if label else "—"))
            elif not result.error.retryable:
                lines.append(tr("Envoi « {name} » refusé par le transporteur : {error} — "
                                "Corriger et renvoyer : {key}",
                                name=shipment_name(result.shipment),
                                error=result.error.describe(language()),
                                key=_native(CORRECT_REFUSED_KEY)))
        self._show_refused(outbox_pass.refused)
        if lines:
            self.statusBar().showMessage(" · ".join(lines), 60_000)

    def _show_refused(self, refused) -> None:
        """The button (and menu entry) that opens the oldest refused shipment (not the one
        already open at the counter)."""
        self.refused = tuple(r for r in refused
                             if r.shipment_id != self.counter.refused_shipment_id)
        first = self.refused[0] if self.refused else None
        if first is not None:
            text = tr("Refusé par le transporteur : {name} — Corriger et renvoyer ({key})",
                      name=first.name, key=_native(CORRECT_REFUSED_KEY))
            if len(self.refused) > 1:
                text = tr("{n} envois refusés par le transporteur. ", n=len(self.refused)) + text
            self.refused_button.setText(text)
        self.refused_button.setVisible(first is not None)
        self.correct_action.setEnabled(first is not None)

    def correct_refused(self) -> bool:
        """Opens the oldest shipment the carrier refused at the counter, for correction."""
        if not self.refused:
            self.statusBar().showMessage(tr("Aucun envoi refusé par le transporteur."), 10_000)
            return False
        self.open_refused(self.refused[0].shipment_id)
        return True

    def open_refused(self, shipment_id: int) -> None:
        """The shipment the carrier refused, with its errors, at the counter (history
        "Corriger et renvoyer", the status bar button, Ctrl+Shift+R)."""
        self.runner.run(self.ctx.counter.reopen_refused, shipment_id, name="reopen refused",
                        on_done=self._reopened, on_error=self._reopen_failed)

    def _reopened(self, reopened) -> None:
        if self._counter_free(tr("Corriger et renvoyer"), reopened.name,
                              same=self.counter.refused_shipment_id == reopened.shipment_id):
            self.counter.open_refused(reopened)

    def open_copy(self, shipment_id: int, number: str = "") -> None:
        """History "Expédier à nouveau": a copy of the shipment (`number`, as the clerk knows
        it) at the counter, as a new parcel (`HistoryService.ship_again`: never its number,
        label or dates)."""
        self.runner.run(self.ctx.history.ship_again, shipment_id, name="ship again",
                        on_done=lambda draft: self._copy_ready(draft, number),
                        on_error=self._reopen_failed)

    def _copy_ready(self, draft, number: str) -> None:
        if self._counter_free(tr("Expédier à nouveau"), shipment_name(draft)):
            self.counter.open_copy(draft, number)

    def _counter_free(self, title: str, name: str, same: bool = False) -> bool:
        """The counter can take another shipment: nothing printing, and the parcel being
        entered (if any) may be replaced; then it is brought forward."""
        counter = self.counter
        if counter.busy:  # a parcel is printing: its result must stay in sight
            self.statusBar().showMessage(tr("Impression en cours : réessayez dans un instant."),
                                         10_000)
            return False
        if counter.has_input() and not same and not confirm.ask(self, title, tr(
                "Le colis en cours de saisie sera remplacé par l'envoi « {name} ». "
                "Continuer ?", name=name)):
            return False
        self.tabs.setCurrentWidget(counter)
        return True

    def _reopen_failed(self, exc: BaseException) -> None:
        describe = getattr(exc, "describe", None)
        text = describe(language()) if describe else str(exc)
        self.statusBar().showMessage(text, 30_000)
        history = self._views.get("history")  # not built yet: not on screen either
        if history is not None and self.tabs.currentWidget() is history:
            history.info.setText(text)
        self.outbox.run_pass()  # what is still refused, counted again

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&Fichier"))
        self.settings_action = QAction(tr("&Paramètres…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.open_settings)
        sender_action = QAction(tr("Profils &expéditeur…"), self)
        sender_action.triggered.connect(self.edit_sender_profile)
        quit_action = QAction(tr("&Quitter"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(self.settings_action)
        file_menu.addAction(sender_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(tr("&Affichage"))
        for n, (name, attribute) in enumerate(((tr("Comptoir"), "counter"),
                                               (tr("Carnet d'adresses"), "address_book"),
                                               (tr("Historique"), "history"),
                                               (tr("Produits"), "products")), start=1):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.triggered.connect(lambda _c=False, a=attribute: self.show_tab(getattr(self, a)))
            view_menu.addAction(action)

        lang_menu = self.menuBar().addMenu(tr("&Langue"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == language())
            action.triggered.connect(lambda _c=False, c=code: self.choose_language(c))
            group.addAction(action)
            lang_menu.addAction(action)
            self.language_actions[code] = action

        self._build_parcel_menu()
        help_menu = self.menuBar().addMenu(tr("&Aide"))
        sheet_action = QAction(tr("&Raccourcis clavier…"), self)
        sheet_action.setShortcut(QKeySequence("F1"))
        sheet_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(sheet_action)

    def _build_parcel_menu(self) -> None:
        """The counter's keys, in the menu so that they can be learnt there. The counter owns
        the shortcuts (they act only on its screen); the menu shows them after a tab and
        brings the counter forward when chosen with the mouse."""
        from desktop.ui.views import counter as c
        from desktop.ui.widgets.weight_panel import TAKE_WEIGHT_KEY

        menu = self.menuBar().addMenu(tr("&Colis"))
        view = self.counter
        for text, keys, slot in (
                (tr("Rechercher un destinataire"), c.SEARCH_KEY, view.focus_search),
                (tr("Prendre le poids"), TAKE_WEIGHT_KEY, view.parcel_panel.take_weight),
                (tr("N° du formulaire"), c.FORM_NUMBER_KEY, view.focus_form_number),
                (tr("Contenu vérifié"), c.CONTENTS_KEY, view.toggle_contents),
                (tr("Déclaration en douane"), c.CUSTOMS_KEY, view.focus_customs),
                (tr("Imprimer"), c.PRINT_KEYS[1], view.print_label),
                (tr("Nouveau colis"), c.NEW_PARCEL_KEY, view.new_parcel)):
            native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            action = QAction(f"{text}\t{native}", self)
            action.triggered.connect(lambda _c=False, s=slot: (self.show_tab(self.counter), s()))
            menu.addAction(action)
        menu.addSeparator()
        # A window-wide key: the refusal is announced whatever tab is open.
        self.correct_action = QAction(tr("Corriger et renvoyer l'envoi refusé"), self)
        self.correct_action.setShortcut(QKeySequence(CORRECT_REFUSED_KEY))
        self.correct_action.setEnabled(False)
        self.correct_action.triggered.connect(self.correct_refused)
        menu.addAction(self.correct_action)
        self.addAction(self.correct_action)
        self.parcel_menu = menu

    def show_shortcuts(self):
        from desktop.ui.dialogs.shortcuts import ShortcutSheet

        sheet = ShortcutSheet(self)
        sheet.open()
        self.shortcut_sheet = sheet
        return sheet

    def show_tab(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(widget)
        if widget is self.counter:
            self.counter.focus_start()
        elif widget in [self._views.get(n) for n in ("address_book", "history", "products")]:
            widget.search.setFocus()

    def _show_printer(self, poll: bool = True) -> None:
        settings = self.ctx.settings
        fmt = settings.effective_printer_profile().name if settings.printer_profile \
            else settings.label_format
        self.printer_label.setText(tr("Imprimante : {url} ({fmt})", url=self.ctx.printer_url,
                                      fmt=fmt))
        if poll:
            self.poll_printer()

    def poll_printer(self) -> None:
        """Asks the printer's state on a worker thread (a silent printer takes seconds)."""
        if self.status_runner.active:
            return  # the previous question is still waiting for its answer
        self.status_runner.run(self.ctx.printer_status, name="printer status",
                               on_done=self.printer_state.show_status,
                               on_error=self.printer_state.show_error)

    def _task_failed(self, name: str, exc: BaseException) -> None:
        describe = getattr(exc, "describe", None)
        text = describe(language()) if describe else str(exc)
        self.statusBar().showMessage(tr("Erreur : {error}", error=text), 15_000)
        confirm.warn(self, tr("Erreur"), text)

    # -- dialogs --------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        from desktop.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.runner, self)
        dialog.saved.connect(self._settings_saved)
        dialog.carrier_data_changed.connect(self.events.settings)  # the counter re-checks
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    def _settings_saved(self, new, old) -> None:
        self.events.settings.emit()
        if new.scale_url != old.scale_url:
            self.scale.restart()
        if new.database_url != old.database_url:
            self.statusBar().showMessage(tr("La nouvelle base de données sera utilisée au "
                                            "prochain démarrage."), 15_000)
        if new.language != old.language:
            self.language_changed.emit(new.language)
        if new.bench_name != old.bench_name:
            self.ctx.set_bench(new.bench_name)

    def choose_language(self, code: str) -> None:
        if code == self.ctx.settings.language:
            return
        new = replace(self.ctx.settings, language=code)
        self.runner.run(save_settings, new, self.ctx.settings_file, name="save language",
                        on_done=lambda _p: self._language_saved(code))

    def _language_saved(self, code: str) -> None:
        self.ctx.settings.language = code
        self.language_changed.emit(code)

    def new_sender_profile(self) -> SenderProfileDialog:
        return self._sender_dialog(None)

    def edit_sender_profile(self) -> SenderProfileDialog:
        return self._sender_dialog(self.counter.senders.current())

    def _sender_dialog(self, profile) -> SenderProfileDialog:
        from desktop.ui.dialogs.sender import SenderProfileDialog

        dialog = SenderProfileDialog(self.ctx.senders, self.runner, profile, self)

        def done():
            if dialog.result_value is not None:
                self.counter.senders.pending_select = dialog.result_value.id
            self.events.publish(dialog.changes)

        dialog.accepted.connect(done)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()
        self.sender_dialog = dialog
        return dialog

    # -- shutdown -------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stops the scale thread and waits for running tasks (a print finishes)."""
        self._later_timer.stop()
        self._first_paint_timer.stop()
        self.scale.stop()
        self.shipment_feed.stop()
        self.offline_timer.stop()
        self.outbox.stop()
        self.status_timer.stop()
        self.print_queue.stop()
        self.runner.wait()
        self.status_runner.wait()

    def retry_offline(self) -> None:
        offline = self.ctx.offline
        if offline is None or self.runner.active or not offline.waiting():
            return
        self.runner.write(offline.retry, self.ctx.print_targets(), name="offline drafts",
                          on_done=self._offline_retried, on_error=lambda _e: None)

    def _offline_retried(self, outcome) -> None:
        saved, refused = outcome
        if saved:
            self.events.shipments.emit()
            self.events.print_jobs.emit()
            self.statusBar().showMessage(tr("{count} envoi(s) en attente du serveur "
                                            "enregistré(s).", count=len(saved)), 15_000)
        for aside in refused:  # set aside: reported this once, never retried
            self.statusBar().showMessage(tr(
                "Envoi gardé hors ligne refusé au retour du serveur, mis de côté "
                "({name}) : {reason} — liste : comptoir drafts",
                name=aside.recipient, reason=aside.message(language())), 60_000)

    def closeEvent(self, event) -> None:
        self.shutdown()
        self.closed.emit()
        super().closeEvent(event)
