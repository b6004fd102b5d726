"""Composition root, carrier part: picks each carrier's connector (web service or demo).

Kept beside `app.py` while the submit path is being rewritten there; it moves into `app.py`
when the outbox is wired into `submit`. Only this module (and app.py) may join connectors
with printing (the demo carrier's SPECIMEN renderer).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import asdict

from desktop.connectors.credentials import CredentialStore
from desktop.connectors.fake import FakeCarrier
from desktop.connectors.http import Exchange, ExchangeLog
from desktop.connectors.registry import CARRIERS, CarrierConfig, carrier_configs, open_api_connector
from desktop.domain.connectors import DEMO, CarrierConnector, CarrierError, ErrorKind

_DEMO: FakeCarrier | None = None
EXCHANGES = logging.getLogger("comptoir.carriers")


def log_exchange(exchange: Exchange) -> None:
    """Default sink: each exchange, already redacted, as one JSON line at DEBUG level (the
    per-shipment log comes with the outbox)."""
    if EXCHANGES.isEnabledFor(logging.DEBUG):
        EXCHANGES.debug(json.dumps(asdict(exchange), ensure_ascii=False))


def demo_carrier() -> FakeCarrier:
    """One fake carrier per process, so a number it gave can be tracked afterwards."""
    global _DEMO
    if _DEMO is None:
        from desktop.printing.specimen import render_specimen

        _DEMO = FakeCarrier(render_specimen)
    return _DEMO


class CarrierConnectors:
    """carrier key → its connector, opened on first use."""

    def __init__(self, extra: Mapping, store: CredentialStore | None = None, *,
                 log: ExchangeLog | None = None, transport=None):
        self.store = store or CredentialStore()
        self.configs: dict[str, CarrierConfig] = carrier_configs(extra, self.store)
        self._log, self._transport = log or log_exchange, transport
        self._open: dict[str, CarrierConnector] = {}

    def mode(self, carrier: str) -> str:
        return "demo" if carrier == DEMO else self.configs[carrier].mode

    def __call__(self, carrier: str) -> CarrierConnector:
        if carrier == DEMO or (carrier in self.configs and self.configs[carrier].mode == "demo"):
            return demo_carrier()
        if carrier not in self.configs:
            raise CarrierError(carrier, ErrorKind.CONFIG, "unknown carrier")
        if carrier not in self._open:
            self._open[carrier] = open_api_connector(self.configs[carrier], self.store,
                                                     log=self._log, transport=self._transport)
        return self._open[carrier]

    def carriers(self) -> tuple[str, ...]:
        return CARRIERS


def tracking_service(ctx, connectors: CarrierConnectors | None = None):
    """`TrackingService` over the context's shipments and the configured connectors."""
    from desktop.services.tracking import TrackingService

    return TrackingService(ctx.database.shipments, ctx.catalogue,
                           connectors or CarrierConnectors(ctx.settings.extra))
