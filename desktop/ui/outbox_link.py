"""The GUI's automatic carrier outbox pass: at start-up, then every little while, the shipments
waiting for their carrier (network down, carrier busy) are sent again, off the GUI thread, and
each label prints when its number arrives.

The pass is the one `comptoir submit` makes (`OutboxService.send`), limited to the entries
whose back-off is over and to this bench's entries (their labels go to its printer). The
status bar shows how many shipments still wait.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.services.changes import Changes
from desktop.ui.tasks import TaskRunner

# Our choice: a carrier back after an outage is noticed within half a minute; each entry's
# own back-off (`next_attempt_at`) still decides whether it is asked again.
OUTBOX_PASS_MS = 30_000


class OutboxLink(QObject):
    passed = Signal(object)  # desktop.services.carrier_outbox.OutboxPass
    waiting_changed = Signal(int)

    def __init__(self, ctx, events, parent: QObject | None = None,
                 interval_ms: int = OUTBOX_PASS_MS):
        super().__init__(parent)
        self.ctx, self.events = ctx, events
        self.waiting = 0
        # Its own runner: a background pass must not show "work in progress".
        self.runner = TaskRunner(self)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_pass)

    def start(self) -> None:
        """The start-up pass at once (after the window shows), then the periodic one."""
        if self.ctx.outbox is None:
            return
        QTimer.singleShot(0, self.run_pass)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.runner.wait()

    def run_pass(self) -> None:
        if self.ctx.outbox is None or self.runner.active:
            return  # the previous pass is still talking to a carrier
        bench = getattr(self.ctx.settings, "bench_name", None)
        self.runner.run(self.ctx.outbox.resend_due, bench, name="carrier outbox",
                        on_done=self._done, on_error=lambda _exc: None)

    def _done(self, outbox_pass) -> None:
        if outbox_pass.results:
            self.events.publish(Changes(shipments=True, print_jobs=True))
        if outbox_pass.waiting != self.waiting:
            self.waiting = outbox_pass.waiting
            self.waiting_changed.emit(self.waiting)
        self.passed.emit(outbox_pass)
