"""Extracts the article numbers of the carriers' terms into resources/carriers/articles.json.

The terms themselves (French text files) are not shipped in the repository; this script is
run where they are, and its output is committed so that the test suite can check that every
`[D x]`, `[C x]` or `[N x]` citation names an article that exists (docs/citation-audit.md).

    python scripts/extract_articles.py D=path/delivengo.txt C=path/colissimo.txt \
        N=path/novapost.txt > resources/carriers/articles.json

Each id maps to the start of its heading, so a reader can see what the article is about.
Lettered paragraphs are ids too: "8.2 C" (Colissimo), "2.1.2 c" (Nova Post). Colissimo's
personal-data annex is "Annexe 1 §N".
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

TITLES = {"D": "La Poste, Conditions d'utilisation du site MyDelivengo — offre Delivengo Profil, "
               "version du 26/06/2023",
          "C": "La Poste, CGV Offre Entreprise Colissimo pré-affranchie, valables à compter du "
               "1er janvier 2020",
          "N": "Nova Post FR, Conditions générales des services postaux, valables à compter du "
               "01/12/2023"}
_SPACE = "[\\s\u00a0]"
_NUMBERED = re.compile(rf"^{_SPACE}*(?:Article{_SPACE}+)?(\d{{1,2}}(?:\.\d{{1,2}})*)\.?"
                       rf"{_SPACE}*[-–]?{_SPACE}*(.*)$")
_LETTER = re.compile(rf"^{_SPACE}*([A-Da-e])\){_SPACE}+(\S.*)$")
_ANNEX = re.compile(rf"^{_SPACE}*ANNEXE{_SPACE}+(\d+){_SPACE}*:")  # the annex heading, in capitals


def _key(article: str) -> tuple[int, ...]:
    return tuple(int(p) for p in article.split("."))


def articles(text: str, carrier: str) -> dict[str, str]:
    """Headings in document order; a number that breaks the order is not a heading (page
    numbers, street numbers, rows of a table)."""
    out: dict[str, str] = {}
    last: tuple[int, ...] = (0,)
    current = ""
    annex = None
    for line in text.splitlines():
        m = _ANNEX.match(line)
        if m and carrier == "C":
            annex, last = m.group(1), (0,)
            out[f"Annexe {annex}"] = line.strip()[:80]
            continue
        m = _LETTER.match(line)
        if m and current and (carrier == "N" and m.group(1).islower()
                              or carrier == "C" and m.group(1).isupper()):
            out[f"{current} {m.group(1)}"] = m.group(2).strip()[:80]
            continue
        m = _NUMBERED.match(line)
        if not m or not re.match(r"[A-Za-zÀ-ÿ«]", m.group(2).strip() or "-"):
            continue
        number = m.group(1).lstrip("0") or "0"
        if "." in m.group(1):
            number = ".".join(str(int(p)) for p in m.group(1).split("."))
        key = _key(number)
        # the next heading: same or next top-level number, and after the previous one
        if not (last[0] <= key[0] <= last[0] + 1 and key > last):
            continue
        last, current = key, number
        ident = f"Annexe {annex} §{number}" if annex else number
        out[ident] = m.group(2).strip()[:80]
    return out


def main(argv: list[str]) -> int:
    result = {"comment": "Article ids of the carriers' terms, extracted by "
                         "scripts/extract_articles.py; see docs/citation-audit.md.",
              "terms": {}}
    for arg in argv:
        carrier, _, path = arg.partition("=")
        text = Path(path).read_text(encoding="utf-8")
        result["terms"][carrier] = {"title": TITLES[carrier],
                                    "articles": articles(text, carrier)}
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
