"""The contract-tables editor speaks the clerk's language (issue 10): services by name, zones and
rules in words, weights, lengths, times, delays and prices in the locale's form, the shipped
notes translated with their carrier articles kept; typing goes through the same reading
(refused input names the column by its label, the rule, the limit and the value), and an
unchanged table saves back to the very file it came from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.services.contract_tables import ContractStore, default_contract_dir
from desktop.ui import i18n
from desktop.ui.dialogs.contract_tables import RAW, TABLE_NAMES, ContractTablesDialog
from desktop.ui.tasks import TaskRunner
from tests.leaks import english_words, has_file_name, has_id


@pytest.fixture
def editor(qtbot, tmp_path):
    def make(lang="fr", table="weight_limits.csv"):
        i18n.set_language(lang)
        store = ContractStore(override_dir=tmp_path / "contract")
        dialog = ContractTablesDialog(store, TaskRunner(), catalogue=default_catalogue())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        pick(qtbot, dialog, table)
        return dialog

    yield make
    i18n.set_language("fr")


def pick(qtbot, dialog, table):
    dialog.picker.setCurrentIndex(dialog.picker.findData(table))
    if dialog.picker.currentData() == table and dialog.name == table:
        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0 and dialog.save_button.isEnabled())


def cells(dialog):
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def headers(dialog):
    return [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]


def test_every_cell_reads_as_french(qtbot, editor):
    dialog = editor("fr")
    shown = []
    for table in TABLE_NAMES:
        pick(qtbot, dialog, table)
        shown += headers(dialog) + [s for row in cells(dialog) for s in row]
    assert shown and not [s for s in shown if has_id(s) or has_file_name(s) or english_words(s)]
    pick(qtbot, dialog, "weight_limits.csv")
    row = cells(dialog)[5]
    assert row == ["Colissimo Expert International", "Hors UE", "20\u202f000 g",
                   "[C 1] Annexe 1 (20 kg par défaut hors UE ; à préciser par pays)"]
    pick(qtbot, dialog, "calendar.csv")
    assert cells(dialog)[0][:4] == ["Tous les services La Poste Delivengo", "Toutes les zones",
                                    "16:00", "6 jours ouvrés"]
    assert cells(dialog)[0][4].endswith("[guide, limites hors conditions du transporteur]")
    pick(qtbot, dialog, "prices.csv")
    assert cells(dialog)[2][2:4] == ["1\u202f000 g", "6,90\u00a0€"]


def test_english_interface_shows_english(qtbot, editor):
    dialog = editor("en", "vignettes.csv")
    assert headers(dialog) == ["Zone", "Maximum weight", "Vignettes", "Source (contract article)"]
    assert cells(dialog)[0] == ["Mainland France and Monaco", "1,000 g", "1",
                                "[C 5.3; 6] conditions techniques (default grid; edit to your "
                                "contract)"]
    pick(qtbot, dialog, "dimension_limits.csv")
    assert cells(dialog)[0][:3] == ["All Colissimo services", "Minimum length (mechanisable)",
                                    "160 mm"]


def test_unchanged_table_saves_the_same_file(qtbot, editor, tmp_path):
    for table in TABLE_NAMES:
        dialog = editor("fr", table)
        with qtbot.waitSignal(dialog.saved, timeout=10_000):
            dialog.save_button.click()
        written = (tmp_path / "contract" / table).read_text(encoding="utf-8")
        assert written == (default_contract_dir() / table).read_text(encoding="utf-8")


def type_in_cell(qtbot, dialog, row, column, text):
    """Real key events: F2 opens the cell's editor, the text is typed, Enter commits."""
    table = dialog.table
    table.setFocus()
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.focusWidget()
    if isinstance(editor, QComboBox):  # a country is typed in the destination's list
        editor = editor.lineEdit()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    committed(qtbot, table)


def committed(qtbot, table):
    """Qt commits an editor's text after the Enter event (queued): wait for it."""
    qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState)


def test_typed_values_are_read_in_the_locale_and_refused_with_the_rule(qtbot, editor, tmp_path):
    dialog = editor("fr", "prices.csv")
    type_in_cell(qtbot, dialog, 2, 3, "7,25 EUR")
    assert dialog.table.item(2, 3).data(RAW) == "7.25"
    assert dialog.table.item(2, 3).text() == "7,25\u00a0€"
    type_in_cell(qtbot, dialog, 2, 2, "1,5 kg")
    assert dialog.table.item(2, 2).data(RAW) == "1500"
    type_in_cell(qtbot, dialog, 3, 2, "trente")
    assert dialog.status.text() == "Ligne 4, poids maximum : « trente » n'est pas un nombre entier"
    assert dialog.table.item(3, 2).text() == "trente"  # kept for the clerk to correct
    type_in_cell(qtbot, dialog, 4, 3, "1000000")
    assert dialog.status.text() == ("Ligne 5, prix HT : 1000000, 999\u202f999,99 au maximum")
    dialog.save_button.click()
    assert "Table refusée, rien n'a été écrit" in dialog.status.text()
    assert "« trente »" in dialog.status.text()
    assert not (tmp_path / "contract" / "prices.csv").exists()
    type_in_cell(qtbot, dialog, 3, 2, "30000")
    type_in_cell(qtbot, dialog, 4, 3, "8,40")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    written = (tmp_path / "contract" / "prices.csv").read_text(encoding="utf-8")
    assert "colissimo-domicile-france,FR,1500,7.25,[C 9] contract price list" in written


def test_service_is_picked_by_name_and_saved_as_its_id(qtbot, editor, tmp_path):
    dialog = editor("fr", "weight_limits.csv")
    table = dialog.table
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.focusWidget()
    assert isinstance(combo, QComboBox)
    assert "Colissimo Domicile France avec signature" in [combo.itemText(i)
                                                         for i in range(combo.count())]
    combo.setCurrentIndex(combo.findText("Nova Post colis"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    committed(qtbot, table)
    assert table.item(0, 0).text() == "Nova Post colis"
    assert table.item(0, 0).data(RAW) == "novapost-parcel"
    type_in_cell(qtbot, dialog, 0, 1, "Suisse")
    assert table.item(0, 1).data(RAW) == "CH" and table.item(0, 1).text() == "Suisse (CH)"
    type_in_cell(qtbot, dialog, 1, 1, "Atlantide")
    assert dialog.status.text().startswith(
        "Ligne 2, destination : « Atlantide » n'est pas une valeur permise (Toutes les "
        "destinations, France métropolitaine et Monaco")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        type_in_cell(qtbot, dialog, 1, 1, "*")
        dialog.save_button.click()
    written = (tmp_path / "contract" / "weight_limits.csv").read_text(encoding="utf-8")
    assert written.splitlines()[1] == "novapost-parcel,CH,30000,[C 1] Annexe 1 (default 30 kg)"
