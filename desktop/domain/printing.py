"""Print jobs and printer status as the core sees them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class LabelFormat(str, Enum):
    """What a label is rendered as: a printer language at a resolution, or a PDF page.

    The first three are the historical settings values (`label_format`); the others come
    from printer profiles (`desktop.domain.printer_profile`)."""

    ZPL203 = "zpl203"
    ZPL300 = "zpl300"
    PDF = "pdf"  # one 10 × 15 cm page
    ZPL600 = "zpl600"
    EPL203 = "epl203"
    EPL300 = "epl300"
    TSPL203 = "tspl203"
    TSPL300 = "tspl300"
    PDF_A4_2 = "pdf-a4x2"  # A4 sheet, two labels
    PDF_A4_4 = "pdf-a4x4"  # A4 sheet, four labels

    @property
    def language(self) -> str:
        """"zpl", "epl2", "tspl" or "pdf"."""
        return _LANGUAGE[self.value.split("-")[0].rstrip("0123456789")]

    @property
    def dpi(self) -> int | None:
        """Dots per inch of a printer language; None for a PDF (vector)."""
        digits = "".join(ch for ch in self.value.split("-")[0] if ch.isdigit())
        return int(digits) if digits else None

    @property
    def extension(self) -> str:
        return _EXTENSION[self.language]

    @classmethod
    def of(cls, language: str, dpi: int | None, sheet: str = "label") -> LabelFormat:
        """The format of a language at a resolution (PDF: of a sheet layout)."""
        if language == "pdf":
            return cls({"label": "pdf", "a4x2": "pdf-a4x2", "a4x4": "pdf-a4x4"}[sheet])
        prefix = {"zpl": "zpl", "epl2": "epl", "tspl": "tspl"}[language]
        return cls(f"{prefix}{dpi}")


_LANGUAGE = {"zpl": "zpl", "epl": "epl2", "tspl": "tspl", "pdf": "pdf"}
_EXTENSION = {"zpl": "zpl", "epl2": "epl", "tspl": "tspl", "pdf": "pdf"}


class JobOutcome(str, Enum):
    """A print job's state: queued → sending → sent | failed.

    A job is stored `queued` (with its bytes) in the transaction that saves its shipment,
    and goes to `sending` just before its bytes leave. A job found `sending` after its
    process died may or may not have come out of the printer: it waits for the clerk's
    confirmation (`awaiting_confirmation`) instead of being sent a second time.
    """

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    AWAITING_CONFIRMATION = "awaiting_confirmation"

    @property
    def done(self) -> bool:
        return self is JobOutcome.SENT


@dataclass(frozen=True)
class PrintJob:
    printer: str  # printer URL, e.g. "file:///…/spool", "tcp://10.0.0.5:9100", "system:"
    format: LabelFormat
    payload: bytes
    kind: str = "label"  # "label", "cn22", "cn23", "invoice" …
    shipment_id: int | None = None
    id: int | None = None
    created_at: datetime | None = None
    outcome: JobOutcome = JobOutcome.QUEUED
    error: str = ""
    output: str = ""  # where it went: a file path, host:port, queue name
    reprint_of: int | None = None
    claimed_by: str = ""  # the process that is sending (or sent) it: "host:pid"
    job_name: str = ""  # the name the printer/spool gets, e.g. "LD…FR-label.zpl"
    # SHA-256 of the bytes as sent; kept when the bytes are purged (payload then empty)
    payload_sha256: str = ""


class PrinterState(str, Enum):
    READY = "ready"  # the printer said it can print now
    NOT_READY = "not_ready"  # the printer said why it cannot (problems)
    OFFLINE = "offline"  # unreachable, or silent: no answer is never "ready"
    UNKNOWN = "unknown"  # reachable, but the language/transport cannot tell


@dataclass(frozen=True)
class PrinterStatus:
    """`ready` stays the one flag callers test; the rest says why, for the status bar.

    `PrinterStatus(True, "…")` / `PrinterStatus(False, "…")` keep working: the state is then
    READY or NOT_READY. UNKNOWN and OFFLINE are never ready."""

    ready: bool
    detail: str = ""  # "paper out", "head open", "timeout" …
    state: PrinterState | None = None
    problems: tuple[str, ...] = ()  # short English codes: "paper out", "head open" …
    formats_in_buffer: int | None = None  # labels received, not yet printed (ZPL ~HS)
    labels_remaining: int | None = None  # of the current batch (ZPL ~HS)
    language: str = ""  # the status protocol that answered: "zpl", "tspl", "epl2", "cups" …
    raw: bytes = field(default=b"", repr=False)  # the reply, for the log
    # Why it is offline, as a catalogue `Violation` the screens render in the clerk's
    # language (`detail` stays the English log line).
    reason: object = field(default=None, compare=False)

    def __post_init__(self) -> None:
        state = self.state
        if state is None:
            state = PrinterState.READY if self.ready else PrinterState.NOT_READY
        state = PrinterState(state)
        if state is not PrinterState.READY and self.ready:
            raise ValueError(f"a printer in state {state.value} is not ready")
        if state is PrinterState.READY and not self.ready:
            raise ValueError("state ready with ready=False")
        object.__setattr__(self, "state", state)
        object.__setattr__(self, "problems", tuple(self.problems))

    @classmethod
    def offline(cls, detail: str, language: str = "", reason: object = None) -> PrinterStatus:
        return cls(False, detail, PrinterState.OFFLINE, language=language, reason=reason)

    @classmethod
    def unknown(cls, detail: str, language: str = "", reason: object = None) -> PrinterStatus:
        return cls(False, detail, PrinterState.UNKNOWN, language=language, reason=reason)


@dataclass(frozen=True)
class Bitmap:
    """A label preview: 8-bit grey pixels (0 black, 255 white), row after row, `stride`
    bytes each, at `dpi` (QImage.Format_Grayscale8). Made by `desktop.printing.preview`."""

    width: int
    height: int
    stride: int
    pixels: bytes = field(repr=False)
    dpi: int

    def pixel(self, x: int, y: int) -> int:
        return self.pixels[y * self.stride + x]
