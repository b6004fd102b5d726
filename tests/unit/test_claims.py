"""Indemnities [C 8.1], late credit [C 4.2.2], deadlines [C 14], [D 6.3], [N 11.10]."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from desktop.domain import claims
from desktop.domain.carriers.catalogue import default_catalogue
from tests.unit.test_carrier_helpers import RECIPIENTS, shipment

cat = default_catalogue()
CS = cat.get("colissimo-domicile-france-signature")
CF = cat.get("colissimo-domicile-france")
EI = cat.get("colissimo-expert-international")
OM = cat.get("colissimo-domicile-outremer")
D = Decimal


def test_standard_indemnity_up_to_1kg_is_pro_rata():
    assert claims.indemnity(CS, {}, 500, D(100)).amount == D("16.50")  # 33 €/kg × 0.5
    assert claims.indemnity(CF, {}, 1000, D(100)).amount == D("23.00")


def test_standard_indemnity_over_1kg_value_capped():
    assert claims.indemnity(CS, {}, 2000, D(50)).amount == D(50)
    assert claims.indemnity(CS, {}, 2000, D(500)).amount == D(66)  # 33 €/kg × 2
    assert claims.indemnity(CS, {}, 30000, D(5000)).amount == D(990)
    assert claims.indemnity(CF, {}, 30000, D(5000)).amount == D(690)
    # without a purchase invoice: 70 % of the sale value
    assert claims.indemnity(CS, {}, 10000, D(100), purchase_invoice=False).amount == D(70)


def test_insured_and_registered():
    ins = claims.indemnity(CS, {"insurance_eur": "1000"}, 5000, D(1200))
    assert (ins.amount, ins.basis) == (D(1000), "insured")
    reg = claims.indemnity(CS, {"registered": "R2"}, 5000, D(1200))
    assert (reg.amount, reg.basis, reg.plus_postage) == (D(153), "registered", False)


def test_late_credit_grid():
    assert [claims.late_credit_percent(n) for n in (2, 3, 4, 5, 6, 9, None)] == \
        [0, 25, 75, 100, 125, 125, 25]
    # reference = 10 € + 10 % fuel + 25 € NM = 36 €; J+4 → 75 %
    assert claims.late_credit(D(10), D("0.10"), D(25), 4) == D("27.00")


def test_claim_deadlines_per_carrier_service_destination():
    deposit = date(2024, 1, 31)
    assert claims.claim_deadline(CS, RECIPIENTS["FR"], deposit) == date(2025, 1, 31)
    assert claims.claim_deadline(OM, RECIPIENTS["GP"], deposit) == date(2025, 1, 31)
    assert claims.claim_deadline(OM, RECIPIENTS["NC"], deposit) == date(2024, 7, 31)  # OM2
    assert claims.claim_deadline(EI, RECIPIENTS["DE"], deposit) == date(2024, 7, 31)
    dl = cat.get("delivengo-profil-tracked")
    assert claims.claim_deadline(dl, RECIPIENTS["GB"], deposit) == date(2024, 7, 31)
    np = cat.get("novapost-parcel")
    assert claims.claim_months(np, RECIPIENTS["UA"]) == 6
    assert claims.late_credit_deadline(RECIPIENTS["DE"], deposit) == date(2024, 7, 31)


def test_answer_days():
    assert claims.answer_days(CS, RECIPIENTS["FR"]) == 15
    assert claims.answer_days(EI, RECIPIENTS["DE"]) == 30
    assert claims.answer_days(OM, RECIPIENTS["GP"]) == 40
    assert claims.answer_days(OM, RECIPIENTS["NC"]) == 90
    assert claims.answer_days(cat.get("novapost-parcel"), RECIPIENTS["UA"]) == 30


def test_checklist_prefilled_from_shipment():
    s = replace(shipment("colissimo-expert-international", to="DE", with_customs=True),
                tracking_number="CE123456785FR",
                deposited_at=datetime(2024, 6, 4, 10, 0, tzinfo=UTC))
    items = {i.key: i for i in claims.claim_checklist(s, EI, account_number="812345")}
    assert items["parcel_number"].value == "CE123456785FR"
    assert items["acceptance_date"].value == "04/06/2024"
    assert items["account"].value == "812345"
    assert "BERLIN" in items["recipient"].value
    assert items["value"].value == "50.00 €"
    assert "cotton shirts" in items["description"].value
    assert not items["proof"].filled  # the clerk supplies it
