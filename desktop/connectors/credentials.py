"""Where a carrier's URL and secrets come from: environment, then keyring, then settings.

Secrets (API keys, passwords) live in the system keyring (`keyring`), never in the database,
the settings file, logs, exports or error messages [D 7.2]. The environment variables named
in `ENVIRONMENT` override the settings and the keyring (scripts, CI, a shared bench).
Without a usable system keyring, reading finds nothing and saving says so; tests install an
in-memory backend with `keyring.set_keyring`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from desktop.connectors.colissimo import mapper as colissimo
from desktop.connectors.delivengo import mapper as delivengo
from desktop.connectors.novapost import mapper as novapost
from desktop.domain.connectors import COLISSIMO, DELIVENGO, NOVAPOST, CarrierError, ErrorKind

KEYRING_SERVICE = "comptoir"
ENVIRONMENT = {  # (carrier, name) → variable (issue 8 §9: exactly these names)
    (DELIVENGO, "api_url"): "COMPTOIR_DELIVENGO_API_URL",
    (DELIVENGO, "api_key"): "COMPTOIR_DELIVENGO_API_KEY",
    (NOVAPOST, "api_url"): "COMPTOIR_NOVAPOST_API_URL",
    (NOVAPOST, "api_key"): "COMPTOIR_NOVAPOST_API_KEY",
}
DEFAULT_URLS = {DELIVENGO: delivengo.DEFAULT_URL, NOVAPOST: novapost.DEFAULT_URL,
                COLISSIMO: colissimo.DEFAULT_URL}
SECRET_NAMES = {DELIVENGO: ("api_key",), NOVAPOST: ("api_key",),
                COLISSIMO: ("password", "api_key")}


class CredentialStore:
    def __init__(self, environ: Mapping[str, str] | None = None, backend=None):
        self._environ = os.environ if environ is None else environ
        self._backend = backend  # None → the system keyring chosen by `keyring`

    def _keyring(self):
        import keyring  # on first use, not at start: its backends take a tenth of a second

        return self._backend or keyring.get_keyring()

    def secret(self, carrier: str, name: str) -> str:
        env = ENVIRONMENT.get((carrier, name))
        if env and self._environ.get(env):
            return self._environ[env]
        try:
            return self._keyring().get_password(KEYRING_SERVICE, f"{carrier}.{name}") or ""
        except Exception:  # noqa: BLE001 - any backend failure (no D-Bus, locked store …)
            return ""  # no usable system keyring: as if nothing were stored

    def set_secret(self, carrier: str, name: str, value: str) -> None:
        from keyring.errors import KeyringError

        try:
            if value:
                self._keyring().set_password(KEYRING_SERVICE, f"{carrier}.{name}", value)
            else:
                self._keyring().delete_password(KEYRING_SERVICE, f"{carrier}.{name}")
        except KeyringError as exc:
            raise CarrierError(carrier, ErrorKind.CONFIG,
                               f"system keyring unavailable ({type(exc).__name__})") from None

    def api_url(self, carrier: str, configured: str = "") -> str:
        env = ENVIRONMENT.get((carrier, "api_url"))
        if env and self._environ.get(env):
            return self._environ[env]
        return configured or DEFAULT_URLS[carrier]

    def overridden(self, carrier: str, name: str) -> bool:
        env = ENVIRONMENT.get((carrier, name))
        return bool(env and self._environ.get(env))

    def all_secrets(self, carrier: str) -> list[str]:
        """Every secret value of a carrier, for the log redaction."""
        return [v for v in (self.secret(carrier, n) for n in SECRET_NAMES.get(carrier, ())) if v]
