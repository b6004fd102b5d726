"""In-memory implementations of the core ports, for service tests without a database."""

from __future__ import annotations

from dataclasses import replace

from desktop.domain.errors import NotFound, ValidationFailed, Violation
from desktop.domain.printing import JobOutcome, PrinterStatus
from desktop.domain.tracking import NumberRange, make_s10


class MemoryShipments:
    def __init__(self):
        self.rows: dict[int, object] = {}

    def add(self, s):
        new = replace(s, id=len(self.rows) + 1)
        self.rows[new.id] = new
        return new

    def update(self, s):
        self.rows[s.id] = s
        return s

    def get(self, shipment_id):
        if shipment_id not in self.rows:
            raise NotFound("shipment", shipment_id)
        return self.rows[shipment_id]


class MemoryJobs:
    def __init__(self):
        self.rows: dict[int, object] = {}

    def add(self, job):
        new = replace(job, id=len(self.rows) + 1)
        self.rows[new.id] = new
        return new

    def set_outcome(self, job_id, outcome: JobOutcome, error="", output=""):
        self.rows[job_id] = replace(self.rows[job_id], outcome=outcome, error=error, output=output)
        return self.rows[job_id]

    def get(self, job_id):
        return self.rows[job_id]

    def for_shipment(self, shipment_id):
        return [j for j in self.rows.values() if j.shipment_id == shipment_id]


class MemoryRanges:
    def __init__(self):
        self.ranges: dict[str, NumberRange] = {}

    def ensure(self, r):
        return self.ranges.setdefault(r.name, r)

    def get(self, name):
        return self.ranges[name]

    def list(self):
        return list(self.ranges.values())

    def allocate(self, name):
        r = self.ranges[name]
        serial = r.first if r.next_serial is None else r.next_serial
        if serial > r.last:
            raise ValidationFailed([Violation("tracking_number", "range_exhausted", limit=name)])
        self.ranges[name] = replace(r, next_serial=serial + 1)
        return make_s10(r.prefix, serial, r.country)


class RecordingPrinter:
    def __init__(self, url="memory://test", fail: Exception | None = None):
        self.url, self.fail, self.sent = url, fail, []

    def send(self, payload, job_name=""):
        if self.fail:
            raise self.fail
        self.sent.append((payload, job_name))
        return f"{self.url}/{job_name}"

    def status(self):
        return PrinterStatus(True)
