"""The gettext catalogue: Babel extracts every marked string, English translates each one
with the same placeholders, plurals follow each language's rule, and Qt speaks French."""

from __future__ import annotations

import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from desktop.domain.reference import resource_path
from desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[2]


def english_po():
    with resource_path("translations", "en", "LC_MESSAGES", "comptoir.po").open("rb") as fh:
        return read_po(fh, locale="en")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """What `pybabel extract` with the repository's babel.cfg finds today."""
    pot = tmp_path_factory.mktemp("pot") / "comptoir.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "babel.cfg"), "-k", "tr", "-k", "N_", "-k", "ntr:1,2", "-k", "Nn_:1,2",
                    "-o", str(pot), str(ROOT)], check=True, capture_output=True, cwd=ROOT)
    with pot.open("rb") as fh:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}


def _key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def test_every_extracted_string_has_an_english_translation(extracted):
    translated = {_key(m) for m in english_po() if m.id and m.string and not m.fuzzy
                  and (all(m.string) if isinstance(m.string, tuple) else True)}
    missing = sorted(extracted - translated)
    assert not missing, f"untranslated (run scripts/translations): {missing}"


def test_no_stale_translations(extracted):
    assert not sorted({_key(m) for m in english_po() if m.id} - extracted)


def test_translations_keep_their_placeholders():
    def names(s: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(s) if f}

    for m in english_po():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for text in strings:
            assert names(text) <= names(ids[-1]) | {"n"}, m.id


@pytest.fixture
def english_ui():
    i18n.set_language("en")
    yield
    i18n.set_language("fr")


def test_tr_switches_language(english_ui):
    assert i18n.tr("Imprimer") == "Print"
    assert i18n.tr("Poids non pris : {reason}.", reason="x") == "Weight not taken: x."


def test_plural_forms_follow_each_language():
    i18n.set_language("fr")
    assert i18n.ntr("{n} résultat", "{n} résultats", 0) == "0 résultat"  # French: 0 is one
    assert i18n.ntr("{n} résultat", "{n} résultats", 2) == "2 résultats"
    assert i18n.ntr("{n} résultat", "{n} résultats", 12345) == "12\u202f345 résultats"


def test_plural_forms_in_english(english_ui):
    assert i18n.ntr("{n} résultat", "{n} résultats", 0) == "0 results"  # English: 0 is many
    assert i18n.ntr("{n} résultat", "{n} résultats", 1) == "1 result"
    assert i18n.ntr("{n} résultat", "{n} résultats", 12345) == "12,345 results"


def test_numbers_money_weights_by_locale(english_ui):
    from decimal import Decimal

    assert i18n.money(Decimal("380")) == "€380.00"
    assert i18n.kg(1250) == "1.250 kg"
    i18n.set_language("fr")
    assert i18n.money(Decimal("380")) == "380,00\xa0€"
    assert i18n.kg(1250) == "1,250 kg"
    assert i18n.number(99_999_999) == "99\u202f999\u202f999"


def test_qt_standard_buttons_are_french(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    try:
        assert i18n.install_qt_translations(qapp, "fr"), "qtbase_fr.qm not found"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Close)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert texts == {"Annuler", "Fermer"}
    finally:
        i18n.install_qt_translations(qapp, "en")
