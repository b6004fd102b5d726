"""Phone numbers are stored in E.164 and shown in groups with their prefix (ITU-T E.123)."""

from __future__ import annotations

from desktop.domain.phones import display_phone, normalise_phone


def test_stored_numbers_read_in_groups():
    assert display_phone("+41441234567", "CH") == "+41 44 123 45 67"
    assert display_phone(normalise_phone("06 12 34 56 78", "FR"), "FR") == "+33 6 12 34 56 78"
    assert display_phone("+12125550100", "US") == "+1 212-555-0100"


def test_a_number_that_does_not_parse_is_shown_as_stored():
    assert display_phone("poste 12", "FR") == "poste 12"
    assert display_phone("", "FR") == ""
