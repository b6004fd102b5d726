"""Every `[D x]`, `[C x]`, `[N x]` citation names an article that exists in the carriers'
terms (docs/citation-audit.md). The list of articles ships in resources/carriers/articles.json
(extracted from the terms by scripts/extract_articles.py, since the terms are not in the repo).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CITATION = re.compile(r"\[([DCN]) ([^\]\[]+)\]")
SCANNED = [*ROOT.glob("desktop/**/*.py"), *ROOT.glob("resources/carriers/**/*.json"),
           *ROOT.glob("resources/carriers/**/*.csv"), *ROOT.glob("resources/carriers/*.md"),
           *ROOT.glob("resources/customs/*.json"), ROOT / "README.md", *ROOT.glob("docs/*.md")]


def known_articles() -> dict[str, set[str]]:
    data = json.loads((ROOT / "resources/carriers/articles.json").read_text(encoding="utf-8"))
    return {carrier: set(terms["articles"]) for carrier, terms in data["terms"].items()}


def article_ids(inside: str) -> list[str]:
    """'2, 6.1; 6.2' → ['2', '6.1', '6.2']; '8.2 C' and '2.1.2 c' keep their letter."""
    return [part.strip() for part in re.split(r"[,;]", inside) if part.strip()]


def citations(path: Path) -> list[tuple[int, str, str]]:
    out = []
    if path.name == "articles.json":
        return out
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for carrier, inside in CITATION.findall(line):
            if inside.strip() == "x":  # the notation itself ("[D x]")
                continue
            out += [(number, carrier, ident) for ident in article_ids(inside)]
    return out


def test_article_list_has_the_three_terms():
    known = known_articles()
    assert {"6.3", "5.1", "13.3"} <= known["D"]
    assert {"4.3", "5.3", "8.2 C", "Annexe 1 §1"} <= known["C"]
    assert {"2.1.2 c", "4.3.5", "11.3", "11.11.2", "4.8.7"} <= known["N"]
    assert "6.5" not in known["D"] and "4.9.11" not in known["N"]


def test_the_parser_splits_lists_and_keeps_letters():
    assert article_ids("2.1.2 c, 2.1.3 c") == ["2.1.2 c", "2.1.3 c"]
    assert article_ids("4.3.10; 4.6.1") == ["4.3.10", "4.6.1"]
    found = CITATION.findall('source="[C 8.2 C]" and [N 9.1.4, 9.3.2] but not [D x]')
    assert found == [("C", "8.2 C"), ("N", "9.1.4, 9.3.2"), ("D", "x")]


@pytest.mark.parametrize("path", SCANNED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_citation_names_an_existing_article(path):
    known = known_articles()
    wrong = [f"{path.relative_to(ROOT)}:{n}: [{carrier} {ident}]"
             for n, carrier, ident in citations(path) if ident not in known[carrier]]
    assert not wrong, "articles that do not exist in the terms:\n" + "\n".join(wrong)


def test_a_wrong_article_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('SOURCE = "[D 6.9]"  # no such article\n', encoding="utf-8")
    known = known_articles()
    assert [(c, i) for _, c, i in citations(bad) if i not in known[c]] == [("D", "6.9")]
