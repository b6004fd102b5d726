"""How each column of a contract table is shown to the clerk and read back from what they type.

The files keep their keys ("colissimo-domicile-france", "max_sum_mm", "30000", "6.90"); the
editor shows words and the locale's numbers ("Colissimo Domicile France", "Somme L + l + h
maximale", "30 000 g", "6,90 €") and turns what is typed back into the file's form. Refused
input gives a sentence from the message catalogue: the column by its label, the rule, the limit
and the value. The shipped notes of the `source` column are English in the files; they are
shown in the interface language through the gettext catalogue (N_ here, English in
comptoir.po), their carrier articles ("[C 5.3; 6]") kept as written. `parse` then checks the
file form with the same column checks the store applies on save (`contract.TABLES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from decimal import Decimal, InvalidOperation

from desktop.domain import countries, formatting
from desktop.domain.carriers.catalogue import ZONES, Catalogue
from desktop.domain.carriers.contract import (
    DIMENSION_RULES,
    PARAMETER_KEYS,
    RETIRED_PARAMETER_KEYS,
    TABLES,
)
from desktop.domain.carriers.zones import ZONE_NAMES
from desktop.domain.input_rules import MAX_AMOUNT, MAX_INT_DIGITS
from desktop.domain.messages import DOC_TITLES, Rule, Text, lower_first, render
from desktop.ui.i18n import N_, language, ntr, tr

COLUMN_NAMES = {  # file column → caption
    "service_id": N_("Service"), "destination": N_("Destination"), "zone": N_("Zone"),
    "max_weight_g": N_("Poids maximum"), "rule": N_("Règle"), "limit_mm": N_("Limite"),
    "vignettes": N_("Vignettes"), "cutoff": N_("Heure limite"),
    "transit_days": N_("Délai"), "price_eur": N_("Prix HT"),
    "key": N_("Paramètre"), "value": N_("Valeur"), "source": N_("Source (article du contrat)"),
}
RULE_NAMES = {  # dimension_limits.csv `rule` [C 5.1.1], [C 5.1.2], [C 5.2]
    "mech_min_length_mm": N_("Longueur minimale (mécanisable)"),
    "mech_min_width_mm": N_("Largeur minimale (mécanisable)"),
    "mech_min_height_mm": N_("Hauteur minimale (mécanisable)"),
    "mech_max_length_mm": N_("Longueur maximale (mécanisable)"),
    "mech_max_sum_mm": N_("Somme longueur + largeur + hauteur maximale (mécanisable)"),
    "max_length_mm": N_("Longueur maximale"),
    "max_sum_mm": N_("Somme longueur + largeur + hauteur maximale"),
    "roll_min_length_mm": N_("Rouleau : longueur minimale"),
    "roll_min_diameter_mm": N_("Rouleau : diamètre minimal"),
    "roll_min_length_plus_2d_mm": N_("Rouleau : longueur + 2 diamètres minimale"),
    "roll_max_length_plus_2d_mm": N_("Rouleau : longueur + 2 diamètres maximale"),
}
PARAMETER_NAMES = {  # parameters.csv `key`
    "fuel_coefficient": N_("Coefficient carburant (CAP)"),
    "nm_supplement_eur": N_("Supplément non mécanisable HT"),
    "range_low_water": N_("Alerte de fin de plage de numéros"),
    "vat_rate": N_("Taux de TVA (plus utilisé)"),
}
# The notes the shipped tables add after their articles, in French (English: comptoir.po).
# A note the user typed is shown as typed.
NOTES = {
    "contract default cut-off and indicative delay not in the Delivengo terms":
        N_("valeur par défaut du contrat : heure limite et délai indicatif absents des "
           "conditions Delivengo"),
    "J+2 indicative; cut-off per deposit office":
        N_("J+2 indicatif ; heure limite selon le bureau de dépôt"),
    "indicative; cut-off per deposit office":
        N_("indicatif ; heure limite selon le bureau de dépôt"),
    "1 working day in France": N_("1 jour ouvré en France"),
    "5 working days international": N_("5 jours ouvrés à l'international"),
    "Annexe 1 (default)": N_("Annexe 1 (valeur par défaut)"),
    "UPU Letter Post Regulations small packet default: longest side ≤ 60 cm":
        N_("Règlement de la poste aux lettres de l'UPU, petit paquet par défaut : "
           "plus grand côté ≤ 60 cm"),
    "UPU Letter Post Regulations small packet default: L+W+H ≤ 90 cm":
        N_("Règlement de la poste aux lettres de l'UPU, petit paquet par défaut : "
           "L + l + h ≤ 90 cm"),
    "CAP coefficient applied to postage after discount (set from the Colissimo Box)":
        N_("coefficient CAP appliqué à l'affranchissement après remise (à relever dans la "
           "Colissimo Box)"),
    "non-mechanisable supplement excl. VAT": N_("supplément non mécanisable HT"),
    "warning threshold of new number ranges (Comptoir's choice: about a day's parcels of a "
    "busy shop)":
        N_("seuil d'alerte des nouvelles plages de numéros (choix de Comptoir : environ une "
           "journée de colis d'une boutique active)"),
    "contract price list (example; edit)": N_("grille tarifaire du contrat (exemple ; à modifier)"),
    "Nova Post price list [N 4.2.1] (example; edit)":
        N_("grille tarifaire Nova Post [N 4.2.1] (exemple ; à modifier)"),
    "conditions techniques (default grid; edit to your contract)":
        N_("conditions techniques (grille par défaut ; à adapter à votre contrat)"),
    "conditions techniques (default grid)": N_("conditions techniques (grille par défaut)"),
    "Annexe 1 (default 30 kg)": N_("Annexe 1 (30 kg par défaut)"),
    "Annexe 1 (default 20 kg outside the EU; edit per country)":
        N_("Annexe 1 (20 kg par défaut hors UE ; à préciser par pays)"),
    "Annexe 1 (example country row)": N_("Annexe 1 (exemple de ligne par pays)"),
    "0 to 2 kg": N_("de 0 à 2 kg"),
}
# Columns of figures: right-aligned, as numbers are in the other tables.
FIGURES = frozenset({"max_weight_g", "limit_mm", "vignettes", "cutoff", "transit_days",
                     "price_eur", "value"})
_ARTICLES = re.compile(r"^(\[[^\]]+\](?:[ ,;]*\[[^\]]+\])*)\s*")
_DOC_REF = re.compile(r"\s*\(?docs/([\w/-]+)\.md(?:#[\w-]+)?\)?")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
MAX_WHOLE = 10 ** MAX_INT_DIGITS - 1


class CellError(ValueError):
    """Refused input: the sentence to show (the column by its label, rule, limit, value)."""


@dataclass(frozen=True)
class Column:
    key: str  # the file's column
    choices: tuple[tuple[str, str], ...] = ()  # (file value, shown) for a pick list
    editable_choice: bool = False  # a country may be typed as well as picked


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pick(text: Text) -> str:
    return text.fr if language() == "fr" else text.en


class ContractCells:
    """Shows and reads back the cells of one contract table (`name`, a file of TABLES)."""

    def __init__(self, name: str, catalogue: Catalogue):
        self.name = name
        self.catalogue = catalogue

    # -- captions and pick lists ------------------------------------------------------------
    def caption(self, column: str) -> str:
        return tr(COLUMN_NAMES[column]) if column in COLUMN_NAMES else column

    def column(self, key: str) -> Column:
        if key == "service_id":
            return Column(key, self._service_choices())
        if key == "zone":
            anywhere = (("*", tr("Toutes les zones")),) if self.name != "vignettes.csv" else ()
            return Column(key, anywhere + tuple((z, self._zone(z)) for z in ZONES))
        if key == "destination":
            return Column(key, (("*", tr("Toutes les destinations")),)
                          + tuple((z, self._zone(z)) for z in ZONES), editable_choice=True)
        if key == "rule":
            return Column(key, tuple((r, tr(RULE_NAMES[r])) for r in DIMENSION_RULES))
        if key == "key":
            return Column(key, tuple((k, tr(PARAMETER_NAMES[k]))
                                     for k in PARAMETER_KEYS + RETIRED_PARAMETER_KEYS))
        return Column(key)

    def _service_choices(self) -> tuple[tuple[str, str], ...]:
        out, carriers = [], {}
        for s in self.catalogue.all():
            out.append((s.id, s.name(language())))
            carriers.setdefault(s.id.split("-")[0] + "-*", s.carrier_name)
        out += [(pattern, tr("Tous les services {carrier}", carrier=name))
                for pattern, name in carriers.items()]
        return tuple(out)

    def _zone(self, zone: str) -> str:
        return _cap(_pick(ZONE_NAMES[zone])) if zone in ZONE_NAMES else zone

    # -- file value → shown text --------------------------------------------------------------
    def show(self, column: str, raw: str, row: dict[str, str] | None = None) -> str:
        """The text the clerk reads for the file value `raw` (kept as is when not readable)."""
        lang = language()
        try:
            if column in ("service_id", "zone", "rule", "key") or (
                    column == "destination" and raw in ("*", *ZONES)):
                return dict(self.column(column).choices).get(raw, raw)
            if column == "destination":
                known = countries.get(raw)
                return f"{known.name(lang)} ({raw})" if known else raw
            if column == "max_weight_g":
                return f"{formatting.number(int(raw), lang)} g"
            if column == "limit_mm":
                return f"{formatting.number(int(raw), lang)} mm"
            if column == "vignettes":
                return formatting.number(int(raw), lang)
            if column == "transit_days":
                return ntr("{n} jour ouvré", "{n} jours ouvrés", int(raw))
            if column == "cutoff":
                hours, minutes = raw.split(":")
                return formatting.time_of_day(time(int(hours), int(minutes)), lang)
            if column == "price_eur":
                return formatting.money(Decimal(raw), "EUR", lang)
            if column == "value":
                return self._show_parameter((row or {}).get("key", ""), Decimal(raw))
            if column == "source":
                return self.show_source(raw)
        except (ValueError, ArithmeticError):
            return raw  # a hand-edited file: shown as written, refused on save with why
        return raw

    def _show_parameter(self, key: str, value: Decimal) -> str:
        lang = language()
        if key == "nm_supplement_eur":
            return formatting.money(value, "EUR", lang)
        if key == "range_low_water" and value == value.to_integral_value():
            return ntr("{n} numéro", "{n} numéros", int(value))
        return formatting.number(value, lang)

    def show_source(self, raw: str) -> str:
        """The carrier articles as written, then the note in the interface language; a docs/
        page is named by its subject, never by its file."""
        articles = _ARTICLES.match(raw)
        head = articles.group(1) if articles else ""
        note = raw[articles.end():] if articles else raw
        doc = _DOC_REF.search(note)
        title = ""
        if doc is not None:
            found = DOC_TITLES.get(doc.group(1), Text("guide", "guide"))
            title = f"[{_pick(found)}]"
            note = _DOC_REF.sub("", note).strip()
        note = tr(NOTES[note]) if note in NOTES else note
        return " ".join(p for p in (head, note, title) if p)

    # -- typed text → file value --------------------------------------------------------------
    def parse(self, column: str, text: str, row_label: str,
              row: dict[str, str] | None = None, previous: str = "") -> str:
        """The file value for what was typed in `column`, or CellError naming the cell."""
        label = f"{row_label}, {lower_first(self.caption(column))}"
        text = text.strip()
        if not text:
            raise CellError(render(Rule.REQUIRED, "", lang=language(), label=label))
        if previous and text == self.show(column, previous, row):
            raw = previous  # unchanged: the file keeps its text ("0.0", the English note)
        elif column == "source":
            raw = text
        elif self.column(column).choices:
            raw = self._choice(column, text, label)
        elif column in ("max_weight_g", "limit_mm", "vignettes", "transit_days"):
            raw = str(self._whole(column, text, label))
        elif column == "cutoff":
            raw = self._time(text, label)
        elif column in ("price_eur", "value"):
            raw = str(self._amount(column, text, label, (row or {}).get("key", "")))
        else:
            raw = text
        check = TABLES.get(self.name, {}).get(column)
        if check is not None:
            try:
                check(raw)
            except ValueError:
                raise CellError(render(Rule.CHOICE, "", actual=text, lang=language(),
                                       label=label, limit=self._allowed(column))) from None
        return raw

    def _allowed(self, column: str) -> Text:
        names = ", ".join(shown for _raw, shown in self.column(column).choices)
        if column == "destination":
            names += ", " + tr("ou un pays")
        return Text(names, names)  # a Text is shown whole in a message

    def _choice(self, column: str, text: str, label: str) -> str:
        wanted = countries.fold(text)
        for raw, shown in self.column(column).choices:
            if wanted in (countries.fold(raw), countries.fold(shown)):
                return raw
        if column == "destination":
            if text.endswith(")") and "(" in text:  # "Suisse (CH)", as shown
                text = text[text.rindex("(") + 1:-1]
            found = countries.resolve(text)
            if found is not None:
                return found.code
        raise CellError(render(Rule.CHOICE, "", actual=text, lang=language(), label=label,
                               limit=self._allowed(column)))

    UNITS = {  # unit words a number may be typed with, as shown or in the other language
        "max_weight_g": ("g",), "limit_mm": ("mm",), "vignettes": (),
        "transit_days": ("jour", "jours", "jour ouvré", "jours ouvrés", "day", "days",
                         "working day", "working days"),
        "price_eur": ("€", "eur", "ht"), "value": ("€", "eur", "numéro", "numéros", "number",
                                                  "numbers"),
    }

    def _number_text(self, column: str, text: str) -> tuple[str, Decimal | None]:
        """Splits "30 000 g" / "1,5 kg" / "6,90 €" into its digits as a Decimal (None when
        it is not a number in the interface's locale) and the unit typed after it."""
        text = _SPACES.sub(" ", text).strip()
        match = re.match(r"^(€\s*)?(-?[\d\s.,]+)\s*(.*)$", text)
        if not match:
            return "", None
        digits, unit = match.group(2).replace(" ", ""), (match.group(3) or "").strip().lower()
        if language() == "fr":
            digits = digits.replace(".", "").replace(",", ".") if "," in digits \
                else digits
        else:
            digits = digits.replace(",", "")
        if unit and unit not in self.UNITS.get(column, ()) and not (
                column == "max_weight_g" and unit == "kg"):
            return unit, None
        try:
            value = Decimal(digits)
        except InvalidOperation:
            return unit, None
        if column == "max_weight_g" and unit == "kg":
            value *= 1000
        return unit, value

    def _whole(self, column: str, text: str, label: str) -> int:
        lang = language()
        _unit, value = self._number_text(column, text)
        if value is None or value != value.to_integral_value():
            raise CellError(render(Rule.NOT_A_NUMBER, "", actual=text, lang=lang, label=label))
        if value < 0:
            raise CellError(render(Rule.MIN_VALUE, "", actual=text, limit=0, lang=lang,
                                   label=label))
        if value > MAX_WHOLE:
            raise CellError(render(Rule.MAX_VALUE, "", actual=text, lang=lang, label=label,
                                   limit=formatting.number(MAX_WHOLE, lang)))
        if value == 0 and self.name in ("vignettes.csv", "prices.csv") and column in (
                "max_weight_g", "vignettes"):
            raise CellError(render(Rule.POSITIVE, "", actual=text, lang=lang, label=label))
        return int(value)

    def _amount(self, column: str, text: str, label: str, key: str) -> Decimal:
        lang = language()
        _unit, value = self._number_text(column, text)
        if value is None:
            raise CellError(render(Rule.NOT_A_DECIMAL, "", actual=text, lang=lang, label=label))
        if value < 0:
            raise CellError(render(Rule.MIN_VALUE, "", actual=text, limit=0, lang=lang,
                                   label=label))
        if value > MAX_AMOUNT:
            raise CellError(render(Rule.MAX_VALUE, "", actual=text, lang=lang, label=label,
                                   limit=formatting.number(MAX_AMOUNT, lang)))
        return value

    def _time(self, text: str, label: str) -> str:
        match = re.match(r"^(\d{1,2})\s*[:hH.]\s*(\d{2})?$", text.strip())
        hours, minutes = (int(match.group(1)), int(match.group(2) or 0)) if match else (99, 0)
        if hours > 23 or minutes > 59:
            raise CellError(render(Rule.NOT_A_TIME, "", actual=text, lang=language(),
                                   label=label, limit="00:00 – 23:59"))
        return time(hours, minutes).isoformat(timespec="minutes")  # the file's HH:MM
