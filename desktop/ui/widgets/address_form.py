"""The NF Z10-011 address form, shared by the counter, the contact and sender dialogs.

Postcode type-ahead proposes French communes and fills the town with its *libellé
d'acheminement* (NF Z10-011 line 6); the country field completes names to ISO codes.
Reference look-ups run in the task runner like everything else.
"""

from __future__ import annotations

from dataclasses import fields as dc_fields

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import countries, postcodes
from desktop.domain.address import MAX_LINE_LENGTH, Address, uses_french_postcodes
from desktop.domain.errors import Violation
from desktop.ui.i18n import N_, language, tr
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.field_errors import ErrorLabel, FieldErrors

ADDRESS_FIELDS = tuple(f.name for f in dc_fields(Address))
# (field, label, placeholder) in NF Z10-011 line order.
_ROWS = (
    ("name", N_("Nom"), N_("Civilité, prénom, nom")),
    ("company", N_("Société"), N_("Raison sociale (destinataire professionnel)")),
    ("complement", N_("Complément"), N_("Appartement, étage, service")),
    ("building", N_("Bâtiment"), N_("Entrée, bâtiment, résidence")),
    ("street", N_("N° et voie"), N_("12 rue des Lilas")),
    ("locality", N_("Lieu-dit / BP"), N_("Lieu-dit, BP, TSA")),
    ("postcode", N_("Code postal"), ""),
    ("city", N_("Ville"), ""),
    ("country", N_("Pays"), N_("code ou nom : FR, Suisse, US…")),
    ("state", N_("État / province"), N_("code ou nom : NY, Ontario…")),
    ("phone", N_("Téléphone"), N_("+33 6 12 34 56 78")),
    ("email", N_("E-mail"), N_("client@exemple.fr")),
)
POSTCODE_SUGGESTIONS = 30
COUNTRY_TABLE_DELAY_MS = 600  # after the first paint (the application warms it at 400 ms)


class AddressForm(QWidget):
    changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None,
                 prefix: str = "recipient"):
        super().__init__(parent)
        self._runner = runner
        self.prefix = prefix
        self.errors = FieldErrors()
        self.edits: dict[str, QLineEdit] = {}
        self._communes: dict[str, postcodes.Commune] = {}
        self._postcode_asked = ""
        self._boxes: dict[str, QVBoxLayout] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for name, label, hint in _ROWS:
            edit = QLineEdit(self)
            edit.setObjectName(f"address_{name}")
            edit.setPlaceholderText(tr(hint) if hint else "")
            edit.textEdited.connect(self.changed)
            self.edits[name] = edit
            err = ErrorLabel(self)
            box = QVBoxLayout()
            box.setSpacing(1)
            if name == "postcode":
                row = QHBoxLayout()  # keeps the short field short, its message full width
                row.addWidget(edit)
                row.addStretch(1)
                box.addLayout(row)
            elif name == "country":
                row = QHBoxLayout()
                self.country_name = QLabel(self)
                self.country_name.setStyleSheet("color: #555;")
                row.addWidget(edit, 0)
                row.addWidget(self.country_name, 1)
                edit.setMaximumWidth(160)
                box.addLayout(row)
            else:
                box.addWidget(edit)
            box.addWidget(err)
            form.addRow(tr(label), box)
            self._boxes[name] = box
            self.errors.bind(self.path(name), edit, err)
        for name in ("name", "company", "complement", "building", "street", "locality"):
            self.edits[name].setMaxLength(MAX_LINE_LENGTH * 3)  # longer input is shown as an error
        self.errors.alias(self.path("lines"), self.path("street"))
        if prefix:
            self.errors.alias(prefix, self.path("name"))
        self.edits["postcode"].setMaximumWidth(160)
        self._form = form
        self._setup_postcode()
        self._setup_country()
        self._setup_state()
        self.edits["country"].setText("FR")
        self._show_country_name()

    def path(self, name: str) -> str:
        """The violation field path of one of the form's fields."""
        return f"{self.prefix}.{name}" if self.prefix else name

    # -- values ---------------------------------------------------------------------------
    def address(self) -> Address:
        values = {name: self.edits[name].text() for name in ADDRESS_FIELDS}
        if not countries.needs_state(values["country"]):
            values["state"] = ""  # a hidden field from an earlier country is not sent
        return Address(**values).cleaned()

    def set_address(self, address: Address) -> None:
        for name in ADDRESS_FIELDS:
            self.edits[name].setText(getattr(address, name) or "")
        self._show_country_name()
        self.errors.clear()

    def has_input(self) -> bool:
        """Something typed besides the default country."""
        return any(e.text().strip() for n, e in self.edits.items() if n != "country")

    def clear(self) -> None:
        self.set_address(Address())

    def show_errors(self, violations: list[Violation]) -> list[Violation]:
        return self.errors.show(violations)

    def first_field(self) -> QLineEdit:
        return self.edits["name"]

    def last_field(self) -> QLineEdit:
        return self.edits["email"]

    # -- postcode → communes --------------------------------------------------------------
    def _setup_postcode(self) -> None:
        self._postcode_model = QStringListModel(self)
        completer = QCompleter(self._postcode_model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(12)
        completer.activated[str].connect(self._commune_chosen)
        self.edits["postcode"].setCompleter(completer)
        self.postcode_completer = completer
        self._postcode_timer = QTimer(self, singleShot=True, interval=120)
        self._postcode_timer.timeout.connect(self._ask_communes)
        self.edits["postcode"].textEdited.connect(lambda _t: self._postcode_timer.start())

    def _ask_communes(self) -> None:
        code = self.edits["postcode"].text().strip()
        if not code or not uses_french_postcodes(self.edits["country"].text() or "FR"):
            self._postcode_model.setStringList([])
            return
        self._postcode_asked = code
        self._runner.run(postcodes.suggest, code, POSTCODE_SUGGESTIONS, name="postcodes",
                         on_done=lambda found, asked=code: self._communes_found(asked, found))

    def _communes_found(self, asked: str, found: list) -> None:
        if asked != self.edits["postcode"].text().strip():
            return  # the clerk typed on: a newer look-up is coming
        self._communes = {self._commune_text(c): c for c in found}
        self._postcode_model.setStringList(list(self._communes))
        labels = {c.routing_label for c in found if c.postcode == asked}
        city = self.edits["city"]
        if len(labels) == 1 and (not city.text().strip() or not postcodes.match_town(
                asked, city.text())):
            city.setText(labels.pop())  # one routing label for that code: no choice to make
            self.changed.emit()
        elif found and self.edits["postcode"].hasFocus():
            self.postcode_completer.complete()

    @staticmethod
    def _commune_text(c: postcodes.Commune) -> str:
        if postcodes.fold(c.name) == c.routing_label:
            return f"{c.postcode}  {c.routing_label}"
        return f"{c.postcode}  {c.routing_label}  ({c.name})"

    def _commune_chosen(self, text: str) -> None:
        commune = self._communes.get(text)
        if commune is None:
            return
        # QCompleter writes the chosen text in the line edit after this signal: defer.
        QTimer.singleShot(0, lambda: self._apply_commune(commune))

    def _apply_commune(self, commune: postcodes.Commune) -> None:
        self.edits["postcode"].setText(commune.postcode)
        self.edits["city"].setText(commune.routing_label)
        self.changed.emit()

    # -- country --------------------------------------------------------------------------
    def _setup_country(self) -> None:
        self._country_model = QStringListModel(self)
        completer = QCompleter(self._country_model, self)
        # countries.find already ranked the matches: show its answer as it is.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[str].connect(self._country_chosen)
        self.edits["country"].setCompleter(completer)
        self.country_completer = completer
        self.edits["country"].textChanged.connect(lambda _t: self._show_country_name())
        self.edits["country"].editingFinished.connect(self._country_typed)
        self._country_asked = ""
        self._country_table_asked = False
        self.edits["country"].textEdited.connect(self._ask_countries)

    def _ask_countries(self, text: str) -> None:
        """Best matches first: the exact code ("US" → United States), exact names, then
        names that start with or contain the text (French and English)."""
        lang = language()
        self._country_asked = text
        self._runner.run(lambda: [f"{c.code} — {c.name(lang)}" for c in countries.find(text,
                                                                                      lang)[:12]],
                         name="countries", on_done=lambda found, asked=text:
                         self._countries_found(asked, found))

    def _countries_found(self, asked: str, found: list[str]) -> None:
        try:
            if asked != self.edits["country"].text():
                return  # the clerk typed on
        except RuntimeError:
            return  # the dialog was closed while the look-up ran
        self._country_model.setStringList(found)
        if found and self.edits["country"].hasFocus() and len(asked.strip()) >= 1:
            self.country_completer.complete()
            popup = self.country_completer.popup()
            popup.setCurrentIndex(self.country_completer.completionModel().index(0, 0))

    def _country_chosen(self, text: str) -> None:
        code = text.split(" ", 1)[0]
        QTimer.singleShot(0, lambda: (self.edits["country"].setText(code), self.changed.emit()))

    def _country_typed(self) -> None:
        """A typed code or name ("us", "Suisse", "Germany") becomes its ISO code; a text that
        names no country ("SUIS") stays as typed and is refused next to the field."""
        edit = self.edits["country"]
        text = edit.text().strip()
        if " — " in text:
            text = text.split(" ", 1)[0]
        if not text:
            return
        country = countries.resolve(text)
        if country is None:
            self.errors.show([Violation(self.path("country"), "unknown_country",
                                        limit="ISO 3166-1 alpha-2", actual=text)])
            return
        if edit.text() != country.code:
            edit.setText(country.code)
            self.changed.emit()

    def _show_country_name(self) -> None:
        code = self.edits["country"].text().strip()
        if len(code) == 2 and not countries.loaded():
            # The table (pycountry + CLDR names, ~0.1 s) loads on a worker once the window
            # has painted: loaded at once, its import competed with the first paint for the
            # interpreter (80 ms later usable window, bench/startup.py); the name follows.
            if not self._country_table_asked:
                self._country_table_asked = True
                QTimer.singleShot(COUNTRY_TABLE_DELAY_MS, self, lambda: self._runner.run(
                    countries.all_countries, name="countries table",
                    on_done=lambda _all: self._country_table_loaded()))
        else:
            country = countries.get(code) if len(code) == 2 else None
            self.country_name.setText(country.name(language()) if country else "")
        needed = countries.needs_state(code)
        if hasattr(self, "_state_model"):
            self._form.setRowVisible(self._boxes["state"], needed)
            self._state_model.setStringList([s.label() for s in countries.subdivisions(code)])

    # -- state / province -----------------------------------------------------------------
    def _setup_state(self) -> None:
        self._state_model = QStringListModel(self)
        completer = QCompleter(self._state_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated[str].connect(lambda text: QTimer.singleShot(
            0, lambda: (self.edits["state"].setText(text.split(" ", 1)[0]), self.changed.emit())))
        edit = self.edits["state"]
        edit.setCompleter(completer)
        edit.setMaximumWidth(160)
        edit.editingFinished.connect(self._state_typed)
        self._show_country_name()

    def _country_table_loaded(self) -> None:
        try:
            self._show_country_name()
        except RuntimeError:
            pass  # the form was closed meanwhile

    def _state_typed(self) -> None:
        """"new york" or "ny" → "NY"; a text that names no subdivision stays, refused."""
        edit = self.edits["state"]
        text = edit.text().split(" — ", 1)[0].strip()
        found = countries.find_subdivision(self.edits["country"].text(), text) if text else None
        if found and edit.text() != found.code:
            edit.setText(found.code)
            self.changed.emit()
