"""Offline search in the Harmonized System 2022 nomenclature (resources/reference/hs2022.csv).

The file is English (UN Comtrade, public domain); a small editable table translates common
French words (resources/customs/hs_words_fr.json). Ranking: number of query words found,
then 6-digit subheadings before headings and chapters, then the shortest description once
exclusions in brackets ("(other than cotton)") are removed, so "cotton shirt" gives
6205 20 "Shirts; men's or boys', of cotton" first.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from desktop.domain.reference import load_json, resource_path

HS_CODE = re.compile(r"^\d{6}(\d{2}(\d{2})?)?$")  # 6, 8 or 10 digits (docs/sources/customs.md §3)
_WORD = re.compile(r"[a-z0-9]+(?:'s)?")
_BRACKETS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class HsEntry:
    code: str  # 2, 4 or 6 digits
    description: str
    level: int  # 2 chapter, 4 heading, 6 subheading
    section: str = ""
    parent: str = ""

    @property
    def display_code(self) -> str:
        """'620520' → '6205 20' (the customs way of writing it)."""
        c = self.code
        return c if len(c) <= 4 else f"{c[:4]} {c[4:]}"


@dataclass(frozen=True)
class _Indexed:
    entry: HsEntry
    words: frozenset[str]  # stems of the words outside exclusion brackets
    all_words: frozenset[str]  # including the brackets (a weaker match)
    length: int


def stem(word: str) -> str:
    """Crude English plural folding: shirts → shirt, boxes → box, knives → knive."""
    w = word.lower().removesuffix("'s")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ses", "xes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def _words(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=1)
def _entries() -> tuple[HsEntry, ...]:
    out = []
    with resource_path("reference", "hs2022.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            level = int(row["level"])
            # "TOTAL"/99 rows are statistical ("commodities not specified"), not tariff codes.
            if level not in (2, 4, 6) or row["section"] == "TOTAL":
                continue
            out.append(HsEntry(row["hscode"], row["description"], level, row["section"],
                               row["parent"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> tuple[_Indexed, ...]:
    """The word index for `search` (seconds to build: `exists` does without it)."""
    out = []
    for entry in _entries():
        main = _BRACKETS.sub(" ", entry.description)
        out.append(_Indexed(entry, frozenset(_words(main)), frozenset(_words(entry.description)),
                            len(" ".join(main.split()))))
    return tuple(out)


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(e.code for e in _entries())


@lru_cache(maxsize=1)
def _french() -> dict[str, str]:
    return {k.lower(): v for k, v in load_json("customs", "hs_words_fr.json")["words"].items()}


def _query_words(words: str | list[str]) -> list[str]:
    text = words if isinstance(words, str) else " ".join(words)
    out: list[str] = []
    for raw in re.findall(r"[\w']+", text.lower()):
        translated = _french().get(raw, raw)
        out.extend(w for w in _words(translated) if w not in out)
    return out


def search(words: str | list[str], limit: int = 20) -> list[HsEntry]:
    """Entries matching the most query words, best first. A code prefix ("6205") also works."""
    query = _query_words(words)
    if not query:
        return []
    digits = "".join(query) if all(w.isdigit() for w in query) else ""
    scored = []
    for item in _index():
        if digits:
            if item.entry.code.startswith(digits):
                scored.append(((0, len(item.entry.code), item.entry.code), item.entry))
            continue
        strong = sum(1 for w in query if w in item.words)
        weak = sum(1 for w in query if w not in item.words and w in item.all_words)
        prefix = sum(1 for w in query if w not in item.all_words
                     and any(x.startswith(w) for x in item.words)) if len(query) else 0
        score = strong * 4 + prefix * 2 + weak
        if score == 0:
            continue
        key = (-score, -(item.entry.level == 6), item.length, item.entry.code)
        scored.append((key, item.entry))
    scored.sort(key=lambda pair: pair[0])
    return [entry for _, entry in scored[:limit]]


def exists(code6: str) -> bool:
    """True when the first 6 digits are a subheading of HS 2022 (8/10-digit codes are national
    extensions of a 6-digit subheading, so only their first 6 digits are checked)."""
    code = re.sub(r"[\s.]", "", code6 or "")
    return len(code) >= 6 and code[:6] in _codes()


def get(code: str) -> HsEntry | None:
    code = re.sub(r"[\s.]", "", code or "")
    return next((e for e in _entries() if e.code == code), None)


def is_valid_format(code: str) -> bool:
    return bool(HS_CODE.match(code or ""))
