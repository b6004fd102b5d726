"""Every interface string has its English translation, and English is really used."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from desktop.domain.reference import resource_path
from desktop.ui import i18n

UI = Path(i18n.__file__).parent


def marked_strings() -> set[str]:
    """String literals passed to tr() or N_() anywhere in desktop/ui."""
    found: set[str] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("tr", "N_") and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


def english() -> dict[str, str]:
    return json.loads(resource_path("translations", "en.json").read_text(encoding="utf-8"))


def test_every_marked_string_has_an_english_translation():
    missing = sorted(marked_strings() - set(english()))
    assert not missing, f"untranslated: {missing}"


def test_translations_keep_their_placeholders():
    import string

    for fr, en in english().items():
        names = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert names(fr) == names(en), fr


def test_no_stale_translations():
    assert not sorted(set(english()) - marked_strings())


@pytest.fixture
def english_ui():
    i18n.set_language("en")
    yield
    i18n.set_language("fr")


def test_tr_switches_language(english_ui):
    assert i18n.tr("Imprimer") == "Print"
    assert i18n.tr("Poids non pris : {reason}.", reason="x") == "Weight not taken: x."
    i18n.set_language("fr")
    assert i18n.tr("Imprimer") == "Imprimer"


def test_window_in_english(qtbot, ctx, english_ui):
    from desktop.ui.main_window import MainWindow

    win = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(win)
    assert [win.tabs.tabText(i) for i in range(3)] == ["Counter", "Address book", "History"]
    assert win.counter.print_button.text().startswith("Print")
    assert win.counter.parcel_panel.indicator.text() == "Disconnected"
    win.shutdown()
