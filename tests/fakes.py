"""In-memory implementations of the core ports, for service tests without a database."""

from __future__ import annotations

import copy
from contextlib import contextmanager
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

    def find_by_tracking(self, number):
        return next((s for s in self.rows.values() if s.tracking_number == number), None)

    def find_by_draft_key(self, key):
        return next((s for s in self.rows.values() if s.draft_key == key), None)


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

    def claim(self, job_id, owner):
        if self.rows[job_id].outcome is not JobOutcome.QUEUED:
            return None
        self.rows[job_id] = replace(self.rows[job_id], outcome=JobOutcome.SENDING,
                                    claimed_by=owner)
        return self.rows[job_id]

    def in_states(self, *states):
        return [j for j in self.rows.values() if j.outcome in states]

    def recent(self, limit=50):
        return list(self.rows.values())[-limit:][::-1]

    def unpurged_shipments(self):
        return sorted({j.shipment_id for j in self.rows.values() if j.shipment_id and j.payload})

    def purge_payloads(self, shipment_id):
        settled = (JobOutcome.SENT, JobOutcome.FAILED)
        hit = [j for j in self.rows.values() if j.shipment_id == shipment_id and j.payload
               and j.outcome in settled]
        for j in hit:
            self.rows[j.id] = replace(j, payload=b"")
        return len(hit)


class MemoryContacts:
    def __init__(self):
        self.rows: dict[int, object] = {}

    def add(self, contact):
        new = replace(contact, id=len(self.rows) + 1)
        self.rows[new.id] = new
        return new

    def update(self, contact):
        self.get(contact.id)
        self.rows[contact.id] = contact
        return contact

    def get(self, contact_id):
        if contact_id not in self.rows:
            raise NotFound("contact", contact_id)
        return self.rows[contact_id]

    def search(self, text="", limit=50):
        return list(self.rows.values())[:limit]

    def delete(self, contact_id):
        self.rows.pop(contact_id, None)


class MemoryUnitOfWork:
    """`UnitOfWork` over in-memory repositories: an exception restores their contents."""

    def __init__(self, *repositories):
        self.repositories = repositories
        self.commits = 0

    @contextmanager
    def transaction(self):
        saved = [copy.deepcopy(r.__dict__) for r in self.repositories]
        try:
            yield self
        except BaseException:
            for repo, state in zip(self.repositories, saved, strict=True):
                repo.__dict__.clear()
                repo.__dict__.update(state)
            raise
        self.commits += 1


class MemoryRanges:
    def __init__(self):
        self.ranges: dict[str, NumberRange] = {}

    def ensure(self, r):
        return self.ranges.setdefault(r.name, r)

    def get(self, name):
        if name not in self.ranges:
            raise NotFound("tracking_range", name)
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
    def __init__(self, url="memory://test", fail: Exception | None = None,
                 status: PrinterStatus | None = None):
        self.url, self.fail, self.sent = url, fail, []
        self.ready = status or PrinterStatus(True)

    def send(self, payload, job_name=""):
        if self.fail:
            raise self.fail
        self.sent.append((payload, job_name))
        return f"{self.url}/{job_name}"

    def status(self):
        return self.ready
