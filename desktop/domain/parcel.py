"""Parcels in integer grams and millimetres: no floats, no unit strings."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.errors import Violation

MAX_PLAUSIBLE_WEIGHT_G = 1_000_000  # 1 000 kg: Nova Post cargo ceiling [N 2.1.3]
MAX_PLAUSIBLE_SIDE_MM = 3_000  # 300 cm: Nova Post cargo longest side [N 2.1.3]


@dataclass(frozen=True)
class Parcel:
    weight_g: int
    length_mm: int | None = None
    width_mm: int | None = None
    height_mm: int | None = None

    @property
    def dimensions_mm(self) -> tuple[int, int, int] | None:
        dims = (self.length_mm, self.width_mm, self.height_mm)
        if any(d is None for d in dims):
            return None
        return tuple(sorted(dims, reverse=True))  # type: ignore[return-value]

    @property
    def weight_kg_text(self) -> str:
        return format_kg(self.weight_g)


def format_kg(grams: int, lang: str = "fr") -> str:
    """'1,250 kg' — the locale's decimal sign, three decimals (gram precision); the same
    text on screen and on the label (desktop/domain/formatting.py)."""
    from desktop.domain.formatting import kg

    return kg(grams, lang)


def validate_parcel(parcel: Parcel) -> list[Violation]:
    out: list[Violation] = []
    if not isinstance(parcel.weight_g, int) or isinstance(parcel.weight_g, bool):
        out.append(Violation("weight_g", "not_a_number", actual=parcel.weight_g))
    elif parcel.weight_g <= 0:
        out.append(Violation("weight_g", "positive", limit=0, actual=parcel.weight_g))
    elif parcel.weight_g > MAX_PLAUSIBLE_WEIGHT_G:
        out.append(Violation("weight_g", "max_value", limit=MAX_PLAUSIBLE_WEIGHT_G,
                             actual=parcel.weight_g, source="[N 2.1.3]"))
    for name in ("length_mm", "width_mm", "height_mm"):
        value = getattr(parcel, name)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            out.append(Violation(name, "not_a_number", actual=value))
        elif value <= 0:
            out.append(Violation(name, "positive", limit=0, actual=value))
        elif value > MAX_PLAUSIBLE_SIDE_MM:
            out.append(Violation(name, "max_value", limit=MAX_PLAUSIBLE_SIDE_MM, actual=value,
                                 source="[N 2.1.3]"))
    return out


def parse_int_field(field_name: str, text: object) -> tuple[int | None, Violation | None]:
    """Reads a whole number typed by a person ('1 250' is fine, '1.2kg' is not)."""
    if isinstance(text, bool):
        return None, Violation(field_name, "not_a_number", actual=text)
    if isinstance(text, int):
        return text, None
    cleaned = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if cleaned.lstrip("-").isdigit():
        return int(cleaned), None
    return None, Violation(field_name, "not_a_number", actual=str(text))
