"""Real-looking Polish and Russian phone numbers, and the many ways people write them.

Why: Ringdesk's number normalisation is only tested for real if callers look like real callers. The
providers put digits on the wire (E.164 without ``+``: ``48777888999``, ``79101234567``), but contact
books hold whatever people typed (``+48 777 888 999``, ``8 (495) 123-45-67``). Numbers here follow the
real numbering plans (PL mobile prefixes 45/5x/6x/7x/88, RU 9xx mobiles, Moscow 495/499 and
St Petersburg 812 landlines) so that ``phonenumbers`` accepts them as valid.
"""

from __future__ import annotations

import random

PL_MOBILE = ("45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88")
PL_LANDLINE = {"22": "Warszawa", "12": "Kraków", "61": "Poznań", "71": "Wrocław", "58": "Gdańsk"}
RU_MOBILE = (
    "901",
    "903",
    "905",
    "909",
    "910",
    "915",
    "916",
    "917",
    "919",
    "925",
    "926",
    "929",
    "950",
    "960",
    "963",
    "965",
    "977",
    "985",
    "999",
)
RU_LANDLINE = {"495": "Москва", "499": "Москва", "812": "Санкт-Петербург"}
_PL_OPERATORS = ("Orange Polska", "Play", "Plus", "T-Mobile")
_RU_OPERATORS = {
    "90": "Билайн",
    "91": "МТС",
    "92": "МегаФон",
    "95": "Tele2",
    "96": "Билайн",
    "97": "МегаФон",
    "98": "МТС",
    "99": "Билайн",
}


def pl_mobile(rng: random.Random) -> str:
    """A Polish mobile number as wire digits: ``48`` + 9 national digits."""
    return "48" + rng.choice(PL_MOBILE) + _digits(rng, 7)


def pl_landline(rng: random.Random) -> str:
    """A Polish landline (two-digit area code, then seven digits not starting with 0 or 1)."""
    return "48" + rng.choice(tuple(PL_LANDLINE)) + str(rng.randint(2, 8)) + _digits(rng, 6)


def ru_mobile(rng: random.Random) -> str:
    """A Russian mobile: ``7`` + 9xx + seven digits."""
    return "7" + rng.choice(RU_MOBILE) + _digits(rng, 7)


def ru_landline(rng: random.Random) -> str:
    """A Moscow or St Petersburg landline: ``7`` + 495/499/812 + seven digits not starting with 0."""
    return "7" + rng.choice(tuple(RU_LANDLINE)) + str(rng.randint(1, 9)) + _digits(rng, 6)


def any_number(rng: random.Random, pl_share: float = 0.5) -> str:
    """A caller: Polish or Russian, mostly mobile (as call-centre traffic is)."""
    mobile = rng.random() < 0.75
    if rng.random() < pl_share:
        return pl_mobile(rng) if mobile else pl_landline(rng)
    return ru_mobile(rng) if mobile else ru_landline(rng)


def written_forms(digits: str) -> list[str]:
    """Every way the number is commonly written (the wire form, digits only, comes first).

    >>> written_forms("79101234567")[:3]
    ['79101234567', '+7 910 123-45-67', '8 (910) 123-45-67']
    """
    if digits.startswith("48") and len(digits) == 11:
        n = digits[2:]
        if n[:2] in PL_LANDLINE:
            a, b = n[:2], n[2:]
            return [
                digits,
                f"+48 {a} {b[:3]} {b[3:5]} {b[5:]}",
                f"({a}) {b[:3]}-{b[3:5]}-{b[5:]}",
                f"{a} {b[:3]} {b[3:5]} {b[5:]}",
                f"0048 {a} {b}",
                f"+48{n}",
            ]
        return [
            digits,
            f"+48 {n[:3]} {n[3:6]} {n[6:]}",
            n,
            f"+48{n}",
            f"{n[:3]}-{n[3:6]}-{n[6:]}",
            f"0048 {n[:3]} {n[3:6]} {n[6:]}",
            f"(+48) {n[:3]} {n[3:6]} {n[6:]}",
        ]
    if digits.startswith("7") and len(digits) == 11:
        c, s = digits[1:4], digits[4:]
        return [
            digits,
            f"+7 {c} {s[:3]}-{s[3:5]}-{s[5:]}",
            f"8 ({c}) {s[:3]}-{s[3:5]}-{s[5:]}",
            f"8{c}{s}",
            f"+7 ({c}) {s[:3]} {s[3:5]} {s[5:]}",
            f"8-{c}-{s[:3]}-{s[3:5]}-{s[5:]}",
            f"+7{c}{s}",
        ]
    return [digits, f"+{digits}"]


def written(digits: str, rng: random.Random) -> str:
    """One written form, chosen by ``rng`` (the wire form itself is one of the choices)."""
    return rng.choice(written_forms(digits))


def region_name(number: str) -> str:
    """The region/operator name TeleDiscount reports as ``code_name_num_*`` (``SIP`` for extensions)."""
    if number.upper().startswith("SIP/"):
        return "SIP"
    if number.startswith("48") and len(number) == 11:
        area = number[2:4]
        if area in PL_LANDLINE:
            return PL_LANDLINE[area]
        return _PL_OPERATORS[int(number[4]) % len(_PL_OPERATORS)]
    if number.startswith("7") and len(number) == 11:
        code = number[1:4]
        if code in RU_LANDLINE:
            return RU_LANDLINE[code]
        return _RU_OPERATORS.get(code[:2], "Россия")
    return ""


def _digits(rng: random.Random, count: int) -> str:
    return "".join(str(rng.randrange(10)) for _ in range(count))
