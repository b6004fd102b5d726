"""Chargeable weight (Nova Post volumetric), vignettes and the deposit check."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.carriers.weights import (
    chargeable_weight_g,
    covered_weight_g,
    deposit_check,
    postage_vignettes,
    volumetric_weight_g,
)
from desktop.domain.parcel import Parcel
from tests.unit.test_carrier_helpers import contract, shipment, verdict

sides = st.integers(min_value=1, max_value=3000)


@given(sides, sides, sides, st.integers(min_value=1, max_value=1_000_000))
def test_volumetric_weight_is_lwh_over_4000(ln, w, h, weight):
    parcel = Parcel(weight, ln, w, h)
    vol = volumetric_weight_g(parcel)
    # grams = L × W × H (mm) / 4 000, rounded up [N 4.2.4]
    assert vol * 4000 >= ln * w * h > (vol - 1) * 4000
    assert volumetric_weight_g(Parcel(weight, h, ln, w)) == vol  # order of sides is irrelevant
    np = default_catalogue().get("novapost-parcel")
    assert chargeable_weight_g(np, parcel) == max(weight, vol)
    colissimo = default_catalogue().get("colissimo-domicile-france")
    assert chargeable_weight_g(colissimo, parcel) == weight  # Colissimo charges actual weight


def test_volumetric_example_in_centimetres():
    # 50 × 40 × 30 cm / 4 000 = 15 kg [N 4.2.4]
    assert volumetric_weight_g(Parcel(2000, 500, 400, 300)) == 15000
    assert volumetric_weight_g(Parcel(2000)) is None


def test_verdict_reports_chargeable_weight():
    v = verdict(shipment("novapost-parcel", weight_g=2000, dims=(500, 400, 300)))
    assert v.chargeable_weight_g == 15000


def test_vignette_grid_and_deposit_check():
    c = contract()
    assert postage_vignettes(1000, "FR", c)[:2] == (1, 1000)
    assert postage_vignettes(1001, "FR", c)[:2] == (2, 2000)
    assert postage_vignettes(30001, "FR", c) is None
    assert covered_weight_g(2, "FR", c) == 2000
    assert deposit_check(2000, 2, "FR", c) is None
    problem = deposit_check(2001, 2, "FR", c)
    assert (problem.rule, problem.limit, problem.actual) == ("vignettes_insufficient", 2000, 2001)


def test_verdict_counts_vignettes_and_refuses_short_postage():
    s = shipment("colissimo-domicile-france-signature", weight_g=1500,
                 options={"insurance_eur": "1000", "advice_of_delivery": True,
                          "vignettes_applied": 1})
    v = verdict(s)
    assert v.vignettes.postage == 2 and v.vignettes.covered_g == 2000
    assert v.vignettes.nm_insurance == 2 and v.vignettes.options == ("AR",)
    assert [x.rule for x in v.refusals] == ["vignettes_insufficient"]
