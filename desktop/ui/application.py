"""Starts the GUI: language, the composition root (in the background), the main window.

`demo=True` points COMPTOIR_HOME at a fresh temporary folder (settings, database, spool) and
adds a sender profile and a few contacts, so nothing real is touched.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop.ui.i18n import install_qt_translations, language, set_language, tr
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
EXIT_START_FAILED = 2
INTEGRITY_CHECK_DELAY_MS = 2_000  # after the first paint and the first look-ups


def system_transports() -> dict:
    """The transports only the UI can provide, keyed by URL scheme."""
    from desktop.ui.system_printer import SystemPrinterTransport  # Qt print support: later

    return {"system": SystemPrinterTransport}


def prepare_demo_home() -> str:
    home = tempfile.mkdtemp(prefix="comptoir-demo-")
    os.environ["COMPTOIR_HOME"] = home
    for var in ("COMPTOIR_CONFIG_DIR", "COMPTOIR_DATA_DIR", "COMPTOIR_DATABASE_URL"):
        os.environ.pop(var, None)
    return home


def seed_demo(ctx) -> None:
    """A sender, an address book (France, EU, outside the EU, a US state) and a small
    catalogue, so the counter can be tried at once (worker thread)."""
    from decimal import Decimal

    from desktop.domain.address import Address
    from desktop.domain.customs import Product
    from desktop.domain.shipment import Contact, SenderProfile

    if not ctx.senders.list():
        ctx.senders.save(SenderProfile("Boutique", Address(
            company="Atelier Comptoir", name="M. Jean Martin", street="12 rue des Lilas",
            postcode="69003", city="LYON", phone="04 72 00 00 00"), is_default=True))
    if not ctx.address_book.search("", 1):
        for address in (
                Address(name="Mme Claire Dupont", street="8 avenue Jean Jaurès",
                        postcode="75019", city="PARIS", email="claire@example.fr"),
                Address(name="Hans Müller", street="Hauptstraße 5", postcode="10115",
                        city="Berlin", country="DE"),
                Address(name="Olena Kovalenko", street="vul. Khreshchatyk 22",
                        postcode="01001", city="Kyiv", country="UA", phone="+380 44 123 4567"),
                Address(name="Heidi Muster", street="Bahnhofstrasse 12", postcode="8001",
                        city="Zürich", country="CH", phone="+41 44 123 45 67"),
                Address(name="Mr John Smith", street="350 Fifth Avenue", postcode="10118",
                        city="New York", country="US", state="NY", phone="+1 212 555 0100",
                        email="john@example.com")):
            ctx.address_book.save(Contact(address))
    if not ctx.products.search("", 1):
        for product in ([
            Product("TS-01", "Tee-shirt homme en coton", "Men's cotton T-shirt", "610910",
                    "PT", 180, Decimal("12.50"), ean="3760000000017"),
            Product("MUG-2", "Mug en céramique décoré", "Decorated ceramic mug", "691200",
                    "FR", 350, Decimal("9.90")),
            Product("SC-3", "Écharpe en soie pour femme", "Women's silk scarf", "621410",
                    "IT", 90, Decimal("39.00"), ean="3760000000024")]):
            ctx.products.save(product)


class _Host(QObject):
    """Owns the context and the window; rebuilds the window when the language changes."""

    def __init__(self, app: QApplication, demo: bool, build):
        super().__init__()
        self.app, self.demo, self._build_context = app, demo, build
        self.ctx = None
        self.window = None
        self.runner = TaskRunner(self)
        self.exit_code = 0

    def start(self, database_url, settings_file, lang) -> None:
        self.splash = QLabel(tr("Comptoir — ouverture de la base de données…"))
        self.splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splash.setMinimumSize(420, 120)
        self.splash.show()
        if os.environ.get("COMPTOIR_READY_PROBE"):
            QTimer.singleShot(0, lambda: print("splash", flush=True))
        self.runner.run(self._build, database_url, settings_file, lang, name="start",
                        on_done=self._ready, on_error=self._start_failed)
        # While the database opens in the worker, the GUI thread loads the window's code.
        QTimer.singleShot(0, lambda: __import__("desktop.ui.main_window"))

    def _build(self, database_url, settings_file, lang):  # worker thread
        ctx = self._build_context(database_url, settings_file, extra_transports=system_transports(),
                            lang=lang)
        if self.demo:
            seed_demo(ctx)
        # After a crash: spool debris removed, interrupted jobs set aside for confirmation,
        # queued ones sent (off the GUI thread: a printer may be slow to answer).
        ctx.recovery = ctx.resume()
        return ctx, _start_warnings(ctx, settings_file)

    @staticmethod
    def _warm() -> None:  # worker thread, once the window is up: the first look-ups are quick
        from desktop.domain import countries, formatting, postcodes

        countries.all_countries()
        countries.find("fr")
        postcodes.suggest("75", 1)
        formatting.kg(1)

    def _ready(self, built) -> None:
        self.ctx, warnings = built
        if os.environ.get("COMPTOIR_READY_PROBE"):  # bench/startup.py: where the time goes
            print("database", flush=True)
        self.splash.close()
        self.open_window()
        self._warn(warnings)  # bad settings keys (defaults used)
        # The daily integrity check reads the whole file (seconds for a big one): once the
        # window is up, on a worker; under WAL it holds up no write. It only ever warns.
        QTimer.singleShot(INTEGRITY_CHECK_DELAY_MS, lambda: self.runner.run(
            self.ctx.check_integrity, name="integrity check",
            on_done=lambda problems: self._warn(_integrity_warnings(problems)),
            on_error=lambda exc: log.warning("integrity check: %s", exc)))

    def _warn(self, warnings: list) -> None:
        if warnings and self.window is not None:
            text = " ; ".join(v.describe(language()) for v in warnings)
            log.warning("start: %s", text)
            self.window.statusBar().showMessage("⚠ " + text)

    def open_window(self) -> None:
        from desktop.ui.main_window import MainWindow

        install_qt_translations(self.app, set_language(self.ctx.settings.language))
        window = MainWindow(self.ctx)
        if self.demo:
            window.setWindowTitle(window.windowTitle() + " — " + tr("DÉMO"))
        window.language_changed.connect(self._relaunch)
        window.closed.connect(self._window_closed)
        self.window = window
        window.show_recovery(getattr(self.ctx, "recovery", None))
        window.show()
        # After the first paint, not during it: the warm-up competes for the interpreter.
        QTimer.singleShot(400, lambda: self.runner.run(
            self._warm, name="warm reference tables", on_error=lambda _e: None))
        if os.environ.get("COMPTOIR_READY_PROBE"):  # bench/startup.py: time to a usable window
            QTimer.singleShot(0, self._probe_ready)

    def _probe_ready(self) -> None:
        print("ready", flush=True)  # the window is shown and the event loop turns
        self.window.close()

    def _relaunch(self, _lang: str) -> None:
        old = self.window
        self.window = None
        old.closed.disconnect(self._window_closed)
        old.close()
        old.deleteLater()
        self.open_window()

    def _window_closed(self) -> None:
        if self.ctx is not None:
            self.ctx.close()
        self.app.quit()

    def _start_failed(self, exc: BaseException) -> None:
        self.splash.close()
        log.error("start failed: %s", exc)
        error = exc.describe(language()) if hasattr(exc, "describe") else str(exc)
        QMessageBox.critical(None, "Comptoir", tr("Comptoir ne peut pas démarrer :\n{error}",
                                                  error=error))
        self.exit_code = EXIT_START_FAILED
        self.app.exit(EXIT_START_FAILED)


def _start_warnings(ctx, settings_file) -> list:
    """What the clerk should know at start: settings keys refused (their default is used)
    and the database integrity check's findings."""
    from desktop.config import check_settings_file
    from desktop.domain.errors import Violation

    warnings = [replace(v, severity="warning") for v in check_settings_file(settings_file)]
    if getattr(ctx, "locale_problem", ""):
        warnings.append(Violation("database", "database_locale", actual=ctx.locale_problem,
                                  severity="warning"))
    return warnings + _integrity_warnings(ctx.integrity_problems)


def _integrity_warnings(problems) -> list:
    from desktop.domain.errors import Violation

    return [Violation("database", "database_integrity", actual=problem, severity="warning")
            for problem in problems]


def run(database_url: str | None = None, settings_file: str | None = None,
        lang: str | None = None, demo: bool = False, build=None) -> int:
    """Runs the GUI until the window closes; returns the exit code.

    `build` is the composition root (`desktop.app.build_context`), passed in by the caller
    because the UI layer must not import storage or devices, even through `desktop.app`.
    """
    if build is None:
        raise ValueError("run() needs build=desktop.app.build_context")
    if demo:
        home = prepare_demo_home()
        print(f"Comptoir demo: {home}", file=sys.stderr)
    from desktop.config import load_settings

    set_language(lang or load_settings(settings_file).language)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Comptoir")
    app.setOrganizationName("Comptoir")
    install_qt_translations(app, set_language(lang or load_settings(settings_file).language))
    host = _Host(app, demo, build)
    host.start(database_url, settings_file, lang)
    code = app.exec()
    host.runner.wait()
    return host.exit_code or code
