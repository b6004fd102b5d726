"""The one message catalogue: every rule in both languages, every rule used in code in it,
field labels as the screens show them, and every cited source resolvable in this repository."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from desktop.domain.errors import FieldPath, Severity, Violation
from desktop.domain.messages import (
    FIELD_LABELS,
    MESSAGES,
    Rule,
    field_label,
    render,
    rule_text,
)

ROOT = Path(__file__).resolve().parents[2]
RULE_CALLS = {"Violation", "add"}  # Violation(field, rule, …), Collector.add(field, rule, …)


def rule_ids_written_in_code() -> dict[str, str]:
    """Every rule id literal in desktop/: at the rule position of a call, or as the rule
    element of the (…, rule_id, …) tables that admission and weights iterate over."""
    found: dict[str, str] = {}
    values = {r.value for r in Rule}
    for path in (ROOT / "desktop").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in RULE_CALLS:
                continue
            args = list(node.args[1:2]) + [k.value for k in node.keywords if k.arg == "rule"]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found[arg.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
        # Rule ids kept in tables: any string constant equal to a snake_case id that sits in
        # a tuple next to a field path ("parcel.…") is a rule id too.
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple) and any(
                    isinstance(e, ast.Constant) and isinstance(e.value, str)
                    and e.value.startswith("parcel.") for e in node.elts):
                for e in node.elts:
                    if isinstance(e, ast.Constant) and isinstance(e.value, str) and \
                            re.fullmatch(r"[a-z][a-z0-9_]+", e.value) and e.value not in values \
                            and e.value not in FIELD_LABELS and not e.value.endswith(("_mm", "_g")):
                        found[e.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_rule_has_french_and_english_text():
    """French is the msgid in the table; English comes from the gettext catalogue (.po)."""
    assert set(MESSAGES) == set(Rule)
    allowed = {"field", "limit", "actual"}
    for rule in MESSAGES:
        for n in (1, 2):
            fr, en = rule_text(rule, "fr", n), rule_text(rule, "en", n)
            for lang_text in (fr, en):
                assert lang_text.strip(), rule
                names = {f for _, f, _, _ in string.Formatter().parse(lang_text) if f}
                assert names <= allowed, (rule, names)
                assert "{field}" in lang_text, rule
            assert fr != en, rule  # the English msgstr exists and is not the French one


def test_a_counted_message_takes_the_plural_of_its_language():
    assert render(Rule.DRAFTS_LEFT, "shipments", actual=1) == (
        "Expéditions : 1 étiquette pas encore imprimée : pas sur le bordereau")
    assert render(Rule.DRAFTS_LEFT, "shipments", actual=0) == (
        "Expéditions : 0 étiquette pas encore imprimée : pas sur le bordereau")  # CLDR fr
    assert render(Rule.DRAFTS_LEFT, "shipments", actual=0, lang="en") == (
        "Shipments: 0 labels not printed yet: not on the slip")
    assert render(Rule.DRAFTS_LEFT, "shipments", actual=1200, lang="en") == (
        "Shipments: 1,200 labels not printed yet: not on the slip")


def test_every_rule_id_used_in_code_is_in_the_catalogue():
    used = rule_ids_written_in_code()
    assert len(used) > 60  # the scan really reads the code
    missing = {rule: where for rule, where in used.items() if rule not in set(Rule)}
    assert not missing


def test_a_rule_outside_the_catalogue_is_refused_at_once():
    with pytest.raises(ValueError):
        Violation("parcel.weight_g", "no_such_rule")


def test_no_module_adds_messages_at_import_time():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py")
                 if "register_templates" in p.read_text(encoding="utf-8")]
    assert not offenders


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_message_prints_none_or_an_internal_path(lang):
    for rule in Rule:
        text = render(rule, "customs.items[0].hs_code", None, None, "", lang)
        assert "None" not in text and "customs.items" not in text, (rule, text)


@pytest.mark.parametrize(("path", "fr", "en"), [
    ("customs.invoice_number", "N° de facture", "Invoice no."),
    ("options.contents_confirmed", "Contenu vérifié", "Contents checked"),
    ("recipient.postcode", "Destinataire, code postal", "Recipient, postcode"),
    ("customs.items[2].hs_code", "Ligne 3, code SH", "Line 3, HS code"),
    ("row 4.unit_value", "Ligne 4, valeur unitaire", "Row 4, unit value"),
    ("parcel.weight_g", "Colis, poids", "Parcel, weight"),
    ("customs.sender_customs_reference", "N° EORI de l'expéditeur", "Sender's EORI number"),
])
def test_fields_are_named_by_their_screen_label(path, fr, en):
    assert field_label(path, "fr") == fr
    assert FieldPath(path).label("en") == en


def test_labels_match_the_interface_translations():
    """A label that the GUI also shows (its French text is a msgid of the interface catalogue)
    reads the same in English in a message as on screen."""
    from babel.messages.pofile import read_po

    with (ROOT / "resources/translations/en/LC_MESSAGES/comptoir.po").open("rb") as fh:
        ui = {m.id: m.string for m in read_po(fh) if isinstance(m.id, str) and m.string}
    # one msgid, one msgstr: a label and the widget caption it names cannot disagree; every
    # label has its English in the catalogue
    missing = {key: text for key, text in FIELD_LABELS.items() if text not in ui}
    assert not missing
    assert field_label("customs.invoice_number", "en") == ui["N° de facture"] == "Invoice no."


def test_violation_types_are_coerced():
    v = Violation("recipient.postcode", "required", severity="warning")
    assert isinstance(v.rule, Rule) and v.rule == "required"
    assert v.severity is Severity.WARNING and isinstance(v.field, FieldPath)
    assert v.field.last == "postcode" and v.field.under("x") == "x.recipient.postcode"
    assert json.dumps({"rule": v.rule}) == '{"rule": "required"}'


def test_duplicate_rules_have_distinct_texts_and_name_the_row():
    row = Violation("row 6.sku", "duplicate_row", limit=3, actual="TS-1").describe("fr")
    assert row == "Ligne 6, SKU : « TS-1 » figure déjà à la ligne 3"
    stored = Violation("sku", "duplicate", actual="TS-1").describe("en")
    assert stored == "SKU: 'TS-1' already exists"


SPEC_FILES = re.compile(r"\b(CUSTOMS|RULES|CONNECTORS|PROTOCOLS|ARCHITECTURE)\.md\b")
DOC_LINK = re.compile(r"docs/sources/[\w-]+\.md")


def _cited_files():
    for folder in ("desktop", "resources"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".json", ".csv", ".txt", ".md"}:
                yield path, path.read_text(encoding="utf-8")


def test_sources_never_name_a_file_outside_the_repository():
    offenders = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p, text in _cited_files()
                 for m in SPEC_FILES.finditer(text)]
    assert not offenders


def test_every_cited_docs_page_exists():
    cited = {m.group(0) for _, text in _cited_files() for m in DOC_LINK.finditer(text)}
    assert cited, "the code cites its docs pages"
    assert all((ROOT / c).is_file() for c in cited), sorted(c for c in cited
                                                             if not (ROOT / c).is_file())


def test_option_messages_name_options_and_services_not_their_ids():
    from desktop.domain.carriers.catalogue import default_catalogue
    from desktop.domain.carriers.options import validate_options

    service = default_catalogue().get("delivengo-profil-tracked")
    [v] = [x for x in validate_options(service, {"sms": True}) if x.rule == "option_not_available"]
    fr, en = v.describe("fr"), v.describe("en")
    assert fr.startswith(f"SMS : option SMS indisponible sur {service.name('fr')}")
    assert service.id not in fr and service.name("en") in en
    conflict = Violation("options.registered", "option_conflict", limit="insurance_eur",
                         actual="registered").describe("fr")
    assert conflict == "Recommandé : Recommandé ne se cumule pas avec Assurance (€)"


def test_type_names_are_translated():
    v = Violation("parcel.weight_g", "wrong_type", limit="integer", actual="string")
    assert v.describe("fr") == "Colis, poids : texte reçu, nombre entier attendu"
    assert v.describe("en") == "Parcel, weight: text given, whole number expected"


@pytest.mark.parametrize(("source", "shown"), [
    ("[C 1] Annexe 1 (default 20 kg outside the EU; edit per country)", "[C 1]"),
    ("[N 1.1.7] over 30 kg actual or volumetric is cargo", "[N 1.1.7]"),
    ("[D 2, 6.1]", "[D 2, 6.1]"), ("[C 1, 8.2 C]", "[C 1, 8.2 C]"),
    ("NF Z10-011", "[NF Z10-011]"), ("UPU CN 23 (14)", "[UPU CN 23 (14)]"),
])
def test_messages_cite_the_article_not_the_table_note(source, shown):
    """A table row's note after the article is for maintainers (and in English): a French
    message cites only the article."""
    text = Violation("parcel.weight_g", "max_weight", limit=20000, actual=25000,
                     source=source).describe("fr")
    assert text == f"Colis, poids : 25\u202f000 g, 20\u202f000 g au maximum {shown}"


def test_carrier_messages_name_the_carrier_as_in_the_catalogue():
    from desktop.domain.carriers.catalogue import default_catalogue

    names = {s.carrier: s.carrier_name for s in default_catalogue().all()}
    from desktop.domain.messages import CARRIER_NAMES

    assert {k: v for k, v in CARRIER_NAMES.items() if k in names} == names
    text = Violation("carrier", "carrier_auth", limit="laposte-delivengo",
                     actual="401").describe("fr")
    assert text == ("Transporteur : identifiants refusés par La Poste Delivengo (401) ; "
                    "vérifiez la clé API")
