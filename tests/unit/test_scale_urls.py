"""Scale URLs → protocol, port and serial settings (nothing is opened)."""

import pytest

from desktop.devices.scales import open_scale, parse_scale_url
from desktop.domain.weighing import StabilityRule
from tests.url_checks import assert_refused


@pytest.mark.parametrize("url, protocol, target, line", [
    ("mtsics:///dev/ttyUSB0", "mt-sics", "/dev/ttyUSB0", "9600 8N1"),
    ("mt-sics+socket://127.0.0.1:4001", "mt-sics", "socket://127.0.0.1:4001", "9600 8N1"),
    ("toledo:///dev/ttyS0", "toledo", "/dev/ttyS0", "9600 7E1"),
    ("toledo:///COM3", "toledo", "COM3", "9600 7E1"),
    ("serial:///COM4?protocol=toledo&baudrate=4800&parity=odd&stopbits=2", "toledo", "COM4",
     "4800 7O2"),
    ("serial:///dev/ttyUSB0?protocol=toledo&baudrate=9600&bytesize=7&parity=E", "toledo",
     "/dev/ttyUSB0", "9600 7E1"),
    ("socket://127.0.0.1:4001?protocol=ascii&preset=cas", "ascii", "socket://127.0.0.1:4001",
     "9600 8N1"),
    ("rfc2217://10.0.0.5:2217?protocol=sbi", "sartorius", "rfc2217://10.0.0.5:2217", "1200 7O1"),
    ("ascii+loop://?regex=(?P<value>\\d%2B)", "ascii", "loop://", "9600 8N1"),
    ("hid://0922:8003", "hid", "0922:8003", "9600 8N1"),
    ("sartorius:///dev/ttyUSB0?rtscts=1", "sartorius", "/dev/ttyUSB0", "1200 7O1"),
])
def test_urls(url, protocol, target, line):
    config = parse_scale_url(url)
    assert (config.protocol.name, config.target, config.serial.short) == (protocol, target, line)


def test_bare_port_with_the_protocol_apart_and_options():
    config = parse_scale_url("/dev/ttyUSB0?stable_count=3&stable_time=1&id=bench-1",
                             protocol="ascii")
    assert config.protocol.name == "ascii" and config.target == "/dev/ttyUSB0"
    assert config.stability == StabilityRule(count=3, tolerance_g=0, min_time_s=1.0)
    assert config.scale_id == "bench-1"
    assert parse_scale_url("COM3", protocol="8217").protocol.name == "toledo"
    assert parse_scale_url("serial:///dev/x?protocol=toledo").serial.rtscts is False
    assert parse_scale_url("toledo:///dev/x?rtscts=yes").serial.rtscts is True


@pytest.mark.parametrize("url, words", [
    ("serial:///dev/ttyUSB0", "which protocol"),
    ("serial:///dev/ttyUSB0?protocol=weigh-o-matic", "unknown scale protocol"),
    ("toledo:///dev/ttyUSB0?parity=X", "parity"),
    ("toledo:///dev/ttyUSB0?bytesize=9", "bytesize"),
    ("toledo:///dev/ttyUSB0?baudrate=fast", "baudrate"),
    ("toledo:///dev/ttyUSB0?unit=stone", "unknown weight unit"),
    ("toledo:///dev/ttyUSB0?preset=and", "unknown option 'preset'"),
    ("ascii:///dev/ttyUSB0?preset=nope", "unknown ASCII preset"),
    ("ascii:///dev/ttyUSB0?regex=%5Cd%2B", "(?P<value>"),
    ("ascii:///dev/ttyUSB0?stable_count=1", "stable count"),
    ("mtsics:///dev/ttyUSB0?timeout=0", "timeout"),
    ("hid://dymo", "0922:8003"),
    ("toledo://host/dev/ttyS0", "expected toledo:///dev/ttyUSB0"),
    ("ftp://x", "unknown scheme"),
])
def test_bad_urls(url, words):
    assert_refused(parse_scale_url, url, words)


def test_hid_device_with_another_protocol_is_refused():
    with pytest.raises(ValueError, match="hid protocol"):
        parse_scale_url("hid://0922:8003", protocol="toledo")


def test_missing_port_is_an_os_error_only_when_connecting():
    scale = open_scale("toledo:///dev/comptoir-no-such-tty", connect=False)
    with pytest.raises(OSError, match="cannot open"):
        scale.read()
    scale.close()
