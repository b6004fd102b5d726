"""Issue 8 §4: the Nova Post division (branch, locker, pick-up point) is chosen in the counter
screen, by keyboard, from a search that runs off the GUI thread against a fake Nova Post on
127.0.0.1; the chosen division goes into the draft and into the carrier's creation request."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.novapost_counter)
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.helpers import db_rows
from tests.ui.novapost_counter import fill, home, server, shop  # noqa: F401 - fixtures


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
