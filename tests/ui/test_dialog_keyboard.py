"""Issue 10 §5: dialogs open on their first field, Enter never saves (an empty form least of
all), the country field ranks exact matches first and refuses unknown countries, and the
state of a US address is asked, stored and printed on the town line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.domain.address import Address, format_lines
from desktop.domain.shipment import Contact
from desktop.ui.dialogs.contact import ContactDialog
from desktop.ui.dialogs.product_editor import ProductDialog
from desktop.ui.dialogs.sender import SenderProfileDialog
from desktop.ui.tasks import TaskRunner


@pytest.fixture
def runner(qtbot):
    r = TaskRunner()
    yield r
    r.wait()


def open_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


@pytest.mark.parametrize("make, first", [
    (lambda ctx, r: ContactDialog(ctx.address_book, r), lambda d: d.form.edits["name"]),
    (lambda ctx, r: SenderProfileDialog(ctx.senders, r), lambda d: d.label),
    (lambda ctx, r: ProductDialog(ctx.database.products, r), lambda d: d.edits["sku"]),
])
def test_dialog_focuses_first_field_and_enter_saves_nothing(qtbot, ctx, runner, make, first):
    dialog = open_dialog(qtbot, make(ctx, runner))
    assert QApplication.focusWidget() is first(dialog)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(200)
    assert dialog.isVisible() and dialog.result_value is None
    # Ctrl+Enter on an empty form: still nothing, and the clerk is told why.
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(200)
    assert dialog.isVisible() and dialog.result_value is None
    assert "vide" in dialog.summary.text()
    runner.wait()


def test_typed_contact_saves_with_ctrl_enter_and_keeps_the_state(qtbot, ctx, runner):
    dialog = open_dialog(qtbot, ContactDialog(ctx.address_book, runner))
    form = dialog.form
    assert not form.edits["state"].isVisibleTo(dialog)  # France: no state
    QTest.keyClicks(form.edits["name"], "John Smith")
    form.edits["street"].setText("350 Fifth Avenue")
    form.edits["postcode"].setText("10118")
    form.edits["city"].setText("New York")
    country = form.edits["country"]
    country.setFocus()
    country.selectAll()
    QTest.keyClicks(country, "US")
    qtbot.waitUntil(lambda: form.country_completer.popup().isVisible())
    first = form.country_completer.popup().currentIndex().data()
    assert first.startswith("US —"), first  # the exact code before Australia & co
    QTest.keyClick(QApplication.activePopupWidget() or country, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: country.text() == "US")
    qtbot.waitUntil(lambda: form.edits["state"].isVisibleTo(dialog))
    form.edits["state"].setFocus()
    QTest.keyClicks(form.edits["state"], "new york")
    if QApplication.activePopupWidget():
        QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
    QTest.keyClick(form.edits["state"], Qt.Key.Key_Tab)
    assert form.edits["state"].text() == "NY"
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
    saved = ctx.address_book.search("Smith", 5)
    assert [c.address.state for c in saved] == ["NY"]
    assert ("city", "NEW YORK NY 10118") in format_lines(saved[0].address)


def test_country_field_refuses_an_unknown_country(qtbot, ctx, runner):
    dialog = open_dialog(qtbot, ContactDialog(ctx.address_book, runner))
    country = dialog.form.edits["country"]
    country.setFocus()
    country.selectAll()
    QTest.keyClicks(country, "SUIS")
    QTest.keyClick(QApplication.activePopupWidget() or country, Qt.Key.Key_Escape)
    country.editingFinished.emit()
    assert country.text() == "SUIS"
    assert country.property("invalid") is True
    # and the address book refuses it too
    dialog.form.edits["name"].setText("Heidi")
    dialog.form.edits["street"].setText("Bahnhofstrasse 1")
    dialog.form.edits["city"].setText("Zürich")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.summary.isVisible() or country.property("invalid"))
    runner.wait()
    assert dialog.result_value is None


def test_us_state_is_printed_on_the_label_town_line(ctx):
    from desktop.domain.label_layout import shipping_label
    from desktop.domain.parcel import Parcel
    from desktop.domain.shipment import Shipment

    recipient = Address(name="John Smith", street="350 Fifth Avenue", postcode="10118",
                        city="New York", country="US", state="NY", phone="+1 212 736 3100")
    shipment = Shipment(sender=Address(name="Shop", street="1 rue X", postcode="69003",
                                       city="LYON"), recipient=recipient,
                        service_id="colissimo-expert-international", parcel=Parcel(900),
                        tracking_number="CE123456785FR")
    label = shipping_label(shipment, ctx.catalogue.get(shipment.service_id))
    texts = [getattr(e, "text", "") for e in label.elements]
    assert "NEW YORK NY 10118" in texts
    assert Contact(recipient).address.state == "NY"
