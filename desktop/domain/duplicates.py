"""Likely duplicate contacts: the same person entered twice ("Hélène Dupont" / "DUPONT Helene",
"12 rue de la Paix" / "12, r. de la paix").

A pair is a candidate when, in the same country and postal code,
- the names (company and name, accent-folded) score at least `threshold` with rapidfuzz's
  token-set ratio (word order, case and a missing word do not matter), and
- the streets do too and begin with the same house number, or the two share a phone number
  (then the street may be a new one).
The clerk decides whether to merge.

Speed (docs/address-book.md "Duplicates"): each contact's text is folded once, and only
contacts of one block are compared — same country, postal code and house number, or same
country, postal code and phone — by `rapidfuzz.process.extract` in C over the block's
distinct names. 100 000 contacts over 12 postal codes make ~2 400 blocks of ~40 instead of
12 groups of ~8 300 (7·10⁸ pairs, hours in Python). The house number is part of the rule, not
only of the blocking: the token-set ratio of "12 rue X" and "14 rue X" is above 90, so without it
every namesake of a street paired up.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from desktop.domain.shipment import Contact

THRESHOLD = 85.0  # 0-100; below it, homonyms at the same postcode start to pair up
_NUMBER = re.compile(r"\d+")


@lru_cache(maxsize=65_536)  # names and streets are made of few distinct words
def _fold_word(word: str) -> str:
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word)
                       if not unicodedata.combining(c))
    return word.casefold()


def _fold(text: str) -> str:
    """'DUPONT, Hélène' → 'dupont helene' (accents, case and , . dropped)."""
    return " ".join(_fold_word(w) for w in
                    (text or "").replace(",", " ").replace(".", " ").split())


def house_number(folded_street: str) -> str:
    """The street's first number, as written without leading zeros ('' when it has none)."""
    m = _NUMBER.search(folded_street)
    return str(int(m.group())) if m else ""


@dataclass(frozen=True)
class DuplicatePair:
    keep: Contact  # the older entry (lower id)
    other: Contact
    score: float  # the lower of the name and street scores; the name's with a shared phone
    name_score: float = 0.0
    street_score: float = 0.0  # 0 when the house numbers differ
    same_phone: bool = False


@dataclass(frozen=True)
class _Folded:
    contact: Contact
    name: str
    street: str
    number: str


def _folded(contact: Contact) -> _Folded:
    a = contact.address
    street = _fold(a.street)
    return _Folded(contact, _fold(f"{a.company} {a.name}"), street, house_number(street))


def _street_score(a: _Folded, b: _Folded) -> float:
    if a.number != b.number:
        return 0.0
    return fuzz.token_set_ratio(a.street, b.street)


def _block_pairs(block: list[int], items: list[_Folded], threshold: float,
                 found: dict[tuple[int, int], tuple[float, float, bool]]) -> None:
    """Adds to `found` every pair of `block` (positions in `items`, ascending) that passes."""
    if len(block) < 2:
        return
    by_name: dict[str, list[int]] = defaultdict(list)
    for i in block:
        by_name[items[i].name].append(i)
    names = list(by_name)
    for k, name in enumerate(names):
        # C-level scan of this name against itself and the later distinct names.
        for _choice, name_score, m in process.extract(
                name, names[k:], scorer=fuzz.token_set_ratio, score_cutoff=threshold,
                limit=None):
            left, right = by_name[name], by_name[names[k + m]]
            for i in left:
                for j in right:
                    if (i >= j if m == 0 else i == j):
                        continue
                    key = (i, j) if i < j else (j, i)
                    if key in found:
                        continue
                    a, b = items[key[0]], items[key[1]]
                    phone = a.contact.address.phone
                    same_phone = bool(phone) and phone == b.contact.address.phone
                    street = _street_score(a, b)
                    if street >= threshold or same_phone:  # same phone: maybe a new street
                        found[key] = (name_score, street, same_phone)


def find_duplicates(contacts: Iterable[Contact], threshold: float = THRESHOLD,
                    ) -> list[DuplicatePair]:
    items = sorted((_folded(c) for c in contacts), key=lambda f: f.contact.id or 0)
    by_number: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_phone: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(items):
        a = f.contact.address
        place = (a.country.upper(), a.postcode.replace(" ", "").upper())
        by_number[(*place, f.number)].append(i)
        if a.phone:
            by_phone[(*place, a.phone)].append(i)
    found: dict[tuple[int, int], tuple[float, float, bool]] = {}
    for blocks in (by_number, by_phone):
        for block in blocks.values():
            _block_pairs(block, items, threshold, found)
    pairs = [DuplicatePair(keep=items[i].contact, other=items[j].contact,
                           score=name if same_phone else min(name, street), name_score=name,
                           street_score=street, same_phone=same_phone)
             for (i, j), (name, street, same_phone) in found.items()]
    pairs.sort(key=lambda p: (-p.score, p.keep.id or 0, p.other.id or 0))
    return pairs


def merged(keep: Contact, other: Contact) -> Contact:
    """`keep` completed with what only `other` knows (empty fields filled, notes joined)."""
    address = keep.address
    filled = {f.name: getattr(other.address, f.name) for f in fields(address)
              if not getattr(address, f.name) and getattr(other.address, f.name)}
    note = "\n".join(n for n in (keep.note, other.note) if n)
    last = max((t for t in (keep.last_used_at, other.last_used_at) if t), default=None)
    return replace(keep, address=replace(address, **filled), note=note,
                   favourite=keep.favourite or other.favourite, last_used_at=last)
