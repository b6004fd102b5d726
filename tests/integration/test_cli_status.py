import json

from tests.integration.cli_helpers import EXAMPLES, run


def test_deposit_then_void_is_refused_and_history_shows_deposited(comptoir_home):
    shipped = json.loads(run(comptoir_home, "ship", str(EXAMPLES / "delivengo-usa.json"),
                             "--json").stdout)
    number = shipped["tracking_number"]
    done = run(comptoir_home, "deposit", number, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["status"] == "deposited"
    refused = run(comptoir_home, "void", number, "--lang", "en")
    assert refused.returncode == 3 and "cannot go from deposited to voided" in refused.stderr
    rows = json.loads(run(comptoir_home, "history", number, "--json").stdout)["shipments"]
    assert rows[0]["status"] == "deposited" and rows[0]["deposited_at"]


def test_unknown_shipment_is_reported_and_the_others_still_move(comptoir_home):
    shipped = json.loads(run(comptoir_home, "ship", str(EXAMPLES / "delivengo-usa.json"),
                             "--json").stdout)
    done = run(comptoir_home, "void", "999", str(shipped["shipment_id"]), "--json")
    assert done.returncode == 3
    first, second = json.loads(done.stdout)
    assert not first["ok"] and second["ok"] and second["status"] == "voided"
