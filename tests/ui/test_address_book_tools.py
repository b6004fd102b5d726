"""Address book tools from the keyboard: likely duplicates merged (shipments follow) or
ignored; contacts CSV imported through the preview dialog (all or nothing, problems by line
and column) and exported through the safe writer, then read back."""

from __future__ import annotations

import csv
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.domain.address import Address
from desktop.domain.draft import draft_from_shipment
from desktop.domain.parcel import Parcel
from desktop.domain.printing import LabelFormat
from desktop.domain.shipment import Contact, Shipment
from desktop.services.counter_operation import PrintTargets
from tests.ui.conftest import SHOP
from tests.ui.helpers import db_rows

HELENE = Address(name="Hélène Dupont", street="12 rue de la Paix", postcode="75002",
                 city="PARIS", phone="06 12 34 56 78")
HELENE_AGAIN = Address(name="DUPONT Helene", street="12, r. de la paix", postcode="75002",
                       city="PARIS", complement="Bât. B", email="h.dupont@example.org")
OTHER = Address(name="Marc Lefèvre", street="40 avenue Foch", postcode="75002", city="PARIS")

WOO = ("shipping_first_name;shipping_last_name;shipping_company;shipping_address_1;"
       "shipping_address_2;shipping_postcode;shipping_city;shipping_country;billing_phone;"
       "billing_email;order_total\r\n"
       "Zoé;Lefèvre;;3 rue de la Roquette;Bât. C;75011;Paris;FR;06 11 22 33 44;"
       "zoe@example.org;12,50\r\n"
       "Noël;Müller;Boutique Étoile;Hauptstraße 5;;10115;Berlin;DE;;noel@example.org;30\r\n")
BAD_ROW = "Agnès;Roux;;8 rue Oberkampf;;7501;Paris;FR;;;5\r\n"


def ship_to(ctx, contact: Contact) -> int:
    shipment = Shipment(sender=SHOP, recipient=contact.address,
                        service_id="colissimo-domicile-france", parcel=Parcel(700),
                        tracking_number="6A15984049999", options={"contents_confirmed": True})
    draft = replace(draft_from_shipment(shipment, None), contact_id=contact.id)
    return ctx.counter.submit(draft, PrintTargets(ctx.printer_url, LabelFormat.PDF)).shipment.id


def active(qtbot, dialog):
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def contacts_on_disk(home) -> list[tuple]:
    return [tuple(r) for r in db_rows(home, "SELECT id, name, complement, email FROM contacts "
                                            "ORDER BY id")]


def open_duplicates(qtbot, window):
    view = window.address_book
    window.show_tab(view)
    active(qtbot, window)  # back from a closed dialog: shortcuts need the active window
    view.search.setFocus()
    before = getattr(view, "dialog", None)
    QTest.keyClick(view.search, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # &Doublons…
    qtbot.waitUntil(lambda: getattr(view, "dialog", None) is not before)
    dialog = active(qtbot, view.dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and window.runner.active == 0)
    return dialog


def test_near_identical_contacts_merge_from_the_keyboard_and_keep_their_shipments(
        qtbot, ctx, shop, window, home, idle):
    first, _ = ctx.address_book.save(Contact(HELENE))
    second, _ = ctx.address_book.save(Contact(HELENE_AGAIN))
    ctx.address_book.save(Contact(OTHER))
    sent = ship_to(ctx, second)
    dialog = open_duplicates(qtbot, window)
    assert dialog.model.rowCount() == 1  # Marc Lefèvre pairs with nobody
    assert QApplication.focusWidget() is dialog.table
    assert "Hélène Dupont" in dialog.sides[0][1].text()
    assert "DUPONT Helene" in dialog.sides[1][1].text()
    assert dialog.score.text().startswith("Ressemblance : ")

    QTest.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter merges nothing
    qtbot.wait(200)
    assert dialog.isVisible() and len(contacts_on_disk(home)) == 3

    QTest.keyClick(dialog.table, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &Fusionner
    qtbot.waitUntil(lambda: len(contacts_on_disk(home)) == 2)
    idle(window)
    kept = contacts_on_disk(home)[0]
    # The older entry stays, completed with what only the other knew.
    assert kept == (first.id, "Hélène Dupont", "Bât. B", "h.dupont@example.org")
    assert [r["contact_id"] for r in db_rows(home, "SELECT contact_id FROM shipments "
                                                   "WHERE id = ?", sent)] == [first.id]
    assert dialog.model.rowCount() == 0 and "Aucun doublon" in dialog.intro.text()
    qtbot.waitUntil(lambda: window.address_book.model.rowCount() == 2)  # the tab reloaded
    QTest.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_clerk_may_keep_the_newer_entry_or_ignore_the_pair(qtbot, ctx, window, home,
                                                               idle):
    first, _ = ctx.address_book.save(Contact(HELENE))
    second, _ = ctx.address_book.save(Contact(HELENE_AGAIN))
    dialog = open_duplicates(qtbot, window)
    QTest.keyClick(dialog.table, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # &Ignorer
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)  # a mnemonic clicks 100 ms later
    idle(window)
    assert len(contacts_on_disk(home)) == 2  # ignoring changes nothing stored
    QTest.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    dialog = open_duplicates(qtbot, window)  # a new search finds the pair again
    QTest.keyClick(dialog.table, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # fiche &2
    qtbot.waitUntil(dialog.sides[1][2].isChecked)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(contacts_on_disk(home)) == 1)
    idle(window)
    assert contacts_on_disk(home)[0][:2] == (second.id, "DUPONT Helene")
    dialog.reject()


def open_import(qtbot, window, path):
    view = window.address_book
    window.show_tab(view)
    dialog = active(qtbot, view.import_file(str(path)))
    qtbot.waitUntil(lambda: window.runner.active == 0 and
                    (dialog.plan is not None or dialog.problems_box.isVisibleTo(dialog)))
    return dialog


def test_a_woocommerce_cp1252_file_imports_through_the_preview(qtbot, ctx, window, home,
                                                               tmp_path, idle):
    path = tmp_path / "clients.csv"
    path.write_bytes(WOO.encode("cp1252"))
    dialog = open_import(qtbot, window, path)
    assert QApplication.focusWidget() is dialog.preset  # the first field
    recognised = dialog.recognised.text()
    assert "WooCommerce" in recognised and "Windows-1252" in recognised and "« ; »" in recognised
    mapping = {dialog.mapping.item(r, 0).text(): dialog.mapping.item(r, 1).text()
               for r in range(dialog.mapping.rowCount())}
    assert mapping["N° et voie"] == "shipping_address_1" and mapping["Prénom"] == (
        "shipping_first_name")
    assert "order_total" in dialog.ignored.text()
    assert [dialog.preview.item(r, 0).text() for r in range(dialog.preview.rowCount())] == [
        "Zoé Lefèvre", "Noël Müller"]
    assert not dialog.problems_box.isVisibleTo(dialog)
    assert db_rows(home, "SELECT count(*) AS n FROM contacts")[0]["n"] == 0  # planned only

    QTest.keyClick(dialog.preset, Qt.Key.Key_Return)  # Enter imports nothing
    qtbot.wait(200)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        QTest.keyClick(dialog.preset, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    idle(window)
    rows = db_rows(home, "SELECT name, company, complement, street, postcode, city, country,"
                         " phone FROM contacts ORDER BY name")
    assert [tuple(r) for r in rows] == [
        ("Noël Müller", "Boutique Étoile", "", "Hauptstraße 5", "10115", "Berlin", "DE", ""),
        ("Zoé Lefèvre", "", "Bât. C", "3 rue de la Roquette", "75011", "Paris", "FR",
         "+33611223344")]
    view = window.address_book
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert "2 contacts importés" in view.report.text()


def test_the_duplicate_policy_is_chosen_in_the_dialog(qtbot, ctx, window, home, tmp_path,
                                                      idle):
    path = tmp_path / "clients.csv"
    path.write_bytes(WOO.encode("cp1252"))
    old, _ = ctx.address_book.save(Contact(Address(
        name="Zoé Lefèvre", street="3 rue de la Roquette", postcode="75011", city="Paris")))
    dialog = open_import(qtbot, window, path)
    assert "1 nouveau contact" in dialog.summary.text()  # Zoé is skipped by default
    dialog.policy.setFocus()
    QTest.keyClick(dialog.policy, Qt.Key.Key_Down)  # "le remplacer par la ligne du fichier"
    qtbot.waitUntil(lambda: dialog.plan is not None and bool(dialog.plan.updates))
    assert "1 mis à jour" in dialog.summary.text()
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        QTest.keyClick(dialog.policy, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    idle(window)
    rows = db_rows(home, "SELECT id, complement, phone FROM contacts WHERE name = 'Zoé Lefèvre'")
    assert [tuple(r) for r in rows] == [(old.id, "Bât. C", "+33611223344")]


def test_one_bad_row_imports_nothing_and_names_its_line_and_column(qtbot, ctx, window, home,
                                                                   tmp_path, idle):
    path = tmp_path / "clients.csv"
    path.write_bytes((WOO + BAD_ROW).encode("cp1252"))
    dialog = open_import(qtbot, window, path)
    problems = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(problems) == 1, problems
    assert problems[0].startswith("Ligne 4, colonne « shipping_postcode » (Code postal) : "
                                  "« 7501 »"), problems
    assert not dialog.import_button.isEnabled()
    assert "rien ne sera enregistré" in dialog.summary.text()
    QTest.keyClick(dialog.preset, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(dialog.preset, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(300)
    idle(window)
    assert dialog.isVisible()
    assert db_rows(home, "SELECT count(*) AS n FROM contacts")[0]["n"] == 0
    dialog.reject()


def test_a_file_without_the_needed_columns_is_refused_by_their_labels(qtbot, window, home,
                                                                      tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes("Nom;Remarque\r\nZoé;rien\r\n".encode())
    dialog = open_import(qtbot, window, path)
    problem = dialog.problems.item(0).text()
    assert problem.startswith("Ligne 1 : ") and "N° et voie" in problem, problem
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_export_writes_safe_cells_and_reads_back(qtbot, ctx, window, tmp_path, idle):
    ctx.address_book.save(Contact(HELENE, note="=HYPERLINK(\"http://x\")", favourite=True))
    ctx.address_book.save(Contact(OTHER))
    view = window.address_book
    window.show_tab(view)
    out = tmp_path / "contacts.csv"
    with qtbot.waitSignal(view.exported, timeout=10_000) as written:
        view.export_file(str(out))
    assert written.args == [2]
    assert not (tmp_path / "contacts.csv.part").exists()
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {"Hélène Dupont", "Marc Lefèvre"}
    helene = by_name["Hélène Dupont"]
    # Formula-like cells are quoted so a spreadsheet shows them as text.
    assert helene["note"] == "'=HYPERLINK(\"http://x\")" and helene["phone"] == "'+33612345678"
    assert (helene["street"], helene["postcode"], helene["favourite"]) == (
        "12 rue de la Paix", "75002", "1")
    assert "2 contacts exportés" in view.report.text()
    idle(window)
    # The export reads back as it was typed: the same file through the import dialog
    # finds both contacts already in the address book.
    dialog = open_import(qtbot, window, out)
    assert dialog.plan.ok and dialog.plan.preset == "comptoir" and dialog.plan.skipped == 2
    assert not dialog.import_button.isEnabled()  # nothing to write
    dialog.reject()


def test_closing_while_the_search_or_the_plan_runs_is_harmless(qtbot, ctx, window, tmp_path,
                                                               idle):
    ctx.address_book.save(Contact(HELENE))
    ctx.address_book.save(Contact(HELENE_AGAIN))
    view = window.address_book
    view.open_duplicates().reject()  # closed before the search answers
    path = tmp_path / "clients.csv"
    path.write_bytes(WOO.encode("cp1252"))
    view.import_file(str(path)).reject()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop would
    idle(window)  # the late answers land on closed dialogs: no error, nothing shown


def test_a_binary_file_is_refused_in_one_sentence(qtbot, window, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    dialog = open_import(qtbot, window, path)
    assert dialog.problems.count() == 1
    assert dialog.problems.item(0).text().startswith("Fichier : ")
    assert not dialog.import_button.isEnabled()
    dialog.reject()
