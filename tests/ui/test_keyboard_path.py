"""Issue 10 §2 acceptance: a repeat customer, the parcel on the scale, driven by real key
events only, in at most 5 keystrokes besides the typed name and the scan; and a Tab order
that reaches every control, the options and the customs editor before Print."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.helpers import db_rows, spooled

SCAN = "6A15984040331"  # Colissimo pre-paid form, scanned: the code then Enter


class Keyboard:
    """Sends real key events where Qt would: the open popup, else the focused widget."""

    def __init__(self, window):
        self.window = window
        self.keys: list[str] = []  # command keystrokes (typed text and scans apart)

    def target(self) -> QWidget:
        return QApplication.activePopupWidget() or QApplication.focusWidget() or self.window

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier, name: str = "") -> None:
        self.keys.append(name or str(key))
        QTest.keyClick(self.target(), key, modifier)

    def type(self, text: str) -> None:
        QTest.keyClicks(self.target(), text)


def test_repeat_customer_in_five_keystrokes(qtbot, shop, contacts, window, home, spool, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    qtbot.waitUntil(lambda: window.scale.scale is not None)
    window.scale.scale.set_weight(1250)
    window.scale.scale.set_stable(True)
    qtbot.waitUntil(lambda: counter.parcel_panel.reading is not None
                    and counter.parcel_panel.reading.usable, timeout=5000)
    keyboard = Keyboard(window)

    window.tabs.setCurrentIndex(2)  # the clerk is elsewhere: Ctrl+F comes back to the search
    window.counter.setFocus()
    window.show_tab(window.counter)
    keyboard.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier, "Ctrl+F")
    assert counter.recipient.search.hasFocus()
    keyboard.type("Dupont")
    keyboard.press(Qt.Key.Key_Return, name="Enter")
    qtbot.waitUntil(lambda: counter.recipient.form.edits["name"].text() == "Mme Claire Dupont")
    keyboard.press(Qt.Key.Key_F2, name="F2")
    qtbot.waitUntil(lambda: counter.parcel_panel.weight_edit.text() == "1250")
    # The service for a French home delivery needs the pre-paid form: the field takes focus.
    qtbot.waitUntil(lambda: counter.form_number.hasFocus(), timeout=5000)
    assert counter.services.service_id() == "colissimo-domicile-france"
    keyboard.type(SCAN)
    QTest.keyClick(keyboard.target(), Qt.Key.Key_Return)  # the scanner's own Enter
    assert counter.contents_box.hasFocus()  # the checklist is next
    keyboard.press(Qt.Key.Key_Space, name="Space")  # contents checked [C 5.4]
    assert counter.contents_box.isChecked()
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        keyboard.press(Qt.Key.Key_F12, name="F12")

    result = shipped.args[0]
    assert result.printed and result.shipment.tracking_number == SCAN
    assert keyboard.keys == ["Ctrl+F", "Enter", "F2", "Space", "F12"]
    assert len(keyboard.keys) <= 5
    rows = db_rows(home, "SELECT recipient_name, weight_g, service_id FROM shipments")
    assert [tuple(r) for r in rows] == [("Mme Claire Dupont", 1250,
                                         "colissimo-domicile-france")]
    assert len(spooled(spool)) == 1
    # The next parcel starts at the search, the last result still in sight until then.
    assert counter.recipient.search.hasFocus()
    assert SCAN[:2] in counter.outcome.text()
    assert not counter.outcome_warnings.isVisible() or counter.outcome_warnings.text()
    keyboard.type("M")  # the next parcel begins: the last result goes
    assert counter.outcome.text() == "" and not counter.outcome_warnings.isVisible()
    QTest.keyClick(keyboard.target(), Qt.Key.Key_Escape)
    idle(window)


def tab_walk(window, start: QWidget, limit: int = 120) -> list[QWidget]:
    start.setFocus()
    seen = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start or widget in seen:
            break
        seen.append(widget)
    return seen


@pytest.mark.parametrize("country, postcode, city, state, service", [
    ("CH", "8001", "Zürich", "", "colissimo-expert-international"),
    ("US", "10118", "New York", "NY", "colissimo-expert-international"),
    ("FR", "75019", "PARIS", "", "colissimo-domicile-france")])
def test_tab_order_reaches_options_and_customs_before_print(qtbot, shop, contacts, window,
                                                            idle, country, postcode, city,
                                                            state, service):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    counter.recipient.use_contact(contacts[1])  # Germany (EU, no customs), moved below
    edits = counter.recipient.form.edits
    edits["country"].setText(country)
    edits["postcode"].setText(postcode)
    edits["city"].setText(city)
    if state:
        # the US post needs the state (its page may be behind the customs one just now)
        qtbot.waitUntil(lambda: not edits["state"].isHidden())
        edits["state"].setText(state)
    counter.parcel_panel.weight_edit.setText("900")
    counter.services.set_service_id(service)
    customs = country != "FR"
    qtbot.waitUntil(lambda: counter.customs.isVisible() is customs or (
        not customs and not counter.left_tabs.isTabVisible(1)))
    counter.left_tabs.setCurrentIndex(0)  # the clerk starts at the recipient
    walk = tab_walk(window, counter.recipient.search)
    position = {w: i for i, w in enumerate(walk)}
    print_at = position[counter.print_button]
    assert position[edits["email"]] < position[
        counter.parcel_panel.weight_edit] < position[counter.services.list]
    if state:
        assert position[edits["city"]] < position[edits["state"]] < position[
            counter.parcel_panel.weight_edit]
    # Tab from the reference opened the customs page, when there is one
    assert counter.left_tabs.currentIndex() == (1 if customs else 0)
    for widget in (counter.form_number if counter.form_number.isVisible() else None,
                   counter.contents_box, counter.reference, counter.services.list,
                   *((counter.customs.category, counter.customs.code, counter.customs.table)
                     if customs else ()),
                   *[w for w in counter.options_panel.widgets.values() if w.isVisible()]):
        if widget is None:
            continue
        assert widget in position, widget.objectName()
        assert position[widget] < print_at, widget.objectName()
    # every visible, enabled control of the counter that takes Tab focus is reached
    missing = [w.objectName() or type(w).__name__ for w in counter.findChildren(QWidget)
               if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
               == Qt.FocusPolicy.TabFocus and w.focusProxy() is None and w not in position
               and _real_control(w)]
    assert not missing
    idle(window)


def _real_control(widget: QWidget) -> bool:
    """Viewports and scroll areas take focus for scrolling only."""
    from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar

    if isinstance(widget, QScrollBar):
        return False
    return not (type(widget) is QWidget or (isinstance(widget, QAbstractScrollArea)
                                            and type(widget).__name__ == "QScrollArea"))


def test_new_address_refreshes_the_verdicts(qtbot, shop, contacts, window, idle):
    counter = window.counter
    services = counter.services
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    counter.recipient.use_contact(contacts[1])  # Berlin
    counter.parcel_panel.weight_edit.setText("800")
    counter.parcel_panel.changed.emit()
    international = "colissimo-expert-international"
    qtbot.waitUntil(lambda: services.suggestion(international) is not None
                    and services.suggestion(international).admissible, timeout=10_000)
    assert services.row_text(international).startswith("✓")
    qtbot.mouseClick(counter.recipient.new_button, Qt.MouseButton.LeftButton)
    # The new address is French until typed otherwise: Germany's verdicts go.
    qtbot.waitUntil(lambda: services.suggestion(international) is not None
                    and not services.suggestion(international).admissible, timeout=10_000)
    assert services.row_text(international).startswith("✗")
    idle(window)
