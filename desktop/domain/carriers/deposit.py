"""Checks at the counter of the post office / branch when parcels are deposited."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.domain.errors import Violation


def label_expiry(service, created_at: datetime | None, today: date) -> Violation | None:
    """A label past its validity (Nova Post: 14 days [N 4.3.4]) is warned at deposit."""
    days = getattr(service, "label_validity_days", None)
    if not days or created_at is None:
        return None
    expires = created_at.date() + timedelta(days=days)
    if today <= expires:
        return None
    return Violation("label", "label_expired_at_deposit", limit=expires.isoformat(),
                     actual=today.isoformat(),
                     source=getattr(service, "label_validity_source", "") or "[N 4.3.4]",
                     severity="warning")
