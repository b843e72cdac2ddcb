"""Phone numbers: one normal form for storage and look-ups, the international form for display.

Why ``phonenumbers``: national prefixes (``8 (495) …`` in Russia), trunk zeros and country rules are
its job, not ours. What it cannot know we add: providers send E.164 *without* the ``+``
(``79101234567``), and PBX extensions (``101``, ``SIP/00000000672``) are not phone numbers at all.

Rules of :func:`normalize`, in order:

1. ``SIP/…`` (any case) or 2–6 digits alone → an internal extension, kept as written.
2. Parse in the default region; if valid → E.164.
3. Otherwise, if the input is digits only (maybe with separators), read it as E.164 without ``+``
   (tried first for 11–15 digits that cannot start a national number: the providers' wire format).
4. Otherwise the input stays as typed and is flagged invalid. Never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import phonenumbers

_SIP = re.compile(r"^\s*sip/\S+\s*$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-().]")
_EXTENSION = re.compile(r"^\d{2,6}$")
_DIGITS = re.compile(r"^\+?\d{7,15}$")
# 11–15 digits not starting with a trunk prefix (0 in most of Europe, 8 in Russia): almost surely E.164
# without its "+" (the providers' wire format), so that reading is tried first.
_WIRE = re.compile(r"^[1-79]\d{10,14}$")
DEFAULT_REGION = "PL"


class NumberKind(StrEnum):
    E164 = "e164"
    EXTENSION = "extension"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A number as typed (``raw``) and in normal form (``value``: E.164, extension, or raw if invalid)."""

    raw: str
    value: str
    kind: NumberKind

    @property
    def is_valid(self) -> bool:
        return self.kind is not NumberKind.INVALID

    @property
    def is_extension(self) -> bool:
        return self.kind is NumberKind.EXTENSION

    @property
    def digits(self) -> str:
        """Digits only (what Cloud PBX and TeleDiscount want on the wire): ``+48777888999`` → ``48777888999``."""
        return re.sub(r"\D", "", self.value) if self.kind is NumberKind.E164 else self.value


@lru_cache(maxsize=32768)
def normalize(raw: str | None, region: str = DEFAULT_REGION) -> PhoneNumber:
    """Bring any written form of a number to its normal form. See the module docstring for the rules.

    Cached: the same numbers come back all day (our lines, regular callers, every record of a history
    pull), and ``phonenumbers`` spends ~50 µs on each parse.
    """
    text = (raw or "").strip()
    if not text:
        return PhoneNumber(raw or "", "", NumberKind.INVALID)
    if _SIP.match(text):
        return PhoneNumber(raw or "", text, NumberKind.EXTENSION)
    compact = _SEPARATORS.sub("", text)
    if _EXTENSION.match(compact):
        return PhoneNumber(raw or "", compact, NumberKind.EXTENSION)
    wire = _WIRE.match(compact) is not None  # E.164 digits without "+", as providers send them
    e164 = _parse_valid("+" + compact, None) if wire else None
    if e164 is None:
        e164 = _parse_valid(text, region)
    if e164 is None and not wire and _DIGITS.match(compact) and not compact.startswith("+"):
        e164 = _parse_valid("+" + compact, None)
    if e164 is None:
        return PhoneNumber(raw or "", text, NumberKind.INVALID)
    return PhoneNumber(raw or "", e164, NumberKind.E164)


def normal_form(raw: str | None, region: str = DEFAULT_REGION) -> str:
    """Shortcut: the normal form used as the storage and index key (raw text if invalid)."""
    return normalize(raw, region).value


@lru_cache(maxsize=4096)
def display(value: str | None, region: str = DEFAULT_REGION) -> str:
    """International display form (``+48 777 888 999``); extensions and invalid input unchanged."""
    if not value:
        return ""
    number = normalize(value, region)
    if number.kind is not NumberKind.E164:
        return number.value
    parsed = phonenumbers.parse(number.value, None)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def search_digits(fragment: str) -> str:
    """The digits of a search fragment (``777 888`` → ``777888``), for substring search over numbers."""
    return re.sub(r"\D", "", fragment or "")


def _parse_valid(text: str, region: str | None) -> str | None:
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
