"""UPU S10 check digits (docs/sources/s10.md): the examples validate, a corrupted digit is caught."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.carriers.numbers import validate_form_number
from desktop.domain.tracking import is_valid_s10, make_s10, s10_check_digit

EXAMPLES = ("RR473124829GB", "EE876543216CA", "LD037468675FR")


def test_customs_md_examples_validate():
    for number in EXAMPLES:
        assert is_valid_s10(number), number
    assert s10_check_digit("47312482") == 9  # RR47312482: sum 200, mod 11 = 2, C = 9


serials = st.integers(min_value=0, max_value=99_999_999)


@given(serials, st.sampled_from(["LD", "RR", "CP", "EE"]))
def test_generated_numbers_validate(serial, prefix):
    assert is_valid_s10(make_s10(prefix, serial))


def _remainder(serial: str) -> int:
    return sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11


def _corrupt(number: str, position: int, delta: int) -> str:
    digit = (int(number[position]) + delta) % 10
    return number[:position] + str(digit) + number[position + 1:]


@given(serials, st.integers(min_value=2, max_value=10), st.integers(min_value=1, max_value=9))
def test_single_digit_corruption_is_detected_except_the_upu_collision(serial, position, delta):
    """UPU S10 maps remainders 0 and 6 both to check digit 5 (C = 11 → 5, C = 5): that one
    substitution cannot be seen by any S10 reader. Every other single-digit error is caught."""
    number = make_s10("LD", serial)
    corrupted = _corrupt(number, position, delta)
    if position < 10 and {_remainder(number[2:10]), _remainder(corrupted[2:10])} == {0, 6}:
        assert number[10] == "5" and is_valid_s10(corrupted)  # the documented blind spot
        return
    assert not is_valid_s10(corrupted)
    assert validate_form_number(corrupted)[0].rule == "check_digit"


@given(serials, st.integers(min_value=1, max_value=9))
def test_corrupting_the_check_digit_is_always_detected(serial, delta):
    number = make_s10("RR", serial)
    assert not is_valid_s10(_corrupt(number, 10, delta))


@given(serials.filter(lambda n: s10_check_digit(f"{n:08d}") != 5),
       st.integers(min_value=2, max_value=10), st.integers(min_value=1, max_value=9))
def test_any_corruption_detected_when_check_digit_is_not_5(serial, position, delta):
    assert not is_valid_s10(_corrupt(make_s10("LD", serial), position, delta))


@given(st.sampled_from(EXAMPLES[:2]), st.integers(min_value=2, max_value=10),
       st.integers(min_value=1, max_value=9))
def test_corrupting_the_examples_is_detected(number, position, delta):
    assert not is_valid_s10(_corrupt(number, position, delta))


def test_the_collision_is_real():
    # LD037468675FR has check digit 5 (remainder 6); +2 on the first digit gives remainder 0.
    assert is_valid_s10("LD237468675FR")
