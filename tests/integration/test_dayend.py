"""Closing the day (issue 13 Deliver 3): slips per carrier, barcode decoded back by an
outside decoder, parcels deposited only once the files exist, reruns give the same slip."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from desktop.domain.carriers.catalogue import default_catalogue
from desktop.domain.ports import HistoryQuery
from desktop.domain.shipment import ShipmentStatus
from desktop.printing.deposit_slip import render_deposit_slip
from desktop.services.admission import AdmissionService
from desktop.services.clock import FixedClock
from desktop.services.contract_tables import ContractStore
from desktop.services.dayend import DELIVENGO_ITEMS, SLIP, DayEndService
from desktop.storage.db import open_database
from tests.integration.cli_helpers import EXAMPLES, run_in_process, write_json
from tests.unit.test_carrier_helpers import shipment

PARCELS = [("6A15984040331", 1250, "Mme Marie Dupont", {}),
           ("6A15984040332", 830, "M. Éric Lefèvre", {"registered": "R2",
                                                       "advice_of_delivery": True}),
           ("6A15984040333", 2475, "Société Ångström", {"insurance_eur": "1000"})]


def barcodes(pdf_path, dpi=200) -> list[str]:
    """What zxing-cpp reads on each page rasterised by pdfium (an outside decoder)."""
    doc = pdfium.PdfDocument(str(pdf_path))
    found = []
    for page in doc:
        image = page.render(scale=dpi / 72).to_pil()
        found += [(r.format.name, r.text) for r in zxingcpp.read_barcodes(image)]
    return found


def test_dayend_three_colissimo_parcels(comptoir_home, tmp_path, capsys):
    base = json.loads((EXAMPLES / "colissimo-france.json").read_text(encoding="utf-8"))
    for number, weight, name, options in PARCELS:
        data = {**base, "tracking_number": number, "parcel": {**base["parcel"], "weight_g": weight},
                "recipient": {**base["recipient"], "name": name},
                "options": {**base["options"], **options}}
        code, out, err = run_in_process(capsys, "ship", str(write_json(tmp_path, data)), "--json")
        assert code == 0, err
    out_dir = tmp_path / "day"
    code, out, err = run_in_process(capsys, "dayend", "--out", str(out_dir), "--account",
                                    "812345", "--json")
    assert code == 0, err
    report = json.loads(out)
    [slip] = report["slips"]
    assert slip["carrier"] == "colissimo" and slip["parcels"] == 3
    assert slip["total_weight_g"] == 1250 + 830 + 2475
    # vignettes to check [C 5.3, 6]: postage 2 + 1 + 3; NM/insurance 2 (1 000 €); R2; AR
    assert slip["vignettes"] == {"postage": 6, "nm_insurance": 2, "R2": 1, "AR": 1}
    assert sorted(report["deposited"]) == [p[0] for p in PARCELS]
    pdf = out_dir / f"{slip['number']}.pdf"
    assert report["files"] == [str(pdf)]
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = text.replace(" ", "")
    for number, *_ in PARCELS:
        assert number in flat
    assert "4,555kg" in flat and "812345" in text and "Ångström" in text
    assert "pas un numéro du transporteur" in text  # our own document number
    for dpi in (150, 200, 300):  # a scan at common resolutions reads the slip number
        assert ("Code128", slip["number"]) in barcodes(pdf, dpi), dpi
    # the parcels are deposited
    code, out, _ = run_in_process(capsys, "history", "--json")
    assert {s["status"] for s in json.loads(out)["shipments"]} == {"deposited"}
    # a second run deposits nothing and writes the same slip again (nothing doubled)
    code, out, _ = run_in_process(capsys, "dayend", "--out", str(out_dir), "--json")
    again = json.loads(out)
    assert again["closed_before"] and again["deposited"] == []
    assert [s["number"] for s in again["slips"]] == [slip["number"]]


@pytest.fixture
def db(db_url):  # SQLite and PostgreSQL (tests/engines.py, issue 14)
    database = open_database(db_url)
    yield database
    database.close()


NOW = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def service(db, clock=None):
    admission = AdmissionService(default_catalogue(), ContractStore())
    return DayEndService(shipments=db.shipments, catalogue=default_catalogue(),
                         clock=clock or FixedClock(NOW), render_slip=render_deposit_slip,
                         vignettes_of=lambda s: admission.check(
                             s, confirmed_contents=True).vignettes,
                         transaction=db.transaction)


def stored(db, service_id, number, created=NOW, **kw):
    s = shipment(service_id, tracking_number=number, created_at=created, updated_at=created,
                 status=ShipmentStatus.PRINTED, printed_at=created, **kw)
    return db.shipments.add(s)


def statuses(db):
    return {s.tracking_number: s.status for s in db.shipments.search(HistoryQuery(limit=100))}


def test_publish_failure_deposits_nothing(db):
    stored(db, "colissimo-domicile-france", "6A15984040331")

    def fail(_documents):
        raise OSError("disk full")

    with pytest.raises(OSError):
        service(db).close_day(NOW.date(), publish=fail)
    assert statuses(db) == {"6A15984040331": ShipmentStatus.PRINTED}


def test_a_parcel_voided_meanwhile_stops_the_whole_closing(db):
    stored(db, "colissimo-domicile-france", "6A15984040331")
    second = stored(db, "colissimo-domicile-france", "6A15984040332")
    from desktop.domain.errors import ValidationFailed

    def void_one(_documents):  # another station voids a parcel while the files are written
        db.shipments.update(second.moved_to(ShipmentStatus.VOIDED, NOW))

    with pytest.raises(ValidationFailed):
        service(db).close_day(NOW.date(), publish=void_one)
    assert statuses(db)["6A15984040331"] is ShipmentStatus.PRINTED  # rolled back


def test_one_slip_per_carrier_with_delivengo_items_and_expired_nova_post_label(db):
    stored(db, "colissimo-domicile-france", "6A15984040331")
    stored(db, "delivengo-profil-tracked", "LD037468675FR", to="GB", with_customs=True)
    old = NOW - timedelta(days=15)  # Nova Post label valid 14 days [N 4.3.4]
    stored(db, "novapost-parcel", "20450000000001", created=old)
    published = []
    result = service(db).close_day(NOW.date(), publish=published.extend)
    assert sorted(s.carrier for s in result.day_end.slips) == \
        ["colissimo", "laposte-delivengo", "novapost"]
    kinds = sorted((d.kind, d.carrier) for d in published)
    assert kinds == [(DELIVENGO_ITEMS, "laposte-delivengo"), (SLIP, "colissimo"),
                     (SLIP, "laposte-delivengo"), (SLIP, "novapost")]
    [items] = [d for d in published if d.kind == DELIVENGO_ITEMS]
    rows = list(csv.DictReader(io.StringIO(items.payload.decode("utf-8"))))
    assert [(r["tracking_number"], r["recipient_country"], r["weight_g"]) for r in rows] == \
        [("LD037468675FR", "GB", "1000")]
    [warning] = result.day_end.warnings
    assert warning.rule == "label_expired_at_deposit" and "20450000000001" in warning.field
    assert warning.source == "[N 4.3.4]"
    assert set(statuses(db).values()) == {ShipmentStatus.DEPOSITED}


def test_drafts_are_not_on_the_slip_and_are_reported(db):
    stored(db, "colissimo-domicile-france", "6A15984040331")
    draft = shipment("colissimo-domicile-france", tracking_number="6A15984040332",
                     created_at=NOW, updated_at=NOW)  # stored, label never printed
    db.shipments.add(draft)
    day_end = service(db).prepare(NOW.date())
    assert [line.tracking_number for s in day_end.slips for line in s.lines] == ["6A15984040331"]
    [w] = day_end.warnings
    assert (w.rule, w.actual, w.limit) == ("drafts_left", 1, "6A15984040332")
    assert "pas encore imprimée" in w.describe("fr")


def test_carrier_filter_and_rerun_number(db):
    first = stored(db, "colissimo-domicile-france", "6A15984040331")
    stored(db, "delivengo-profil-tracked", "LD037468675FR", to="GB", with_customs=True)
    svc = service(db)
    prepared = svc.prepare(NOW.date(), "colissimo")
    [slip] = prepared.slips
    assert slip.number == f"BD-COL-20261130-{first.id:06d}"
    assert svc.prepare(NOW.date(), "colissimo").slips[0].number == slip.number  # stable
    svc.close_day(NOW.date(), "colissimo", publish=lambda docs: None)
    assert statuses(db) == {"6A15984040331": ShipmentStatus.DEPOSITED,
                            "LD037468675FR": ShipmentStatus.PRINTED}
    closed = svc.closed_slips(NOW.date(), "colissimo")
    assert closed.closed and [s.number for s in closed.slips] == [slip.number]
    assert svc.closed_slips(date(2026, 11, 29)).slips == ()


def test_slip_pdf_pages_and_totals_for_many_parcels(db):
    for n in range(45):
        stored(db, "colissimo-domicile-france", f"6A159840{n:05d}", weight_g=1000 + n)
    [slip] = service(db).prepare(NOW.date()).slips
    pdf = render_deposit_slip(slip)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 3  # 20 rows a page
    last = reader.pages[-1].extract_text()
    assert "45 colis" in last and f"{slip.total_weight_g / 1000:.3f}".replace(".", ",") in last
    assert render_deposit_slip(replace(slip)) == pdf  # deterministic bytes


def test_cli_unwritable_folder_marks_nothing_and_says_why(comptoir_home, tmp_path, capsys):
    data = json.loads((EXAMPLES / "colissimo-france.json").read_text(encoding="utf-8"))
    code, _, err = run_in_process(capsys, "ship", str(write_json(tmp_path, data)), "--json")
    assert code == 0, err
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    code, out, err = run_in_process(capsys, "dayend", "--out", str(blocker / "day"))
    assert code == 1 and "aucun colis marqué déposé" in err and "Traceback" not in err
    code, out, _ = run_in_process(capsys, "history", "--json")
    assert [s["status"] for s in json.loads(out)["shipments"]] == ["printed"]
    code, out, err = run_in_process(capsys, "dayend", "--out", str(tmp_path / "ok"), "--json")
    assert code == 0 and json.loads(out)["deposited"] == [data["tracking_number"]]


def test_slip_shows_how_each_parcel_was_weighed(db):
    from desktop.domain.weighing import WeightSource

    stored(db, "colissimo-domicile-france", "6A15984040331",
           weighing=WeightSource("scale", scale_id="sim-1", raw_frame="S S 1.250 kg"))
    stored(db, "colissimo-domicile-france", "6A15984040332",
           weighing=WeightSource.typed("banc-1", "balance en panne"))
    stored(db, "colissimo-domicile-france", "6A15984040333")  # from before the audit
    [slip] = service(db).prepare(NOW.date()).slips
    assert [line.weighing for line in slip.lines] == ["balance", "saisie", ""]
    text = PdfReader(io.BytesIO(render_deposit_slip(slip))).pages[0].extract_text()
    assert "Pesée" in text and "balance" in text and "saisie" in text
    plain = replace(slip, lines=tuple(replace(line, weighing="") for line in slip.lines))
    assert "Pesée" not in PdfReader(io.BytesIO(render_deposit_slip(plain))).pages[0].extract_text()
