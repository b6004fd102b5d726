"""Bad input on the counter: the specific error next to its field, and nothing stored."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from tests.ui.helpers import db_rows, spooled

GOOD = {"name": "Mme Claire Dupont", "street": "8 avenue Jean Jaures", "postcode": "75019",
        "city": "PARIS", "country": "FR"}
FORM_NUMBER = "6A15984040331"  # Colissimo pré-affranchie form (docs/sources/s10.md)


def fill(counter, address: dict, weight: str, form_number: str = FORM_NUMBER) -> None:
    for name, value in address.items():
        counter.recipient.form.edits[name].setText(value)
    counter.parcel_panel.weight_edit.setText(weight)
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.services.set_service_id("colissimo-domicile-france")
    counter.form_number.setText(form_number)
    counter.contents_box.setChecked(True)


def press_print(qtbot, counter) -> tuple:
    with qtbot.waitSignal(counter.refused, timeout=10_000) as refused:
        qtbot.mouseClick(counter.print_button, Qt.MouseButton.LeftButton)
    return refused.args[0]


@pytest.mark.parametrize("change, weight, path, rule, shown", [
    ({"postcode": ""}, "500", "recipient.postcode", "required", "champ obligatoire"),
    ({"street": "2 avenue de la Grande Armee Prolongee X"}, "500", "recipient.street",
     "max_length", "39 caractères, 38 au maximum"),
    ({"country": "XX"}, "500", "recipient.country", "unknown_country", "pays inconnu « XX »"),
    ({}, "0", "parcel.weight_g", "positive", "doit être supérieur à 0"),
    ({}, "-5", "parcel.weight_g", "positive", "doit être supérieur à 0"),
    ({}, "1,2kg", "parcel.weight_g", "not_a_number", "n'est pas un nombre entier"),
    ({}, "abc", "parcel.weight_g", "not_a_number", "« abc » n'est pas un nombre entier"),
    ({}, "", "parcel.weight_g", "required", "champ obligatoire"),
])
def test_bad_input_is_shown_next_to_its_field(qtbot, shop, window, home, spool, idle,
                                              change, weight, path, rule, shown):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    assert len(GOOD["street"]) <= 38 and len(change.get("street", "")) in (0, 39)
    fill(counter, {**GOOD, **change}, weight)
    violations = press_print(qtbot, counter)

    assert (path, rule) in {(v.field, v.rule) for v in violations}
    assert counter.errors.has_error(path)
    label = counter.errors.label(path)
    assert label.isVisible() and shown in label.text()
    assert shown in counter.outcome.text()  # the summary too
    # Only the faulty field is marked.
    marked = {counter.errors.widget(p) for p in counter.errors.paths()
              if counter.errors.has_error(p)}
    assert marked == {counter.errors.widget(path)}
    # Nothing stored, nothing printed, the form kept for correction.
    assert db_rows(home, "SELECT count(*) AS n FROM shipments")[0]["n"] == 0
    assert db_rows(home, "SELECT count(*) AS n FROM print_jobs")[0]["n"] == 0
    assert spooled(spool) == []
    assert counter.recipient.form.edits["name"].text() == GOOD["name"]
    idle(window)


def test_all_errors_at_once_then_corrected(qtbot, shop, window, home, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill(counter, {**GOOD, "postcode": "", "country": "XX"}, "abc")
    violations = press_print(qtbot, counter)
    fields = {v.field for v in violations}
    assert {"recipient.postcode", "recipient.country", "parcel.weight_g"} <= fields
    # Correct everything: the marks go away and the parcel ships.
    fill(counter, GOOD, "750")
    with qtbot.waitSignal(counter.shipped, timeout=20_000):
        qtbot.mouseClick(counter.print_button, Qt.MouseButton.LeftButton)
    assert not any(counter.errors.has_error(p) for p in counter.errors.paths())
    assert db_rows(home, "SELECT weight_g FROM shipments")[0]["weight_g"] == 750
    idle(window)


def test_no_sender_profile_refuses_and_offers_one(qtbot, window, home, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.sender_banner.isVisible())
    fill(counter, GOOD, "500")
    violations = press_print(qtbot, counter)
    assert ("sender", "required") in {(v.field, v.rule) for v in violations}
    assert counter.errors.has_error("sender")
    with qtbot.waitSignal(counter.sender_needed):
        counter.sender_banner.findChild(type(counter.print_button)).click()
    assert db_rows(home, "SELECT count(*) AS n FROM shipments")[0]["n"] == 0
    idle(window)


def test_new_address_saved_to_address_book(qtbot, shop, window, home, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill(counter, GOOD, "500")
    counter.recipient.save_box.setChecked(True)
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.mouseClick(counter.print_button, Qt.MouseButton.LeftButton)
    contacts = db_rows(home, "SELECT id, name, postcode FROM contacts")
    assert [(r["name"], r["postcode"]) for r in contacts] == [("Mme Claire Dupont", "75019")]
    assert shipped.args[0].shipment.contact_id == contacts[0]["id"]
    idle(window)


def test_the_same_form_scanned_twice_is_refused_and_stores_no_contact(qtbot, shop, window,
                                                                      home, spool, idle):
    """One operation: the contact is saved with the shipment or not at all (issue 7)."""
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill(counter, GOOD, "500")
    with qtbot.waitSignal(counter.shipped, timeout=20_000):
        qtbot.mouseClick(counter.print_button, Qt.MouseButton.LeftButton)
    printed = spooled(spool)
    fill(counter, {**GOOD, "name": "M. Paul Durand"}, "800")  # the same form, scanned again
    counter.recipient.save_box.setChecked(True)
    violations = press_print(qtbot, counter)
    assert [(v.field, v.rule) for v in violations] == [("tracking_number", "form_number_used")]
    assert counter.errors.has_error("tracking_number")
    assert "rien n'a été enregistré" in counter.outcome.text()
    assert db_rows(home, "SELECT count(*) AS n FROM contacts")[0]["n"] == 0
    assert db_rows(home, "SELECT count(*) AS n FROM shipments")[0]["n"] == 1
    assert spooled(spool) == printed
    idle(window)


def test_service_hints_follow_the_destination(qtbot, shop, window, idle):
    counter = window.counter
    services = counter.services
    assert services.service_id() == "delivengo-profil-tracked"  # catalogue order
    counter.parcel_panel.weight_edit.setText("1250")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    counter.recipient.form.edits["postcode"].setFocus()
    qtbot.keyClicks(counter.recipient.form.edits["postcode"], "75019")  # typed: hints follow
    qtbot.waitUntil(lambda: services.admissible.get("delivengo-profil-tracked") is False)
    # Delivengo does not serve France: the picker moved to the best admissible service,
    # a parcel service of La Poste (not the documents envelope of Nova Post) ...
    assert services.service_id() == "colissimo-domicile-france"
    assert services.list.currentItem().text().startswith("✓ Colissimo Domicile France")
    # ... and says why Delivengo is not offered, in the row itself (not only a tooltip).
    row = services.row_text("delivengo-profil-tracked")
    assert row.startswith("✗ Delivengo") and "pays" in row.lower()
    ranked = [services.list.item(i).text()[0] for i in range(services.list.count())]
    assert ranked == sorted(ranked, key=lambda mark: mark != "✓")  # admissible first
    # The verdict of the chosen one: chargeable weight, vignettes, delivery, price.
    verdict = services.verdict_label.text()
    for shown in ("Poids taxé : 1,250 kg", "Vignettes : 2", "Livraison estimée", "Prix : 14,90\xa0€"):
        assert shown in verdict
    # Colissimo Domicile: the number comes from the form, so the field is shown.
    assert counter.form_number.isVisible()
    # A choice made by the clerk is kept, even a refused one, which says why.
    services.list.setCurrentItem(services.list.findItems("✗ Delivengo Profil suivi",
                                                         Qt.MatchFlag.MatchStartsWith)[0])
    counter.suggest_services()
    idle(window)
    assert services.service_id() == "delivengo-profil-tracked"
    assert "Service impossible" in services.verdict_label.text()
    assert not counter.form_number.isVisible()  # S10 numbers come from a range


def test_chargeable_weight_follows_the_dimensions(qtbot, shop, window, idle):
    counter = window.counter
    services = counter.services
    services.set_service_id("novapost-parcel")
    for name, value in (("name", "Olena"), ("country", "FR"), ("postcode", "75019"),
                        ("city", "PARIS")):
        counter.recipient.form.edits[name].setText(value)
    counter.parcel_panel.weight_edit.setText("1250")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    for name, value in (("length_mm", "400"), ("width_mm", "300"), ("height_mm", "200")):
        counter.parcel_panel.dims[name].setText(value)
    counter.parcel_panel.changed.emit()
    # 40 × 30 × 20 cm / 4 000 = 6 kg volumetric > 1.25 kg actual [N 4.2]
    qtbot.waitUntil(lambda: "Poids taxé : 6,000 kg" in services.verdict_label.text())
    counter.parcel_panel.dims["height_mm"].setText("100")
    counter.parcel_panel.changed.emit()
    qtbot.waitUntil(lambda: "Poids taxé : 3,000 kg" in services.verdict_label.text())
    idle(window)


def test_unconfirmed_contents_shown_next_to_the_checkbox(qtbot, shop, window, home, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill(counter, GOOD, "500")
    counter.contents_box.setChecked(False)
    violations = press_print(qtbot, counter)
    assert "options.contents_confirmed" in {v.field for v in violations}
    assert counter.errors.has_error("options.contents_confirmed")
    assert counter.errors.label("options.contents_confirmed").isVisible()
    assert db_rows(home, "SELECT count(*) AS n FROM shipments")[0]["n"] == 0
    idle(window)


def test_first_sender_profile_from_the_banner(qtbot, window, home, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.sender_banner.isVisible())
    dialog = window.new_sender_profile()
    dialog.label.setText("Boutique")
    form = dialog.form.edits
    form["company"].setText("Atelier Comptoir")
    form["street"].setText("12 rue des Lilas")
    form["postcode"].setText("69003")
    form["city"].setText("LYON")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1
                    and not counter.sender_banner.isVisible())
    assert counter.senders.current().label == "Boutique"
    rows = db_rows(home, "SELECT label, is_default FROM sender_profiles")
    assert [(r["label"], r["is_default"]) for r in rows] == [("Boutique", 1)]
    idle(window)


def test_a_weight_typed_by_hand_needs_its_reason(qtbot, shop, window, home, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    fill(counter, GOOD, "700")
    counter.parcel_panel.reason_edit.setText("")
    violations = press_print(qtbot, counter)
    assert ("weighing.reason", "required") in {(v.field, v.rule) for v in violations}
    assert counter.errors.has_error("weighing.reason")
    assert db_rows(home, "SELECT count(*) AS n FROM shipments")[0]["n"] == 0
    counter.parcel_panel.reason_edit.setText("colis trop grand pour la balance")
    with qtbot.waitSignal(counter.shipped, timeout=20_000):
        qtbot.mouseClick(counter.print_button, Qt.MouseButton.LeftButton)
    [row] = db_rows(home, "SELECT weighing FROM shipments")
    assert json.loads(row["weighing"])["reason"] == "colis trop grand pour la balance"
