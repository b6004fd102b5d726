"""Opening the configured connector of a carrier: mode, URL, credentials, HTTP client.

Per-carrier settings live under `carriers` in the settings' `extra` block (never a secret
there: those are in the keyring, see `credentials`):

    "extra": {"carriers": {"laposte-delivengo": {"mode": "api", "label_media": "pdf_10x15",
                                                 "simulate": false,
                                                 "untracked_product_id": null},
                           "novapost": {"mode": "api", "api_url": "…"},
                           "colissimo": {"mode": "forms", "contract_number": "…"}}}

Modes: `api` (the carrier's web service), `flat_file` (Delivengo CSV export, no API),
`forms` (Colissimo pré-affranchie: the number is scanned from the carrier's form), `demo`
(the in-process fake carrier), `off`. A carrier whose API key is given in the environment
defaults to `api`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.connectors.colissimo.client import ColissimoConnector
from desktop.connectors.credentials import CredentialStore
from desktop.connectors.delivengo.client import DelivengoConnector
from desktop.connectors.http import DEFAULT_TIMEOUT_S, CarrierHttp, ExchangeLog
from desktop.connectors.novapost.client import NovaPostConnector
from desktop.domain.connectors import (
    COLISSIMO,
    DELIVENGO,
    NOVAPOST,
    CarrierConnector,
    CarrierError,
    ErrorKind,
    LabelMedia,
)

if TYPE_CHECKING:
    import httpx

MODES = ("api", "flat_file", "forms", "demo", "off")
CARRIERS = (DELIVENGO, NOVAPOST, COLISSIMO)
# Out of the box the API carriers use the in-process demo carrier (DEMO- numbers, SPECIMEN
# labels): nothing is invented and nothing reaches a carrier until a key is set.
DEFAULT_MODES = {DELIVENGO: "demo", NOVAPOST: "demo", COLISSIMO: "forms"}


@dataclass(frozen=True)
class CarrierConfig:
    carrier: str
    mode: str = "off"
    api_url: str = ""
    label_media: LabelMedia = LabelMedia.PDF_10X15
    simulate: bool = False  # Delivengo: every creation is a dry run (set-up checks)
    untracked_product_id: int | None = None  # Delivengo untracked `id_support`
    contract_number: str = ""  # Colissimo web service (not a secret; the password is)
    timeout_s: float = DEFAULT_TIMEOUT_S


def carrier_configs(extra: Mapping, store: CredentialStore | None = None) -> dict[str, CarrierConfig]:
    """The per-carrier settings; junk values fall back to defaults (never stop the counter)."""
    store = store or CredentialStore()
    block = extra.get("carriers") if isinstance(extra, Mapping) else None
    block = block if isinstance(block, Mapping) else {}
    out = {}
    for carrier in CARRIERS:
        raw = block.get(carrier) if isinstance(block.get(carrier), Mapping) else {}
        mode = raw.get("mode")
        if mode not in MODES:
            mode = "api" if store.overridden(carrier, "api_key") else DEFAULT_MODES[carrier]
        try:
            media = LabelMedia(raw.get("label_media", LabelMedia.PDF_10X15.value))
        except ValueError:
            media = LabelMedia.PDF_10X15
        untracked = raw.get("untracked_product_id")
        out[carrier] = CarrierConfig(
            carrier, mode, api_url=str(raw.get("api_url") or ""), label_media=media,
            simulate=raw.get("simulate") is True,
            untracked_product_id=untracked if isinstance(untracked, int) else None,
            contract_number=str(raw.get("contract_number") or ""),
            timeout_s=float(raw["timeout_s"]) if isinstance(raw.get("timeout_s"), (int, float))
            else DEFAULT_TIMEOUT_S)
    return out


def open_api_connector(config: CarrierConfig, store: CredentialStore, *,
                       log: ExchangeLog | None = None,
                       transport: httpx.BaseTransport | None = None) -> CarrierConnector:
    """The web-service connector of one carrier (whatever its mode: the caller decides)."""
    url = store.api_url(config.carrier, config.api_url)
    carrier = config.carrier
    holder: dict = {}

    def secrets():
        found = store.all_secrets(carrier)
        jwt = getattr(holder.get("connector"), "jwt", "")
        return found + ([jwt] if jwt else [])

    http = CarrierHttp(carrier, url, secrets=secrets, timeout_s=config.timeout_s, log=log,
                       transport=transport)
    if carrier == DELIVENGO:
        connector = DelivengoConnector(http, lambda: store.secret(DELIVENGO, "api_key"),
                                       untracked_product_id=config.untracked_product_id,
                                       simulate=config.simulate)
    elif carrier == NOVAPOST:
        connector = NovaPostConnector(http, lambda: store.secret(NOVAPOST, "api_key"))
    elif carrier == COLISSIMO:
        connector = ColissimoConnector(http, lambda: (
            config.contract_number, store.secret(COLISSIMO, "password"),
            store.secret(COLISSIMO, "api_key")))
    else:
        raise CarrierError(carrier, ErrorKind.CONFIG, "unknown carrier")
    holder["connector"] = connector
    return connector
