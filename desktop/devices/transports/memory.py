"""In-process fake printer (`memory://name`) for tests and demo mode.

Printers are shared by name within the process, so the code that prints and the code that
checks (a test, the demo screen) see the same one: `memory_printer("demo").jobs`.
Its status and its next failures are scriptable.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from desktop.devices.transports.base import TransportError
from desktop.devices.urls import split_url
from desktop.domain.printing import PrinterStatus


@dataclass(frozen=True)
class RecordedJob:
    job_name: str
    payload: bytes


class MemoryTransport:
    def __init__(self, url: str):
        self.url = url
        self.name = memory_name(url)
        self._lock = threading.Lock()
        self._jobs: list[RecordedJob] = []
        self._status = PrinterStatus(True, "ready (memory printer)")
        self._statuses: deque[PrinterStatus] = deque()
        self._failures: deque[str] = deque()

    def send(self, payload: bytes, job_name: str = "") -> str:
        with self._lock:
            if self._failures:
                raise TransportError(self.url, self._failures.popleft())
            self._jobs.append(RecordedJob(job_name, bytes(payload)))
            return f"{self.url}#{len(self._jobs)}"

    def status(self) -> PrinterStatus:
        with self._lock:
            return self._statuses.popleft() if self._statuses else self._status

    # -- scripting ---------------------------------------------------------------------
    @property
    def jobs(self) -> list[RecordedJob]:
        with self._lock:
            return list(self._jobs)

    @property
    def payloads(self) -> list[bytes]:
        return [job.payload for job in self.jobs]

    def set_status(self, status: PrinterStatus) -> None:
        """The status from now on (after any queued by `queue_status`)."""
        with self._lock:
            self._status = status

    def queue_status(self, *statuses: PrinterStatus) -> None:
        """Statuses returned once each, in order, before the steady one."""
        with self._lock:
            self._statuses.extend(statuses)

    def fail_next(self, message: str = "simulated failure", times: int = 1) -> None:
        with self._lock:
            self._failures.extend([message] * times)

    def clear(self) -> None:
        with self._lock:
            self._jobs.clear()
            self._statuses.clear()
            self._failures.clear()
            self._status = PrinterStatus(True, "ready (memory printer)")


_registry: dict[str, MemoryTransport] = {}
_registry_lock = threading.Lock()


def memory_name(url: str) -> str:
    parts = split_url(url)
    if parts.scheme != "memory":
        raise ValueError(f"not a memory printer URL: {url!r}")
    if parts.query or parts.path.strip("/"):
        raise ValueError(f"{url}: expected memory://name")
    return parts.netloc or "default"


def memory_printer(url_or_name: str = "default") -> MemoryTransport:
    """The shared memory printer for `memory://name` (created on first use)."""
    name = memory_name(url_or_name) if "://" in url_or_name else url_or_name
    with _registry_lock:
        printer = _registry.get(name)
        if printer is None:
            printer = _registry[name] = MemoryTransport(f"memory://{name}")
        return printer


def reset_memory_printers() -> None:
    with _registry_lock:
        _registry.clear()
