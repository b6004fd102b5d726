"""What every printer transport shares: its error type, URL options and job names.

Job-name contract (`PrinterTransport.send(payload, job_name)`): `job_name` is a file-name
hint "<stem>.<ext>", e.g. "LD123456789FR.zpl" or "LD123456789FR-cn23.pdf". Transports that
write files use it (sanitised) for the file name; the others use it as a job title (CUPS) or
ignore it. An empty name or one without an extension gets the transport's default extension.
"""

from __future__ import annotations

import re

# Characters kept in a file name built from a job name; anything else becomes "_" so a
# job name can never leave the spool folder or upset Windows ("<>:\"/\\|?*").
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Keeps "<timestamp>-<name>" well under the 255-byte file-name limit of ext4/NTFS.
MAX_NAME_CHARS = 120


class TransportError(OSError):
    """A job could not be delivered; the message names the printer URL and the cause."""

    def __init__(self, url: str, message: str, violation=None):
        self.url = url
        # The same cause as a catalogue `Violation`, for the clerk in their language (the
        # message stays English for the log).
        self.violation = violation
        super().__init__(f"{url}: {message}")


def split_job_name(job_name: str, default_ext: str) -> tuple[str, str]:
    """("LD123456789FR", "zpl") from "LD123456789FR.zpl"; safe for any file system."""
    name = (job_name or "").replace("\\", "/").rsplit("/", 1)[-1]  # never a path
    stem, dot, ext = name.rpartition(".")
    if not dot or not _is_ext(ext):
        stem, ext = name, default_ext
    stem = _UNSAFE.sub("_", stem).strip("._") or "job"
    return stem[:MAX_NAME_CHARS], _UNSAFE.sub("", ext).lower()


def _is_ext(ext: str) -> bool:
    # our choice: up to 8 letters/digits ("zpl", "pdf", "epl2"); anything else is a name part
    return 0 < len(ext) <= 8 and ext.isascii() and ext.isalnum()


class DeliveryUnconfirmed(TransportError):
    """The bytes left, but the printer did not confirm it took them (no status answer after
    the job). The job may have printed: never resend it without asking the clerk."""

    maybe_printed = True
