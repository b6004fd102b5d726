"""The printer's state in the status bar, asked off the GUI thread: a fake TCP printer
answering `~HS` with paper out shows "not ready: paper out"; silence shows unreachable."""

from __future__ import annotations

import pytest

from desktop.config import load_settings, save_settings
from desktop.domain.printing import PrinterState, PrinterStatus
from desktop.ui.i18n import set_language
from desktop.ui.widgets.printer_status import PrinterStatusLabel, describe
from tests.fake_printers import SILENT, ZPL_STATES, FakePrinter


@pytest.mark.parametrize("status,text", [
    (PrinterStatus(True, "ready"), "Imprimante prête"),
    (PrinterStatus(False, "paper out, head open", problems=("paper out", "head open")),
     "Imprimante pas prête : plus de papier, tête ouverte"),
    (PrinterStatus.offline("timeout"), "Imprimante injoignable"),
    (PrinterStatus.unknown("not asked"), "État de l'imprimante inconnu"),
])
def test_each_state_reads_in_french(qtbot, status, text):
    set_language("fr")
    label = PrinterStatusLabel()
    qtbot.addWidget(label)
    label.show_status(status)
    # the tooltip says why in French, never the transport's English log line ("paper out")
    assert label.text() == "● " + text
    assert label.toolTip() == (text if status.ready or status.problems else status.detail)
    assert describe(status) == text


def test_english_too():
    set_language("en")
    try:
        assert describe(PrinterStatus(False, "x", problems=("paper out", "odd code"))) == \
            "Printer not ready: paper out, odd code"  # unknown codes shown as they came
    finally:
        set_language("fr")


@pytest.mark.parametrize("reply,state,words,why", [
    (ZPL_STATES["paper out"], PrinterState.NOT_READY, "plus de papier", "plus de papier"),
    (SILENT, PrinterState.OFFLINE, "injoignable", "pas de réponse d'état de 127.0.0.1:"),
])
def test_the_main_window_shows_what_the_printer_says(qtbot, home, reply, state, words, why):
    from desktop.app import build_context
    from desktop.ui.main_window import MainWindow

    printer = FakePrinter([reply])
    try:
        settings = load_settings()
        settings.printer_url = printer.url(status_timeout=0.3)
        settings.printer_profile = "generic-zpl-203"  # asked in the profile's language
        save_settings(settings)
        ctx = build_context(lang="fr")
        set_language("fr")
        window = MainWindow(ctx, start_scale=False)
        qtbot.addWidget(window)
        window.show()  # the printer is asked once the window is on screen
        qtbot.waitUntil(lambda: window.printer_state.status is not None, timeout=5000)
        assert window.printer_state.status.state is state
        assert words in window.printer_state.text()
        assert why in window.printer_state.toolTip()
        window.shutdown()
        ctx.close()
    finally:
        printer.close()


def test_a_raw_pdf_printer_is_never_sent_a_zpl_status_query(qtbot, home):
    from desktop.app import build_context

    printer = FakePrinter()
    try:
        settings = load_settings()
        settings.printer_url = printer.url(status_timeout=0.3)
        settings.label_format, settings.printer_profile = "pdf", ""
        save_settings(settings)
        ctx = build_context(lang="fr")
        assert ctx.printer_status().state is PrinterState.UNKNOWN
        ctx.settings.printer_profile = "generic-zpl-203"  # changed in the settings dialog
        assert ctx.printer_status().state is PrinterState.READY
        ctx.close()
        assert [q for q in printer.queries] == [b"~HS"]  # only once the profile is ZPL
    finally:
        printer.close()
