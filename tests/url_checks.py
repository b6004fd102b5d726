"""The check every device-URL parser shares: a bad URL is refused with a ValueError that says
what is wrong and names the URL (when there is one to name)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


def assert_refused(open_url: Callable[[str], object], url: str, words: str) -> None:
    with pytest.raises(ValueError) as info:
        open_url(url)
    assert words in str(info.value)
    if url.strip():
        assert url in str(info.value)
