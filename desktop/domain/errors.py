"""Typed validation errors that name the field, the rule broken and the limit.

Every refusal in the core is a `Violation`; a use case collects all of them and raises
one `ValidationFailed`, so the clerk sees every problem at once, not one per attempt.
Messages are rendered in French or English from the rule id (see `describe`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Violation:
    field: str  # dotted path, e.g. "recipient.postcode" or "customs.items[2].hs_code"
    rule: str  # stable rule id, e.g. "required", "max_length"
    limit: object = None  # the limit broken, if any (38, "ISO 3166-1 alpha-2", …)
    actual: object = None  # the offending value or measure
    source: str = ""  # where the rule comes from: "NF Z10-011", "[C 4.3]", …
    severity: str = "error"  # "error" refuses; "warning" only informs

    def describe(self, lang: str = "fr") -> str:
        return describe(self, lang)


class DomainError(Exception):
    """Base of the refusals raised by the core."""


class ValidationFailed(DomainError):
    def __init__(self, violations: Iterable[Violation]):
        self.violations: tuple[Violation, ...] = tuple(violations)
        super().__init__("; ".join(v.describe("en") for v in self.violations))

    def describe(self, lang: str = "fr") -> str:
        return "\n".join(v.describe(lang) for v in self.violations)


class NotFound(DomainError):
    def __init__(self, what: str, key: object):
        self.what, self.key = what, key
        super().__init__(f"{what} {key!r} not found")


@dataclass
class Collector:
    """Gathers violations while a validator walks an object."""

    violations: list[Violation] = field(default_factory=list)

    def add(self, field_: str, rule: str, limit: object = None, actual: object = None,
            source: str = "", severity: str = "error") -> None:
        self.violations.append(Violation(field_, rule, limit, actual, source, severity))

    def extend(self, violations: Iterable[Violation], prefix: str = "") -> None:
        for v in violations:
            name = f"{prefix}.{v.field}" if prefix and v.field else (prefix or v.field)
            self.violations.append(Violation(name, v.rule, v.limit, v.actual, v.source, v.severity))

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "error"]

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def unique_violations(violations: Iterable[Violation]) -> list[Violation]:
    """Drops repeats (the same rule reported by two checks), keeping the first order."""
    seen, out = set(), []
    for v in violations:
        key = (v.field, v.rule, str(v.limit), str(v.actual))
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


# Message templates per rule id. {field}, {limit} and {actual} are filled in.
_TEMPLATES: dict[str, tuple[str, str]] = {
    "required": ("{field} : champ obligatoire", "{field}: required"),
    "max_length": ("{field} : {actual} caractères, {limit} au maximum",
                   "{field}: {actual} characters, at most {limit}"),
    "max_lines": ("{field} : {actual} lignes, {limit} au maximum",
                  "{field}: {actual} lines, at most {limit}"),
    "unknown_country": ("{field} : pays inconnu « {actual} » (code ISO 3166-1 alpha-2 attendu)",
                        "{field}: unknown country '{actual}' (ISO 3166-1 alpha-2 code expected)"),
    "postcode_format": ("{field} : « {actual} » n'est pas un code postal valide ({limit})",
                        "{field}: '{actual}' is not a valid postal code ({limit})"),
    "postcode_unknown": ("{field} : le code postal {actual} n'existe pas",
                         "{field}: postal code {actual} does not exist"),
    "town_mismatch": ("{field} : « {actual} » ne correspond pas au code postal ({limit})",
                      "{field}: '{actual}' does not match the postal code ({limit})"),
    "not_a_number": ("{field} : « {actual} » n'est pas un nombre entier",
                     "{field}: '{actual}' is not a whole number"),
    "not_a_decimal": ("{field} : « {actual} » n'est pas un montant",
                      "{field}: '{actual}' is not an amount"),
    "min_value": ("{field} : {actual}, doit être au moins {limit}",
                  "{field}: {actual}, must be at least {limit}"),
    "max_value": ("{field} : {actual}, {limit} au maximum",
                  "{field}: {actual}, at most {limit}"),
    "positive": ("{field} : {actual}, doit être supérieur à 0",
                 "{field}: {actual}, must be greater than 0"),
    "phone_format": ("{field} : « {actual} » n'est pas un numéro de téléphone",
                     "{field}: '{actual}' is not a phone number"),
    "email_format": ("{field} : « {actual} » n'est pas une adresse e-mail",
                     "{field}: '{actual}' is not an e-mail address"),
    "unknown_service": ("{field} : service inconnu « {actual} »",
                        "{field}: unknown service '{actual}'"),
    "unknown_key": ("{field} : clé inconnue « {actual} »", "{field}: unknown key '{actual}'"),
    "wrong_type": ("{field} : type {actual}, {limit} attendu",
                   "{field}: {actual} given, {limit} expected"),
    "not_found": ("{field} : {actual} introuvable", "{field}: {actual} not found"),
    "file_unreadable": ("{field} : impossible de lire {actual} ({limit})",
                        "{field}: cannot read {actual} ({limit})"),
    "invalid_json": ("{field} : JSON invalide ({actual})", "{field}: invalid JSON ({actual})"),
    "check_digit": ("{field} : chiffre de contrôle faux dans {actual}",
                    "{field}: wrong check digit in {actual}"),
    "s10_format": ("{field} : « {actual} » n'est pas un numéro S10 (2 lettres, 9 chiffres, 2 lettres)",
                   "{field}: '{actual}' is not an S10 number (2 letters, 9 digits, 2 letters)"),
    "range_exhausted": ("{field} : plage de numéros épuisée ({limit})",
                        "{field}: number range exhausted ({limit})"),
    "invalid_transition": ("{field} : passage de {actual} à {limit} impossible",
                           "{field}: cannot go from {actual} to {limit}"),
    "no_punctuation": ("{field} : pas de ponctuation à partir de la ligne 4 ({actual})",
                       "{field}: no punctuation from line 4 on ({actual})"),
}


def describe(v: Violation, lang: str = "fr") -> str:
    fr, en = _TEMPLATES.get(v.rule, ("{field} : règle {rule} (limite {limit}, valeur {actual})",
                                     "{field}: rule {rule} (limit {limit}, value {actual})"))
    text = (fr if lang == "fr" else en).format(
        field=v.field or "—", rule=v.rule, limit=v.limit, actual=v.actual)
    if v.source:  # sources may already be bracketed article refs such as "[C 4.3]"
        text += f" {v.source}" if v.source.startswith("[") else f" [{v.source}]"
    return text


def register_templates(templates: dict[str, tuple[str, str]]) -> None:
    """Lets other core modules (carrier rules, customs) add their rule messages."""
    _TEMPLATES.update(templates)
