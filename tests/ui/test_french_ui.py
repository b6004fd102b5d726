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


# The violations' wording comes from the domain's message catalogue, rewritten in the same
# issue (10 §3) by another branch: strict, so these fail loudly once it lands and the marks
# must go.
DOMAIN_MESSAGES = pytest.mark.xfail(
    strict=True, reason="domain messages still show field ids, English ids and internal "
                        "file names (message catalogue of issue 10 §3)")


@pytest.mark.slow
@DOMAIN_MESSAGES
def test_no_field_ids(shown):
    assert offending(shown, lambda s: FIELD_ID.search(s) or INTERNAL_ID.search(s)) == {}


@pytest.mark.slow
@DOMAIN_MESSAGES
def test_no_file_names(shown):
    assert offending(shown, FILE_NAME.search) == {}


@pytest.mark.slow
def test_no_untranslated_english(shown):
    english = english_texts()
    assert offending(shown, lambda s: s in english) == {}
