"""Interface language: French in the code, other languages from gettext catalogues.

`tr("Texte français")` and `N_()` mark strings; `ntr(singular, plural, n)` a plural. Babel
extracts them (`babel.cfg`, `scripts/translations`) into
`resources/translations/<lang>/LC_MESSAGES/comptoir.po`, read here with Babel at first use:
no compile step, and the .po stays the one file translators edit. Qt's own strings (standard
buttons and dialogs) come from Qt's catalogues: see `install_qt_translations`.
"""

from __future__ import annotations

from functools import cache

from desktop.domain import formatting
from desktop.domain.reference import resource_path

LANGUAGES = {"fr": "Français", "en": "English"}
DOMAIN = "comptoir"
_state = {"lang": "fr"}


@cache
def catalogue(lang: str) -> dict:
    """msgid → msgstr (a tuple for plurals) of `lang`; French (the source) is empty."""
    if lang == "fr":
        return {}
    path = resource_path("translations", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    if not path.exists():
        return {}
    from babel.messages.pofile import read_po  # only when not French: a faster start

    with path.open("rb") as fh:
        po = read_po(fh, locale=lang)
    out: dict = {}
    for message in po:
        if not message.id or message.fuzzy or not message.string:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if isinstance(message.string, tuple):
            if all(message.string):
                out[key] = (message.string, po.plural_expr)
        else:
            out[key] = message.string
    return out


def set_language(lang: str | None) -> str:
    _state["lang"] = lang if lang in LANGUAGES else "fr"
    return _state["lang"]


def language() -> str:
    return _state["lang"]


def N_(text: str) -> str:
    """Marks a string in a table for translation; `tr()` translates it where it is shown."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - gettext's N_ style
    """Marks a plural pair in a table; `ntr(*pair, n)` translates it where it is shown."""
    return singular, plural


def tr(text: str, **values: object) -> str:
    """The text in the current language; `{name}` placeholders are filled from `values`."""
    out = catalogue(_state["lang"]).get(text, text)
    if isinstance(out, tuple):  # a plural msgid used as a singular
        out = out[0][0]
    return out.format(**values) if values else out


def ntr(singular: str, plural: str, n: int, **values: object) -> str:
    """`singular` or `plural` by the language's plural rule; `{n}` is the number, grouped."""
    found = catalogue(_state["lang"]).get(singular)
    if isinstance(found, tuple):
        forms, expr = found
        index = _plural_index(expr, n)
        text = forms[min(index, len(forms) - 1)]
    else:
        text = singular if n in (0, 1) else plural  # French: 0 and 1 are singular (CLDR)
    return text.format(n=formatting.number(n, _state["lang"]), **values)


def _plural_index(expr: str, n: int) -> int:
    """Evaluates a gettext Plural-Forms expression ("(n != 1)") for `n`, as gettext does."""
    import gettext

    return int(gettext.c2py(expr)(n))


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
