"""MT-SICS replies → readings, including the compatibles' quirks (docs/scales.md)."""

from decimal import Decimal

import pytest

from desktop.devices.scales import to_grams
from desktop.devices.scales.mtsics import SicsError, command, parse_reply, to_reading
from desktop.domain.weighing import ScaleReading, ScaleState

OK, MOTION = ScaleState.OK, ScaleState.MOTION


@pytest.mark.parametrize("line, expected", [
    (b"S S     100.00 g\r\n", ScaleReading(100, True, OK)),
    (b"S S      1.250 kg\r\n", ScaleReading(1250, True, OK)),
    (b"S D      99.87 g\r\n", ScaleReading(100, False, MOTION)),
    (b"S S       0.00 g\r\n", ScaleReading(0, True, ScaleState.ZERO)),
    (b"S S     -12.34 g\r\n", ScaleReading(-12, True, ScaleState.UNDERLOAD)),
    (b"S S -    12.34 g\r\n", ScaleReading(-12, True, ScaleState.UNDERLOAD)),  # sign apart
    (b"S D    -0.52 g\r\n", ScaleReading(-1, False, MOTION)),
    (b"S I\r\n", ScaleReading(0, False, MOTION)),
    (b"S +\r\n", ScaleReading(0, False, ScaleState.OVERLOAD)),
    (b"S -\r\n", ScaleReading(0, False, ScaleState.UNDERLOAD)),
    # Compatibles echo the command as the id.
    (b"SI S 1.25 kg\r\n", ScaleReading(1250, True, OK)),
    (b"SI D 1.2345 kg\r\n", ScaleReading(1235, False, MOTION)),  # 1234.5 g rounds half up
    (b"SI +\r\n", ScaleReading(0, False, ScaleState.OVERLOAD)),
    (b"S S 2.5 lb\r\n", ScaleReading(1134, True, OK)),  # 1133.98 g
    (b"S S 16 oz\r\n", ScaleReading(454, True, OK)),  # 453.59 g
    (b"S S   250000 mg\r\n", ScaleReading(250, True, OK)),
    ("S S 3.000 KG", ScaleReading(3000, True, OK)),  # str input, unit in capitals
])
def test_weight_replies(line, expected):
    assert to_reading(parse_reply(line)) == expected


def test_reply_fields_are_kept_exactly():
    reply = parse_reply(b"S S     100.00 g\r\n")
    assert (reply.command, reply.status, reply.value, reply.unit) == ("S", "S",
                                                                      Decimal("100.00"), "g")


@pytest.mark.parametrize("line, code", [(b"ES\r\n", "ES"), (b"ET\r\n", "ET"), (b"EL\r\n", "EL")])
def test_error_replies_carry_their_code(line, code):
    with pytest.raises(SicsError) as info:
        parse_reply(line)
    assert info.value.code == code


@pytest.mark.parametrize("line", [
    b"", b"\r\n", b"garbage", b"S Q 1.00 g", b"S S 1,25 kg", b"S S 1.25", b"S S 1.25 st",
    b"S S NaN g", b"\x02 01.250\r",  # Toledo 8213 frame, wrong protocol
])
def test_non_sics_or_malformed_replies_are_refused_without_a_code(line):
    with pytest.raises(SicsError) as info:
        to_reading(parse_reply(line))
    assert info.value.code == ""


def test_non_weight_replies_parse_but_are_not_readings():
    reply = parse_reply(b'I4 A "B123456789"\r\n')
    assert (reply.command, reply.status, reply.args) == ("I4", "A", '"B123456789"')
    assert parse_reply(b"Z A\r\n").command == "Z"
    with pytest.raises(SicsError):
        to_reading(reply)


def test_commands_end_with_cr_lf():
    assert command("SI") == b"SI\r\n"


@pytest.mark.parametrize("value, unit, grams", [
    ("1", "lb", 454), ("0.5", "kg", 500), ("0.4999", "g", 0), ("0.5", "g", 1), ("-0.5", "g", -1),
])
def test_to_grams(value, unit, grams):
    assert to_grams(value, unit) == grams


@pytest.mark.parametrize("value, unit", [("1", "stone"), ("abc", "g"), ("Infinity", "g")])
def test_to_grams_refuses(value, unit):
    with pytest.raises(ValueError):
        to_grams(value, unit)
