"""Money as Decimal with an explicit ISO 4217 currency: never floats."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True, order=True)
class Money:
    amount: Decimal
    currency: str = "EUR"

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            object.__setattr__(self, "amount", parse_decimal(self.amount))

    def __add__(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.amount + other.amount, self.currency)

    def times(self, quantity: int) -> Money:
        return Money(self.amount * quantity, self.currency)

    def rounded(self) -> Money:
        return Money(self.amount.quantize(CENT), self.currency)

    def __str__(self) -> str:
        return f"{self.amount.quantize(CENT)} {self.currency}"


def parse_decimal(value: object) -> Decimal:
    """Parses '12.50', '12,50' or an int; refuses floats (binary rounding), exponents
    ("1e999999"), amounts beyond `input_rules.MAX_AMOUNT` and junk (ValueError)."""
    from desktop.domain.input_rules import parse_amount

    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a decimal amount: {value!r}")
        return value
    result, problem = parse_amount("amount", value)
    if problem:
        raise ValueError(problem.describe("en"))
    return result
