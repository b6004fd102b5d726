"""Issue 10: no message a person can read names a field id, an internal id or a file, and
none of the French ones is in English. Scans the whole catalogue (the gettext catalogue's
French strings, the rule texts, the field labels) and every message the carrier, customs and
address rules produce for a spread of parcels, on every service, in French and English.
tests/ui/test_french_ui.py does the same for every string on every screen."""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal

import pytest

from desktop.domain import messages
from desktop.domain.address import validate_address
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.customs import CustomsDeclaration, CustomsItem
from desktop.domain.customs_rules import check_shipment
from desktop.domain.errors import Violation
from tests.leaks import english_words, has_file_name, has_id
from tests.unit.test_carrier_helpers import RECIPIENTS, shipment, verdict


def french_catalogue() -> dict[str, str]:
    """Every French text of the interface and of the rules, by where it comes from."""
    from babel.messages.pofile import read_po

    from desktop.domain.reference import resource_path

    out: dict[str, str] = {}
    with resource_path("translations", "en", "LC_MESSAGES", "comptoir.po").open("rb") as fh:
        for m in read_po(fh):
            for i, text in enumerate(m.id if isinstance(m.id, tuple) else (m.id,)):
                if text:
                    out[f"po: {text[:40]}#{i}"] = text
    for rule in messages.MESSAGES:
        for n in (1, 2):
            out[f"rule {rule} {n}"] = messages.rule_text(rule, "fr", n)
    for name, text in messages.FIELD_LABELS.items():
        out[f"label {name}"] = text
    return out


def test_the_catalogue_names_no_id_and_no_file():
    texts = french_catalogue()
    assert len(texts) > 500
    assert {k: v for k, v in texts.items() if has_id(v) or has_file_name(v)} == {}


def _matrix():
    """Shipments that break every family of rules: wrong zone, too heavy, too big, no
    contents check, prohibited and conditional contents, bad options, customs gaps."""
    bad_customs = CustomsDeclaration("sale_of_goods", (
        CustomsItem("clothes", 1, 900, Decimal("0"), hs_code="", origin=""),
        CustomsItem("gift", 2, 100, Decimal("1.00"), currency="XYZ", hs_code="12"),))
    for service, to in itertools.product(default_catalogue().all(), RECIPIENTS):
        sid = service.id
        yield shipment(sid, to=to)
        yield shipment(sid, weight_g=40000, dims=(1600, 900, 900), to=to,
                       options={"contents_confirmed": False, "registered": "R9",
                                "insurance_eur": "abc", "cod_eur": "50"})
        yield shipment(sid, weight_g=10, dims=None, to=to,
                       options={"contents_flags": ["weapons", "jewellery", "tobacco",
                                                   "dangerous_goods"]})
        yield replace(shipment(sid, to=to), customs=bad_customs)


def test_every_rule_message_names_fields_and_contents_in_words():
    seen: dict[str, set[str]] = {"fr": set(), "en": set()}
    for s in _matrix():
        found: list[Violation] = list(verdict(s).violations)
        found += check_shipment(s)
        found += validate_address(replace(s.recipient, postcode="ABC", phone="12",
                                          email="x@", country="ZZ"))
        for v in found:
            for lang in seen:
                seen[lang].add(v.describe(lang))
    assert len(seen["fr"]) > 60  # the matrix does reach many rules
    ids = sorted(m for lang in seen for m in seen[lang] if has_id(m) or has_file_name(m))
    assert ids == []
    english = sorted(f"{m}  ← {english_words(m)}" for m in seen["fr"] if english_words(m))
    assert english == []


@pytest.mark.parametrize("source", [
    "La Poste contract conditions, not in the Delivengo terms "
    "(docs/citation-audit.md#delivengo-defaults)",
    "docs/sources/customs.md §2 (CN22 ×3: 2 on the item, 1 kept), §3 field lengths",
    "VAT Directive 2006/112 art. 6; docs/sources/customs.md §1",
])
def test_a_docs_page_is_cited_by_its_subject_not_its_file(source):
    for lang in ("fr", "en"):
        shown = messages.cited(source, lang)
        assert not has_file_name(shown) and "docs/" not in shown, shown
    assert not english_words(messages.cited(source, "fr"))
