"""`comptoir ship` and `comptoir history` as a user runs them: a real process, a real SQLite
file, the file printer."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.domain.messages import field_label
from tests.integration.cli_helpers import EXAMPLES, run
from tests.integration.cli_helpers import write_json as write


def shipments_in(home: Path) -> int:
    db = home / "data" / "comptoir.sqlite3"
    if not db.exists():
        return 0
    with sqlite3.connect(db) as con:
        return con.execute("select count(*) from shipments").fetchone()[0]


def example(name="colissimo-france.json") -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def test_ship_prints_a_pdf_into_the_spool_and_history_finds_it(comptoir_home):
    done = run(comptoir_home, "ship", str(EXAMPLES / "colissimo-france.json"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    label = Path(report["output"])
    assert label.parent == comptoir_home / "data" / "spool" and label.suffix == ".pdf"
    assert label.read_bytes().startswith(b"%PDF")
    listed = run(comptoir_home, "history", "Dupont", "--json")
    rows = json.loads(listed.stdout)["shipments"]
    assert [r["tracking_number"] for r in rows] == [report["tracking_number"]]
    assert rows[0]["status"] == "printed"


def test_ship_to_a_zpl_file_printer_writes_the_tracking_number(comptoir_home, tmp_path):
    spool = tmp_path / "zpl-spool"
    done = run(comptoir_home, "ship", str(EXAMPLES / "delivengo-usa.json"), "--format", "zpl203",
               "--printer", spool.as_uri(), "--json")
    assert done.returncode == 0, done.stderr
    number = json.loads(done.stdout)["tracking_number"]
    zpl = next(spool.iterdir()).read_bytes()
    assert zpl.startswith(b"^XA") and number.encode() in zpl


@pytest.mark.parametrize("mutate,field,rule", [
    (lambda d: d["recipient"].pop("postcode"), "recipient.postcode", "required"),
    (lambda d: d["recipient"].update(lines=["1 rue " + "A" * 33]), "recipient.street", "max_length"),
    (lambda d: d["recipient"].update(country="ZZ"), "recipient.country", "unknown_country"),
    (lambda d: d["parcel"].update(weight_g=0), "parcel.weight_g", "positive"),
    (lambda d: d["parcel"].update(weight_g=-250), "parcel.weight_g", "positive"),
    (lambda d: d["parcel"].update(weight_g="1,2kg"), "parcel.weight_g", "wrong_type"),
])
def test_bad_input_is_refused_with_field_and_rule_and_nothing_is_stored(
        comptoir_home, tmp_path, mutate, field, rule):
    data = example()
    mutate(data)
    done = run(comptoir_home, "ship", str(write(tmp_path, data)), "--json")
    assert done.returncode == 3
    errors = json.loads(done.stdout)["errors"]
    assert (field, rule) in {(e["field"], e["rule"]) for e in errors}
    assert shipments_in(comptoir_home) == 0
    human = run(comptoir_home, "ship", str(write(tmp_path, data)))
    assert human.returncode == 3 and field_label(field) in human.stderr and "Refusé" in human.stderr
    assert shipments_in(comptoir_home) == 0


def test_a_39_character_line_is_refused_and_38_passes(comptoir_home, tmp_path):
    data = example()
    data["recipient"]["lines"] = ["12 RUE " + "B" * 31]  # 38 characters
    assert run(comptoir_home, "ship", str(write(tmp_path, data))).returncode == 0
    data["recipient"]["lines"] = ["12 RUE " + "B" * 32]  # 39 characters
    done = run(comptoir_home, "ship", str(write(tmp_path, data)), "--lang", "en")
    assert done.returncode == 3
    assert "Recipient, number and street: 39 characters, at most 38 [NF Z10-011]" in done.stderr
    assert shipments_in(comptoir_home) == 1


def test_unconfirmed_contents_checklist_is_a_refusal_until_confirmed(comptoir_home, tmp_path):
    data = example()
    data["options"] = {}
    path = write(tmp_path, data)
    refused = run(comptoir_home, "ship", str(path), "--json")
    assert refused.returncode == 3
    assert "options.contents_confirmed" in {e["field"] for e in json.loads(refused.stdout)["errors"]}
    assert run(comptoir_home, "ship", str(path), "--contents-confirmed").returncode == 0


def test_an_unreachable_printer_keeps_the_shipment_and_says_so(comptoir_home):
    done = run(comptoir_home, "ship", str(EXAMPLES / "colissimo-france.json"), "--format",
               "zpl203", "--printer", "tcp://127.0.0.1:9", "--json")
    assert done.returncode == 4
    report = json.loads(done.stdout)
    assert report["status"] == "draft" and report["error"]
    assert shipments_in(comptoir_home) == 1


def test_unknown_key_and_missing_file_are_clear(comptoir_home, tmp_path):
    data = example()
    data["parcel"]["weigth_g"] = 5
    done = run(comptoir_home, "ship", str(write(tmp_path, data)))
    assert done.returncode == 3 and "weigth_g" in done.stderr
    missing = run(comptoir_home, "ship", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "nope.json" in missing.stderr


def test_a_printer_not_ready_gets_nothing_the_shipment_is_kept_and_ship_exits_4(
        comptoir_home, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the spool folder should be")
    spool = (blocker / "spool").as_uri()
    done = run(comptoir_home, "ship", str(EXAMPLES / "delivengo-usa.json"), "--format",
               "zpl203", "--printer", spool, "--forms-printer", spool, "--json")
    assert done.returncode == 4, done.stderr
    report = json.loads(done.stdout)
    assert report["status"] == "draft" and report["state"] == "queued"
    assert "not ready" in report["error"] and "not a folder" in report["error"]
    assert [j["state"] for j in report["jobs"]] == ["queued"] * 3
    assert shipments_in(comptoir_home) == 1


def test_the_next_start_resends_queued_jobs_and_asks_about_interrupted_ones(comptoir_home,
                                                                            tmp_path):
    import socket

    from desktop.domain.printing import JobOutcome, LabelFormat, PrintJob
    from desktop.domain.tracking import make_s10
    from desktop.storage.db import open_database
    from tests.integration.helpers_storage import shipment

    spool = tmp_path / "spool"
    (spool).mkdir()
    debris = spool / ".20260101T000000.000000Z-LD1-label.zpl.999999-ab12cd34.part"
    debris.write_bytes(b"^XA half a label")
    db_path = comptoir_home / "data" / "comptoir.sqlite3"
    with open_database(f"sqlite:///{db_path}") as db:  # what a killed `ship` left behind
        saved = db.shipments.add(shipment(tracking_number=make_s10("LA", 1)))
        queued = db.print_jobs.add(PrintJob(spool.as_uri(), LabelFormat.ZPL203, b"^XA^XZ",
                                            shipment_id=saved.id, job_name="LD-label.zpl"))
        cut = db.print_jobs.add(PrintJob(spool.as_uri(), LabelFormat.PDF, b"%PDF-1.4",
                                         kind="cn22", shipment_id=saved.id))
        # Killed while sending it, on this machine (no such pid any more).
        db.print_jobs.claim(cut.id, f"{socket.gethostname()}:999999999")

    done = run(comptoir_home, "--lang", "en", "ship", str(EXAMPLES / "delivengo-usa.json"),
               "--printer", spool.as_uri(), "--format", "zpl203", "--forms-printer",
               spool.as_uri())
    assert done.returncode == 0, done.stderr
    assert f"did job {cut.id} (cn22, shipment {saved.id}) come out?" in done.stderr
    assert f"Job {queued.id} (label) left queued by the previous run: sent" in done.stderr
    with open_database(f"sqlite:///{db_path}") as db:
        assert db.print_jobs.get(queued.id).outcome is JobOutcome.SENT
        assert db.print_jobs.get(cut.id).outcome is JobOutcome.AWAITING_CONFIRMATION
    files = sorted(p.name for p in spool.iterdir())
    assert not debris.exists() and not [f for f in files if f.endswith(".part")]
    assert sum(f.endswith("-LD-label.zpl") for f in files) == 1  # the resumed job, once
    assert not [f for f in files if f.startswith("cn22-")]  # the interrupted one: not resent


def test_history_lists_one_bench_with_bench(comptoir_home, tmp_path):
    """Two benches (two settings files, one database): `history --bench` keeps one's."""
    for bench, file in (("CAISSE-1", "colissimo-france.json"), ("CAISSE-2", "delivengo-usa.json")):
        config = tmp_path / f"{bench}.json"
        config.write_text(json.dumps({"bench_name": bench}), encoding="utf-8")
        done = run(comptoir_home, "--config", str(config), "ship", str(EXAMPLES / file), "--json")
        assert done.returncode == 0, done.stderr
    listed = run(comptoir_home, "history", "--bench", "CAISSE-2", "--json")
    rows = json.loads(listed.stdout)["shipments"]
    assert [r["bench"] for r in rows] == ["CAISSE-2"]
    text = run(comptoir_home, "history").stdout
    assert "[CAISSE-1]" in text and "[CAISSE-2]" in text
