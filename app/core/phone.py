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

Which region: the settings' (``[general] region``, else the system locale's country). A number that came
in on one of our lines, or is dialled out through one, is read in the line's country first
(:func:`normalize_on_line`): a Russian line's ``8 (910) 123-45-67`` is Russian even for a user in Poland,
and what that country cannot read is still read in the user's region (step 2b).
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
DEFAULT_REGION = "PL"  # where no region is given (code and tests); the app passes the settings' region


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
def normalize(raw: str | None, region: str = DEFAULT_REGION, also: str = "") -> PhoneNumber:
    """Bring any written form of a number to its normal form. See the module docstring for the rules;
    ``also`` is a second region national forms are read in when ``region`` cannot read them (step 2b).

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
    if e164 is None and also and also != region:
        e164 = _parse_valid(text, also)
    if e164 is None and not wire and _DIGITS.match(compact) and not compact.startswith("+"):
        e164 = _parse_valid("+" + compact, None)
    if e164 is None:
        return PhoneNumber(raw or "", text, NumberKind.INVALID)
    return PhoneNumber(raw or "", e164, NumberKind.E164)


def normalize_on_line(raw: str | None, line: str | None, region: str = DEFAULT_REGION) -> PhoneNumber:
    """``raw`` as a number that came in on (or goes out through) our line ``line``: national forms are read
    in the line's country first, then in ``region``. Without a line (or with an extension) as
    :func:`normalize`."""
    hint = region_of(line)
    if hint is None or hint == region:
        return normalize(raw, region)
    return normalize(raw, hint, also=region)


@lru_cache(maxsize=1024)  # a pull reads the same few lines of ours on every row
def region_of(number: str | None) -> str | None:
    """The country of a number in international form (``+74951234567``, or the wire's ``74951234567``) →
    ``"RU"``; None for extensions, national forms (their country would be a guess) and junk."""
    compact = _SEPARATORS.sub("", (number or "").strip())
    if _WIRE.match(compact):
        compact = "+" + compact
    if not compact.startswith("+"):
        return None
    try:
        parsed = phonenumbers.parse(compact, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    region = phonenumbers.region_code_for_number(parsed)
    return region if region and region != phonenumbers.UNKNOWN_REGION else None


def is_region(code: str) -> bool:
    """Whether phone numbers know ``code`` as a country (``"PL"``, ``"RU"``; not ``"XX"``, ``"UK"``, ``"001"``)."""
    return code.upper() in phonenumbers.SUPPORTED_REGIONS


def calling_code(region: str) -> int:
    """The country calling code of a region (``"RU"`` → 7), 0 if unknown."""
    return int(phonenumbers.country_code_for_region(region.upper()))


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
