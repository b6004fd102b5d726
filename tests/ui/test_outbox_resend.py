"""Issue 8 §6: with Nova Post down the clerk still saves the parcel; the GUI sends the outbox
again by itself (start-up pass, then periodic passes off the GUI thread, each entry's back-off
respected) and the label prints when the number arrives: created exactly once."""

# ruff: noqa: F811  (pytest fixtures imported from tests.ui.novapost_counter)
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import Qt

from tests.carrier_servers import LABEL_PDF
from tests.ui.helpers import db_rows
from tests.ui.novapost_counter import fill, home, server, shop  # noqa: F401 - fixtures


def spooled(output: str) -> bytes:
    return Path(unquote(urlsplit(output).path) if output.startswith("file:") else output
                ).read_bytes()


def test_down_then_up_the_label_prints_by_itself_once(qtbot, shop, window, home, server, idle):
    counter = window.counter
    qtbot.waitUntil(lambda: counter.senders.combo.count() == 1)
    window.outbox.timer.setInterval(200)
    server.down()
    fill(counter, "address-address")
    with qtbot.waitSignal(counter.shipped, timeout=20_000) as shipped:
        qtbot.keyClick(counter.reference, Qt.Key.Key_F12)
    result = shipped.args[0]
    assert result.awaiting_carrier and result.shipment.tracking_number is None
    assert "en attente du transporteur" in counter.outcome.text()
    qtbot.waitUntil(lambda: window.outbox_label.text() ==
                    "1 envoi(s) en attente du transporteur", timeout=10_000)

    # Still down: the passes go on (the GUI stays free) and nothing is created.
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        qtbot.wait(50)
        assert window.outbox.waiting in (0, 1)
    (entry,) = db_rows(home, "SELECT state, attempts FROM carrier_outbox")
    assert entry["state"] == "awaiting_carrier" and entry["attempts"] >= 2

    server.up()
    qtbot.waitUntil(lambda: window.outbox_label.text() == "", timeout=20_000)
    assert len(server.shipments) == 1 and len(server.of("POST", "/shipments")) == 1
    (created,) = server.shipments.values()
    (row,) = db_rows(home, "SELECT id, tracking_number FROM shipments")
    assert row["tracking_number"] == created["number"]
    jobs = db_rows(home, "SELECT kind, outcome, output FROM print_jobs ORDER BY id")
    assert [j["kind"] for j in jobs] == ["label", "invoice"]  # the carrier's documents
    job = jobs[0]
    assert job["outcome"] == "sent"
    assert spooled(job["output"]) == LABEL_PDF  # the carrier's bytes, as received
    assert created["number"] in window.statusBar().currentMessage()

    # Later passes find nothing more to send: still one creation.
    qtbot.wait(600)
    assert len(server.of("POST", "/shipments")) == 1
    idle(window)
