"""Pure frame parsers: byte streams in, readings out — split frames, noise, wrong baud."""

from decimal import Decimal
from fractions import Fraction

import pytest

from desktop.devices.scales.ascii_stream import PRESETS, RegexLineParser, user_preset
from desktop.devices.scales.frames import Garbage, Reply
from desktop.devices.scales.hid_report import HidReportParser, parse_report
from desktop.devices.scales.mtsics import MtSicsParser
from desktop.devices.scales.toledo import ToledoParser
from desktop.domain.weighing import (
    ScaleReading,
    ScaleState,
    StabilityRule,
    StabilityTracker,
    exact_grams,
    to_grams,
)

OK, MOTION, ZERO = ScaleState.OK, ScaleState.MOTION, ScaleState.ZERO
OVER, UNDER, FAULT = ScaleState.OVERLOAD, ScaleState.UNDERLOAD, ScaleState.FAULT
# What a 9600-baud frame looks like when the port is set to another speed: bytes with the
# high bit set, framing debris, no line structure (captured shape, not a real capture).
WRONG_BAUD = bytes([0xF8, 0x80, 0x00, 0xE6, 0x9E, 0x18, 0x78, 0xFE, 0x86, 0x00, 0xF0])


def readings(frames):
    return [f for f in frames if isinstance(f, ScaleReading)]


def feed_bytewise(parser, data: bytes):
    out = []
    for i in range(len(data)):
        out += parser.feed(data[i:i + 1])
    return out


# -- units -----------------------------------------------------------------------------------
def test_conversions_are_exact_before_rounding():
    assert exact_grams("1", "lb") == Fraction(45359237, 100000)
    assert exact_grams("1", "oz") == Fraction(45359237, 1600000)
    assert to_grams("0.05", "lb") == 23  # 22.6796185 g
    assert to_grams("3.5", "oz") == 99  # 99.2233 g
    assert to_grams("2.2046", "lb") == 1000  # 999.98 g
    assert to_grams("0.0005", "kg") == 1  # half a gram rounds up, not to even


# -- MT-SICS ------------------------------------------------------------------------------------
def test_mtsics_frame_split_anywhere_gives_the_same_reading():
    stream = b"S D      1.240 kg\r\nS S      1.250 kg\r\n"
    got = readings(feed_bytewise(MtSicsParser(), stream))
    assert got == [ScaleReading(1240, False, MOTION), ScaleReading(1250, True, OK)]
    assert got[1].raw == b"S S      1.250 kg" and got[1].value == Decimal("1.250")
    assert got[1].unit == "kg"


def test_mtsics_noise_and_wrong_baud_never_become_a_weight():
    parser = MtSicsParser()
    frames = parser.feed(WRONG_BAUD + b"\r\n" + b"S S 12#.5 g\r\n" + WRONG_BAUD
                         + b"S S     100.00 g\r\n")
    assert readings(frames) == [ScaleReading(100, True, OK)]  # noise glued before is cut
    assert all(isinstance(f, Garbage) for f in frames[:-1])


def test_mtsics_replies_to_commands():
    frames = MtSicsParser().feed(b'Z A\r\nZ I\r\nT S   12.00 g\r\nI4 A "B123456789"\r\nES\r\n'
                                 b"S +\r\nS -\r\n")
    assert frames[:5] == [Reply("Z", True, "", b"Z A"), Reply("Z", False, "", b"Z I"),
                          Reply("T", True, "12.00 g", b"T S   12.00 g"),
                          Reply("I4", True, '"B123456789"', b'I4 A "B123456789"'),
                          Reply("ES", False, "syntax error", b"ES")]
    assert readings(frames) == [ScaleReading(0, False, OVER), ScaleReading(0, False, UNDER)]


def test_a_line_without_end_is_cut_as_garbage():
    parser = MtSicsParser()
    frames = parser.feed(b"x" * 1000)
    assert frames and isinstance(frames[0], Garbage)
    assert readings(parser.feed(b"\r\nS S 5 g\r\n")) == [ScaleReading(5, True, OK)]


# -- Toledo 8213 -------------------------------------------------------------------------------
@pytest.mark.parametrize("frame, expected", [
    (b"\x02001.25\r", ScaleReading(1250, True, OK)),  # kg by default
    (b"\x0201.250\r", ScaleReading(1250, True, OK)),
    (b"\x02000.00\r", ScaleReading(0, True, ZERO)),
    (b"\x02 1.25LB\r", ScaleReading(567, True, OK)),  # unit sent by an emulation
    (b"\x02001.25N\r", ScaleReading(1250, True, OK)),  # net
    (b"\x02?A\r", ScaleReading(0, False, MOTION)),  # 0x41: bit 0
    (b"\x02?a\r", ScaleReading(0, False, MOTION)),  # 0x61: bit 5 held high, masked
    (b"\x02?B\r", ScaleReading(0, False, OVER)),
    (b"\x02?D\r", ScaleReading(0, False, UNDER)),
    (b"\x02?H\r", ScaleReading(0, False, FAULT)),  # outside zero capture range
    (b"\x02?P\r", ScaleReading(0, True, ZERO)),  # centre of zero
    (b"\x02?C\r", ScaleReading(0, False, OVER)),  # over capacity wins over motion
])
def test_toledo_frames(frame, expected):
    assert readings(ToledoParser().feed(frame)) == [expected]


def test_toledo_grams_mode_and_unit_setting():
    assert readings(ToledoParser("g").feed(b"\x02001250\r")) == [ScaleReading(1250, True, OK)]
    assert readings(ToledoParser("lb").feed(b"\x02002.00\r")) == [ScaleReading(907, True, OK)]


def test_toledo_parity_bit_is_masked():
    """7E1 read as 8N1: the even-parity bit lands in bit 7 of every byte with odd ones."""
    def with_even_parity(data: bytes) -> bytes:
        return bytes(b | 0x80 if bin(b).count("1") % 2 else b for b in data)
    wire = with_even_parity(b"\x02001.25\r")
    assert wire != b"\x02001.25\r"
    assert readings(ToledoParser().feed(wire)) == [ScaleReading(1250, True, OK)]


def test_toledo_split_frames_noise_and_status_byte_reply():
    parser = ToledoParser()
    got = feed_bytewise(parser, WRONG_BAUD + b"\r" + b"junk\x02?A\r" + b"\x02001.2")
    assert readings(got) == [ScaleReading(0, False, MOTION)]
    assert readings(parser.feed(b"50\r")) == [ScaleReading(1250, True, OK)]
    assert readings(parser.feed(b"\x02ab.cd\r")) == []


def test_toledo_echo_of_the_detection_command():
    assert ToledoParser().feed(b"\x02E\rhello")[0] == Reply("E", True, "", b"\x02E\r")


# -- ASCII streams ------------------------------------------------------------------------------
def stream(preset: str, data: bytes, **kw):
    parser = RegexLineParser(PRESETS[preset], **kw)
    parser.reset(mid_stream=True)
    return readings(parser.feed(data))


def test_generic_stream_drops_the_first_partial_frame():
    data = b"34kg\r\nST,GS,+  1.234kg\r\nUS,GS,+  1.240kg\r\nST,NT,-  0.020kg\r\nOL,GS,+ ---.--kg\r\n"
    assert stream("generic", data) == [ScaleReading(1234, True, OK),
                                       ScaleReading(1240, False, MOTION),
                                       ScaleReading(-20, True, UNDER),
                                       ScaleReading(0, False, OVER)]


def test_generic_stream_survives_wrong_baud_noise_and_byte_splits():
    data = b"\r\n" + WRONG_BAUD + b"\r\n" + WRONG_BAUD + b"ST,GS,+  0.500kg\r\n"
    parser = RegexLineParser(PRESETS["generic"])
    parser.reset(mid_stream=True)
    assert readings(feed_bytewise(parser, data)) == [ScaleReading(500, True, OK)]


def test_and_frames():
    data = b"\r\nST,+00123.4  g\r\nUS,+00120.0  g\r\nOL,+9999999  g\r\nQT,+0000012 PC\r\n"
    assert stream("and", data) == [ScaleReading(123, True, OK), ScaleReading(120, False, MOTION),
                                   ScaleReading(0, False, OVER)]


def test_cas_frame_with_device_id_and_binary_lamp_byte():
    frame = b"ST,GS,\x01\xc0,  1.250kg\r\n"  # device 1, lamp: bits 6 and 7
    assert stream("cas", b"\n" + frame) == [ScaleReading(1250, True, OK)]


def test_dibal_has_no_stability_flag():
    parser = RegexLineParser(PRESETS["dibal"])
    assert not parser.reports_stability
    assert readings(parser.feed(b" 01.235\r\n")) == [ScaleReading(1235, True, OK)]


def test_user_regex_with_named_groups():
    preset = user_preset(r"W=(?P<value>[\d.]+)(?P<unit>lb)? (?P<status>ST|US)", unit="g")
    parser = RegexLineParser(preset)
    assert readings(parser.feed(b"W=12.5 US\r\nW=2lb ST\r\n")) == [
        ScaleReading(13, False, MOTION), ScaleReading(907, True, OK)]


@pytest.mark.parametrize("pattern, words", [("(", "regex"), (r"\d+", "(?P<value>")])
def test_user_regex_refused(pattern, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace("?", r"\?")):
        user_preset(pattern)


# -- Ohaus and Sartorius compatibles -----------------------------------------------------------
def test_ohaus_print_replies():
    parser = RegexLineParser(PRESETS["ohaus"])
    assert readings(parser.feed(b"     1.234 kg   \r\n     1.230 kg ? N\r\n")) == [
        ScaleReading(1234, True, OK), ScaleReading(1230, False, MOTION)]


def test_sartorius_sbi_replies():
    parser = RegexLineParser(PRESETS["sartorius"])
    data = (b"+    123.45 g  \r\n"  # 16-character format
            b"N     +    123.40    \r\n"  # 22-character, unit blank: moving
            b"G     -      2.00 g  \r\n"
            b"    High      \r\n    Low       \r\n")
    assert readings(parser.feed(data)) == [
        ScaleReading(123, True, OK), ScaleReading(123, False, MOTION),
        ScaleReading(-2, True, UNDER), ScaleReading(0, False, OVER),
        ScaleReading(0, False, UNDER)]


# -- USB HID postal scales: reports recorded from DYMO M10, M25 and a Stamps.com scale ------------
@pytest.mark.parametrize("report, expected", [
    ("03 04 02 00 e2 04", ScaleReading(1250, True, OK)),  # 1250 g stable
    ("03 04 0b ff 2c 01", ScaleReading(850, True, OK)),  # DYMO in oz: 300 × 10^-1 = 30.0 oz
    ("03 03 02 00 d0 07", ScaleReading(2000, False, MOTION)),
    ("03 02 0b ff 00 00", ScaleReading(0, True, ZERO)),
    ("03 05 02 00 0a 00", ScaleReading(-10, False, UNDER)),
    ("03 06 02 00 00 00", ScaleReading(0, False, OVER)),
    ("03 01 02 00 00 00", ScaleReading(0, False, FAULT)),
    ("03 08 02 00 00 00", ScaleReading(0, False, FAULT)),  # needs re-zeroing
    ("04 04 03 fd 10 27", ScaleReading(10000, True, OK)),  # report id 4, 10000 × 10^-3 kg
    ("03 04 0c fe 39 01", ScaleReading(1420, True, OK)),  # 3.13 lb = 1419.74 g
])
def test_hid_reports(report, expected):
    reading = parse_report(bytes.fromhex(report))
    assert reading == expected
    assert reading.raw == bytes.fromhex(report)


@pytest.mark.parametrize("report", ["03 04 02", "05 04 02 00 00 00", "03 04 07 00 01 00",
                                    "03 09 02 00 00 00"])
def test_hid_reports_that_are_not_weights(report):
    with pytest.raises(ValueError):
        parse_report(bytes.fromhex(report))


def test_hid_parser_drops_the_stale_first_report_after_opening():
    parser = HidReportParser()
    parser.reset()
    assert parser.feed(bytes.fromhex("03 04 02 00 e2 04")) == []
    assert readings(parser.feed(bytes.fromhex("03 04 02 00 f4 01"))) == [
        ScaleReading(500, True, OK)]
    assert isinstance(parser.feed(b"\x01\x02")[0], Garbage)


# -- stability for scales that do not say it ---------------------------------------------------
def test_stability_needs_n_close_readings_over_a_minimum_time():
    tracker = StabilityTracker(StabilityRule(count=3, tolerance_g=2, min_time_s=0.5))
    w = lambda g: ScaleReading(g, True, OK)  # noqa: E731 — what a flagless parser returns
    assert not tracker.feed(w(1000), 0.0).stable
    assert not tracker.feed(w(1001), 0.2).stable
    assert not tracker.feed(w(1002), 0.3).stable  # three readings but only 0.3 s
    assert tracker.feed(w(1001), 0.6) == ScaleReading(1001, True, OK)
    assert tracker.feed(w(1010), 0.7) == ScaleReading(1010, False, MOTION)  # a new run
    assert not tracker.feed(ScaleReading(0, False, OVER), 0.8).stable
    for t in (1.0, 1.1, 1.2):
        result = tracker.feed(w(0), t)
    assert not result.stable
    assert tracker.feed(w(0), 1.5) == ScaleReading(0, True, ZERO)


def test_stability_rule_limits():
    with pytest.raises(ValueError):
        StabilityRule(count=1)
    with pytest.raises(ValueError):
        StabilityRule(tolerance_g=-1)
