"""Interface language: French in the code, other languages from gettext catalogues.

`tr("Texte français")` and `N_()` mark strings; `ntr(singular, plural, n)` a plural. Babel
extracts them (`babel.cfg`, `scripts/translations`) into
`resources/translations/<lang>/LC_MESSAGES/comptoir.po`, read here with Babel at first use:
no compile step, and the .po stays the one file translators edit. Qt's own strings (standard
buttons and dialogs) come from Qt's catalogues: see `install_qt_translations`.
"""

from __future__ import annotations

from desktop.domain import formatting, translations
from desktop.domain.translations import N_, Nn_  # noqa: F401 - the markers, re-exported

LANGUAGES = {"fr": "Français", "en": "English"}
DOMAIN = translations.DOMAIN
_state = {"lang": "fr"}


def catalogue(lang: str) -> dict:
    """msgid → msgstr of `lang` (the one reader, shared with the domain's messages)."""
    return translations.catalogue(lang)


def set_language(lang: str | None) -> str:
    _state["lang"] = lang if lang in LANGUAGES else "fr"
    return _state["lang"]


def language() -> str:
    return _state["lang"]


def tr(text: str, **values: object) -> str:
    """The text in the current language; `{name}` placeholders are filled from `values`."""
    out = translations.gettext(text, _state["lang"])
    return out.format(**values) if values else out


def ntr(singular: str, plural: str, n: int, **values: object) -> str:
    """`singular` or `plural` by the language's plural rule; `{n}` is the number, grouped."""
    text = translations.ngettext(singular, plural, n, _state["lang"])
    return text.format(n=formatting.number(n, _state["lang"]), **values)


def kg(grams: int) -> str:
    """A weight for display: "1,250 kg" in French, "1.250 kg" in English."""
    return formatting.kg(grams, _state["lang"])


def money(amount, currency: str = "EUR") -> str:
    return formatting.money(amount, currency, _state["lang"])


def number(value) -> str:
    return formatting.number(value, _state["lang"])


def day(value) -> str:
    return formatting.day(value, _state["lang"])


def date_time(value) -> str:
    return formatting.date_time(value, _state["lang"])


def install_qt_translations(app, lang: str) -> list:
    """Loads Qt's own catalogue (qtbase_<lang>.qm, shipped in PySide6's translations folder)
    so standard buttons and dialogs ("Cancel", "Save", file dialogs) speak the language.
    Returns the translators, which must live as long as the application."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for old in getattr(app, "_comptoir_translators", []):
        app.removeTranslator(old)
    loaded = []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase",):
        translator = QTranslator(app)
        if translator.load(f"{name}_{lang}", folder):
            app.installTranslator(translator)
            loaded.append(translator)
    QLocale.setDefault(QLocale(formatting.LOCALES.get(lang, "fr_FR")))
    app._comptoir_translators = loaded
    return loaded
