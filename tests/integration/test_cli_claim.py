import json
from pathlib import Path

from pypdf import PdfReader

from tests.integration.cli_helpers import EXAMPLES, run


def test_claim_file_pdf_for_a_shipped_parcel(comptoir_home, tmp_path):
    shipped = json.loads(run(comptoir_home, "ship", str(EXAMPLES / "delivengo-usa.json"),
                             "--json").stdout)
    out = tmp_path / "claim.pdf"
    done = run(comptoir_home, "claim", shipped["tracking_number"], "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["output"] == str(out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert shipped["tracking_number"] in text.replace(" ", "")
    assert "John Smith" in text


def test_claim_for_an_unknown_shipment_is_refused(comptoir_home, tmp_path):
    done = run(comptoir_home, "claim", "LD999999999FR", "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 3 and "LD999999999FR" in done.stderr
    assert not Path(tmp_path / "x.pdf").exists()
