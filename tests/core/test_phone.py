"""Phone normalisation: every written form of a number reaches one key, extensions stay extensions."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.phone import NumberKind, display, normalize


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("8 (495) 123-45-67", "RU", "+74951234567"),
        ("79101234567", "RU", "+79101234567"),
        ("79101234567", "PL", "+79101234567"),  # provider digits (E.164 without +), whatever the region
        ("+48 777 888 999", "RU", "+48777888999"),
        ("+48 777 888 999", "PL", "+48777888999"),
        ("777888999", "PL", "+48777888999"),
        ("777-888-999", "PL", "+48777888999"),
        ("48777888999", "PL", "+48777888999"),
        ("48777888999", "RU", "+48777888999"),
        ("tel:+48777888999", "PL", "+48777888999"),
    ],
)
def test_written_forms_reach_e164(raw: str, region: str, expected: str) -> None:
    number = normalize(raw, region)
    assert number.kind is NumberKind.E164
    assert number.value == expected
    assert number.raw == raw


@pytest.mark.parametrize("raw", ["SIP/00000000672", "sip/0000000672", "101", "7001", " 22 "])
def test_extensions_are_not_phone_numbers(raw: str) -> None:
    number = normalize(raw, "RU")
    assert number.kind is NumberKind.EXTENSION
    assert number.is_valid and number.is_extension
    assert not number.value.startswith("+")


@pytest.mark.parametrize("raw", ["garbage", "12-ab-34", "+1", "0000000000000000000", "☎☎☎", "", "   "])
def test_garbage_stays_as_typed_and_is_invalid(raw: str) -> None:
    number = normalize(raw, "PL")
    assert number.kind is NumberKind.INVALID
    assert not number.is_valid
    assert number.raw == raw


def test_digits_for_the_wire() -> None:
    assert normalize("+48 777 888 999").digits == "48777888999"
    assert normalize("SIP/00000000672").digits == "SIP/00000000672"


def test_display_is_international() -> None:
    assert display("+79101234567") == "+7 910 123-45-67"
    assert display("8 (495) 123-45-67", "RU") == "+7 495 123-45-67"
    assert display("101") == "101"
    assert display("not a number") == "not a number"


@given(st.text(max_size=40), st.sampled_from(["PL", "RU", "DE", "XX", ""]))
def test_never_raises(raw: str, region: str) -> None:
    number = normalize(raw, region)
    assert number.raw == raw
    display(number.value, region)
