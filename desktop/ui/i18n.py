"""Interface language: French in the code, English from `resources/translations/en.json`.

A dictionary keyed by the French text keeps the source readable and needs no build step
(Qt .qm files would need `lrelease` at packaging time). A test checks that every `tr()`
literal in `desktop/ui` has an English entry.
"""

from __future__ import annotations

from functools import cache

from desktop.domain.parcel import format_kg
from desktop.domain.reference import load_json

LANGUAGES = {"fr": "Français", "en": "English"}
_state = {"lang": "fr"}


@cache
def _table(lang: str) -> dict[str, str]:
    if lang == "fr":
        return {}
    try:
        return dict(load_json("translations", f"{lang}.json"))
    except FileNotFoundError:
        return {}


def set_language(lang: str | None) -> str:
    _state["lang"] = lang if lang in LANGUAGES else "fr"
    return _state["lang"]


def language() -> str:
    return _state["lang"]


def N_(text: str) -> str:
    """Marks a string in a table for translation; `tr()` translates it where it is shown."""
    return text


def tr(text: str, **values: object) -> str:
    """The text in the current language; `{name}` placeholders are filled from `values`."""
    out = _table(_state["lang"]).get(text, text)
    return out.format(**values) if values else out


def kg(grams: int) -> str:
    """A weight for display: "1,250 kg" in French, "1.250 kg" in English."""
    text = format_kg(grams)
    return text if _state["lang"] == "fr" else text.replace(",", ".")
