"""The thin HTTP layer every carrier client shares (httpx): send, classify, log redacted.

Transport failures become typed `CarrierError`s here, so no client lets an httpx exception
escape: a timeout or a connection dropped mid-request is retryable, and for a creation it is
also `outcome_unknown` (the carrier may have created the shipment: look it up before trying
again). Every exchange can be handed to a log callback with its secrets masked.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from desktop.connectors.redact import redact_body, redact_headers, redact_text, redact_url
from desktop.domain.connectors import CarrierError, ErrorKind, FieldError, classify_status

if TYPE_CHECKING:  # httpx (with click and rich behind it) loads when a carrier is called,
    import httpx  # not at start: the counter window opens without it (bench/startup.py)

DEFAULT_TIMEOUT_S = 20.0  # our choice: a label request answers in seconds; the outbox retries
USER_AGENT = "Comptoir (shipping station)"
T = TypeVar("T")
# 503 means the server did not handle the request (RFC 9110 §15.6.4); other 5xx may come after
# the carrier acted, so a creation answered with them must be looked up before a retry.
NOT_PROCESSED = frozenset({503})


@dataclass(frozen=True)
class Exchange:
    """One request and its answer, secrets masked: what the shipment's log keeps."""

    carrier: str
    method: str
    url: str
    request_headers: dict
    request_body: str
    status: int | None = None
    response_headers: dict | None = None
    response_body: str = ""
    elapsed_ms: int = 0
    error: str = ""


ExchangeLog = Callable[[Exchange], None]
ErrorParser = Callable[[int, bytes], tuple[str, list[FieldError]]]


class CarrierHttp:
    def __init__(self, carrier: str, base_url: str, *, secrets: Callable[[], Iterable[str]],
                 timeout_s: float = DEFAULT_TIMEOUT_S, log: ExchangeLog | None = None,
                 transport: httpx.BaseTransport | None = None):
        import httpx

        self.carrier = carrier
        self._secrets = secrets
        self._log = log
        self._client = httpx.Client(base_url=base_url, timeout=timeout_s, transport=transport,
                                    follow_redirects=False, headers={"User-Agent": USER_AGENT})

    def send(self, method: str, path: str, *, params=None, json=None, content: bytes | None = None,
             headers: Mapping[str, str] | None = None, creates: bool = False) -> httpx.Response:
        """The response whatever its status; transport failures raised as CarrierError."""
        import httpx

        request = self._client.build_request(method, path, params=params, json=json,
                                             content=content, headers=dict(headers or {}))
        started = time.monotonic()
        try:
            response = self._client.send(request)
            response.read()
        except httpx.TimeoutException as exc:
            # A connect timeout never reached the carrier; a read timeout may have.
            sent = not isinstance(exc, httpx.ConnectTimeout)
            self._record(request, None, started, f"timeout ({type(exc).__name__})")
            raise CarrierError(self.carrier, ErrorKind.RETRYABLE, "timeout",
                               outcome_unknown=creates and sent) from None
        except httpx.TransportError as exc:
            sent = not isinstance(exc, httpx.ConnectError)
            self._record(request, None, started, f"connection ({type(exc).__name__})")
            raise CarrierError(self.carrier, ErrorKind.RETRYABLE,
                               f"connection failed ({type(exc).__name__})",
                               outcome_unknown=creates and sent) from None
        self._record(request, response, started, "")
        return response

    def check(self, response: httpx.Response, parse_errors: ErrorParser, *,
              creates: bool = False) -> httpx.Response:
        """Raises the typed error for a non-2xx answer, with the carrier's field errors."""
        if response.is_success:
            return response
        kind = classify_status(response.status_code)
        try:
            message, fields = parse_errors(response.status_code, response.content)
        except Exception:  # noqa: BLE001 - a malformed error body must not hide the status
            message, fields = "", []
        message = message or f"HTTP {response.status_code}"
        raise CarrierError(self.carrier, kind, _clean(message, self._secrets()),
                           status=response.status_code, field_errors=fields,
                           retry_after_s=retry_after(response.headers.get("Retry-After")),
                           outcome_unknown=creates and response.status_code >= 500
                           and response.status_code not in NOT_PROCESSED)

    def close(self) -> None:
        self._client.close()

    def _record(self, request: httpx.Request, response: httpx.Response | None, started: float,
                error: str) -> None:
        if self._log is None:
            return
        secrets = tuple(self._secrets())
        req_type = request.headers.get("Content-Type", "")
        self._log(Exchange(
            carrier=self.carrier, method=request.method,
            url=redact_url(str(request.url), secrets),
            request_headers=redact_headers(request.headers.items(), secrets),
            request_body=redact_body(request.content, req_type, secrets),
            status=response.status_code if response is not None else None,
            response_headers=redact_headers(response.headers.items(), secrets)
            if response is not None else None,
            response_body=redact_body(response.content, response.headers.get("Content-Type", ""),
                                      secrets) if response is not None else "",
            elapsed_ms=int((time.monotonic() - started) * 1000), error=error))


def retry_after(value: str | None) -> float | None:
    """`Retry-After` in seconds (RFC 9110 §10.2.3); the HTTP-date form is ignored."""
    if not value:
        return None
    try:
        return max(0.0, float(value.strip()))
    except ValueError:
        return None


def _clean(message: str, secrets: Iterable[str]) -> str:
    return redact_text(message, secrets)[:500]


def parse_answer(carrier: str, parse: Callable[[], T], *, creates: bool = False) -> T:
    """A mapper's reading of a 2xx answer; a shape it does not expect is a typed error (and,
    for a creation, one whose outcome is unknown: the carrier answered 2xx)."""
    try:
        return parse()
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        raise CarrierError(carrier, ErrorKind.PERMANENT,
                           f"unexpected answer ({type(exc).__name__}: {exc})"[:200],
                           outcome_unknown=creates) from None
