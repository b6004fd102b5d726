"""Each carrier's claim rules with a frozen clock: last day to claim and days left, answer
due in working days (Colissimo, "jours ouvrés" [C 8.2 C]) or calendar days (Nova Post
[N 11.11.2]), no answer time for Delivengo [D 6.3], compensation [N 10.2], late credit
[C 4.2.2]. Expected dates are counted by hand on the 2026 calendar (Easter 5 April)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from pypdf import PdfReader

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.claim_terms import CALENDAR, WORKING, answer_due, claim_terms
from desktop.printing.claim_pdf import render_claim_pdf
from desktop.services.claims_form import build_claim_file
from desktop.services.clock import FixedClock
from tests.unit.test_carrier_helpers import RECIPIENTS, contract, shipment

cat = default_catalogue()
D = Decimal


def deposited(service_id, day, number, **kw):
    s = shipment(service_id, **kw)
    return replace(s, tracking_number=number,
                   deposited_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC))


def claim(s, clock, **kw):
    return build_claim_file(s, cat, today=clock.now().date(), contract=contract(), **kw)


def pdf_text(c, lang="fr"):
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_claim_pdf(c, lang))).pages)


def test_colissimo_deadline_days_left_and_answer_in_working_days():
    clock = FixedClock(datetime(2026, 3, 10, 9, tzinfo=UTC))  # Tuesday
    c = claim(deposited("colissimo-domicile-france-signature", date(2026, 3, 2),
                        "6A15984040331"), clock, account_number="812345")
    assert c.deadline == date(2027, 3, 2)  # 12 months [C 14]
    assert c.days_left == 357 and not c.too_late
    assert (c.terms.answer_days, c.terms.answer_unit) == (15, WORKING)
    # 15 jours ouvrés (Mon–Fri) after Tue 10 March: 11, 12, 13, 16–20, 23–27, 30, 31
    assert c.answer_due == date(2026, 3, 31)
    # across May's holidays: 1 and 8 May, Ascension 14 May, Whit Monday 25 May skipped
    assert answer_due(c.terms, date(2026, 4, 30)) == date(2026, 5, 27)
    clock.advance(days=400)
    late = claim(c.shipment, clock)
    assert late.too_late and late.days_left == 357 - 400
    text = pdf_text(c)
    assert "15 jours ouvrés" in text and "31/03/2026" in text and "357 jours restants" in text
    assert "[C 8.2 C]" in text and "[C 8.2 B]" in text


def test_colissimo_abroad_and_overseas_answer_times():
    clock = FixedClock(datetime(2026, 3, 10, 9, tzinfo=UTC))
    de = claim(deposited("colissimo-expert-international", date(2026, 3, 2), "CE123456785FR",
                         to="DE", with_customs=True), clock)
    assert de.deadline == date(2026, 9, 2)  # 6 months abroad [C 14]
    assert (de.answer_days, de.terms.answer_unit) == (30, WORKING)
    nc = claim(deposited("colissimo-domicile-outremer", date(2026, 3, 2), "6A15984040331",
                         to="NC"), clock)
    assert nc.deadline == date(2026, 9, 2) and nc.answer_days == 90  # OM2


def test_nova_post_calendar_days_compensation_and_its_own_checklist():
    clock = FixedClock(datetime(2026, 4, 30, 9, tzinfo=UTC))
    s = deposited("novapost-parcel", date(2026, 1, 15), "20450000000001",
                  options={"declared_value_eur": "120"})
    c = claim(s, clock, bank_account="FR76 3000 6000 0112 3456 7890 189")
    assert c.deadline == date(2026, 7, 15)  # 6 months from dispatch [N 11.10.1]
    assert c.days_left == 76
    assert (c.terms.answer_days, c.terms.answer_unit) == (30, CALENDAR)
    assert c.answer_due == date(2026, 5, 30)  # 30 calendar days, holidays count [N 11.11.2]
    # declared value 120 € + the price of the service, 15.00 € (prices.csv) [N 10.2]
    assert c.compensation == D("135.00") and c.indemnity is None
    items = {i.key: i for i in c.items}
    assert {"client", "subject", "defect", "fault", "remedy", "sworn_statement",
            "bank_account", "declared_value"} <= set(items)
    assert items["bank_account"].filled and items["bank_account"].source == "[N 10.2]"
    assert not items["sworn_statement"].filled  # the sender signs it
    assert items["subject"].value == "20450000000001 (15/01/2026)"
    assert "account" not in items and "first_sheet" not in items  # not Colissimo's list
    clock.advance(days=77)
    assert claim(s, clock).too_late
    text = pdf_text(c)
    assert "30 jours calendaires" in text and "135.00" in text and "support_fr@novapost.com" in text
    assert "[N 11.9.1, 10.2]" in text


def test_delivengo_email_channel_no_answer_time():
    clock = FixedClock(datetime(2026, 7, 31, 9, tzinfo=UTC))
    s = deposited("delivengo-profil-tracked", date(2026, 1, 31), "LD037468675FR", to="GB",
                  with_customs=True)
    c = claim(s, clock)
    assert c.deadline == date(2026, 7, 31) and c.days_left == 0 and not c.too_late
    assert c.answer_days is None and c.answer_due is None  # the terms give none [D 6.3]
    assert "asendia.delivengo@laposte.fr" in c.terms.channel("fr")
    items = {i.key: i for i in c.items}
    assert items["contact_email"].value == s.sender.email  # the answer goes there [D 6.3]
    assert items["parcel_number"].value == "LD037468675FR"
    assert c.indemnity is None and c.compensation is None
    clock.advance(days=1)
    assert claim(s, clock).too_late
    assert "non précisé" in pdf_text(c) and "not given by the terms" in pdf_text(c, "en")


def test_colissimo_late_delivery_credit_from_the_grid():
    clock = FixedClock(datetime(2026, 3, 10, 9, tzinfo=UTC))
    s = deposited("colissimo-domicile-france-signature", date(2026, 3, 2), "6A15984040331")
    # deposited Monday 2 March, delivered Friday 6 March: J+4 → 75 % [C 4.2.2]
    c = claim(s, clock, loss_or_damage=False, delivered=date(2026, 3, 6))
    assert (c.late_credit.days_taken, c.late_credit.percent) == (4, D(75))
    assert c.late_credit.amount == D("6.30")  # 75 % of 8.40 € (postage, no fuel, not NM)
    assert c.late_credit.deadline == date(2027, 3, 2)
    unknown = claim(s, clock, loss_or_damage=False)
    assert (unknown.late_credit.days_taken, unknown.late_credit.percent) == (None, D(25))
    # not a J+2 product: no credit
    om = claim(deposited("colissimo-domicile-outremer", date(2026, 3, 2), "6A15984040331",
                         to="GP"), clock, loss_or_damage=False)
    assert om.late_credit is None
    assert "Avoir retard J+4 : 75 % = 6.30 €" in pdf_text(c)


def test_terms_name_the_articles():
    fr = RECIPIENTS["FR"]
    assert claim_terms(cat.get("novapost-documents"), fr).answer_source == "[N 11.11.2]"
    assert claim_terms(cat.get("delivengo-profil-untracked"), fr).channel_source == "[D 6.3]"
    assert claim_terms(cat.get("colissimo-domicile-france"), fr).checklist_source == "[C 8.2 C]"


def test_nova_post_checklist_value_is_the_declared_value_compensated():
    """The checklist shows the value the compensation is computed from [N 10.1, 10.2]."""
    clock = FixedClock(datetime(2026, 4, 30, 9, tzinfo=UTC))
    s = deposited("novapost-parcel", date(2026, 1, 15), "20450000000001",
                  options={"declared_value_eur": "120"})  # customs total: 50 €
    c = claim(s, clock)
    items = {i.key: i for i in c.items}
    assert items["declared_value"].value == "120.00 €" and c.compensation == D("135.00")
