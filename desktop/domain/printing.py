"""Print jobs and printer status as the core sees them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class LabelFormat(str, Enum):
    ZPL203 = "zpl203"
    ZPL300 = "zpl300"
    PDF = "pdf"

    @property
    def extension(self) -> str:
        return "pdf" if self is LabelFormat.PDF else "zpl"


class JobOutcome(str, Enum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class PrintJob:
    printer: str  # printer URL, e.g. "file:///…/spool", "tcp://10.0.0.5:9100", "system:"
    format: LabelFormat
    payload: bytes
    kind: str = "label"  # "label", "cn22", "cn23", "invoice" …
    shipment_id: int | None = None
    id: int | None = None
    created_at: datetime | None = None
    outcome: JobOutcome = JobOutcome.PENDING
    error: str = ""
    output: str = ""  # where it went: a file path, host:port, queue name
    reprint_of: int | None = None


@dataclass(frozen=True)
class PrinterStatus:
    ready: bool
    detail: str = ""  # "paper out", "head open", "timeout" …
