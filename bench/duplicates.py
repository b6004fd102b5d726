"""Near-duplicate contacts at shop scale (issue 12): 100 000 contacts over 12 postal codes.

    bench/run duplicates [--contacts N] [--sample N]

The contacts are the shop-scale benchmark's (bench/shop_scale.py `_person`, same seed), with
one in 500 entered a second time as clerks do (word order, case, accents, a dropped letter,
", " in the street). Figures, in the same run:
- `find_duplicates` over all of them (target: under 10 s), and the planted pairs it finds;
- the floor: one plain pass folding every contact's name and street (what any method pays);
- the pre-blocking way (every pair of a postal code scored in Python, text folded at each
  comparison) on a sample of one postal code, against `find_duplicates` on the same sample,
  and that way's time extrapolated to the whole book (it grows with the square of a postal
  code's size).
`bench/run shop-scale` also times the address book's `duplicates()` on its database (reading
the contacts included) against reading the same columns in plain SQL.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import replace

from rapidfuzz import fuzz

from bench.shop_scale import _person
from desktop.domain.address import Address
from desktop.domain.duplicates import THRESHOLD, find_duplicates
from desktop.domain.shipment import Contact

TARGET_S = 10.0  # "seconds" for the whole book: the clerk waits for it once, not per key


def shop_contacts(count: int) -> tuple[list[Contact], set[tuple[int, int]]]:
    """`count` contacts, with planted re-entries; and the planted (first, second) id pairs."""
    rnd = random.Random(12)
    people = [_person(rnd, i) for i in range(count)]
    contacts = [Contact(Address(name=p["name"], company=p["company"], street=p["street"],
                                postcode=p["postcode"], city=p["city"], country=p["country"],
                                phone=p["phone"], email=p["email"]), id=i + 1)
                for i, p in enumerate(people)]
    planted = set()
    typo = random.Random(5)
    for original in contacts[::500]:
        a = original.address
        words = a.name.split()
        name = " ".join(reversed(words)).upper() if typo.random() < 0.5 else a.name
        if typo.random() < 0.5:
            bare = "".join(c for c in unicodedata.normalize("NFKD", name)
                           if not unicodedata.combining(c))
            name = bare[:-1]  # accents lost and the last letter dropped
        street = a.street.replace(" rue ", ", rue ", 1)
        again = replace(original, id=len(contacts) + 1, address=replace(
            a, name=name, street=street, phone="" if typo.random() < 0.5 else a.phone))
        contacts.append(again)
        planted.add((original.id, again.id))
    return contacts, planted


def plain_fold(text: str) -> str:
    """Accents, case, commas and full stops dropped: plain Python, no cache."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text or "")
                   if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace(",", " ").replace(".", " ").split())


def every_pair(contacts: list[Contact], threshold: float = THRESHOLD) -> int:
    """The way before blocking: every pair of a postal code scored, text folded each time."""
    fold = plain_fold
    found = 0
    for i, a in enumerate(contacts):
        for b in contacts[i + 1:]:
            name = fuzz.token_set_ratio(fold(a.address.display_name),
                                        fold(b.address.display_name))
            street = fuzz.token_set_ratio(fold(a.address.street), fold(b.address.street))
            found += min(name, street) >= threshold
    return found


def run(count: int = 100_000, sample: int = 1_500) -> bool:
    contacts, planted = shop_contacts(count)
    postcodes = Counter((c.address.country, c.address.postcode) for c in contacts)
    print(f"near-duplicate contacts: {len(contacts)} contacts, {len(postcodes)} postal codes "
          f"(largest {max(postcodes.values())}), {len(planted)} planted re-entries")
    started = time.perf_counter()
    pairs = find_duplicates(contacts)
    ours = time.perf_counter() - started
    hits = len(planted & {(p.keep.id, p.other.id) for p in pairs})
    started = time.perf_counter()
    for c in contacts:
        plain_fold(f"{c.address.company} {c.address.name}"), plain_fold(c.address.street)
    floor = time.perf_counter() - started
    ok = ours < TARGET_S and hits == len(planted)
    print(f"  find_duplicates, whole book        {ours:7.2f} s  {len(pairs)} pairs, "
          f"planted found {hits}/{len(planted)}"
          f"  | plain fold of every text {floor:5.2f} s  ×{ours / floor:5.1f}"
          + ("  ok" if ok else f"  OVER {TARGET_S:g} s or a planted pair missed"))
    paris = [c for c in contacts if c.address.postcode == "75011"][:sample]
    started = time.perf_counter()
    find_duplicates(paris)
    ours_sample = time.perf_counter() - started
    started = time.perf_counter()
    every_pair(paris)
    old = time.perf_counter() - started
    whole = old * sum(n * (n - 1) for n in postcodes.values()) / (len(paris) * (len(paris) - 1))
    print(f"  {len(paris)} contacts of one postal code   {ours_sample:7.3f} s"
          f"  | every pair in Python {old:6.2f} s  ×{ours_sample / old:7.4f}"
          f"  (whole book that way: ~{whole / 3600:.1f} h)")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run duplicates")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1_500,
                        help="contacts of one postal code for the every-pair baseline")
    args = parser.parse_args(argv)
    if hasattr(os, "getloadavg"):
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0 if run(args.contacts, args.sample) else 1


if __name__ == "__main__":
    sys.exit(main())
