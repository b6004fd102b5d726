"""The deposit slip's pure parts: our own slip number, vignette totals [C 5.3, 6], options."""

from __future__ import annotations

from datetime import date

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.carriers.weights import Vignettes
from desktop.domain.deposit_slip import format_weight_kg, slip_number, vignette_totals
from desktop.services.dayend import option_labels
from tests.unit.test_carrier_helpers import shipment

cat = default_catalogue()


def test_slip_number_is_ours_stable_and_ascii():
    number = slip_number("colissimo", date(2026, 11, 30), 123)
    assert number == "BD-COL-20261130-000123"
    assert slip_number("laposte-delivengo", date(2026, 1, 2), 7) == "BD-DLV-20260102-000007"
    assert slip_number("novapost", date(2026, 1, 2), 7).startswith("BD-NVP-")
    assert number.isascii() and "6A" not in number  # never shaped like a carrier number


def test_vignette_totals_add_up_parcels_in_a_fixed_order():
    per_parcel = [Vignettes(2, 2000, 0, ()), Vignettes(1, 1000, 1, ("R2", "AR")),
                  Vignettes(3, 5000, 2, ("CRBT",)), None]
    totals = vignette_totals(per_parcel)
    assert totals == {"postage": 6, "nm_insurance": 3, "R2": 1, "AR": 1, "CRBT": 1}
    assert list(totals) == ["postage", "nm_insurance", "R2", "AR", "CRBT"]
    assert vignette_totals([]) == {}


def test_option_labels_as_the_clerk_reads_them():
    cs = cat.get("colissimo-domicile-france-signature")
    s = shipment(cs.id, options={"registered": "R1", "advice_of_delivery": True,
                                 "cod_eur": "120", "shape": "roll"})
    assert option_labels(s, cs) == ("Signature", "R1", "AR", "CRBT 120.00 €", "NM")
    assert option_labels(s, cs, "en")[3] == "COD 120.00 €"
    np = cat.get("novapost-parcel")
    assert option_labels(shipment(np.id), np) == ("address-address",)
    assert format_weight_kg(4555) == "4,555 kg"
