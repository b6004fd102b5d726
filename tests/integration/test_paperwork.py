"""Carrier paperwork (issue 13 Deliver 4): the CN 07 for the AR option [C 4.3, 5.3] and the
cash-on-delivery sheet ([C 4.3, 5.3, 7], [N 11.3])."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import UTC, datetime

import pypdfium2 as pdfium
import zxingcpp
from pypdf import PdfReader

from desktop.app import paperwork_renderers
from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.paperwork import advice_of_delivery, cash_on_delivery
from desktop.services.paperwork import CN07, COD, paperwork
from tests.integration.cli_helpers import EXAMPLES, run_in_process, write_json
from tests.unit.test_carrier_helpers import shipment

cat = default_catalogue()
CS = "colissimo-domicile-france-signature"
WHEN = datetime(2026, 11, 30, 10, tzinfo=UTC)


def numbered(service_id, number, **kw):
    return replace(shipment(service_id, **kw), tracking_number=number, created_at=WHEN)


def text_of(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_cn07_only_with_the_ar_option_on_a_service_that_has_it():
    assert advice_of_delivery(numbered(CS, "6A15984040331"), cat.get(CS)) is None
    ar = numbered(CS, "6A15984040331", options={"advice_of_delivery": True, "registered": "R2"})
    advice = advice_of_delivery(ar, cat.get(CS))
    assert (advice.item_number, advice.registered, advice.posting_date.isoformat()) == \
        ("6A15984040331", "R2", "2026-11-30")
    # the service without signature offers no option [C 4.3]
    plain = "colissimo-domicile-france"
    assert advice_of_delivery(replace(ar, service_id=plain), cat.get(plain)) is None


def test_cn07_pdf_card_two_sides_particulars_and_no_barcode():
    ar = numbered("colissimo-expert-international", "CE123456785FR", to="DE",
                  with_customs=True, options={"advice_of_delivery": True})
    [doc] = paperwork(ar, cat, paperwork_renderers())
    assert doc.kind == CN07 and doc.filename == "CE123456785FR-CN07.pdf"
    reader = PdfReader(io.BytesIO(doc.payload))
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 105)
    text = text_of(doc.payload)
    for expected in ("CN 07", "Renvoyer à / Return to", "Atelier Dupont", "CE 123 456 785 FR",
                     "Hans Muster", "30/11/2026", "Signature du destinataire",
                     "PAR AVION / BY AIRMAIL"):
        assert expected in text, expected
    # nothing on the parcel that could disturb sorting [C 5.3]: no barcode on the card
    doc_ = pdfium.PdfDocument(doc.payload)
    assert all(not zxingcpp.read_barcodes(p.render(scale=300 / 72).to_pil()) for p in doc_)


def test_colissimo_cod_sheet_points_to_the_approved_form():
    s = numbered(CS, "6A15984040331", options={"cod_eur": "950.00"})
    cod = cash_on_delivery(s, cat.get(CS), "FR76 3000 6000 0112 3456 7890 189")
    assert [n[2] for n in cod.notices] == ["[C 5.3]", "[C 4.3]", "[C 7]"]  # > 800 € [C 7]
    small = cash_on_delivery(replace(s, options={"cod_eur": "120"}), cat.get(CS))
    assert "[C 7]" not in [n[2] for n in small.notices]
    [doc] = paperwork(s, cat, paperwork_renderers(),
                      bank_account="FR76 3000 6000 0112 3456 7890 189")
    text = text_of(doc.payload)
    assert doc.kind == COD and "950.00 EUR" in text and "FR76 3000" in text
    assert "pas le formulaire homologué" in text and "Marie Martin" in text


def test_nova_post_cod_sheet_and_none_for_delivengo():
    s = numbered("novapost-parcel", "20450000000001", options={"cod_eur": "75.50"})
    cod = cash_on_delivery(s, cat.get("novapost-parcel"))
    assert cod.source == "[N 11.3]" and cod.amount_eur == 75.5
    assert "[N 11.3]" in text_of(paperwork(s, cat, paperwork_renderers())[0].payload)
    dl = numbered("delivengo-profil-tracked", "LD037468675FR", to="GB",
                  options={"cod_eur": "10"})
    assert cash_on_delivery(dl, cat.get("delivengo-profil-tracked")) is None


def test_cli_paperwork(comptoir_home, tmp_path, capsys):
    data = json.loads((EXAMPLES / "colissimo-france.json").read_text(encoding="utf-8"))
    data["options"].update({"advice_of_delivery": True, "cod_eur": "200"})
    code, out, err = run_in_process(capsys, "ship", str(write_json(tmp_path, data)), "--json")
    assert code == 0, err
    code, out, err = run_in_process(capsys, "paperwork", data["tracking_number"], "--out",
                                    str(tmp_path / "pw"), "--json")
    assert code == 0, err
    kinds = [d["kind"] for d in json.loads(out)["documents"]]
    assert kinds == [CN07, COD]
    assert (tmp_path / "pw" / f"{data['tracking_number']}-CN07.pdf").is_file()
