"""Likely duplicate contacts: the same person entered twice ("Hélène Dupont" / "DUPONT Helene",
"12 rue de la Paix" / "12, r. de la paix").

Only contacts of the same country and postal code are compared (blocking: 100 000 contacts
make a few thousand small groups instead of 5·10⁹ pairs). Within a group, names compare with
rapidfuzz's token-set ratio (word order and case do not matter) and streets with its
partial ratio, on accent-folded text. A pair scoring at least `threshold` on both is a
candidate; the clerk decides whether to merge.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from desktop.domain.shipment import Contact

THRESHOLD = 85.0  # 0-100; below it, homonyms at the same postcode start to pair up


def _fold(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", text or "")
                   if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace(",", " ").replace(".", " ").split())


@dataclass(frozen=True)
class DuplicatePair:
    keep: Contact  # the older entry (lower id)
    other: Contact
    score: float  # the lower of the name and street scores


def _score(a: Contact, b: Contact) -> float:
    name = fuzz.token_set_ratio(_fold(a.address.display_name), _fold(b.address.display_name))
    street = fuzz.token_set_ratio(_fold(a.address.street), _fold(b.address.street))
    if a.address.phone and a.address.phone == b.address.phone:
        street = max(street, 100.0)  # same phone: the street may be a new one
    return min(name, street)


def find_duplicates(contacts: Iterable[Contact], threshold: float = THRESHOLD,
                    ) -> list[DuplicatePair]:
    groups: dict[tuple[str, str], list[Contact]] = defaultdict(list)
    for c in contacts:
        groups[(c.address.country.upper(), c.address.postcode.replace(" ", "").upper())].append(c)
    pairs = []
    for members in groups.values():
        members.sort(key=lambda c: c.id or 0)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                score = _score(a, b)
                if score >= threshold:
                    pairs.append(DuplicatePair(keep=a, other=b, score=score))
    pairs.sort(key=lambda p: (-p.score, p.keep.id or 0, p.other.id or 0))
    return pairs


def merged(keep: Contact, other: Contact) -> Contact:
    """`keep` completed with what only `other` knows (empty fields filled, notes joined)."""
    from dataclasses import fields, replace

    address = keep.address
    filled = {f.name: getattr(other.address, f.name) for f in fields(address)
              if not getattr(address, f.name) and getattr(other.address, f.name)}
    note = "\n".join(n for n in (keep.note, other.note) if n)
    last = max((t for t in (keep.last_used_at, other.last_used_at) if t), default=None)
    return replace(keep, address=replace(address, **filled), note=note,
                   favourite=keep.favourite or other.favourite, last_used_at=last)
