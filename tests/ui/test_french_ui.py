"""Issue 10 acceptance: the French interface shows no field id, no file name and no English
text. Walks every widget of every screen (texts, tooltips, placeholders, table and list
headers and cells, menus, tabs, combo items) and the message boxes of a refused print."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.leaks import english_words, has_file_name, has_id

ROOT = Path(__file__).resolve().parents[2]
WALK = r'''
import json, os, sys
from tests.ui.scenes import SCENES, SIZES, Scenes
from tests.ui.french_ui import more_strings, visible_strings
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
    found |= {k: sorted(v) for k, v in more_strings(scenes).items()}
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


def offending(shown: dict[str, list[str]], check) -> dict[str, list[str]]:
    bad = {screen: [s for s in strings if check(s)] for screen, strings in shown.items()}
    return {k: v for k, v in bad.items() if v}


def data_texts() -> set[str]:
    """Texts that are data, English by nature: a product's English description (the CN 23's
    second language), the HS 2022 nomenclature's official wording (published in English;
    docs/sources/customs.md), and a language's own name."""
    import csv

    from desktop.domain.reference import resource_path

    with resource_path("reference", "hs2022.csv").open(encoding="utf-8") as fh:
        out = {row[2] for row in csv.reader(fh) if len(row) > 2}
    return out | {"Men's cotton T-shirt", "Decorated ceramic mug", "Women's silk scarf",
                  "English"}


@pytest.mark.slow
def test_walk_covers_every_screen(shown):
    assert set(shown) >= {"counter-fr", "counter-ch", "counter-us", "history", "address-book",
                          "products", "settings", "shortcuts", "refused", "dashboard", "worklist",
                          "counter-errors", "contract-tables", "number-ranges",
                          "printer-silent", "printer-test"}
    assert all(len(strings) > 5 for strings in shown.values())
    assert "Imprimer   (F12)" in shown["counter-fr"]


@pytest.mark.slow
def test_no_field_ids(shown):
    assert offending(shown, has_id) == {}


@pytest.mark.slow
def test_no_file_names(shown):
    assert offending(shown, has_file_name) == {}


@pytest.mark.slow
def test_no_untranslated_english(shown):
    english, data = english_texts(), data_texts()
    assert offending(shown, lambda s: s not in data and (s in english or english_words(s))) == {}


def test_the_checks_catch_what_the_issue_saw():
    """The leaks issue 10 found, each caught by the check that guards it."""
    assert has_id("Contenu vérifié : confirmer l'absence de contenus interdits "
                  "(dangerous_goods, lithium_batteries)")
    assert has_id("N° de facture : customs.invoice_number") and has_id("delivengo-profil-tracked")
    assert has_file_name("[CUSTOMS.md §5; CONNECTORS.md]")
    assert has_file_name("Poids maximum par destination (weight_limits.csv)")
    for text in ("[D 2, 6.1] export only", "[N 1.1.7] cargo is over 30 kg",
                 "timeout: no status reply", "PDF A4, 2 labels",
                 "Pas prête : tcp://127.0.0.1:9100?language=zpl: unknown option 'language' "
                 "(known: connect_timeout, linger)"):
        assert english_words(text), text
    assert not english_words("Colis, poids : 2500 g, 2000 g au maximum [D 2, 6.1]")
