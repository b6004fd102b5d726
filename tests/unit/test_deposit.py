from datetime import UTC, date, datetime

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.carriers.deposit import label_expiry


def test_nova_post_label_is_warned_the_day_after_its_14_days():
    service = default_catalogue().get("novapost-parcel")
    created = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    assert label_expiry(service, created, date(2026, 11, 15)) is None  # day 14: still valid
    warning = label_expiry(service, created, date(2026, 11, 16))
    assert warning.rule == "label_expired_at_deposit" and warning.severity == "warning"
    assert warning.limit == "2026-11-15" and "4.3.4" in warning.source
    # the day reads as the screens show it, in the clerk's language
    assert "périmée depuis le dimanche 15 nov. 2026" in warning.describe("fr")
    assert "expired on Sunday 15 Nov 2026" in warning.describe("en")


def test_services_without_label_validity_never_warn():
    service = default_catalogue().get("colissimo-expert-international")
    assert label_expiry(service, datetime(2020, 1, 1, tzinfo=UTC), date(2026, 1, 1)) is None
