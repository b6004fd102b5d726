"""Each scale protocol spoken byte for byte through a pseudo-terminal or a 127.0.0.1 socket,
read through the real resolver, driver and pyserial: split frames, garbage and wrong-baud
noise, motion then stable, overload, negative, a silent scale, unplug then replug."""

from __future__ import annotations

import queue
import sys
import threading
import time

import pytest

from desktop.devices.scales import (
    ScaleError,
    ScaleMonitor,
    ScaleTimeout,
    open_scale,
    parse_scale_url,
)
from desktop.devices.scales.driver import FramedScale
from desktop.devices.scales.links import HidLink
from desktop.devices.scales.protocols import PROTOCOLS
from desktop.domain.weighing import ScaleReading, ScaleState
from tests.integration.scale_devices import (
    PolledPtyScale,
    StreamPtyScale,
    StreamSocketScale,
    byte_commands,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
OK, MOTION, ZERO = ScaleState.OK, ScaleState.MOTION, ScaleState.ZERO
OVER, UNDER, FAULT = ScaleState.OVERLOAD, ScaleState.UNDERLOAD, ScaleState.FAULT
NOISE = bytes([0xF8, 0x80, 0x00, 0xE6, 0x9E, 0x18, 0x78, 0xFE, 0x86, 0x00, 0xF0])
WAIT_S = 10


@pytest.fixture
def devices():
    made = []
    yield made
    for d in made:
        d.close()


def polled(devices, script, **kw) -> PolledPtyScale:
    devices.append(PolledPtyScale(script, **kw))
    return devices[-1]


def stream(devices) -> StreamPtyScale:
    devices.append(StreamPtyScale())
    return devices[-1]


# -- MT-SICS ------------------------------------------------------------------------------------
def test_mtsics_motion_then_stable_split_frames_and_noise(devices):
    dev = polled(devices, {b"SI": [
        [b"S D   ", b"  0.812 kg\r\n"],  # one reply in two writes
        NOISE + b"S D     1.240 kg\r\n",  # wrong-baud debris before the reply
        [b"S S     1.2", b"50 kg", b"\r\n"],
    ]})
    scale = open_scale(f"serial://{dev.path}?protocol=mt-sics", connect=True)
    got = [scale.read() for _ in range(3)]
    assert got == [ScaleReading(812, False, MOTION), ScaleReading(1240, False, MOTION),
                   ScaleReading(1250, True, OK)]
    assert got[2].raw == b"S S     1.250 kg" and got[2].scale_id == f"mt-sics:{dev.path}"
    assert got[2].at is not None
    assert dev.commands == [b"SI"] * 3
    scale.close()


def test_mtsics_overload_negative_and_zero_tare(devices):
    dev = polled(devices, {b"SI": [b"S +\r\n", b"S S    -3.20 g\r\n", b"S -\r\n"],
                           b"Z": [b"Z A\r\n"], b"T": [b"T S     12.00 g\r\n", b"T I\r\n"]})
    scale = open_scale(f"mtsics://{dev.path}")
    assert [scale.read() for _ in range(3)] == [ScaleReading(0, False, OVER),
                                                ScaleReading(-3, True, UNDER),
                                                ScaleReading(0, False, UNDER)]
    assert scale.zero() is True
    assert scale.tare() is True
    assert scale.tare() is False  # `T I`: not executed (scale moving)
    assert dev.commands[-3:] == [b"Z", b"T", b"T"]
    scale.close()


def test_mtsics_silent_scale_is_a_timeout(devices):
    dev = polled(devices, {b"SI": [None]})
    scale = open_scale(f"mtsics://{dev.path}?timeout=0.3")
    with pytest.raises(ScaleTimeout, match="no reply to SI within 0.3 s"):
        scale.read()
    scale.close()


def test_mtsics_sir_streams_until_reset(devices):
    """`poll=SIR`: sent once when the port opens; the scale then repeats `SI` by itself and
    `@` (reset) stops it when the driver closes."""
    dev = stream(devices)
    scale = open_scale(f"mtsics://{dev.path}?poll=SIR&timeout=2")
    assert scale.paced_by_device
    deadline = time.monotonic() + WAIT_S
    while dev.received != b"SIR\r\n" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert dev.received == b"SIR\r\n"
    dev.send(b"\r\nS D     0.700 kg\r\n")
    assert scale.read() == ScaleReading(700, False, MOTION)
    dev.send(b"S S     0.705 kg\r\n")
    assert scale.read() == ScaleReading(705, True, OK)
    scale.close()
    deadline = time.monotonic() + WAIT_S
    while dev.received == b"SIR\r\n" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert dev.received == b"SIR\r\n@\r\n"


# -- Toledo 8213 ----------------------------------------------------------------------------------
def test_toledo_motion_then_stable_over_under(devices):
    dev = polled(devices, {b"W": [b"\x02?A\r", [b"\x02?", b"A\r"], b"\x02001.25\r",
                                  b"\x02?B\r", b"\x02?D\r", b"\x02?P\r"]},
                 split=byte_commands)
    # This machine's pseudo-terminals refuse 7-bit characters (EINVAL): the line is set to
    # 8N1 here and the parity bit is checked on bytes (test_toledo_noise_parity_bits…).
    scale = open_scale(f"toledo://{dev.path}?bytesize=8&parity=N")
    assert [scale.read() for _ in range(6)] == [
        ScaleReading(0, False, MOTION), ScaleReading(0, False, MOTION),
        ScaleReading(1250, True, OK), ScaleReading(0, False, OVER),
        ScaleReading(0, False, UNDER), ScaleReading(0, True, ZERO)]
    assert dev.commands == [b"W"] * 6  # one byte, no terminator
    assert parse_scale_url(f"toledo://{dev.path}").serial.short == "9600 7E1"  # the preset
    scale.close()


def test_toledo_noise_parity_bits_and_zero(devices):
    parity = bytes(b | 0x80 if bin(b).count("1") % 2 else b for b in b"\x02000.50\r")
    dev = polled(devices, {b"W": [NOISE + b"\r" + parity]}, split=byte_commands)
    scale = open_scale(f"serial://{dev.path}?protocol=8213&unit=kg&bytesize=8&parity=N")
    assert scale.read() == ScaleReading(500, True, OK)
    assert scale.zero() is True
    deadline = time.monotonic() + WAIT_S
    while dev.commands[-1:] != [b"Z"] and time.monotonic() < deadline:
        time.sleep(0.01)
    assert dev.commands == [b"W", b"Z"]
    scale.close()


def test_toledo_silent_and_garbage_only(devices):
    silent = polled(devices, {}, split=byte_commands)
    scale = open_scale(f"toledo://{silent.path}?timeout=0.3&bytesize=8&parity=N")
    with pytest.raises(ScaleTimeout, match="no reply to W within 0.3 s"):
        scale.read()
    scale.close()
    noisy = polled(devices, {b"W": [b"S S 1.0 kg\r"]}, split=byte_commands)
    scale = open_scale(f"toledo://{noisy.path}?timeout=0.3&bytesize=8&parity=N")
    with pytest.raises(ScaleError, match="no STX"):
        scale.read()
    scale.close()


# -- Ohaus and Sartorius (MT-SICS compatibles with their own print command) ----------------------
def test_ohaus_and_sartorius_polls(devices):
    ohaus = polled(devices, {b"IP": [b"    1.230 kg ? N\r\n", b"    1.234 kg   \r\n"]})
    scale = open_scale(f"ohaus://{ohaus.path}")
    assert [scale.read() for _ in range(2)] == [ScaleReading(1230, False, MOTION),
                                                ScaleReading(1234, True, OK)]
    scale.close()
    sbi = polled(devices, {b"\x1bP": [b"N     +    412.5    \r\n", b"N     +    412.5 g  \r\n",
                                      b"    High      \r\n"]})
    assert parse_scale_url(f"sartorius://{sbi.path}").serial.short == "1200 7O1"
    scale = open_scale(f"sartorius://{sbi.path}?bytesize=8&parity=N")
    assert [scale.read() for _ in range(3)] == [ScaleReading(413, False, MOTION),
                                                ScaleReading(413, True, OK),
                                                ScaleReading(0, False, OVER)]
    scale.close()


# -- continuous ASCII streams ---------------------------------------------------------------------
def test_stream_newest_frame_wins_and_noise_is_skipped(devices):
    dev = stream(devices)
    scale = open_scale(f"ascii://{dev.path}?timeout=2")
    assert scale.paced_by_device
    dev.send(b"kg\r\n" + NOISE + b"\r\nUS,GS,+  0.900kg\r\nUS,GS,+  1.100kg\r\n"
             b"ST,GS,+  1.0")  # the last frame is still arriving
    first = scale.read()
    assert first == ScaleReading(1100, False, MOTION)
    dev.send(b"00kg\r\n")
    assert scale.read() == ScaleReading(1000, True, OK)
    dev.send(b"OL,GS,+ ---.--kg\r\nST,NT,-  0.015kg\r\n")
    assert scale.read() == ScaleReading(-15, True, UNDER)  # the newest of the two
    scale.close()


def test_stream_silent_is_a_timeout(devices):
    dev = stream(devices)
    scale = open_scale(f"serial://{dev.path}?protocol=ascii&preset=and&timeout=0.3")
    with pytest.raises(ScaleTimeout, match="no frame within 0.3 s"):
        scale.read()
    # The silent port was closed; it is reopened (input flushed) by the next read, and the
    # scale speaks again while that read waits.
    timer = threading.Timer(0.1, dev.send, (b"\r\nST,+00123.4  g\r\n",))
    timer.start()
    assert scale.read() == ScaleReading(123, True, OK)
    timer.join()
    scale.close()


def test_stream_without_stability_flag_needs_n_equal_readings(devices):
    dev = stream(devices)
    scale = open_scale(f"ascii://{dev.path}?preset=dibal&stable_count=3&stable_time=0"
                       f"&stable_tolerance=1")
    dev.send(b"\r\n")
    got = []
    for grams in ("1.200", "1.250", "1.251", "1.250"):
        dev.send(grams.encode() + b"\r\n")
        got.append(scale.read())
    assert [(r.weight_g, r.stable) for r in got] == [(1200, False), (1250, False),
                                                     (1251, False), (1250, True)]
    scale.close()


def test_stream_over_a_local_socket_with_a_dropped_connection():
    server = StreamSocketScale()
    frame = [b"ST,GS,+  2.500kg\r\n"]
    stop = threading.Event()

    def indicator():  # streams 20 frames a second to whoever is connected
        while not stop.wait(0.05):
            server.send(frame[0])
    thread = threading.Thread(target=indicator, daemon=True)
    try:
        scale = open_scale(f"ascii+{server.url}?timeout=0.5")
        thread.start()
        assert scale.read() == ScaleReading(2500, True, OK)
        server.drop()
        with pytest.raises(ScaleError):  # closed by the peer, or silent until the timeout
            for _ in range(50):
                scale.read()
        frame[0] = b"ST,GS,+  0.750kg\r\n"
        got = None
        deadline = time.monotonic() + WAIT_S
        while got is None and time.monotonic() < deadline:  # the driver reconnects
            try:
                got = scale.read()
            except ScaleError:
                pass
        assert got == ScaleReading(750, True, OK)
        scale.close()
    finally:
        stop.set()
        thread.join(5)
        server.close()


def test_stream_unplug_then_replug_through_the_monitor(devices, tmp_path):
    """The monitor shows DISCONNECTED while the adapter is away and weighs again after."""
    link = tmp_path / "usb-FTDI_indicator-if00-port0"
    first = stream(devices)
    link.symlink_to(first.path)
    scale = open_scale(f"ascii://{link}?timeout=0.5")
    got: queue.Queue[ScaleReading] = queue.Queue()
    stop = threading.Event()

    def feeder():  # the indicator streams 10 frames a second
        while not stop.is_set():
            for dev in devices:
                try:
                    dev.send(dev.frame)
                except (OSError, AttributeError):
                    pass
            stop.wait(0.1)
    first.frame = b"ST,GS,+  0.480kg\r\n"
    thread = threading.Thread(target=feeder, daemon=True)
    thread.start()
    try:
        with ScaleMonitor.for_scale(scale, got.put, interval_s=0.01, backoff_s=(0.05,)):
            while (r := got.get(timeout=WAIT_S)).state is not OK:
                pass
            assert r == ScaleReading(480, True, OK)
            first.unplug()
            while got.get(timeout=WAIT_S).state is not ScaleState.DISCONNECTED:
                pass
            second = stream(devices)
            second.frame = b"ST,GS,+  1.020kg\r\n"
            link.unlink()
            link.symlink_to(second.path)
            while (r := got.get(timeout=WAIT_S)).weight_g != 1020:
                pass
            assert r == ScaleReading(1020, True, OK)
    finally:
        stop.set()
        thread.join(5)
        scale.close()


# -- USB HID postal scales (a recorded session played through the real HidLink) ----------------
class RecordedHid:
    """Stands in for the `hid` module: the device plays back recorded input reports."""

    def __init__(self, reports: list[str]):
        self.reports = [list(bytes.fromhex(r)) for r in reports]
        self.opened: tuple[int, int] | None = None
        self.written: list[list[int]] = []

    def device(self):
        return self

    def open(self, vendor, product):
        self.opened = (vendor, product)

    def read(self, size, timeout_ms):
        if not self.reports:
            time.sleep(timeout_ms / 1000)
            return []
        return self.reports.pop(0)

    def write(self, data):
        self.written.append(data)
        return len(data)

    def close(self):
        pass


def test_hid_scale_session_from_recorded_reports():
    recorded = RecordedHid(["03 04 02 00 e2 04",  # stale report from before: dropped
                            "03 03 0b ff 10 00", "03 03 0b ff 2c 01", "03 04 0b ff 2c 01",
                            "03 06 02 00 00 00"])
    scale = FramedScale(PROTOCOLS["hid"], "0922:8003", timeout_s=0.3,
                        link_factory=lambda target, _s: HidLink(target, hid_module=recorded))
    assert recorded.opened == (0x0922, 0x8003)
    got = [scale.read() for _ in range(3)]
    assert got == [ScaleReading(45, False, MOTION), ScaleReading(850, False, MOTION),
                   ScaleReading(850, True, OK)]
    assert got[2].value is not None and str(got[2].value) == "30.0" and got[2].unit == "oz"
    assert scale.read() == ScaleReading(0, False, OVER)
    assert scale.zero() is True and recorded.written == [[2, 2]]
    with pytest.raises(ScaleTimeout):
        scale.read()
    scale.close()


def test_hid_url_without_the_library_or_device_is_disconnected():
    scale = open_scale("hid://0922:8003", connect=False)  # opening waits for the first read
    with pytest.raises(OSError, match="HID|hidapi"):
        scale.read()
    scale.close()
