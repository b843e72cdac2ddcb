from __future__ import annotations

import pytest

from app.core.phone import normalize
from app.desktop.uri import is_call_uri, number_from_uri


@pytest.mark.parametrize(
    ("link", "number"),
    [
        ("tel:+48777888999", "+48777888999"),
        ("TEL:+48-777-888-999", "+48777888999"),
        ("tel:+48%20777%20888%20999", "+48777888999"),
        ("tel:%2B48777888999", "+48777888999"),
        ("tel:777888999;phone-context=+48", "+48777888999"),
        ("tel:(777) 888.999", "777888999"),
        ("callto:+48777888999", "+48777888999"),
        ("callto://+48777888999/", "+48777888999"),
        ("sip:+48777888999@pbx.example.com;user=phone", "+48777888999"),
        ("sips:101@pbx.example.com", "101"),
        ("tel:+48777888999?body=x", "+48777888999"),
        ("  +48 777 888 999 ", "+48 777 888 999"),
    ],
)
def test_links_written_in_the_wild_give_the_number_to_dial(link: str, number: str) -> None:
    assert number_from_uri(link) == number


def test_a_clicked_link_dials_the_same_number_as_typing_it() -> None:
    assert normalize(number_from_uri("tel:777-888-999;phone-context=+48")).value == "+48777888999"
    assert normalize(number_from_uri("callto:0048777888999"), "PL").value == "+48777888999"


def test_only_our_schemes_count_as_call_links() -> None:
    assert is_call_uri("tel:+48777888999")
    assert is_call_uri("callto:123")
    assert is_call_uri("sip:101@pbx")
    assert not is_call_uri("+48777888999")
    assert not is_call_uri("https://example.com/tel:1")
    assert number_from_uri("") == ""
