"""The real clock and a settable one for tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


class FixedClock:
    def __init__(self, when: datetime):
        self.when = when

    def now(self) -> datetime:
        return self.when

    def advance(self, **delta: float) -> None:
        self.when += timedelta(**delta)
