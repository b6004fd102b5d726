"""Checks at the counter of the post office / branch when parcels are deposited."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop.domain.errors import Violation, register_templates

register_templates({
    "label_expired": ("{field} : étiquette périmée depuis le {limit} — réimprimez-la avant le dépôt",
                      "{field}: label expired on {limit} — print a new one before deposit"),
    "drafts_left": ("{field} : {actual} étiquette(s) pas encore imprimée(s) : pas sur le bordereau",
                    "{field}: {actual} label(s) not printed yet: not on the slip"),
})


def label_expiry(service, created_at: datetime | None, today: date) -> Violation | None:
    """A label past its validity (Nova Post: 14 days [N 4.3.4]) is warned at deposit."""
    days = getattr(service, "label_validity_days", None)
    if not days or created_at is None:
        return None
    expires = created_at.date() + timedelta(days=days)
    if today <= expires:
        return None
    return Violation("label", "label_expired", limit=expires.strftime("%d/%m/%Y"),
                     actual=today.isoformat(),
                     source=getattr(service, "label_validity_source", "") or "[N 4.3.4]",
                     severity="warning")
