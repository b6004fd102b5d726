"""The shared hostile strings through every printer language: one well-formed command per
printed line, and the text reads back as meant (the language's unescaping undone)."""

from __future__ import annotations

import io

import pypdf
import pytest

from desktop.domain.label import LabelSpec, Text, clean_text
from desktop.domain.printer_profile import load_profiles
from desktop.printing import epl, tspl
from desktop.printing.escape import unescape
from desktop.printing.render import render_label
from desktop.printing.zpl import parse_commands
from tests.hostile_strings import HOSTILE_STRINGS
from tests.label_interpreters import EPL_COMMANDS, TSPL_COMMANDS, parse_epl, parse_tspl

PROFILES = load_profiles()
ZPL_COMMANDS = {"^XA", "^CI", "^PW", "^LL", "^LH", "^MN", "^MM", "^PR", "~SD", "^FO", "^A0",
                "^A@", "^FB", "^FH", "^FD", "^FS", "^PQ", "^XZ"}


def _spec(text: str) -> LabelSpec:
    return LabelSpec(100, 150, (Text(3, 3, 94, 3.0, text, max_lines=40),), name="hostile")


def _squash(text: str) -> str:
    return "".join(text.split())


CASES = [(name, pid) for name in HOSTILE_STRINGS
         for pid in ("generic-zpl-203", "zebra-zd421-300", "generic-zpl-600",
                     "generic-epl2-203", "honeywell-pc42t-epl-cyrillic",
                     "generic-tspl-203", "tsc-te300")]


@pytest.mark.parametrize("name,pid", CASES)
def test_one_command_per_line_and_the_text_reads_back(name, pid):
    profile = PROFILES[pid]
    text = HOSTILE_STRINGS[name]
    out = render_label(_spec(text), profile)
    meant = clean_text(text)
    if profile.language == "zpl":
        cmds = parse_commands(out)
        assert {c for c, _ in cmds} <= ZPL_COMMANDS
        assert [c for c, _ in cmds].count("^XA") == 1 and cmds[-1] == ("^XZ", "")
        fields = [a for c, a in cmds if c == "^FD"]
        assert len(fields) == [c for c, _ in cmds].count("^FO")  # one field per line
        printed = [unescape(f) for f in fields]
    elif profile.language == "epl2":
        cmds = parse_epl(out)
        assert {c.name for c in cmds} <= EPL_COMMANDS
        assert [c.name for c in cmds].count("P1") == 1 and cmds[-1].name == "P1"
        encoding = epl.CODEPAGES[profile.codepage][1]
        printed = [epl.unquote(c.field, encoding) for c in cmds if c.name == "A"]
        meant = epl.printable_in(meant, encoding)
    else:
        cmds = parse_tspl(out)
        assert {c.name for c in cmds} <= TSPL_COMMANDS
        assert [c.name for c in cmds].count("PRINT") == 1 and cmds[-1].name == "PRINT"
        printed = [tspl.unquote(c.field) for c in cmds if c.name == "TEXT"]
        assert all(line == tspl.printed(line.replace(tspl.SAFE_BACKSLASH, "\\"))
                   for line in printed)  # only the documented backslash substitution
        printed = [line.replace(tspl.SAFE_BACKSLASH, "\\") for line in printed]
    assert printed, "nothing printed"
    assert all(line for line in printed)
    assert _squash("".join(printed)) == _squash(meant)


@pytest.mark.parametrize("name", [n for n in HOSTILE_STRINGS if n != "emoji"])
def test_pdf_text_reads_back(name):
    text = HOSTILE_STRINGS[name]
    out = render_label(_spec(text), PROFILES["generic-pdf-10x15"])
    extracted = pypdf.PdfReader(io.BytesIO(out)).pages[0].extract_text()
    # reportlab draws what DejaVu has; pypdf reads it back through the ToUnicode map
    assert _squash(extracted) == _squash(clean_text(text))
