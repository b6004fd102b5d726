"""The printer's state in the status bar: ready, not ready (and why), offline or unknown.

Silence from a printer is OFFLINE and a printer that cannot be asked is UNKNOWN: neither
is shown as ready. The status itself is asked off the GUI thread by the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.domain.printing import PrinterState, PrinterStatus
from desktop.ui.i18n import N_, language, tr

STATE_TEXT = {
    PrinterState.READY: N_("Imprimante prête"),
    PrinterState.NOT_READY: N_("Imprimante pas prête"),
    PrinterState.OFFLINE: N_("Imprimante injoignable"),
    PrinterState.UNKNOWN: N_("État de l'imprimante inconnu"),
}
STATE_COLOUR = {PrinterState.READY: "#1b7f3b", PrinterState.NOT_READY: "#b00020",
                PrinterState.OFFLINE: "#b00020", PrinterState.UNKNOWN: "#8a6d00"}
# The problem codes the status protocols report (desktop.devices.printers.status).
PROBLEM_TEXT = {
    "paper out": N_("plus de papier"), "head open": N_("tête ouverte"),
    "ribbon out": N_("plus de ruban"), "paused": N_("en pause"),
    "buffer full": N_("mémoire pleine"), "paper jam": N_("bourrage papier"),
    "paper or ribbon out": N_("plus de papier ou de ruban"),
    "queue disabled": N_("file d'impression désactivée"),
    "queue not accepting jobs": N_("file d'impression fermée aux travaux"),
    "under temperature": N_("tête trop froide"), "over temperature": N_("tête trop chaude"),
    "head too hot": N_("tête trop chaude"), "printer error": N_("erreur de l'imprimante"),
}


def describe(status: PrinterStatus) -> str:
    text = tr(STATE_TEXT[status.state])
    if not status.problems:
        return text
    problems = ", ".join(tr(PROBLEM_TEXT[p]) if p in PROBLEM_TEXT else p
                         for p in status.problems)
    return tr("{state} : {problems}", state=text, problems=problems)


def _printer_label() -> str:
    return tr("Imprimante (URL)")


def reason_text(reason: object) -> str:
    """A cause (a catalogue `Violation`) in the clerk's language, the field named as the
    printer's address."""
    return reason.describe(language(), label=_printer_label())


def status_detail(status: PrinterStatus) -> str:
    """Why the printer is in its state, for the clerk: the cause in their language, else
    the state and its problems translated; the transport's English detail stays in the log."""
    if status.reason is not None:
        return reason_text(status.reason)
    if status.ready or status.problems or not status.detail:
        return describe(status)
    return status.detail  # a transport whose causes the catalogue does not word yet


def error_text(error: object) -> str:
    """An exception from a printer status query or URL check, for the clerk."""
    violation = getattr(error, "violation", None)
    if violation is not None:
        return reason_text(violation)
    return str(error)  # not one of the device errors the catalogue words: as raised


class PrinterStatusLabel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.status: PrinterStatus | None = None
        self.setText(tr("Imprimante : état en cours de lecture…"))

    def show_status(self, status: PrinterStatus) -> None:
        self.status = status
        self.setText("● " + describe(status))
        self.setStyleSheet(f"color: {STATE_COLOUR[status.state]}")
        self.setToolTip(status_detail(status))

    def show_error(self, error: object) -> None:
        self.show_status(PrinterStatus.offline(str(error),
                                               reason=getattr(error, "violation", None)))
