"""Back-off with jitter: only retryable errors are tried again, sleep and randomness injected."""

from __future__ import annotations

import pytest

from desktop.domain.backoff import RetryPolicy, call_with_retry
from desktop.domain.connectors import CarrierError, ErrorKind, classify_status


def _failing(errors, result="ok"):
    calls = []

    def call():
        calls.append(1)
        if errors:
            raise errors.pop(0)
        return result
    return call, calls


def err(kind=ErrorKind.RETRYABLE, **kw):
    return CarrierError("novapost", kind, "x", **kw)


def test_exponential_delays_with_full_jitter_and_cap():
    sleeps = []
    call, calls = _failing([err(), err(), err(), err()])
    assert call_with_retry(call, RetryPolicy(attempts=5, base_s=1.0, max_s=3.0),
                           sleep=sleeps.append, rng=lambda: 0.5) == "ok"
    assert sleeps == [0.5, 1.0, 1.5, 1.5]  # 1, 2, 4→3 (cap), 8→3, each × 0.5
    assert len(calls) == 5


def test_jitter_spreads_within_the_cap():
    values = iter([0.0, 0.999])
    policy = RetryPolicy(base_s=2.0)
    assert policy.delay(1, lambda: next(values)) == 0.0
    assert policy.delay(1, lambda: next(values)) == pytest.approx(1.998)


def test_permanent_errors_are_not_retried():
    sleeps = []
    call, calls = _failing([err(ErrorKind.PERMANENT)])
    with pytest.raises(CarrierError):
        call_with_retry(call, sleep=sleeps.append)
    assert calls == [1] and sleeps == []


def test_gives_up_after_the_attempts_with_the_last_error():
    last = err(status=500)
    call, calls = _failing([err(), err(), last])
    with pytest.raises(CarrierError) as info:
        call_with_retry(call, RetryPolicy(attempts=3), sleep=lambda s: None, rng=lambda: 0)
    assert info.value is last and len(calls) == 3


def test_retry_after_wins_and_is_capped():
    sleeps = []
    call, _ = _failing([err(retry_after_s=7.0), err(retry_after_s=9999.0)])
    call_with_retry(call, RetryPolicy(attempts=3, max_retry_after_s=60), sleep=sleeps.append,
                    rng=lambda: 0.1)
    assert sleeps == [7.0, 60]


@pytest.mark.parametrize("status,kind", [(429, ErrorKind.RETRYABLE), (500, ErrorKind.RETRYABLE),
                                         (503, ErrorKind.RETRYABLE), (408, ErrorKind.RETRYABLE),
                                         (400, ErrorKind.PERMANENT), (422, ErrorKind.PERMANENT),
                                         (404, ErrorKind.PERMANENT), (401, ErrorKind.AUTH)])
def test_status_classification(status, kind):
    assert classify_status(status) is kind
