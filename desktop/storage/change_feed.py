"""Shipment change feeds (port `desktop.domain.ports.ChangeFeed`): another bench saved or
changed a shipment, so an open history view reloads within 2 seconds.

- `PgNotifyFeed` (PostgreSQL): the statement trigger of migration 0023 calls
  `pg_notify('comptoir_shipments', '')`; a listener thread holds one psycopg connection with
  LISTEN and wakes at once (reconnects every second when the server went away).
- `SqlitePollFeed` (SQLite, several processes on one file): every second, `PRAGMA
  data_version` (it changes when another connection committed; sqlite.org/pragma.html)
  then, only if it moved, the shipments' (count, max id, max updated_at): print jobs and
  other tables changing do not reload the history.

`on_change` runs on the feed's thread: the GUI hands it to a Qt signal (queued).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from desktop.storage.tables import ShipmentRow

log = logging.getLogger(__name__)

CHANNEL = "comptoir_shipments"  # migration 0023's trigger notifies on it
POLL_S = 1.0  # SQLite: one look per second keeps the 2-second promise


class _FeedThread:
    def __init__(self):
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_change: Callable[[], None] = lambda: None

    def start(self, on_change: Callable[[], None]) -> None:
        if self._thread is not None:
            return
        self._on_change = on_change
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def _fire(self) -> None:
        try:
            self._on_change()
        except Exception:  # a listener's bug must not end the feed
            log.exception("change feed listener failed")

    def _run(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class PgNotifyFeed(_FeedThread):
    def __init__(self, url: str):
        super().__init__()
        # psycopg takes the libpq URI: the SQLAlchemy URL without "+psycopg".
        self._conninfo = make_url(url).set(drivername="postgresql").render_as_string(
            hide_password=False)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._fire()  # (re)connected: what changed while away is shown too
                    while not self._stop.is_set():
                        if any(True for _ in conn.notifies(timeout=0.5, stop_after=1)):
                            # drain what else came meanwhile: one reload for a burst
                            for _ in conn.notifies(timeout=0.05):
                                pass
                            self._fire()
            except psycopg.Error as exc:
                log.info("change feed: server unreachable (%s); retrying", exc)
                self._stop.wait(POLL_S)


class SqlitePollFeed(_FeedThread):
    def __init__(self, engine: Engine, interval_s: float = POLL_S):
        super().__init__()
        self._engine, self._interval = engine, interval_s

    def _run(self) -> None:
        state = version = None
        while not self._stop.is_set():
            try:
                # One connection throughout: data_version is per connection.
                with self._engine.connect() as conn:
                    while not self._stop.is_set():
                        now = conn.exec_driver_sql("PRAGMA data_version").scalar()
                        if now != version:
                            version = now
                            seen = tuple(conn.execute(select(
                                func.count(), func.max(ShipmentRow.id),
                                func.max(ShipmentRow.updated_at))).one())
                            if state is not None and seen != state:
                                self._fire()
                            state = seen
                        conn.rollback()  # end the read: the next look sees new commits
                        self._stop.wait(self._interval)
            except Exception as exc:  # a locked or moved file: try again next second
                log.info("change feed: %s", exc)
                self._stop.wait(self._interval)


def for_engine(engine: Engine, url: str):
    return PgNotifyFeed(url) if engine.dialect.name == "postgresql" else SqlitePollFeed(engine)
