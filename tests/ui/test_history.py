"""History view: paged model, search, reprint with identical bytes, deposit and void."""

from __future__ import annotations

import itertools
from dataclasses import replace

from desktop.domain.draft import draft_from_shipment
from desktop.domain.parcel import Parcel
from desktop.domain.ports import HistoryQuery
from desktop.domain.printing import LabelFormat
from desktop.domain.shipment import Shipment, ShipmentStatus
from desktop.domain.tracking import make_s10
from desktop.services.counter_operation import PrintTargets
from desktop.ui import confirm
from desktop.ui.models.history import HistoryModel
from desktop.ui.tasks import TaskRunner
from tests.ui.conftest import DUPONT, MULLER, SHOP
from tests.ui.helpers import db_rows, spooled

_forms = itertools.count(15984040331)


def ship(ctx, recipient, weight=500, reference=""):
    france = recipient.country == "FR"
    service = "colissimo-domicile-france" if france else "colissimo-expert-international"
    # Colissimo Domicile numbers come from the pre-paid form; the column is UNIQUE.
    # Expert International's too (pré-affranchie): an S10 number from its form.
    number = f"6A{next(_forms):011d}" if france else make_s10("CE", next(_forms) % 10**8)
    shipment = Shipment(sender=SHOP, recipient=recipient, service_id=service,
                        parcel=Parcel(weight), reference=reference, tracking_number=number,
                        options={"contents_confirmed": True})
    draft = draft_from_shipment(shipment, None)
    return ctx.counter.submit(draft, PrintTargets(ctx.printer_url, LabelFormat.PDF)).shipment


def rows_loaded(qtbot, view, count):
    qtbot.waitUntil(lambda: view.model.rowCount() == count and view.runner.active == 0)


def test_search_and_reprint_sends_identical_bytes(qtbot, ctx, spool, home, idle):
    first = ship(ctx, DUPONT, reference="CMD-1")
    ship(ctx, MULLER, reference="CMD-2")
    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(window)
    view = window.history
    rows_loaded(qtbot, view, 2)
    assert view.model.shipment(0).reference == "CMD-2"  # newest first

    qtbot.keyClicks(view.search, "Dupont")
    rows_loaded(qtbot, view, 1)
    assert view.model.shipment(0).id == first.id
    view.search.clear()
    qtbot.keyClicks(view.search, first.tracking_number)
    rows_loaded(qtbot, view, 1)

    view.table.selectRow(0)
    before = spooled(spool)
    with qtbot.waitSignal(view.reprinted, timeout=10_000) as reprinted:
        view.reprint_button.click()
    assert reprinted.args[0].ok
    after = spooled(spool)
    new = [p for p in after if p not in before]
    original = next(p for p in before if first.tracking_number in p.name)
    assert len(new) == 1 and new[0].read_bytes() == original.read_bytes()
    jobs = db_rows(home, "SELECT reprint_of FROM print_jobs WHERE shipment_id = ? ORDER BY id",
                   first.id)
    assert jobs[-1]["reprint_of"] is not None
    assert "réimprimé" in view.info.text()
    idle(window)
    window.shutdown()


def test_status_and_date_filters(qtbot, ctx, home, monkeypatch, idle):
    first = ship(ctx, DUPONT)
    ship(ctx, MULLER)
    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(window)
    view = window.history
    rows_loaded(qtbot, view, 2)
    row = [view.model.shipment(r).id for r in range(2)].index(first.id)
    view.table.selectRow(row)
    assert view.deposit_button.isEnabled() and view.void_button.isEnabled()
    with qtbot.waitSignal(view.status_changed, timeout=10_000):
        view.deposit_button.click()
    status = db_rows(home, "SELECT status FROM shipments WHERE id = ?", first.id)[0]["status"]
    assert status == "deposited"

    # Status filter: only the deposited one.
    view.status.setCurrentIndex(view.status.findData(ShipmentStatus.DEPOSITED))
    rows_loaded(qtbot, view, 1)
    assert view.model.shipment(0).id == first.id
    view.table.selectRow(0)
    assert not view.void_button.isEnabled()  # deposited is final

    # Void the other one after confirmation.
    view.status.setCurrentIndex(view.status.findData(ShipmentStatus.PRINTED))
    rows_loaded(qtbot, view, 1)
    view.table.selectRow(0)
    monkeypatch.setattr(confirm, "ask", lambda *a: True)
    with qtbot.waitSignal(view.status_changed, timeout=10_000):
        view.void_button.click()
    assert {r["status"] for r in db_rows(home, "SELECT status FROM shipments")} == {
        "deposited", "voided"}

    # A date range that excludes today shows nothing.
    view.status.setCurrentIndex(0)
    view.to_box.setChecked(True)
    view.date_to.setDate(view.date_to.date().addDays(-2))
    view.apply_filters()
    rows_loaded(qtbot, view, 0)
    assert view.current_query().date_to is not None
    idle(window)
    window.shutdown()


def test_model_pages_with_fetch_more(qtbot, qtmodeltester, ctx):
    for n in range(5):
        ship(ctx, DUPONT, reference=f"CMD-{n}")
    runner = TaskRunner()
    model = HistoryModel(ctx.history, runner, ctx.catalogue, page_size=2)
    model.set_query(HistoryQuery())
    qtbot.waitUntil(lambda: model.rowCount() == 2 and runner.active == 0)
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # a page is on its way: never twice
    qtbot.waitUntil(lambda: model.rowCount() == 4 and runner.active == 0)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 5 and runner.active == 0)
    assert not model.canFetchMore()
    assert [model.shipment(r).reference for r in range(5)] == [f"CMD-{n}" for n in
                                                               (4, 3, 2, 1, 0)]
    assert model.index(0, 7).data() == "Imprimé"
    assert model.index(0, 5).data() == "0,500 kg"
    qtmodeltester.check(model, force_py=True)
    qtbot.waitUntil(lambda: runner.active == 0)


def test_a_stale_page_is_dropped(qtbot, ctx):
    ship(ctx, DUPONT)
    ship(ctx, MULLER)
    runner = TaskRunner()
    model = HistoryModel(ctx.history, runner, ctx.catalogue)
    model.set_query(HistoryQuery())
    model.set_query(HistoryQuery(text="Müller"))  # before the first page arrived
    qtbot.waitUntil(lambda: runner.active == 0)
    assert model.rowCount() == 1
    assert model.shipment(0).recipient.name == "Hans Müller"


def test_claim_file_pdf_saved_where_asked(qtbot, ctx, home, tmp_path, monkeypatch, idle):
    import pypdf

    from desktop.ui.views import history as history_view

    shipment = ship(ctx, DUPONT, weight=1250, reference="CMD-9")
    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(window)
    view = window.history
    rows_loaded(qtbot, view, 1)
    assert not view.claim_button.isEnabled()  # nothing selected
    target = tmp_path / "claims" / "dossier.pdf"
    target.parent.mkdir()
    asked = []
    monkeypatch.setattr(history_view, "ask_save_path",
                        lambda _parent, _title, suggested: asked.append(suggested) or str(target))
    view.table.selectRow(0)
    with qtbot.waitSignal(view.claim_saved, timeout=10_000) as saved:
        view.claim_button.click()
    assert saved.args == [str(target)]
    assert asked == [f"reclamation-{shipment.tracking_number}.pdf"]
    text = "".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert shipment.tracking_number in text
    assert "Colissimo Domicile France" in text and "[C 8.2 C]" in text
    assert "enregistré" in view.info.text()
    idle(window)
    window.shutdown()


def test_interrupted_print_jobs_are_shown_and_confirmed_by_the_clerk(qtbot, ctx, spool,
                                                                     monkeypatch):
    """A job a crash caught while sending is never resent silently: the status bar says so,
    the history asks, and "yes, it came out" settles the shipment without printing again."""
    from desktop.domain.printing import JobOutcome, PrintJob
    from desktop.ui.i18n import set_language
    from desktop.ui.main_window import MainWindow

    sent = ship(ctx, MULLER)
    cut = ctx.printing.enqueue(PrintJob(ctx.printer_url, LabelFormat.PDF, b"%PDF-1.4 cn23",
                                        kind="cn23", shipment_id=sent.id))
    ctx.database.print_jobs.claim(cut.id, "gone-host:1")  # the sending process died …
    ctx.database.print_jobs.set_outcome(cut.id, JobOutcome.AWAITING_CONFIRMATION)
    ctx.database.shipments.update(replace(ctx.history.get(sent.id), status=ShipmentStatus.DRAFT,
                                          printed_at=None))
    files_before = spooled(spool)

    set_language("fr")
    win = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(win)
    win.show_recovery(ctx.resume())  # … and this is the next start
    assert "1 impression(s) interrompue(s)" in win.jobs_label.text()
    view = win.history
    qtbot.waitUntil(lambda: len(view.awaiting) == 1 and not view.awaiting_button.isHidden(),
                    timeout=10_000)
    asked = []
    monkeypatch.setattr(confirm, "ask", lambda *a: asked.append(a[2]) or True)
    with qtbot.waitSignal(view.awaiting_changed, timeout=10_000,
                          check_params_cb=lambda n: n == 0):
        assert view.confirm_awaiting() == 1
    assert asked[0].startswith(f"Le document « CN23 » de l'expédition n° {sent.id} est-il "
                               "sorti de l'imprimante ?")
    assert ctx.printing.get(cut.id).outcome is JobOutcome.SENT
    assert ctx.history.get(sent.id).status is ShipmentStatus.PRINTED
    assert spooled(spool) == files_before  # nothing printed a second time
    assert win.jobs_label.text() == "" and view.awaiting_button.isHidden()
    qtbot.waitUntil(lambda: win.runner.active == 0, timeout=10_000)
    win.shutdown()


def test_bench_filter_keeps_one_benches_shipments(qtbot, ctx, idle):
    ctx.set_bench("CAISSE-1")
    first = ship(ctx, DUPONT, reference="CMD-1")
    ctx.set_bench("CAISSE-2")
    ship(ctx, MULLER, reference="CMD-2")
    from desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(window)
    view = window.history
    rows_loaded(qtbot, view, 2)
    qtbot.keyClicks(view.bench, "CAISSE-1")
    rows_loaded(qtbot, view, 1)
    assert view.model.shipment(0).id == first.id and view.model.shipment(0).bench == "CAISSE-1"
    view.bench.clear()
    view.apply_filters()
    rows_loaded(qtbot, view, 2)
    idle(window)
    window.shutdown()


OTHER_BENCH = """
import sys
from desktop.storage.db import open_database
from tests.integration.helpers_storage import shipment
db = open_database(sys.argv[1], bench="CAISSE-2")
db.shipments.add(shipment(tracking_number="LD000000014FR", reference="AUTRE-POSTE"))
db.close()
"""


def test_another_benchs_shipment_appears_in_the_open_history_within_2_s(qtbot, ctx, idle):
    import subprocess
    import sys
    import time
    from pathlib import Path

    from desktop.ui.main_window import MainWindow

    ship(ctx, DUPONT, reference="CMD-1")
    window = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(window)
    view = window.history
    rows_loaded(qtbot, view, 1)
    qtbot.wait(1200)  # the feed has had its first look
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", OTHER_BENCH, ctx.database.url],
                          capture_output=True, text=True, timeout=60, cwd=root)
    assert done.returncode == 0, done.stderr
    saved_at = time.monotonic()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=2000)
    assert time.monotonic() - saved_at < 2.0
    assert view.model.shipment(0).reference == "AUTRE-POSTE"
    assert view.model.shipment(0).bench == "CAISSE-2"
    idle(window)
    window.shutdown()


def test_a_scanned_number_or_reference_selects_its_shipment(qtbot, ctx, spool, idle):
    from PySide6.QtCore import Qt

    from desktop.ui.main_window import MainWindow

    first = ship(ctx, DUPONT, reference="CMD-7")
    ship(ctx, MULLER, reference="CMD-8")
    ship(ctx, DUPONT, reference="CMD-70")
    window = MainWindow(ctx, start_scale=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.history)
    view = window.history
    rows_loaded(qtbot, view, 3)

    def scan(text: str) -> None:
        view.search.setFocus()
        view.search.selectAll()
        qtbot.keyClicks(view.search, text)  # a scanner types, then sends Return
        qtbot.keyClick(view.search, Qt.Key.Key_Return)

    scan(first.tracking_number)
    qtbot.waitUntil(lambda: view.selected() is not None, timeout=10_000)
    assert view.selected().id == first.id and view.model.rowCount() == 1
    qtbot.waitUntil(view.table.hasFocus)
    assert view.reprint_button.isEnabled()
    with qtbot.waitSignal(view.reprinted, timeout=10_000) as reprinted:
        qtbot.mouseClick(view.reprint_button, Qt.MouseButton.LeftButton)
    assert reprinted.args[0].ok and reprinted.args[0].job.shipment_id == first.id

    # A name finding one shipment, or a reference that two share by prefix, selects nothing.
    scan("Muller")
    rows_loaded(qtbot, view, 1)
    assert view.selected() is None and view.search.hasFocus()
    scan("cmd-7")  # CMD-7 and CMD-70: two rows, the clerk chooses
    rows_loaded(qtbot, view, 2)
    assert view.selected() is None
    scan("cmd-70")  # exactly the reference, any case
    qtbot.waitUntil(lambda: view.selected() is not None, timeout=10_000)
    assert view.selected().reference == "CMD-70" and view.table.hasFocus()
    # A refresh (another bench saved a shipment) does not move the clerk's selection.
    view.table.clearSelection()
    view.model.refresh()
    rows_loaded(qtbot, view, 1)
    assert view.selected() is None
    idle(window)
    window.shutdown()
