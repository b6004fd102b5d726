"""Collects every string a person can see in a window (for tests/ui/test_french_ui.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QWidget,
)

from desktop.ui.widgets.field_errors import message  # noqa: F401 - the same path as the UI


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _model_strings(view: QAbstractItemView, rows: int = 50) -> set[str]:
    from PySide6.QtCore import QModelIndex

    model = view.model()
    out: set[str] = set()
    if model is None:
        return out
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # list models hide it in PySide6: one column
        columns = 1
    for section in range(columns):
        value = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if value:
            out.add(str(value))
    try:
        count = model.rowCount(root)
    except TypeError:
        count = model.rowCount()
    for row in range(min(count, rows)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str) and value:
                    out.add(value)
    return out


def visible_strings(window: QWidget) -> set[str]:
    out: set[str] = {window.windowTitle()}
    widgets = [window, *window.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(window) and w is not window:
            continue
        if w.toolTip():
            out.add(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            out.add(w.text())
        if isinstance(w, QGroupBox):
            out.add(w.title())
        if isinstance(w, QLineEdit):
            out.add(w.placeholderText())
        if isinstance(w, QComboBox):
            out |= {w.itemText(i) for i in range(w.count())}
        if isinstance(w, QTabWidget):
            out |= {w.tabText(i) for i in range(w.count()) if w.isTabVisible(i)}
        if isinstance(w, QAbstractItemView):
            out |= _model_strings(w)
    if isinstance(window, QMainWindow):
        for menu in window.menuBar().actions():
            out.add(menu.text())
            if menu.menu():
                out |= {a.text().split("\t")[0] for a in menu.menu().actions() if a.text()}
    return {_plain(s) for s in out if s and _plain(s)}


def more_strings(scenes) -> dict[str, set[str]]:
    """The screens beyond the screenshot scenes: the dashboard, the work list, a refused
    French parcel (errors next to their fields), every contract table, the number ranges."""
    window = scenes.window
    found: dict[str, set[str]] = {}
    for name, view in (("dashboard", window.dashboard), ("worklist", window.worklist)):
        window.show_tab(view)
        scenes.wait(0.6)
        found[name] = visible_strings(window)
    found["counter-errors"] = visible_strings(scenes.counter_errors())
    dialog = window.open_settings()
    scenes.wait(0.3)
    tables = dialog.open_contract_tables()
    found["contract-tables"] = set()
    for i in range(tables.picker.count()):
        tables.picker.setCurrentIndex(i)
        scenes.wait(0.4)
        found["contract-tables"] |= visible_strings(tables)
    tables.accept()
    ranges = dialog.open_number_ranges()
    scenes.wait(0.6)
    found["number-ranges"] = visible_strings(ranges)
    ranges.accept()
    found |= printer_strings(scenes, dialog)
    dialog.reject()
    return found


def printer_strings(scenes, dialog) -> dict[str, set[str]]:
    """A printer that accepts the connection and never answers (a silent socket on
    127.0.0.1): the status bar's tooltip and Settings → Tester; then a printer URL with an
    unknown option, tested. Each cause must read in French."""
    import socket

    window = scenes.window
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    url = f"tcp://127.0.0.1:{silent.getsockname()[1]}?status=zpl&status_timeout=0.3"
    try:
        window.printer_state.show_status(window.ctx.printer_status(url))
        found = {"printer-silent": visible_strings(window)}
        assert "Imprimante" in window.printer_state.toolTip(), window.printer_state.toolTip()
        found["printer-test"] = set()
        for tested in (url, url + "&language=zpl"):
            dialog.printer.setText(tested)
            dialog.test_button.click()
            for _ in range(40):
                scenes.wait(0.1)
                if dialog.printer_state.text().startswith("Pas prête"):
                    break
            assert dialog.printer_state.text().startswith("Pas prête"), \
                dialog.printer_state.text()
            found["printer-test"] |= visible_strings(dialog)
    finally:
        silent.close()
    return found
