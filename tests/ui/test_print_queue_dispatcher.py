"""The GUI's background print queue: a job left queued (paper out) is retried with back-off
off the GUI thread and prints exactly once when the paper is back (bytes counted at a fake
ZPL printer on 127.0.0.1)."""

from __future__ import annotations

from desktop.domain.draft import draft_from_shipment
from desktop.domain.printing import JobOutcome, LabelFormat
from desktop.services.print_jobs import retry_delay_s
from desktop.services.shipment_file import load_shipment_file
from desktop.ui.events import EventBridge
from desktop.ui.print_queue import PrintQueueDispatcher
from tests.fake_printers import ZPL_STATES, FakePrinter
from tests.integration.cli_helpers import EXAMPLES


def test_back_off_doubles_and_is_capped():
    assert [retry_delay_s(n) for n in range(3)] == [5, 10, 20]
    assert retry_delay_s(50) == 300


def test_a_queued_job_is_retried_in_the_background_and_prints_once(qtbot, ctx):
    printer = FakePrinter([ZPL_STATES["paper out"]] * 3)
    try:
        example = load_shipment_file(EXAMPLES / "delivengo-usa.json")
        targets = ctx.print_targets(printer.url(), LabelFormat.ZPL203,
                                    ctx.forms_printer_url)
        done = ctx.counter.submit(draft_from_shipment(example, None, contents_confirmed=True),
                                  targets)
        assert done.label.outcome is JobOutcome.QUEUED and printer.jobs == []

        events = EventBridge()
        dispatcher = PrintQueueDispatcher(ctx, events, delay_s=lambda attempt: 0.05)
        attempts = []
        dispatcher.retried.connect(attempts.append)
        dispatcher.kick()
        # Paper out twice more, then the fake answers "ready" (its default).
        qtbot.waitUntil(lambda: ctx.printing.get(done.label.id).outcome is JobOutcome.SENT,
                        timeout=10_000)
        qtbot.waitUntil(lambda: not dispatcher.timer.isActive() and not dispatcher.runner.active,
                        timeout=10_000)
        dispatcher.stop()
        assert len(attempts) >= 3
        labels = [d for d in printer.jobs if d.startswith(b"^XA")]
        assert len(labels) == 1 and done.shipment.tracking_number.encode() in labels[0]
    finally:
        printer.close()
