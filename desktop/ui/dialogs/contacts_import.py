"""Contacts from a CSV file (docs/csv-import.md): what was recognised, a preview, every
problem by line and column, then an all-or-nothing import once the clerk confirms.

The file is read once and planned in the task runner (`address_book.plan_import`: nothing is
written); changing the column format or the duplicate policy plans it again. "Importer"
(Alt+I or Ctrl+Entrée) is enabled only for a plan without a single problem and with
something to write; `address_book.commit_import` then writes it in one transaction.
Enter never imports.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import phones
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.messages import field_label
from desktop.services.changes import Changes
from desktop.ui.i18n import N_, language, ntr, tr
from desktop.ui.tasks import TaskRunner

# Columns a preset may map that the address form has no label for.
EXTRA_LABELS = {"first_name": N_("Prénom"), "last_name": N_("Nom de famille"),
                "street2": N_("Adresse (suite)"), "mobile": N_("Portable"),
                "note": N_("Note"), "favourite": N_("Favori")}
POLICIES = (("skip", N_("le garder tel quel (la ligne est ignorée)")),
            ("update", N_("le remplacer par la ligne du fichier")),
            ("keep", N_("garder les deux")))
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": N_("UTF-8 avec BOM"), "utf-16": "UTF-16",
             "cp1252": N_("Windows-1252 (Excel)"), "windows-1252": N_("Windows-1252 (Excel)"),
             "iso8859_15": "ISO 8859-15", "latin_1": "ISO 8859-1", "mac_roman": "Mac Roman"}
SEPARATORS = {";": N_("point-virgule « ; »"), ",": N_("virgule « , »"),
              "\t": N_("tabulation"), "|": N_("barre « | »")}
PREVIEW = (("name", N_("Nom")), ("company", N_("Société")), ("street", N_("Adresse")),
           ("postcode", N_("Code postal")), ("city", N_("Ville")), ("country", N_("Pays")),
           ("phone", N_("Téléphone")), ("email", N_("E-mail")))
# The built-in presets by the names shops know them (resources/reference/csv_presets.json);
# a saved preset is shown by its own label.
PRESET_NAMES = {"comptoir": N_("Comptoir (export de ce logiciel)"), "woocommerce": "WooCommerce",
                "shopify": "Shopify", "prestashop": "PrestaShop",
                "coliship": "Colissimo Box / ColiShip"}
MAX_PATH_SHOWN = 100  # characters; a longer path is cut in the middle (the tooltip has it all)
_WHERE = re.compile(r"^line (\d+)(?: · (.+))?$")  # contacts_csv's problem field


def field_name(name: str) -> str:
    """A mapped field by its label in the address form ("street" → "N° et voie")."""
    extra = EXTRA_LABELS.get(name)
    return tr(extra) if extra else field_label(name, language())


def problem_text(v: Violation, mapping: dict[str, str] | None = None) -> str:
    """'line 6 · shipping_postcode' → 'Ligne 6, colonne « shipping_postcode » (Code postal) : …'."""
    by_header = {header: name for name, header in (mapping or {}).items()}
    m = _WHERE.match(str(v.field))
    if m and m.group(2):
        header = m.group(2)
        label = field_name(by_header[header]) if header in by_header else ""
        where = (tr("Ligne {line}, colonne « {column} » ({label})", line=m.group(1),
                    column=header, label=label) if label and label != header else
                 tr("Ligne {line}, colonne « {column} »", line=m.group(1), column=header))
    elif m:
        where = tr("Ligne {line}", line=m.group(1))
    elif str(v.field) == "file":
        where = tr("Fichier")
    else:
        where = field_label(v.field, language())
    if v.rule == "csv_columns_missing" and isinstance(v.limit, str):
        v = Violation(v.field, v.rule, ", ".join(field_name(n.strip())
                                                 for n in v.limit.split(",")),
                      v.actual, v.source, v.severity)
    return v.describe(language(), label=where)


def read_file(path: str) -> bytes:
    """Worker thread: the file's bytes, its size checked before it is read (as the CLI)."""
    from desktop.services.csv_files import MAX_FILE_BYTES
    from desktop.services.user_files import read_bounded

    return read_bounded(path, MAX_FILE_BYTES, too_big="csv_too_big")


def plan(address_book, path: str, data: bytes | None, preset: str | None, policy: str):
    """Worker thread: (the file's bytes, the plan) — nothing is written."""
    from desktop.services.contacts_csv import OnDuplicate

    data = read_file(path) if data is None else data
    return data, address_book.plan_import(data, preset=preset,
                                          on_duplicate=OnDuplicate(policy))


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


class ContactsImportDialog(QDialog):
    def __init__(self, address_book, runner: TaskRunner, path: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Importer des contacts"))
        self._book, self._runner, self._path = address_book, runner, path
        self._data: bytes | None = None
        self.plan = None  # contacts_csv.ImportPlan of the current choices
        self.written = 0
        self.changes: Changes | None = None
        self._busy = False  # writing: the dialog stays until the import is stored
        self._closed = False  # a plan that comes back after closing updates nothing

        from desktop.services.contacts_csv import presets

        shown = (path if len(path) <= MAX_PATH_SHOWN else
                 f"{path[:30]}…{path[-(MAX_PATH_SHOWN - 31):]}")
        self.file = QLabel(tr("Fichier : {path}", path=shown), self)  # as the clerk chose it
        self.file.setObjectName("import_file")
        self.file.setToolTip(path)
        self.preset = QComboBox(self)
        self.preset.setObjectName("import_preset")
        self.preset.addItem(tr("Reconnu automatiquement"), None)
        for name, preset in presets().items():
            known = PRESET_NAMES.get(name)
            self.preset.addItem(tr(known) if known else preset.get("label") or name, name)
        self.policy = QComboBox(self)
        self.policy.setObjectName("import_policy")
        for key, text in POLICIES:
            self.policy.addItem(tr(text), key)
        choices = QFormLayout()
        choices.addRow(tr("Format des &colonnes"), self.preset)
        choices.addRow(tr("Contact déjà dans le &carnet"), self.policy)
        for combo in (self.preset, self.policy):
            label = choices.labelForField(combo)
            label.setBuddy(combo)
        self.recognised = QLabel(self)
        self.recognised.setObjectName("import_recognised")
        self.recognised.setWordWrap(True)

        self.mapping = _table(self, "import_mapping", [tr("Champ"), tr("Colonne du fichier")])
        self.mapping.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.ignored = QLabel(self)
        self.ignored.setObjectName("import_ignored")
        self.ignored.setWordWrap(True)
        mapping_box = QGroupBox(tr("Colonnes reconnues"), self)
        inner = QVBoxLayout(mapping_box)
        inner.addWidget(self.mapping, 1)
        inner.addWidget(self.ignored)

        self.preview = _table(self, "import_preview", [tr(h) for _k, h in PREVIEW])
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview_box = QGroupBox(tr("Aperçu"), self)
        inner = QVBoxLayout(self.preview_box)
        inner.addWidget(self.preview)

        self.problems = QListWidget(self)
        self.problems.setObjectName("import_problems")
        self.problems.setStyleSheet("color: #c62828;")
        self.problems.setWordWrap(True)
        self.problems_box = QGroupBox(tr("Problèmes"), self)
        inner = QVBoxLayout(self.problems_box)
        inner.addWidget(self.problems)
        self.problems_box.hide()

        self.summary = QLabel(tr("Lecture du fichier…"), self)
        self.summary.setObjectName("import_summary")
        self.summary.setWordWrap(True)
        self.import_button = QPushButton(tr("&Importer"), self)
        self.import_button.setObjectName("import_commit")
        self.import_button.setToolTip(tr("Tout ou rien, en une fois (Ctrl+Entrée)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Annuler"))
        # ActionRole: an AcceptRole button would be made the default one when shown.
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in self.buttons.buttons():  # Enter never imports
            button.setAutoDefault(False)
            button.setDefault(False)
        self.import_button.clicked.connect(self.commit)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.commit)

        middle = QHBoxLayout()
        middle.addWidget(mapping_box, 1)
        middle.addWidget(self.preview_box, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file)
        layout.addLayout(choices)
        layout.addWidget(self.recognised)
        layout.addLayout(middle, 3)
        layout.addWidget(self.problems_box, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(1100, 640)
        self.preset.currentIndexChanged.connect(lambda _i: self.replan())
        self.policy.currentIndexChanged.connect(lambda _i: self.replan())
        self._update_button()
        self.replan()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.preset.setFocus(Qt.FocusReason.OtherFocusReason)  # the first field

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            event.accept()  # Enter never imports
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._busy:
            return  # the import is being written: closing now would hide its outcome
        super().reject()

    def done(self, result: int) -> None:
        self._closed = True
        super().done(result)

    # -- planning -------------------------------------------------------------------------
    def replan(self) -> None:
        self.plan = None
        self._update_button()
        self.summary.setText(tr("Lecture du fichier…"))
        self._runner.run(plan, self._book, self._path, self._data, self.preset.currentData(),
                         self.policy.currentData(), name="plan contacts import",
                         latest="plan contacts import",
                         on_done=self._planned, on_error=self._refused)

    def _planned(self, outcome) -> None:
        if self._closed:
            return
        self._data, plan_ = outcome
        self.plan = plan_
        labels = {self.preset.itemData(i): self.preset.itemText(i)
                  for i in range(1, self.preset.count())}
        self.recognised.setText(tr(
            "Format {preset} · encodage {encoding} · séparateur {separator} · {rows}",
            preset=labels.get(plan_.preset, plan_.preset),
            encoding=tr(ENCODINGS.get(plan_.encoding, plan_.encoding)),
            separator=tr(SEPARATORS.get(plan_.delimiter, plan_.delimiter)),
            rows=ntr("{n} ligne de données", "{n} lignes de données", plan_.rows)))
        self.mapping.setRowCount(0)
        for name, header in plan_.mapping.items():
            row = self.mapping.rowCount()
            self.mapping.insertRow(row)
            self.mapping.setItem(row, 0, QTableWidgetItem(field_name(name)))
            self.mapping.setItem(row, 1, QTableWidgetItem(header))
        self._fit_mapping()
        self.ignored.setText(tr("Colonnes ignorées : {columns}",
                                columns=", ".join(plan_.ignored_columns))
                             if plan_.ignored_columns else "")
        self.ignored.setVisible(bool(plan_.ignored_columns))
        self._fill_preview(plan_.preview)
        self._show_problems([problem_text(v, plan_.mapping) for v in plan_.problems],
                            plan_.more_problems)
        if plan_.problems:
            self.summary.setText(ntr(
                "Import refusé : {n} problème, rien ne sera enregistré. Corrigez le fichier, "
                "puis importez-le de nouveau.",
                "Import refusé : {n} problèmes, rien ne sera enregistré. Corrigez le fichier, "
                "puis importez-le de nouveau.", len(plan_.problems) + plan_.more_problems))
        else:
            self.summary.setText(tr(
                "{new}, {updated}, {skipped}. Rien n'est enregistré avant « Importer ».",
                new=ntr("{n} nouveau contact", "{n} nouveaux contacts", len(plan_.new)),
                updated=ntr("{n} mis à jour", "{n} mis à jour", len(plan_.updates)),
                skipped=ntr("{n} déjà dans le carnet (ignoré)",
                            "{n} déjà dans le carnet (ignorés)", plan_.skipped)))
        self._update_button()

    def _refused(self, exc: BaseException) -> None:
        """The file as a whole cannot be read (size, encoding, missing columns…)."""
        if self._closed:
            return
        self.plan = None
        self.recognised.setText("")
        self.mapping.setRowCount(0)
        self.preview.setRowCount(0)
        self.ignored.hide()
        if isinstance(exc, ValidationFailed):
            lines = [problem_text(v) for v in exc.violations]
        else:
            lines = [getattr(exc, "strerror", None) or str(exc)]
        self._show_problems(lines, 0)
        self.summary.setText(tr("Fichier refusé : rien ne sera enregistré."))
        self._update_button()

    def _fit_mapping(self) -> None:
        """The mapping is read whole: as wide as its two columns, never scrolled sideways."""
        table = self.mapping
        table.resizeColumnsToContents()
        table.setMinimumWidth(table.horizontalHeader().length() + 2 * table.frameWidth()
                              + table.verticalScrollBar().sizeHint().width())

    def _fill_preview(self, contacts) -> None:
        self.preview.setRowCount(len(contacts))
        for row, contact in enumerate(contacts):
            a = contact.address
            for col, (key, _h) in enumerate(PREVIEW):
                if key == "name":
                    text = a.name
                elif key == "street":
                    text = ", ".join(p for p in (a.complement, a.building, a.street,
                                                 a.locality) if p)
                elif key == "phone":
                    text = phones.display_phone(a.phone, a.country) if a.phone else ""
                else:
                    text = getattr(a, key)
                self.preview.setItem(row, col, QTableWidgetItem(text))
        self.preview.resizeColumnsToContents()
        self.preview_box.setTitle(ntr("Aperçu : la première ligne à enregistrer",
                                      "Aperçu : les {n} premières lignes à enregistrer",
                                      len(contacts)) if contacts else tr("Aperçu"))

    def _show_problems(self, lines: list[str], more: int) -> None:
        self.problems.clear()
        self.problems.addItems(lines)
        if more:
            self.problems.addItem(ntr("… et {n} autre problème.", "… et {n} autres problèmes.",
                                      more))
        self.problems_box.setTitle(ntr("{n} problème", "{n} problèmes", len(lines) + more))
        self.problems_box.setVisible(bool(lines))

    def _update_button(self) -> None:
        p = self.plan
        self.import_button.setEnabled(bool(p is not None and p.ok and (p.new or p.updates)
                                           and not self._busy))

    # -- commit ---------------------------------------------------------------------------
    def commit(self) -> None:
        if not self.import_button.isEnabled():
            return  # still reading, refused, nothing to write, or already writing
        self._busy = True
        self._update_button()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(False)
        self.summary.setText(tr("Enregistrement…"))
        self._runner.write(self._book.commit_import, self.plan, name="import contacts",
                           on_done=self._committed, on_error=self._commit_failed)

    def _committed(self, written: int) -> None:
        self._busy = False
        self.written, self.changes = written, Changes(contacts=True)
        self.accept()

    def _commit_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(True)
        text = exc.describe(language()) if hasattr(exc, "describe") else str(exc)
        self.summary.setText(tr("Import impossible, rien n'a été enregistré : {error}",
                                error=text))
        self._update_button()
