"""Secrets out of what is logged: headers, query strings and bodies of carrier exchanges.

Three passes, so a secret is caught whatever carries it: header names known to hold
credentials, JSON/form keys that name a secret at any depth, and the literal secret values
themselves (an API key echoed back in an error message, a JWT in a URL).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK = "***"
SECRET_HEADERS = frozenset({"authorization", "api-authorization", "apikey", "api-key",
                            "x-api-key", "cookie", "set-cookie", "proxy-authorization"})
_SECRET_KEY = re.compile(r"(pass(word)?|secret|token|jwt|api[-_]?key|authori[sz]ation)$", re.I)
MIN_SECRET_LENGTH = 4  # shorter values would mask ordinary text
BASE64_SUMMARY_MIN = 64  # a longer base64 run in a body is a document: log its size only
_BASE64 = re.compile(r"^[A-Za-z0-9+/\r\n]+={0,2}$")


def is_secret_key(name: str) -> bool:
    return name.lower() in SECRET_HEADERS or bool(_SECRET_KEY.search(name))


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in sorted({s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH},
                         key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def redact_headers(headers: Mapping[str, str] | Iterable[tuple[str, str]],
                   secrets: Iterable[str] = ()) -> dict[str, str]:
    items = headers.items() if isinstance(headers, Mapping) else headers
    secrets = tuple(secrets)
    return {k: MASK if is_secret_key(k) else redact_text(str(v), secrets) for k, v in items}


def redact_url(url: str, secrets: Iterable[str] = ()) -> str:
    parts = urlsplit(url)
    query = [(k, MASK if is_secret_key(k) else v)
             for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    clean = urlunsplit(parts._replace(query=urlencode(query, safe="[]*")))
    return redact_text(clean, secrets)


def redact_value(value, secrets: Iterable[str] = ()):
    """A decoded JSON value with secret keys masked, recursively."""
    secrets = tuple(secrets)
    if isinstance(value, Mapping):
        return {k: MASK if is_secret_key(str(k)) else redact_value(v, secrets)
                for k, v in value.items()}
    if isinstance(value, list):
        return [redact_value(v, secrets) for v in value]
    if isinstance(value, str):
        return redact_text(value, secrets)
    return value


def redact_body(body: bytes | str | None, media_type: str = "",
                secrets: Iterable[str] = ()) -> str:
    """A body as loggable text: JSON with secret keys masked; binary documents summarised."""
    if body is None or body == b"" or body == "":
        return ""
    secrets = tuple(secrets)
    if isinstance(body, bytes):
        if _is_binary(media_type):
            return f"<{len(body)} bytes {media_type or 'binary'}>"
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            return f"<{len(body)} bytes {media_type or 'binary'}>"
    try:
        data = json.loads(body)
    except ValueError:
        return redact_text(body, secrets)
    return json.dumps(_summarise_documents(redact_value(data, secrets)), ensure_ascii=False)


def _is_binary(media_type: str) -> bool:
    m = media_type.lower()
    return m.startswith(("application/pdf", "application/octet-stream", "image/",
                         "multipart/")) or "zpl" in m


def _summarise_documents(value):
    """Long base64 strings (labels) shortened: the log keeps their size, not their bytes."""
    if isinstance(value, dict):
        return {k: _summarise_documents(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_summarise_documents(v) for v in value]
    if isinstance(value, str) and len(value) > BASE64_SUMMARY_MIN and _BASE64.match(value):
        return f"<{len(value)} base64 characters>"
    return value
