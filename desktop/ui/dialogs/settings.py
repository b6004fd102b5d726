"""The settings dialog: database, printer (with a test), label format, scale, language,
local tracking range. Saved with `desktop.config.save_settings` in the task runner."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import (
    BENCH_NAME_MAX,
    LABEL_FORMATS,
    Settings,
    default_bench_name,
    save_settings,
)
from desktop.domain.printer_profile import load_profiles
from desktop.ui.i18n import LANGUAGES, N_, language, tr
from desktop.ui.widgets.field_errors import MESSAGE_STYLE
from desktop.ui.widgets.printer_status import describe, error_text, status_detail

FORMAT_TEXT = {"pdf": N_("PDF 10 × 15 cm (imprimante système ou fichier)"),
               "zpl203": N_("ZPL II 203 dpi (Zebra…)"), "zpl300": N_("ZPL II 300 dpi")}
PRINTER_HINT = ("file:///dossier/spool · tcp://192.168.1.50:9100 · system: · "
                "system://Zebra_GK420d · cups://Zebra_GK420d · serial:///dev/ttyUSB0 · "
                "usb:///dev/usb/lp0")


class SettingsDialog(QDialog):
    saved = Signal(object, object)  # (new Settings, old Settings)
    carrier_data_changed = Signal()  # a contract table or a number range was saved

    def __init__(self, ctx, runner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Paramètres"))
        self.ctx, self.runner = ctx, runner
        s = ctx.settings
        form = QFormLayout()
        self.database = QLineEdit(s.database_url, self)
        self.database.setPlaceholderText(ctx.settings.effective_database_url())
        db_note = QLabel(tr("Vide : la base SQLite par défaut. Une nouvelle base s'applique au "
                            "prochain démarrage."), self)
        db_note.setWordWrap(True)
        db_note.setStyleSheet("color: #555;")
        self.printer = QLineEdit(s.printer_url, self)
        self.printer.setPlaceholderText(ctx.settings.effective_printer_url())
        self.printer.setToolTip(PRINTER_HINT)
        self.test_button = QPushButton(tr("Tester"), self)
        self.test_button.clicked.connect(self.test_printer)
        printer_row = QHBoxLayout()
        printer_row.addWidget(self.printer, 1)
        printer_row.addWidget(self.test_button)
        self.printer_state = QLabel(self)
        self.printer_state.setWordWrap(True)
        self.printer_state.hide()  # shown once "Tester" was pressed
        printer_hint = QLabel(PRINTER_HINT, self)
        printer_hint.setWordWrap(True)
        printer_hint.setStyleSheet("color: #555;")
        self.label_format = QComboBox(self)
        for fmt in LABEL_FORMATS:
            self.label_format.addItem(tr(FORMAT_TEXT[fmt]), fmt)
        self.label_format.setCurrentIndex(max(0, self.label_format.findData(s.label_format)))
        # A printer model (profile) decides language, resolution and settings; none: the
        # format above with the printer's own settings (docs/printers.md).
        self.printer_profile = QComboBox(self)
        self.printer_profile.addItem(tr("Aucun (selon le format d'étiquette)"), "")
        lang = language()
        for profile in sorted(load_profiles().values(), key=lambda p: p.label(lang)):
            self.printer_profile.addItem(profile.label(lang), profile.id)
        self.printer_profile.setCurrentIndex(
            max(0, self.printer_profile.findData(s.printer_profile)))
        self.label_format.setEnabled(not s.printer_profile)
        self.printer_profile.currentIndexChanged.connect(
            lambda _i: self.label_format.setEnabled(not self.printer_profile.currentData()))
        self.bench_name = QLineEdit(s.bench_name, self)
        self.bench_name.setObjectName("bench_name")
        self.bench_name.setMaxLength(BENCH_NAME_MAX)
        self.bench_name.setPlaceholderText(default_bench_name())
        self.bench_name.setToolTip(tr("Écrit sur chaque envoi, impression et entrée du journal "
                                      "de ce poste ; l'historique filtre par poste."))
        self.scale = QLineEdit(s.scale_url, self)
        self.scale.setPlaceholderText("simulated://")
        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))

        form.addRow(tr("Base de données (URL)"), self.database)
        form.addRow("", db_note)
        form.addRow(tr("Imprimante (URL)"), printer_row)
        form.addRow("", printer_hint)
        form.addRow("", self.printer_state)
        form.addRow(tr("Modèle d'imprimante"), self.printer_profile)
        form.addRow(tr("Format d'étiquette"), self.label_format)
        form.addRow(tr("Balance (URL)"), self.scale)
        form.addRow(tr("Nom du poste"), self.bench_name)
        form.addRow(tr("Langue"), self.language)
        # Carrier data is saved on its own (checked table by table), not with "Enregistrer".
        self.contract_button = QPushButton(tr("Tables du contrat…"), self)
        self.contract_button.clicked.connect(self.open_contract_tables)
        self.ranges_button = QPushButton(tr("Plages de numéros…"), self)
        self.ranges_button.clicked.connect(self.open_number_ranges)
        carrier_row = QHBoxLayout()
        carrier_row.addWidget(self.contract_button)
        carrier_row.addWidget(self.ranges_button)
        self.carriers_button = QPushButton(tr("Tester la connexion"), self)
        self.carriers_button.clicked.connect(self.test_carriers)
        carrier_row.addWidget(self.carriers_button)
        carrier_row.addStretch(1)
        form.addRow(tr("Transporteurs"), carrier_row)
        self.carriers_state = QLabel(self)
        self.carriers_state.setObjectName("carriers_state")
        self.carriers_state.setWordWrap(True)
        self.carriers_state.hide()
        form.addRow("", self.carriers_state)

        self.error = QLabel(self)
        self.error.setStyleSheet(MESSAGE_STYLE)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Enregistrer"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

    def open_contract_tables(self):
        from desktop.ui.dialogs.contract_tables import ContractTablesDialog

        dialog = ContractTablesDialog(self.ctx.admission.contracts, self.runner, self,
                                      catalogue=self.ctx.catalogue)
        dialog.saved.connect(lambda _name: self.carrier_data_changed.emit())
        dialog.open()
        self.contract_dialog = dialog
        return dialog

    def test_carriers(self) -> None:
        """Each carrier in API or demo mode asked once, off the GUI thread."""
        self.carriers_button.setEnabled(False)
        self.carriers_state.setStyleSheet("")
        self.carriers_state.setText(tr("Test des transporteurs…"))
        self.carriers_state.show()
        self.runner.run(self.ctx.test_carriers, name="test carriers",
                        on_done=self._carriers_tested, on_error=self._carriers_failed)

    def _carriers_tested(self, results) -> None:
        self.carriers_button.setEnabled(True)
        if not results:
            self.carriers_state.setText(tr("Aucun transporteur en mode API ou démo."))
            return
        lines = [f"{'✔' if check.ok else '✘'} {carrier} ({mode}) : {check.detail}"
                 for carrier, mode, check in results]
        ok = all(check.ok for _c, _m, check in results)
        self.carriers_state.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")
        self.carriers_state.setText("\n".join(lines))

    def _carriers_failed(self, exc: BaseException) -> None:
        self.carriers_button.setEnabled(True)
        self.carriers_state.setStyleSheet("color: #c62828;")
        self.carriers_state.setText(tr("Erreur : {error}", error=str(exc)))

    def open_number_ranges(self):
        from desktop.ui.dialogs.number_ranges import NumberRangesDialog

        dialog = NumberRangesDialog(self.ctx, self.runner, self)
        dialog.changed.connect(self.carrier_data_changed)
        dialog.open()
        self.ranges_dialog = dialog
        return dialog

    def values(self) -> Settings:
        return replace(self.ctx.settings, database_url=self.database.text().strip(),
                       printer_url=self.printer.text().strip(),
                       label_format=self.label_format.currentData(),
                       printer_profile=self.printer_profile.currentData(),
                       scale_url=self.scale.text().strip() or "simulated://",
                       language=self.language.currentData(),
                       bench_name=self.bench_name.text().strip() or default_bench_name())

    def test_printer(self) -> None:
        url = self.printer.text().strip() or self.ctx.settings.effective_printer_url()
        self.printer_state.setText(tr("Test de {url}…", url=url))
        self.printer_state.show()
        self.runner.run(self.ctx.printer_status, url, name="printer status",
                        on_done=self._status, on_error=lambda e: self._status_error(error_text(e)))

    def _status(self, status) -> None:
        if status.ready:
            self.printer_state.setStyleSheet("color: #2e7d32;")
            self.printer_state.setText(tr("Prête : {detail}", detail=describe(status)))
        else:
            self._status_error(status_detail(status))

    def _status_error(self, detail: str) -> None:
        self.printer_state.setStyleSheet("color: #c62828;")
        self.printer_state.setText(tr("Pas prête : {detail}", detail=detail))

    def save(self) -> None:
        new = self.values()
        if new.printer_url:
            try:  # parsed and validated by the transport registry, no connection needed
                self.ctx.check_printer_url(new.printer_url)
            except ValueError as exc:
                self.error.setText(tr("Adresse d'imprimante refusée : {error}",
                                      error=error_text(exc)))
                self.error.show()
                return
        old = replace(self.ctx.settings)  # a copy: ctx.settings is updated in place
        self.buttons.setEnabled(False)
        self.runner.run(save_settings, new, self.ctx.settings_file, name="save settings",
                        on_done=lambda _path: self._saved(new, old), on_error=self._failed)

    def _saved(self, new: Settings, old: Settings) -> None:
        self.buttons.setEnabled(True)
        # In place: the services read the same object (printer, format, range).
        for name in Settings.__dataclass_fields__:
            setattr(self.ctx.settings, name, getattr(new, name))
        self.saved.emit(new, old)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(tr("Erreur : {error}", error=str(exc)))
        self.error.show()
