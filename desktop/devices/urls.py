"""Device URLs (`tcp://host:9100`, `serial:///dev/ttyUSB0?baudrate=9600`, `simulated://`):
splitting them and reading their typed `?key=value` options."""

from __future__ import annotations

from urllib.parse import SplitResult, parse_qs, urlsplit

# URL schemes pyserial's `serial_for_url` understands itself [pyserial docs, URL handlers].
PYSERIAL_SCHEMES = ("loop", "socket", "spy", "rfc2217", "alt", "hwgrep", "cp2110")
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


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
            raise ValueError(f"{url}: unknown option {key!r} "
                             f"(known: {', '.join(sorted(allowed)) or 'none'})")
        kind, raw = allowed[key], values[-1]
        try:
            if kind is bool:
                if raw.lower() not in _TRUE + _FALSE:
                    raise ValueError(raw)
                out[key] = raw.lower() in _TRUE
            else:
                out[key] = kind(raw)
        except ValueError:
            raise ValueError(f"{url}: option {key}={raw!r} is not "
                             f"a valid {kind.__name__}") from None
    return out
