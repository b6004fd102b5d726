"""Retrying a carrier call: exponential back-off with full jitter, sleep and randomness injected.

Only `CarrierError`s classified retryable are tried again (429, 5xx, timeouts, dropped
connections); a refusal (4xx) or refused credentials is raised at once. A `Retry-After` the
carrier sent wins over the computed delay. Full jitter (a random delay between 0 and the
exponential cap) spreads the retries of several stations so they do not hit the carrier in
step ("Exponential Backoff And Jitter", AWS Architecture Blog, 2015).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from desktop.domain.connectors import CarrierError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # tries in all, the first included
    base_s: float = 0.5
    max_s: float = 30.0
    max_retry_after_s: float = 120.0  # a larger Retry-After is capped (the outbox waits instead)

    def delay(self, retry: int, rng: Callable[[], float]) -> float:
        """The wait before retry number `retry` (1-based): uniform in [0, min(max, base·2^(n-1))]."""
        cap = min(self.max_s, self.base_s * (2 ** (retry - 1)))
        return cap * rng()


DEFAULT_POLICY = RetryPolicy()


def call_with_retry(call: Callable[[], T], policy: RetryPolicy = DEFAULT_POLICY, *,
                    sleep: Callable[[float], None] = time.sleep,
                    rng: Callable[[], float] = random.random,
                    on_retry: Callable[[int, CarrierError, float], None] | None = None) -> T:
    """`call()`, tried again on retryable carrier errors; the last error is raised."""
    policy = policy or DEFAULT_POLICY
    retry = 0
    while True:
        try:
            return call()
        except CarrierError as exc:
            retry += 1
            if not exc.retryable or retry >= policy.attempts:
                raise
            wait = policy.delay(retry, rng)
            if exc.retry_after_s is not None:
                wait = min(max(exc.retry_after_s, 0.0), policy.max_retry_after_s)
            if on_retry:
                on_retry(retry, exc, wait)
            sleep(wait)
