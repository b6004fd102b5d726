"""Near-duplicate contacts: the rule, and the blocked search finding exactly what comparing
every pair of a postal code finds under that rule."""

from __future__ import annotations

import random

from rapidfuzz import fuzz

from desktop.domain.address import Address
from desktop.domain.duplicates import THRESHOLD, _fold, find_duplicates, house_number
from desktop.domain.shipment import Contact


def contact(cid, name, street="8 boulevard Voltaire", postcode="75011", country="FR",
            phone="", company="") -> Contact:
    return Contact(Address(name=name, company=company, street=street, postcode=postcode,
                           city="PARIS", country=country, phone=phone), id=cid)


def pairs(contacts) -> list[tuple[int, int]]:
    return [(p.keep.id, p.other.id) for p in find_duplicates(contacts)]


def test_word_order_accents_case_and_punctuation_do_not_matter():
    found = find_duplicates([contact(1, "Hélène Dupont", "12 rue de la Paix"),
                             contact(2, "DUPONT Helene", "12, r. de la paix"),
                             contact(3, "Marc Lefèvre", "12 rue de la Paix")])
    assert [(p.keep.id, p.other.id) for p in found] == [(1, 2)]
    assert found[0].name_score == 100 and found[0].street_score >= THRESHOLD
    assert found[0].score == min(found[0].name_score, found[0].street_score)
    assert not found[0].same_phone


def test_another_house_number_or_postcode_is_another_address():
    assert pairs([contact(1, "Jean Martin", "12 rue de la République"),
                  contact(2, "Jean Martin", "14 rue de la République")]) == []
    assert pairs([contact(1, "Jean Martin", postcode="75011"),
                  contact(2, "Jean Martin", postcode="69003")]) == []
    assert pairs([contact(1, "Jean Martin", postcode="H2X 1Y4", country="CA"),
                  contact(2, "jean martin", postcode="h2x1y4", country="CA")]) == [(1, 2)]
    assert house_number("bat b 012 bis rue x") == "12" and house_number("lieu-dit") == ""


def test_a_shared_phone_pairs_them_despite_a_new_street():
    found = find_duplicates([contact(7, "Zoé Roux", "3 impasse des Lilas", phone="+33612345678"),
                             contact(4, "ROUX Zoe", "40 avenue Foch", phone="+33612345678")])
    assert [(p.keep.id, p.other.id, p.same_phone, p.street_score, p.score)
            for p in found] == [(4, 7, True, 0.0, 100.0)]


def test_two_people_of_one_company_are_not_one_contact():
    assert pairs([contact(1, "Jean Martin", company="ACME"),
                  contact(2, "Chloé Dubois", company="ACME")]) == []
    assert pairs([contact(1, "", company="ACME"),
                  contact(2, "Chloé Dubois", company="ACME")]) == [(1, 2)]


def _every_pair(contacts, threshold=THRESHOLD):
    """The rule applied to every pair of a postal code, the slow and obvious way."""
    out = []
    ordered = sorted(contacts, key=lambda c: c.id)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if (a.address.country, a.address.postcode) != (b.address.country,
                                                           b.address.postcode):
                continue
            name = fuzz.token_set_ratio(_fold(f"{a.address.company} {a.address.name}"),
                                        _fold(f"{b.address.company} {b.address.name}"))
            sa, sb = _fold(a.address.street), _fold(b.address.street)
            if a.address.phone and a.address.phone == b.address.phone:
                street = 100.0
            elif house_number(sa) == house_number(sb):
                street = fuzz.token_set_ratio(sa, sb)
            else:
                street = 0.0
            if min(name, street) >= threshold:
                out.append((a.id, b.id, min(name, street)))
    return sorted(out, key=lambda t: (-t[2], t[0], t[1]))


def test_blocked_search_finds_exactly_what_every_pair_finds():
    rnd = random.Random(3)
    first = ["Hélène", "Jean", "Zoé", "Jeanne", "Marie", "Maria", "Éric", "Erik"]
    last = ["Dupont", "Dupond", "Martin", "Martins", "Lefèvre", "Lefebvre", "Roux"]
    streets = ["rue de la Paix", "r. de la paix", "avenue Foch", "impasse des Lilas", ""]

    def typo(text):
        if len(text) > 4 and rnd.random() < 0.3:
            i = rnd.randrange(len(text))
            return text[:i] + text[i + 1:]
        return text

    people = []
    for cid in rnd.sample(range(1, 5000), 700):  # ids not in input order
        name = f"{rnd.choice(first)} {rnd.choice(last)}"
        if rnd.random() < 0.3:
            name = " ".join(reversed(name.split())).upper()
        street = f"{rnd.choice(['', '2', '02', '7', '7 bis'])} {rnd.choice(streets)}"
        people.append(contact(cid, typo(name), typo(street), rnd.choice(["75011", "69003"]),
                              phone=rnd.choice(["", "", "+33611111111", "+33622222222"]),
                              company=rnd.choice(["", "", "", "ACME"])))
    found = [(p.keep.id, p.other.id, p.score) for p in find_duplicates(people)]
    assert len(found) > 500  # the data does hold many candidates
    assert found == _every_pair(people)
