"""Address-book CSV import and export (docs/csv-import.md).

Import is planned first, then committed: `plan_import` reads the file (bounded, encoding and
separator detected: desktop/services/csv_files.py), maps its columns with a preset (chosen by
the caller or recognised from the header), validates every row as the address form does,
normalises phones to E.164, and sorts rows into new / updates / skipped by the duplicate
policy. Nothing is stored unless the whole file is clean; `commit_import` then writes it in
one transaction. Problems name the line (as a spreadsheet numbers it) and the column header.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache

from desktop.domain.address import Address, validate_address
from desktop.domain.errors import ValidationFailed, Violation
from desktop.domain.ports import AddressBook
from desktop.domain.reference import load_json
from desktop.domain.shipment import Contact
from desktop.services.csv_files import FORMULA_STARTS, CsvTable, read_table, write_csv

EXPORT_COLUMNS = ("name", "company", "complement", "building", "street", "locality",
                  "postcode", "city", "state", "country", "phone", "email", "note",
                  "favourite")
PREVIEW_ROWS = 10
MAX_PROBLEMS = 200  # listed; the count says how many more


class OnDuplicate(str, Enum):
    SKIP = "skip"  # keep what the address book has
    UPDATE = "update"  # the file's row replaces it
    KEEP = "keep"  # add the row anyway: both stay


@dataclass
class ImportPlan:
    encoding: str
    delimiter: str
    preset: str
    mapping: dict[str, str]  # our field → the file's header
    ignored_columns: list[str]
    new: list[Contact] = field(default_factory=list)
    updates: list[Contact] = field(default_factory=list)
    skipped: int = 0
    rows: int = 0
    problems: list[Violation] = field(default_factory=list)
    more_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def preview(self) -> list[Contact]:
        return (self.new + self.updates)[:PREVIEW_ROWS]


def presets(extra: dict | None = None) -> dict[str, dict]:
    """Built-in presets (resources/reference/csv_presets.json) and the shop's saved ones."""
    found = {name: dict(p) for name, p in load_json("reference", "csv_presets.json")
             ["presets"].items()}
    found.update(extra or {})
    return found


@lru_cache(maxsize=65_536)  # names, streets and towns repeat: one fold per distinct word
def _norm(header: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", header or "")
                   if not unicodedata.combining(c))
    return "".join(c for c in bare.casefold() if c.isalnum() or c in "()")


def _mapping(header: list[str], preset: dict) -> dict[str, str]:
    by_norm = {_norm(h): h for h in header if h}
    out = {}
    for name, aliases in preset["columns"].items():
        for alias in aliases:
            if _norm(alias) in by_norm:
                out[name] = by_norm[_norm(alias)]
                break
    return out


def recognise(header: list[str], known: dict[str, dict]) -> str:
    """The preset mapping most of the header (ties: the first listed)."""
    return max(known, key=lambda name: len(_mapping(header, known[name])))


def _missing(mapping: dict[str, str]) -> list[str]:
    missing = []
    if not ({"name", "company", "last_name"} & mapping.keys()):
        missing.append("name")
    for need in ("street", "city", "country"):
        if need not in mapping:
            missing.append(need)
    return missing


def _cell(value: str) -> str:
    text = (value or "").strip()
    # Our own exports quote formula-like cells ('+33…): read them back as typed.
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def _contact(get, mapping: dict[str, str]) -> Contact:
    # phonenumbers' metadata loads in 30 ms: at the first file, not at every start.
    from desktop.domain.phones import normalise_phone

    first, last = get("first_name"), get("last_name")
    name = get("name") or " ".join(p for p in (first, last) if p)
    complement = " ".join(p for p in (get("complement"), get("street2")) if p)
    country = _country_code(get("country"))
    phone = get("mobile") or get("phone")
    address = Address(name=name, company=get("company"), complement=complement,
                      building=get("building"), street=get("street"), locality=get("locality"),
                      postcode=get("postcode").upper(), city=get("city"), country=country,
                      state=_state_code(country, get("state")),
                      phone=normalise_phone(phone, country or "FR"), email=get("email"))
    favourite = get("favourite").lower() in ("1", "true", "yes", "oui", "x")
    return Contact(address=address.cleaned(), note=get("note"), favourite=favourite)


@lru_cache(maxsize=4096)  # a file names a few countries many times
def _country_code(text: str) -> str:
    """'FR', 'Belgique', 'Allemagne', 'Germany', 'FRA' → alpha-2: our country table first
    (codes, French and English names: desktop/domain/countries.py), then pycountry's other
    ISO 3166 names ('Republic of Korea'); else as given, for the address check to name it."""
    text = (text or "").strip()
    if not text:
        return ""
    from desktop.domain import countries

    found = countries.resolve(text)
    if found is not None:
        return found.code
    import pycountry

    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return text.upper()


@lru_cache(maxsize=4096)
def _state_code(country: str, text: str) -> str:
    """The state / province as the address keeps it (ISO 3166-2 code without the country):
    'New York', 'ny', 'US-NY' → 'NY'. Only for the countries whose addresses carry one
    (UPU S42); an unknown one stays as typed, for the address check to name it."""
    from desktop.domain import countries

    text = (text or "").strip()
    if not text or not countries.needs_state(country):
        return ""
    if text.upper().startswith(f"{country}-"):
        text = text[len(country) + 1:]
    found = countries.find_subdivision(country, text)
    return found.code if found is not None else text.upper()


def duplicate_key(contact: Contact) -> tuple[str, str, str, str]:
    """Same person, same place: folded name, street, postcode, country (exact after folding;
    the fuzzy search for near-duplicates is desktop/domain/duplicates.py)."""
    a = contact.address

    def fold(text: str) -> str:
        return " ".join(_norm(w) for w in (text or "").split())

    return fold(a.display_name), fold(a.street), a.postcode.replace(" ", ""), a.country


def plan_import(data: bytes, book: AddressBook, *, preset: str | None = None,
                on_duplicate: OnDuplicate = OnDuplicate.SKIP,
                saved_presets: dict | None = None,
                column_map: dict[str, str] | None = None) -> ImportPlan:
    """Reads and checks the whole file; writes nothing. Refuses (ValidationFailed) a file it
    cannot read at all; row problems are listed in the plan."""
    table: CsvTable = read_table(data)
    table.check_size()
    known = presets(saved_presets)
    if preset is not None and preset not in known:
        raise ValidationFailed([Violation("preset", "csv_preset", actual=preset,
                                          limit=", ".join(known))])
    chosen = preset or recognise(table.header, known)
    mapping = _mapping(table.header, known[chosen])
    for name, header in (column_map or {}).items():
        mapping[name] = header
    seen_headers = [h for h in table.header if h]
    for h in {h for h in seen_headers if seen_headers.count(h) > 1}:
        raise ValidationFailed([Violation("line 1", "csv_duplicate_column", actual=h)])
    missing = _missing(mapping)
    if missing:
        raise ValidationFailed([Violation("line 1", "csv_columns_missing",
                                          limit=", ".join(missing),
                                          actual=", ".join(table.header))])
    index = {name: table.header.index(h) for name, h in mapping.items() if h in table.header}
    back = {name: h for name, h in mapping.items()}
    plan = ImportPlan(encoding=table.encoding, delimiter=table.delimiter, preset=chosen,
                      mapping=mapping,
                      ignored_columns=[h for h in table.header if h not in mapping.values()])
    existing = {duplicate_key(c): c for c in book.all()}
    in_file: dict[tuple, int] = {}  # key → position in plan.new
    for line, cells in table.rows():
        plan.rows += 1
        if len(cells) > len(table.header):
            _problem(plan, Violation(f"line {line}", "csv_cells", limit=len(table.header),
                                     actual=len(cells)))
            continue

        def get(name: str, cells=cells) -> str:
            i = index.get(name)
            return _cell(cells[i]) if i is not None and i < len(cells) else ""

        contact = _contact(get, mapping)
        violations = validate_address(contact.address)
        if violations:
            for v in violations:
                header = (back.get(v.field) or
                          (back.get("last_name") if v.field == "name" else None) or v.field)
                _problem(plan, replace(v, field=f"line {line} · {header}"))
            continue
        key = duplicate_key(contact)
        if on_duplicate is not OnDuplicate.KEEP and key in in_file:
            if on_duplicate is OnDuplicate.UPDATE:
                target = plan.new[in_file[key]]
                plan.new[in_file[key]] = replace(contact, id=target.id)
            plan.skipped += 1
            continue
        if on_duplicate is not OnDuplicate.KEEP and key in existing:
            if on_duplicate is OnDuplicate.UPDATE:
                plan.updates.append(replace(contact, id=existing[key].id,
                                            favourite=contact.favourite
                                            or existing[key].favourite))
            else:
                plan.skipped += 1
            continue
        in_file[key] = len(plan.new)
        plan.new.append(contact)
    return plan


def _problem(plan: ImportPlan, v: Violation) -> None:
    if len(plan.problems) < MAX_PROBLEMS:
        plan.problems.append(v)
    else:
        plan.more_problems += 1


def commit_import(plan: ImportPlan, book: AddressBook) -> int:
    """Writes a clean plan in one transaction; a plan with problems writes nothing."""
    if not plan.ok:
        raise ValidationFailed(plan.problems)
    return book.save_many(plan.new, plan.updates)


def export_contacts(book: AddressBook, out, delimiter: str = ";") -> int:
    def rows() -> Iterable[list]:
        for c in book.all():
            a = c.address
            yield [a.name, a.company, a.complement, a.building, a.street, a.locality,
                   a.postcode, a.city, a.state, a.country, a.phone, a.email, c.note,
                   "1" if c.favourite else ""]

    return write_csv(out, EXPORT_COLUMNS, rows(), delimiter)
