"""Phone numbers parsed and normalised to E.164 with Google's libphonenumber data (`phonenumbers`).

A number typed the local way ("06 12 34 56 78") is read in the address's country; one typed
with its prefix ("+380 67 …", "0033 6 …") in its own. Stored as E.164 ("+33612345678",
ITU-T E.164): one spelling per number, so the address book finds and merges it.

Mobile or landline matters where the carrier texts the recipient: Nova Post sends the
pick-up code by SMS to the recipient's mobile [N 4.7.2, 4.7.4, 4.8.1, 4.9.6].
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# phonenumbers (its metadata is a twentieth of a second) loads with the first number read,
# not when the window starts (bench/startup.py).


@dataclass(frozen=True)
class Phone:
    raw: str
    e164: str = ""  # empty when it is not a valid number
    kind: str = "unknown"  # "mobile", "landline", "unknown"

    @property
    def valid(self) -> bool:
        return bool(self.e164)

    @property
    def mobile(self) -> bool:
        return self.kind == "mobile"


# A shop's files repeat their customers (one line per order); Phone is immutable, so a parse
# is kept and shared. Bounded: about 10 MB at most.
PARSED_CACHE_SIZE = 65_536


@lru_cache(maxsize=PARSED_CACHE_SIZE)
def parse_phone(raw: str, country: str = "FR") -> Phone:
    """`raw` read as a number of `country` (ISO alpha-2) unless it carries its own prefix."""
    import phonenumbers
    from phonenumbers import PhoneNumberType

    text = (raw or "").strip()
    if not text:
        return Phone(raw="")
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, (country or "FR").upper())
    except phonenumbers.NumberParseException:
        return Phone(raw=raw)
    # One pattern match instead of two: number_type is UNKNOWN exactly when is_valid_number
    # is false (phonenumbers runs the same _number_type_helper for both, on the region the
    # number's own calling code gives), and it is half of a CSV import's time.
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.UNKNOWN:
        return Phone(raw=raw)
    label = ("mobile" if kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE) else
             "landline" if kind == PhoneNumberType.FIXED_LINE else "unknown")
    return Phone(raw=raw, e164=phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.E164), kind=label)


@lru_cache(maxsize=PARSED_CACHE_SIZE)
def display_phone(stored: str, country: str = "FR") -> str:
    """A stored number as people read it, in groups with its prefix ("+41 44 123 45 67",
    ITU-T E.123 international notation); a number that does not parse is shown as stored."""
    import phonenumbers

    phone = parse_phone(stored, country)
    if not phone.valid:
        return stored or ""
    return phonenumbers.format_number(phonenumbers.parse(phone.e164),
                                      phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_phone(raw: str, country: str = "FR") -> str:
    """E.164 when valid, else the text as typed (the validator then names the problem)."""
    phone = parse_phone(raw, country)
    return phone.e164 or (raw or "").strip()
