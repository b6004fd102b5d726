"""Typed validation errors that name the field, the rule broken and the limit.

Every refusal in the core is a `Violation`; a use case collects all of them and raises
one `ValidationFailed`, so the clerk sees every problem at once, not one per attempt.
Rule ids (`Rule`), severities (`Severity`) and the French/English texts live in the one
static catalogue `desktop.domain.messages`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.domain.messages import Rule, Severity, field_label, render

__all__ = ["Collector", "DomainError", "FieldPath", "NotFound", "Rule", "Severity",
           "StorageFailed", "ValidationFailed", "Violation", "unique_violations"]


class FieldPath(str):
    """A dotted field path: "recipient.postcode", "customs.items[2].hs_code", "row 4.sku"."""

    __slots__ = ()

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.split(".")) if self else ()

    @property
    def last(self) -> str:
        return self.rsplit(".", 1)[-1]

    def under(self, prefix: str) -> FieldPath:
        """This path inside `prefix` ("postcode" under "recipient")."""
        if not prefix:
            return self
        return FieldPath(f"{prefix}.{self}" if self else prefix)

    def label(self, lang: str = "fr") -> str:
        return field_label(self, lang)


@dataclass(frozen=True)
class Violation:
    field: FieldPath  # dotted path, e.g. "recipient.postcode" or "customs.items[2].hs_code"
    rule: Rule  # a catalogue rule id; a plain string is converted (an unknown one is refused)
    limit: object = None  # the limit broken, if any (38, "ISO 3166-1 alpha-2", …)
    actual: object = None  # the offending value or measure
    source: str = ""  # where the rule comes from: "NF Z10-011", "[C 4.3]", …
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        object.__setattr__(self, "field", FieldPath(self.field or ""))
        object.__setattr__(self, "rule", Rule(self.rule))
        object.__setattr__(self, "severity", Severity(self.severity))

    def describe(self, lang: str = "fr", *, label: str | None = None) -> str:
        """The sentence, the field named by its on-screen label (or by `label`)."""
        return render(self.rule, self.field, self.limit, self.actual, self.source, lang,
                      label=label)


class DomainError(Exception):
    """Base of the refusals raised by the core."""


class ValidationFailed(DomainError):
    def __init__(self, violations: Iterable[Violation]):
        self.violations: tuple[Violation, ...] = tuple(violations)
        super().__init__("; ".join(v.describe("en") for v in self.violations))

    def describe(self, lang: str = "fr") -> str:
        return "\n".join(v.describe(lang) for v in self.violations)


class StorageFailed(DomainError):
    """The database could not do what was asked (damaged, read-only, locked, unreachable);
    nothing was changed. `violation` says which and what to do."""

    def __init__(self, violation: Violation):
        self.violation = violation
        super().__init__(violation.describe("en"))

    def describe(self, lang: str = "fr") -> str:
        return self.violation.describe(lang)


class DatabaseUnreachable(DomainError):
    """The shared database server did not answer (stopped, network down): nothing was
    stored; the caller keeps what the clerk typed and tries again later."""


class AlreadySaved(DomainError):
    """This offline draft's shipment is stored already (its save committed, the journal
    entry was not removed): `shipment` is that one; nothing more was saved."""

    def __init__(self, shipment: object):
        self.shipment = shipment
        super().__init__(f"draft already saved as shipment {getattr(shipment, 'id', '?')}")


class NotFound(DomainError):
    def __init__(self, what: str, key: object):
        self.what, self.key = what, key
        super().__init__(f"{what} {key!r} not found")


@dataclass
class Collector:
    """Gathers violations while a validator walks an object."""

    violations: list[Violation] = field(default_factory=list)

    def add(self, field_: str, rule: Rule | str, limit: object = None, actual: object = None,
            source: str = "", severity: Severity | str = Severity.ERROR) -> None:
        self.violations.append(Violation(field_, rule, limit, actual, source, severity))

    def extend(self, violations: Iterable[Violation], prefix: str = "") -> None:
        for v in violations:
            self.violations.append(Violation(v.field.under(prefix), v.rule, v.limit, v.actual,
                                             v.source, v.severity))

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == Severity.ERROR]

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
