"""Postal addresses and their NF Z10-011 line model.

The address keeps the NF slots ([C 5.3]):
  1 civility + name (private) / company (business)
  2 flat, floor, letter box (private) / contact person or department (business)
  3 entrance, building, residence, industrial zone
  4 number and street
  5 locality (lieu-dit) or special delivery (BP, TSA)
  6 postal code and town (routing label), or CEDEX code + office + CEDEX
  7 country (international only)
`format_lines` builds the printed block; `validate_address` checks it against the norm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from desktop.domain import countries, postcode_formats, postcodes
from desktop.domain.errors import Collector, Violation
from desktop.domain.input_rules import text_problem

MAX_LINE_LENGTH = 38  # characters per line, spaces included (NF Z10-011, docs/sources/addresses.md)
MAX_LINES_DOMESTIC = 6  # NF Z10-011 (docs/sources/addresses.md)
MAX_LINES_ABROAD = 7  # 6 + the country line (docs/sources/addresses.md)
SOURCE_NF = "NF Z10-011"

# Countries with no postal code system (UPU Postal Addressing Systems list; a missing code
# is not an error there).
NO_POSTCODE_COUNTRIES = frozenset(
    "AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK KI "
    "KM KN KP LC ML MO MR MW NR NU QA RW SB SC SL SR ST SY TD TG TK TL TO TV UG VU YE ZW".split()
)
# Countries that write the town before the postal code (UPU S42 country templates).
TOWN_FIRST_COUNTRIES = frozenset("GB IE US CA AU NZ UA".split())

_PHONE_CHARS = re.compile(r"^\+?[\d\s().\-/]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 6, 15  # E.164: at most 15 digits


@dataclass(frozen=True)
class Address:
    name: str = ""  # civility, first and last name
    company: str = ""
    complement: str = ""  # NF line 2 (flat, floor / department)
    building: str = ""  # NF line 3
    street: str = ""  # NF line 4
    locality: str = ""  # NF line 5 (lieu-dit, BP, TSA)
    postcode: str = ""
    city: str = ""
    country: str = "FR"  # ISO 3166-1 alpha-2
    phone: str = ""
    email: str = ""
    state: str = ""  # ISO 3166-2 subdivision code without the country ("NY"), where needed

    @property
    def kind(self) -> str:
        return "business" if self.company.strip() else "private"

    @property
    def display_name(self) -> str:
        return self.company.strip() or self.name.strip()

    def cleaned(self) -> Address:
        """Trims spaces, uppercases the country code."""
        values = {k: " ".join(str(v).split()) for k, v in self.__dict__.items()}
        values["country"] = values["country"].upper()
        values["postcode"] = values["postcode"].upper()
        values["state"] = values["state"].upper()
        return Address(**values)

    @property
    def lines(self) -> tuple[str, ...]:
        """The delivery lines 2 to 5 that are filled, in print order."""
        return tuple(x for x in (self.complement, self.building, self.street, self.locality) if x)

    @staticmethod
    def from_lines(lines: list[str], **fields) -> Address:
        """Lines in print order: 1 → street; 2 → complement, street; 3 → complement, building,
        street; 4 → complement, building, street, locality."""
        slots = {1: ("street",), 2: ("complement", "street"),
                 3: ("complement", "building", "street"),
                 4: ("complement", "building", "street", "locality")}[len(lines)]
        return Address(**fields, **dict(zip(slots, lines, strict=True)))


def uses_french_postcodes(country: str) -> bool:
    return country.upper() in postcodes.FRENCH_POSTCODE_COUNTRIES


def is_domestic(address: Address, origin: str = countries.HOME_COUNTRY) -> bool:
    return address.country.upper() == origin


def town_line(address: Address) -> str:
    """NF line 6 (or the foreign equivalent)."""
    return _town_line(address.cleaned())


def _town_line(a: Address) -> str:
    """town_line of an already cleaned address."""
    if uses_french_postcodes(a.country):
        commune = postcodes.match_town(a.postcode, a.city)
        town = commune.routing_label if commune else a.city
        return postcodes.fold(f"{a.postcode} {town}")
    if a.country in TOWN_FIRST_COUNTRIES:
        # UPU S42 templates: town, then the state / province code, then the postal code
        # ("NEW YORK NY 10001", "OTTAWA ON K1A 0B1", "SYDNEY NSW 2000").
        state = a.state if countries.needs_state(a.country) else ""
        return " ".join(x for x in (a.city, state, a.postcode) if x).upper()
    return f"{a.postcode} {a.city}".strip().upper()


def format_lines(address: Address, origin: str = countries.HOME_COUNTRY,
                 lang: str = "fr") -> list[tuple[str, str]]:
    """The printed block as (field path, text) pairs; the field names the source of each line."""
    return _format_lines(address.cleaned(), origin, lang)


def _format_lines(a: Address, origin: str, lang: str = "fr") -> list[tuple[str, str]]:
    """format_lines of an already cleaned address (validate_address cleans it once)."""
    out: list[tuple[str, str]] = []
    if a.kind == "business":
        out.append(("company", a.company))
        contact = " ".join(x for x in (a.name, a.complement) if x)
        if contact:
            out.append(("name" if a.name else "complement", contact))
    else:
        out.append(("name", a.name))
        if a.complement:
            out.append(("complement", a.complement))
    french = uses_french_postcodes(a.country)
    if a.building:
        out.append(("building", a.building))
    # Lines 4 and 5: capitals, no punctuation in France (NF Z10-011).
    for field_name in ("street", "locality"):
        value = getattr(a, field_name)
        if value:
            out.append((field_name, postcodes.fold(value) if french else value.upper()))
    out.append(("city", _town_line(a)))
    if a.country != origin:
        country = countries.get(a.country)
        # UPU: the country name in capitals, in the language of the origin country.
        out.append(("country", (country.name(lang) if country else a.country).upper()))
    return out


def validate_address(address: Address, *, require_phone: bool = False,
                     require_email: bool = False,
                     origin: str = countries.HOME_COUNTRY) -> list[Violation]:
    c = Collector()
    # Bounded, clean text first: nothing below (postcode tables, line folding) runs on a
    # 10 000-character field or on control characters.
    for name, value in address.__dict__.items():
        problem = text_problem(name, value)
        if problem:
            c.violations.append(problem)
    if c.violations:
        return c.violations
    a = address.cleaned()
    if not a.name and not a.company:
        c.add("name", "required", source=SOURCE_NF)
    if not a.street and not a.locality:
        c.add("street", "required", source=SOURCE_NF)
    if not a.city:
        c.add("city", "required", source=SOURCE_NF)
    known_country = countries.is_known(a.country)
    if not a.country:
        c.add("country", "required")
    elif not known_country:
        c.add("country", "unknown_country", limit="ISO 3166-1 alpha-2", actual=a.country,
              source="ISO 3166-1")
    _check_postcode(a, c)
    if known_country and countries.needs_state(a.country):
        if not a.state:
            c.add("state", "required", source="UPU S42")
        elif countries.find_subdivision(a.country, a.state) is None:
            c.add("state", "unknown_state", limit="ISO 3166-2", actual=a.state,
                  source="ISO 3166-2")
    if a.phone:
        digits = re.sub(r"\D", "", a.phone)
        if not _PHONE_CHARS.match(a.phone) or not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
            c.add("phone", "phone_format", limit="E.164", actual=a.phone, source="ITU-T E.164")
    elif require_phone:
        c.add("phone", "required")
    if a.email:
        if not _EMAIL.match(a.email):
            c.add("email", "email_format", actual=a.email)
    elif require_email:
        c.add("email", "required")
    if known_country:
        lines = _format_lines(a, origin)
        limit = MAX_LINES_DOMESTIC if a.country == origin else MAX_LINES_ABROAD
        if len(lines) > limit:
            c.add("lines", "max_lines", limit=limit, actual=len(lines), source=SOURCE_NF)
        for field_name, text in lines:
            if len(text) > MAX_LINE_LENGTH:
                c.add(field_name, "max_length", limit=MAX_LINE_LENGTH, actual=len(text),
                      source=SOURCE_NF)
    return c.violations


def _check_postcode(a: Address, c: Collector) -> None:
    if not a.postcode:
        if a.country and a.country not in NO_POSTCODE_COUNTRIES:
            c.add("postcode", "required")
        return
    if not uses_french_postcodes(a.country):
        if len(a.postcode) > 10 or not re.fullmatch(r"[A-Z0-9][A-Z0-9 \-]*", a.postcode):
            c.add("postcode", "postcode_format", limit="A–Z 0–9 -, ≤ 10",
                  actual=a.postcode, source="UPU S42")
        elif (wrong := postcode_formats.check_postcode(a.postcode, a.country)) is not None:
            c.violations.append(wrong)
        return
    if not postcodes.FR_POSTCODE.match(a.postcode):
        c.add("postcode", "postcode_format", limit="00000", actual=a.postcode,
              source="La Poste")
        return
    if "CEDEX" in a.city.upper():
        return  # CEDEX codes are the addressee's own; they are not in the commune table
    if postcodes.is_covered(a.postcode):
        if not postcodes.communes(a.postcode):
            c.add("postcode", "postcode_unknown", actual=a.postcode, source="BAN codes-postaux")
        elif a.city and postcodes.match_town(a.postcode, a.city) is None:
            names = ", ".join(sorted({x.routing_label for x in postcodes.communes(a.postcode)}))
            c.add("city", "town_mismatch", limit=names, actual=a.city, source="BAN codes-postaux")


def with_routing_label(address: Address) -> Address:
    """Replaces a matching commune name by its routing label (what line 6 must carry)."""
    if not uses_french_postcodes(address.country):
        return address
    commune = postcodes.match_town(address.postcode.strip(), address.city)
    return replace(address, city=commune.routing_label) if commune else address
