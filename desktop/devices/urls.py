"""Device URLs (`tcp://host:9100`, `serial:///dev/ttyUSB0?baudrate=9600`, `simulated://`):
splitting them and reading their typed `?key=value` options."""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qs, urlsplit

from desktop.domain.errors import Violation
from desktop.domain.messages import Text

# URL schemes pyserial's `serial_for_url` understands itself [pyserial docs, URL handlers].
PYSERIAL_SCHEMES = ("loop", "socket", "spy", "rfc2217", "alt", "hwgrep", "cp2110")
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class DeviceUrlError(ValueError):
    """A device URL refused before any connection; `violation` says it for the clerk (field
    "device_url": a screen that knows which device relabels it)."""

    def __init__(self, message: str, violation: Violation):
        super().__init__(message)
        self.violation = violation


def split_url(url: str) -> SplitResult:
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"device URL is empty: {url!r}")
    return urlsplit(url.strip())


def query_options(url: str, parts: SplitResult, allowed: dict[str, type]) -> dict[str, object]:
    """Typed `?key=value` options; an unknown key or a bad value is a ValueError naming
    the URL."""
    out: dict[str, object] = {}
    for key, values in parse_qs(parts.query, keep_blank_values=True).items():
        if key not in allowed:
            # as the clerk writes them in the address (tcp://…?status=…&linger=…)
            known = (f"{parts.scheme}://…?" + "&".join(f"{k}=…" for k in sorted(allowed))
                     if allowed else "—")
            raise DeviceUrlError(f"{url}: unknown option {key!r} "
                                 f"(known: {', '.join(sorted(allowed)) or 'none'})",
                                 Violation("device_url", "url_option_unknown", limit=known,
                                           actual=key))
        kind, raw = allowed[key], values[-1]
        try:
            if kind is bool:
                if raw.lower() not in _TRUE + _FALSE:
                    raise ValueError(raw)
                out[key] = raw.lower() in _TRUE
            else:
                out[key] = kind(raw)
        except ValueError:
            raise DeviceUrlError(f"{url}: option {key}={raw!r} is not "
                                 f"a valid {kind.__name__}",
                                 Violation("device_url", "url_option_value",
                                           limit=_KIND_WORDS.get(kind, kind.__name__),
                                           actual=f"{key}={raw}")) from None
    return out


_KIND_WORDS = {bool: Text("oui/non (1/0)", "yes/no (1/0)"),
               int: Text("nombre entier", "whole number"),
               float: Text("nombre", "number")}
