"""The gettext catalogues (`resources/translations/<lang>/LC_MESSAGES/comptoir.po`), read
with Babel: one reader for the screens (`desktop.ui.i18n.tr`) and the domain's messages
(`desktop.domain.messages.render`), so a rule's English lives in the same .po a translator
edits, not in a table beside it. French is the source language (the msgid): nothing to read.

`N_("texte")` and `Nn_("singulier", "pluriel")` mark strings for `pybabel extract`
(`babel.cfg`, `scripts/translations`); `gettext` / `ngettext` translate them where shown.
"""

from __future__ import annotations

from functools import cache

from desktop.domain.reference import resource_path

DOMAIN = "comptoir"


def N_(text: str) -> str:  # noqa: N802 - gettext's marker name
    """Marks a string for extraction; translated where it is shown."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - gettext's N_ style
    """Marks a plural pair for extraction; `ngettext(*pair, n, lang)` picks and translates."""
    return singular, plural


@cache
def catalogue(lang: str) -> dict:
    """msgid → msgstr (for a plural: ((forms…), plural expression)) of `lang`; French (the
    source) and a language without a catalogue are empty."""
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


def gettext(text: str, lang: str) -> str:
    out = catalogue(lang).get(text, text)
    return out[0][0] if isinstance(out, tuple) else out  # a plural msgid used as a singular


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """`singular` or `plural` by the language's plural rule, translated."""
    found = catalogue(lang).get(singular)
    if isinstance(found, tuple):
        forms, expr = found
        return forms[min(plural_index(expr, n), len(forms) - 1)]
    return singular if n in (0, 1) else plural  # French: 0 and 1 are singular (CLDR)


def plural_index(expr: str, n: int) -> int:
    """Evaluates a gettext Plural-Forms expression ("(n != 1)") for `n`, as gettext does."""
    import gettext as _gettext

    return int(_gettext.c2py(expr)(n))
