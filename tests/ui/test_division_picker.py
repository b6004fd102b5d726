"""Issue 8 §4: the Nova Post division (branch, locker, pick-up point) is chosen in the counter
screen, by keyboard, from a search that runs off the GUI thread against a fake Nova Post on
127.0.0.1; the chosen division goes into the draft and into the carrier's creation request."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop.domain.customs import CustomsItem
from tests.carrier_servers import NovaPostServer
from tests.ui.helpers import db_rows

KYIV = {"name": "Olena Kovalenko", "street": "Khreshchatyk 1", "postcode": "01001",
        "city": "KYIV", "country": "UA", "phone": "+380 44 123 45 67",
        "email": "olena@example.com"}


@pytest.fixture
def shop(ctx):
    from dataclasses import replace

    from desktop.domain.shipment import SenderProfile
    from tests.ui.conftest import SHOP

    profile, _ = ctx.senders.save(SenderProfile(
        "Boutique", replace(SHOP, email="atelier@example.fr"), is_default=True))
    return profile


@pytest.fixture
def server():
    s = NovaPostServer()
    yield s
    s.close()


@pytest.fixture
def home(home, server, monkeypatch):
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_URL", server.url)
    monkeypatch.setenv("COMPTOIR_NOVAPOST_API_KEY", server.api_key)
    settings = home / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"extra": {"carriers": {"novapost": {"timeout_s": 1.0}}}}),
                        encoding="utf-8")
    return home


def fill(counter, variant: str) -> None:
    for name, value in KYIV.items():
        counter.recipient.form.edits[name].setText(value)
    counter.recipient.changed.emit()
    counter.parcel_panel.weight_edit.setText("1200")
    counter.parcel_panel.reason_edit.setText("balance de test absente")
    for name, value in (("length_mm", "300"), ("width_mm", "200"), ("height_mm", "100")):
        counter.parcel_panel.dims[name].setText(value)
    counter.parcel_panel.changed.emit()
    counter.services.set_service_id("novapost-parcel")
    combo = counter.options_panel.widgets["novapost_variant"]
    combo.setCurrentIndex(combo.findData(variant))
    for key, value in (("payer", "sender"), ("payment_method", "non_cash")):
        combo = counter.options_panel.widgets[key]
        combo.setCurrentIndex(combo.findData(value))
    counter.contents_box.setChecked(True)
    editor = counter.customs
    editor.category.setCurrentIndex(editor.category.findData("gift"))
    editor.model.append(CustomsItem("Livres", 2, 900, Decimal("30.00"), hs_code="490199",
                                    origin="FR"))


def test_address_delivery_has_no_picker(qtbot, shop, window, server, idle):
    counter = window.counter
    fill(counter, "address-address")
    idle(window)
    assert not counter.division_picker.isVisible()
    assert server.of("GET", "/divisions") == []


def test_division_chosen_by_keyboard_reaches_the_carrier(qtbot, shop, window, home, server,
                                                         idle):
    counter = window.counter
    picker = counter.division_picker
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    with qtbot.waitSignal(picker.searched, timeout=10_000) as searched:
        fill(counter, "address-locker")
    assert picker.isVisible() and searched.args == [1]  # lockers only: the Postomat
    first = server.of("GET", "/divisions")[0].query
    assert first["divisionCategories[]"] == ["Postomat"] and first["countryCodes[]"] == ["UA"]
    assert first["postalCodes[]"] == ["01001"]  # the recipient's postcode by default

    # A branch instead: the picker searches branches; the clerk types a postcode.
    combo = counter.options_panel.widgets["novapost_variant"]
    with qtbot.waitSignal(picker.searched, timeout=10_000):
        combo.setCurrentIndex(combo.findData("address-branch"))
    picker.search.setFocus()
    with qtbot.waitSignal(picker.searched, timeout=10_000) as searched:
        qtbot.keyClicks(picker.search, "01004")
    assert searched.args == [2]  # its two branches, nearest first
    assert server.of("GET", "/divisions")[-1].query["postalCodes[]"] == ["01004"]
    assert "Kyiv Branch 3" in picker.results.item(0).text()
    # ↓ into the list, ↓ to the second, Enter chooses it.
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.results.hasFocus()
    qtbot.keyClick(picker.results, Qt.Key.Key_Down)
    qtbot.keyClick(picker.results, Qt.Key.Key_Return)
    assert picker.current is not None and picker.current.id == "7003"
    assert counter.options_panel.widgets["division_id"].text() == "7003"
    assert counter.build_draft().options.division_id == "7003"
    assert "Kyiv Branch 8" in picker.status.text()

    # The same search again is answered from the service's cache, not the carrier.
    asked = len(server.of("GET", "/divisions"))
    assert window.ctx.pickup_points.search("novapost-parcel", counter.recipient.form.address(),
                                           counter.options_panel.options(), "01004")
    assert len(server.of("GET", "/divisions")) == asked

    with qtbot.waitSignal(counter.shipped, timeout=15_000):
        qtbot.keyClick(picker.results, Qt.Key.Key_F12)  # from the picker: Print
    idle(window)
    (create,) = server.of("POST", "/shipments")
    recipient = create.json()["recipient"]
    assert recipient["divisionId"] == "7003" and "addressParts" not in recipient
    (row,) = db_rows(home, "SELECT tracking_number FROM shipments")
    assert row["tracking_number"] in {s["number"] for s in server.shipments.values()}
    assert picker.current is None and not picker.isVisible()  # the next parcel: afresh


def test_a_silent_carrier_is_said_and_the_number_can_be_typed(qtbot, shop, window, server,
                                                              idle):
    server.fail("GET", "/divisions", action="status", status=503, body=b"{}")
    server.fail("GET", "/divisions", action="status", status=503, body=b"{}")
    server.fail("GET", "/divisions", action="status", status=503, body=b"{}")
    counter = window.counter
    picker = counter.division_picker
    with qtbot.waitSignal(picker.searched, timeout=15_000) as searched:
        fill(counter, "address-locker")
    assert searched.args == [0]
    assert "Recherche impossible" in picker.status.text()
    assert counter.options_panel.widgets["division_id"].isEnabled()  # typed by hand instead
    idle(window)
