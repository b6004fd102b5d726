"""wait_for_stable: only a stable reading is returned; silence and motion end in time."""

import pytest

from desktop.devices.scales.probe import list_hid_scales, scale_url
from desktop.domain.weighing import ScaleReading, ScaleState
from desktop.services.weighing import wait_for_stable


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, s):
        self.now += s


class Scripted:
    def __init__(self, clock, items, step=0.1):
        self.clock, self.items, self.step = clock, list(items), step

    def read(self):
        self.clock.now += self.step
        item = self.items.pop(0) if len(self.items) > 1 else self.items[0]
        if isinstance(item, Exception):
            raise item
        return item

    def close(self):
        pass


MOVING = ScaleReading(1200, False, ScaleState.MOTION)
STABLE = ScaleReading(1250, True, ScaleState.OK)


def test_returns_the_first_stable_reading():
    clock = Clock()
    scale = Scripted(clock, [MOVING, OSError("glitch"), MOVING, STABLE])
    result = wait_for_stable(scale, 5, clock=clock, sleep=clock.sleep)
    assert result.reading == STABLE and not result.silent


def test_a_moving_weight_is_never_returned():
    clock = Clock()
    result = wait_for_stable(Scripted(clock, [MOVING]), 2, clock=clock, sleep=clock.sleep)
    assert result.reading is None and result.last == MOVING
    assert 2 <= clock.now < 2.5


def test_a_silent_scale_is_reported_as_silent():
    clock = Clock()
    result = wait_for_stable(Scripted(clock, [OSError("no reply to SI within 1 s")]), 1,
                             clock=clock, sleep=clock.sleep)
    assert result.silent and "no reply" in result.error


def test_timeout_must_be_positive():
    with pytest.raises(ValueError):
        wait_for_stable(Scripted(Clock(), [STABLE]), 0)


def test_hid_listing_and_suggested_urls():
    class FakeHid:
        @staticmethod
        def enumerate():
            return [{"vendor_id": 0x0922, "product_id": 0x8003},
                    {"vendor_id": 0x046D, "product_id": 0xC077}]  # a mouse
    found = list_hid_scales(FakeHid)
    assert [(f.protocol, f.url, f.detail) for f in found] == [
        ("hid", "hid://0922:8003", "DYMO M10")]
    assert scale_url("toledo", "/dev/ttyUSB0") == "toledo:///dev/ttyUSB0"
    assert scale_url("ascii", "COM3", "preset=and") == "ascii:///COM3?preset=and"
    assert scale_url("mt-sics", "socket://127.0.0.1:4001") == "mt-sics+socket://127.0.0.1:4001"
