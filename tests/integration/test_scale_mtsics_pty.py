"""An MT-SICS balance simulated on a pseudo-terminal, read through the real serial driver."""

import os
import queue
import sys

import pytest

from desktop.devices.scales import MtSicsScale, ScaleError, ScaleMonitor, open_scale
from desktop.domain.weighing import ScaleReading, ScaleState
from tests.integration.pty_device import PtyDevice
from tests.url_checks import assert_refused

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class PtyBalance(PtyDevice):
    """Answers each CR LF command with the next scripted reply for it (None: stay silent)."""

    def __init__(self, replies: dict[str, list[bytes | None]]):
        self.replies = replies
        self.commands: list[bytes] = []
        super().__init__()

    def _serve(self):
        pending = b""
        while True:
            try:
                chunk = os.read(self.master, 1024)
            except OSError:
                return
            if not chunk:
                return
            pending += chunk
            while b"\r\n" in pending:
                line, pending = pending.split(b"\r\n", 1)
                self.commands.append(line + b"\r\n")
                script = self.replies.get(line.decode(), [b"ES\r\n"])
                reply = script.pop(0) if len(script) > 1 else script[0]
                if reply is not None:
                    try:
                        os.write(self.master, reply)
                    except OSError:
                        return  # unplugged meanwhile


@pytest.fixture
def balance():
    made = []

    def make(**replies):
        made.append(PtyBalance({k: list(v) for k, v in replies.items()}))
        return made[-1]

    yield make
    for b in made:
        b.close()


def test_reading_a_stable_weight_with_s(balance):
    bal = balance(S=[b"S S      1.250 kg\r\n"])
    scale = open_scale(f"mtsics://{bal.path}?poll=S")
    assert scale.read() == ScaleReading(1250, True, ScaleState.OK)
    assert bal.commands == [b"S\r\n"]
    scale.close()


def test_default_poll_si_follows_a_parcel_settling(balance):
    bal = balance(SI=[b"S D     0.812 kg\r\n", b"S D     1.240 kg\r\n",
                      b"S S     1.250 kg\r\n"])
    scale = open_scale(f"mtsics://{bal.path}")
    readings = [scale.read() for _ in range(3)]
    assert readings == [ScaleReading(812, False, ScaleState.MOTION),
                        ScaleReading(1240, False, ScaleState.MOTION),
                        ScaleReading(1250, True, ScaleState.OK)]
    assert bal.commands == [b"SI\r\n"] * 3
    scale.close()


@pytest.mark.parametrize("reply, expected", [
    (b"S +\r\n", ScaleReading(0, False, ScaleState.OVERLOAD)),
    (b"S I\r\n", ScaleReading(0, False, ScaleState.MOTION)),
    (b"SI S 1.25 kg\r\n", ScaleReading(1250, True, ScaleState.OK)),  # compatible echoing SI
    (b"S S    -3.20 g\r\n", ScaleReading(-3, True, ScaleState.UNDERLOAD)),
    (b"ES\r\n", ScaleReading(0, False, ScaleState.FAULT)),  # scale there, command refused
    (b"S S 2.0 lb\n", ScaleReading(907, True, ScaleState.OK)),  # bare LF line end
])
def test_replies_through_the_wire(balance, reply, expected):
    bal = balance(SI=[reply])
    scale = MtSicsScale(bal.path)
    assert scale.read() == expected
    scale.close()


def test_silent_balance_is_a_timeout_error(balance):
    bal = balance(SI=[None])
    scale = open_scale(f"mtsics://{bal.path}?timeout=0.3")
    with pytest.raises(ScaleError, match="no reply to SI within 0.3 s"):
        scale.read()
    scale.close()


def test_wrong_protocol_reply_is_an_error(balance):
    bal = balance(SI=[b"\x02 01.250\r\n"])  # a Toledo 8213 frame on the wrong driver
    scale = MtSicsScale(bal.path)
    with pytest.raises(ScaleError, match="not an MT-SICS reply"):
        scale.read()
    scale.close()


def test_missing_port_cannot_open():
    with pytest.raises(OSError, match="cannot open"):
        open_scale("mtsics:///dev/comptoir-no-such-tty")


@pytest.mark.parametrize("url, words", [
    ("mtsics://host/dev/ttyUSB0", "expected mtsics:///dev/ttyUSB0"),
    ("mtsics:///dev/ttyUSB0?poll=SR", "poll command"),
    ("mtsics:///dev/ttyUSB0?speed=9600", "unknown option 'speed'"),
    ("mtsics+ftp://x", "unknown serial URL scheme 'ftp'"),
])
def test_bad_mtsics_urls(url, words):
    assert_refused(open_scale, url, words)


def test_pyserial_url_form_reaches_the_driver():
    # loop:// echoes our own "SI\r\n" back: the driver must refuse it, not crash.
    scale = open_scale("mtsics+loop://?timeout=0.3")
    with pytest.raises(ScaleError, match="not an MT-SICS reply"):
        scale.read()
    scale.close()


def test_monitor_reads_the_balance_and_notices_the_unplug(balance):
    bal = balance(SI=[b"S S     0.480 kg\r\n"])
    got: queue.Queue[ScaleReading] = queue.Queue()
    url = f"mtsics://{bal.path}?timeout=0.3"
    with ScaleMonitor(lambda: open_scale(url), got.put, interval_s=0.01, backoff_s=(0.05,)):
        assert got.get(timeout=10) == ScaleReading(480, True, ScaleState.OK)
        bal.unplug()
        while (reading := got.get(timeout=10)).state is not ScaleState.DISCONNECTED:
            pass
        assert reading == ScaleReading(0, False, ScaleState.DISCONNECTED)


def test_driver_reopens_its_port_after_unplug_and_replug(balance, tmp_path):
    """The app monitors the scale it opened (`for_scale`): the driver itself must come back
    when the adapter is plugged in again. A symlink plays the stable /dev/serial/by-id name."""
    link = tmp_path / "usb-Mettler_Toledo-if00"
    first = balance(SI=[b"S S     0.480 kg\r\n"])
    link.symlink_to(first.path)
    scale = MtSicsScale(str(link), timeout_s=0.3)
    got: queue.Queue[ScaleReading] = queue.Queue()
    with ScaleMonitor.for_scale(scale, got.put, interval_s=0.01, backoff_s=(0.05,)):
        assert got.get(timeout=10) == ScaleReading(480, True, ScaleState.OK)
        first.unplug()
        while got.get(timeout=10).state is not ScaleState.DISCONNECTED:
            pass
        second = balance(SI=[b"S S     1.020 kg\r\n"])
        link.unlink()
        link.symlink_to(second.path)
        while (reading := got.get(timeout=10)).state is not ScaleState.OK:
            pass
        assert reading == ScaleReading(1020, True, ScaleState.OK)
    scale.close()
    with pytest.raises(OSError, match="closed"):
        scale.read()
