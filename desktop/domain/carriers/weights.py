"""Chargeable weight, Colissimo non-mechanisable detection and postage vignettes.

All in integer grams and millimetres. Nova Post charges max(actual, volumetric) with
volumetric kg = L × W × H (cm) / 4 000 [N 4.2.4], i.e. grams = L × W × H (mm) / 4 000.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.carriers.contract import Contract
from desktop.domain.errors import Violation
from desktop.domain.parcel import Parcel

NOVAPOST_DIVISOR = 4000  # [N 4.2.4] cm³ per kg


def volumetric_weight_g(parcel: Parcel, divisor: int = NOVAPOST_DIVISOR) -> int | None:
    """L × W × H (mm) / divisor in grams, rounded up to the gram; None without dimensions."""
    dims = parcel.dimensions_mm
    if dims is None:
        return None
    volume = dims[0] * dims[1] * dims[2]
    return -(-volume // divisor)  # ceiling: a started gram counts


def chargeable_weight_g(service, parcel: Parcel) -> int:
    """Actual weight, or max(actual, volumetric) for services that charge volume [N 4.2.2]."""
    if not service.volumetric_divisor:
        return parcel.weight_g
    volumetric = volumetric_weight_g(parcel, service.volumetric_divisor)
    return max(parcel.weight_g, volumetric or 0)


def roll_measures(parcel: Parcel) -> tuple[int, int] | None:
    """(length, diameter) of a roll: the longest side and the larger of the two others."""
    dims = parcel.dimensions_mm
    return (dims[0], dims[1]) if dims else None


def nm_reasons(service_id: str, parcel: Parcel, shape: str, flagged: bool,
               contract: Contract) -> list[Violation]:
    """Why a Colissimo parcel is non-mechanisable (empty list: mechanisable) [C 5.1]."""
    out: list[Violation] = []
    if shape == "roll":
        out.append(Violation("options.shape", "nm_roll", actual="roll", source="[C 5.1.2]",
                             severity="warning"))
    elif shape in ("irregular", "envelope"):
        out.append(Violation("options.shape", "nm_shape", actual=shape, source="[C 5.1.1]",
                             severity="warning"))
    if flagged:
        out.append(Violation("options.non_mechanisable", "nm_declared", actual=True,
                             source="[C 5.1.2]", severity="warning"))
    dims = parcel.dimensions_mm
    if dims is None or shape == "roll":
        return out
    length, width, height = dims
    checks = (("mech_min_length_mm", length, "parcel.length_mm", "nm_too_small", min),
              ("mech_min_width_mm", width, "parcel.width_mm", "nm_too_small", min),
              ("mech_min_height_mm", height, "parcel.height_mm", "nm_too_small", min),
              ("mech_max_length_mm", length, "parcel.length_mm", "nm_too_long", max),
              ("mech_max_sum_mm", length + width + height, "parcel.sum_of_sides_mm",
               "nm_too_big", max))
    for rule, actual, field_, rule_id, kind in checks:
        row = contract.dimension(service_id, rule)
        if row is None:
            continue
        limit, source = row
        broken = actual < limit if kind is min else actual > limit
        if broken:
            out.append(Violation(field_, rule_id, limit=limit, actual=actual, source=source,
                                 severity="warning"))
    return out


@dataclass(frozen=True)
class Vignettes:
    """Vignettes to stick on a Colissimo parcel [C 4.3, 5.1.2, 5.3]."""

    postage: int  # weight vignettes from the grid
    covered_g: int  # the weight those vignettes cover
    nm_insurance: int  # "non-mécanisable / assurance" vignettes (NM: 1, insurance: 1 per 500 €)
    options: tuple[str, ...]  # R1/R2/R3, AR, CRBT
    source: str = ""

    def as_dict(self) -> dict:
        return {"postage": self.postage, "covered_g": self.covered_g,
                "nm_insurance": self.nm_insurance, "options": list(self.options),
                "source": self.source}


def postage_vignettes(weight_g: int, zone: str, contract: Contract) -> tuple[int, int, str] | None:
    """(vignettes, weight covered, source) for the first grid band holding `weight_g`."""
    for max_g, count, source in contract.vignette_grid(zone):
        if weight_g <= max_g:
            return count, max_g, source
    return None


def covered_weight_g(vignettes: int, zone: str, contract: Contract) -> int:
    """The weight that `vignettes` postage vignettes cover (0 if fewer than the first band)."""
    covered = 0
    for max_g, count, _ in contract.vignette_grid(zone):
        if count <= vignettes:
            covered = max(covered, max_g)
    return covered


def deposit_check(weight_g: int, vignettes_applied: int, zone: str,
                  contract: Contract) -> Violation | None:
    """At deposit the parcel is weighed and refused if heavier than its vignettes cover [C 6]."""
    covered = covered_weight_g(vignettes_applied, zone, contract)
    if weight_g > covered:
        return Violation("options.vignettes_applied", "vignettes_insufficient", limit=covered,
                         actual=weight_g, source="[C 5.3, 6]")
    return None
