"""The claim-file checklist PDF carries the shipment's data (text extracted back)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

from pypdf import PdfReader

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.printing.claim_pdf import render_claim_pdf
from desktop.services.claims_form import build_claim_file
from tests.unit.test_carrier_helpers import shipment


def _claim():
    s = replace(shipment("colissimo-domicile-france-signature", weight_g=2000,
                         options={"declared_value_eur": "120"}),
                tracking_number="6A15984040331",
                deposited_at=datetime(2024, 6, 4, 9, 0, tzinfo=UTC))
    return build_claim_file(s, default_catalogue(), account_number="812345")


def test_claim_file_deadline_and_indemnity():
    claim = _claim()
    assert claim.deadline.isoformat() == "2025-06-04"
    assert claim.answer_days == 15
    assert str(claim.indemnity.amount) == "66.00"  # min(120 €, 33 €/kg × 2 kg)
    assert not claim.complete  # description and invoice still to supply


def test_pdf_contains_prefilled_values_and_is_deterministic():
    claim = _claim()
    pdf = render_claim_pdf(claim, "fr")
    assert pdf == render_claim_pdf(claim, "fr")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in ("Dossier de réclamation", "6A15984040331", "812345", "04/06/2025",
                     "04/06/2024", "LYON", "66.00 €", "[C 8.2 C]"):
        assert expected in text, expected
    english = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        render_claim_pdf(claim, "en"))).pages)
    assert "Claim file" in english and "to be supplied" in english
