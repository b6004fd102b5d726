"""Hostile text can never become a ZPL command; escaped field data decodes to the original."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.address import format_lines
from desktop.domain.label import Box, Code128, DataMatrix, LabelSpec, Text, clean_text
from desktop.domain.label_layout import label_payload, shipping_label
from desktop.printing.escape import field_datamatrix, field_text, unescape
from desktop.printing.samples import HOSTILE, SAMPLES
from desktop.printing.zpl import parse_commands as commands
from desktop.printing.zpl import render_zpl

HOSTILES = ["^XA^FO0,0^FDpwn^FS", "~JR", "~HS~JA", "_5E_", "back\\slash \\&", "😀 emoji",
            "Жёлтый Київ", "CR\rLF\nTAB\t", "\x00\x1b\x7f ctrl", "^", "~", "_", "\\", HOSTILE]
_FIELD = re.compile(r"^(?:[ -\]`-}]|_[0-9A-F]{2})*$")  # printable ASCII minus ^ _ ~ \ , or _XX


def test_escapes_exactly_as_the_zpl_manual_requires():
    assert field_text("^") == "_5E"
    assert field_text("~") == "_7E"
    assert field_text("_") == "_5F"
    assert field_text("\\") == "_5C"
    assert field_text("é") == "_C3_A9"
    assert field_text("Ж") == "_D0_96"
    assert field_text("😀") == "_F0_9F_98_80"
    assert field_text("a\r\nb\x00c\x7fd") == "abcd"
    assert field_text("Rue de l'Église, 3/4 (B)") == "Rue de l'_C3_89glise, 3/4 (B)"


@given(st.text())
def test_any_text_escapes_to_inert_ascii_that_decodes_back(text):
    escaped = field_text(text)
    assert _FIELD.match(escaped), escaped
    # Only control, format and surrogate characters and line separators are dropped.
    dropped = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    assert unescape(escaped) == "".join(
        ch for ch in text if unicodedata.category(ch) not in dropped)


@given(st.text())
def test_datamatrix_data_never_carries_a_raw_tilde_or_caret(text):
    escaped = field_datamatrix(text)
    assert "^" not in escaped and "~" not in escaped
    assert all(ch.isascii() for ch in escaped)


def test_a_tilde_in_datamatrix_data_is_sent_as_the_bx_escape():
    assert field_datamatrix("a~b") == "a_7Ed126b"


def _hostile_spec() -> LabelSpec:
    elements = []
    for i, text in enumerate(HOSTILES):
        elements.append(Text(2, 2 + i * 6, 96, 3, text))
    elements += [Box(1, 1, 98, 148),
                 Code128(20, 100, 15, 0.42, "^XA~JR_\\"),
                 DataMatrix(70, 120, 0.5, "~JR^XZ_\\ Ж 😀")]
    return LabelSpec(100, 150, tuple(elements))


@pytest.mark.parametrize("dpi", [203, 300])
def test_hostile_text_in_every_element_gives_exactly_the_expected_commands(dpi):
    cmds = commands(render_zpl(_hostile_spec(), dpi))
    names = [n for n, _ in cmds]
    header = ["^XA", "^CI", "^PW", "^LL", "^LH"]
    text = ["^FO", "^A0", "^FB", "^FH", "^FD", "^FS"]
    expected = (header + text * len(HOSTILES) + ["^FO", "^GB", "^FS"]
                + ["^FO", "^BY", "^BC", "^FH", "^FD", "^FS"]
                + ["^FO", "^BX", "^FH", "^FD", "^FS"] + ["^PQ", "^XZ"])
    assert names == expected
    data = [p for n, p in cmds if n == "^FD"]
    assert [unescape(d) for d in data[:len(HOSTILES)]] == [clean_text(t) for t in HOSTILES]
    assert unescape(data[-2]) == "^XA~JR_\\"
    assert unescape(data[-1]).replace("~d126", "~") == "~JR^XZ_\\ Ж 😀"


@pytest.mark.parametrize("dpi", [203, 300])
def test_hostile_shipment_keeps_the_field_grammar(dpi):
    shipment, service = SAMPLES["hostile-text"]()
    zpl = render_zpl(shipping_label(shipment, service), dpi)
    text = zpl.decode("ascii")
    # Every caret or tilde starts one of our commands; nothing else.
    allowed = {"^XA", "^CI", "^PW", "^LL", "^LH", "^FO", "^A0", "^FB", "^FH", "^FD", "^FS",
               "^GB", "^BY", "^BC", "^BX", "^PQ", "^XZ"}
    assert {text[i:i + 3] for i, ch in enumerate(text) if ch in "^~"} <= allowed
    assert "~" not in text
    names = "".join(n for n, _ in commands(zpl))
    field = r"\^FO(?:\^A0\^FB\^FH\^FD|\^BY\^BC\^FH\^FD|\^BX\^FH\^FD|\^GB)\^FS"
    assert re.fullmatch(rf"\^XA\^CI\^PW\^LL\^LH(?:{field})+\^PQ\^XZ", names)
    assert names.count("^XA") == 1 and names.count("^BC") == 1 and names.count("^BX") == 1
    printed = [unescape(p) for n, p in commands(zpl) if n == "^FD"]
    for _, line in format_lines(shipment.recipient):
        line = clean_text(line)
        assert any(p == line or (p.endswith("...") and line.startswith(p[:-3].rstrip()))
                   for p in printed), line
    assert label_payload(shipment) in printed


def test_fields_are_inert_even_through_a_naive_splitter():
    """A printer splits on ^ and ~ only: the hostile label has one ^XA and one ^XZ."""
    shipment, service = SAMPLES["hostile-text"]()
    zpl = render_zpl(shipping_label(shipment, service), 203).decode("ascii")
    assert zpl.count("^XA") == 1 and zpl.count("^XZ") == 1
    assert zpl.startswith("^XA\n") and zpl.endswith("^XZ\n")
