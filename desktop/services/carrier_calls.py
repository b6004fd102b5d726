"""Creating a shipment with a carrier exactly once, through retries.

A retryable failure (429, 5xx, timeout, dropped connection) is tried again with back-off.
When a creation may have reached the carrier (`outcome_unknown`: the request went out but no
answer came back), the next attempt first looks our idempotency key up with the carrier and
takes the shipment found, label fetched again, instead of creating a second one. A carrier
with no look-up cannot be retried safely after that: the error is raised for the clerk.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from desktop.domain.backoff import DEFAULT_POLICY, RetryPolicy, call_with_retry
from desktop.domain.connectors import (
    LOOKUP,
    CarrierConnector,
    CarrierError,
    Created,
    CreateRequest,
    ErrorKind,
)


def create_exactly_once(connector: CarrierConnector, request: CreateRequest,
                        policy: RetryPolicy = DEFAULT_POLICY, *,
                        sleep: Callable[[float], None] = time.sleep,
                        rng: Callable[[], float] = random.random,
                        on_retry: Callable[[int, CarrierError, float], None] | None = None
                        ) -> Created:
    maybe_created = False

    def attempt() -> Created:
        nonlocal maybe_created
        if maybe_created:
            found = connector.find_by_reference(request.idempotency_key, request.media)
            if found is not None:
                return found
        try:
            return connector.create(request)
        except CarrierError as exc:
            if exc.outcome_unknown:
                if LOOKUP not in connector.capabilities:
                    raise CarrierError(
                        exc.carrier, ErrorKind.PERMANENT,
                        f"{exc.message}; the shipment may exist at the carrier and cannot be "
                        "looked up: check before creating it again",
                        status=exc.status, outcome_unknown=True) from None
                maybe_created = True
            raise

    return call_with_retry(attempt, policy, sleep=sleep, rng=rng, on_retry=on_retry)
