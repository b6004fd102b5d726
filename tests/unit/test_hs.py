"""Offline HS 2022 search and existence checks (resources/reference/hs2022.csv)."""

from desktop.domain import hs


def test_cotton_shirt_ranks_620520_first():
    results = hs.search("cotton shirt", limit=5)
    assert results[0].code == "620520"
    assert results[0].display_code == "6205 20"
    assert all(r.level == 6 for r in results[:3])


def test_french_words_are_translated():
    assert hs.search("chemise coton", limit=3)[0].code == "620520"


def test_word_order_and_plural_do_not_matter():
    assert hs.search("shirts cotton", limit=1)[0].code == "620520"
    assert hs.search(["cotton", "shirts"], limit=1)[0].code == "620520"


def test_exclusions_in_brackets_rank_lower():
    codes = [r.code for r in hs.search("cotton shirt", limit=10)]
    # "(other than cotton …)" is an exclusion, not a match.
    assert "610590" not in codes[:5]


def test_code_prefix_search():
    results = hs.search("6205", limit=10)
    assert results[0].code == "6205"
    assert all(r.code.startswith("6205") for r in results)


def test_limit_and_empty():
    assert len(hs.search("wool", limit=3)) == 3
    assert hs.search("", limit=3) == []
    assert hs.search("zzzzqqq", limit=3) == []


def test_exists():
    assert hs.exists("620520")
    assert hs.exists("62052000")  # national 8-digit extension of an existing subheading
    assert not hs.exists("620599")
    assert not hs.exists("999999")  # statistical "not specified", not a tariff code
    assert not hs.exists("6205")


def test_format():
    for ok in ("620520", "62052000", "6205200010"):
        assert hs.is_valid_format(ok)
    for bad in ("6205", "6205200", "620520001", "6205a0", ""):
        assert not hs.is_valid_format(bad)


def test_get():
    entry = hs.get("6205 20")
    assert entry is not None and "cotton" in entry.description and entry.parent == "6205"
