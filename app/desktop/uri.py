"""``tel:``, ``callto:`` and ``sip:`` links → the number to dial.

Why a parser of our own: browsers and mail clients hand the whole link to ``ringdesk call %u``, and the
three schemes are written many ways in the wild (RFC 3966 visual separators and ``;phone-context=``,
Skype-era ``callto://``, SIP URIs with a host and ``;user=phone``, percent-encoding). What comes out is
the number as text; :func:`app.core.phone.normalize` (with the user's region) decides whether it can be
dialled, so this module never judges validity.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

SCHEMES = ("tel", "callto", "sip")
_SCHEME = re.compile(r"^\s*(tel|callto|sips?)\s*:\s*(?://)?", re.IGNORECASE)
_VISUAL_SEPARATORS = re.compile(r"[\s\-.()]")


def is_call_uri(text: str) -> bool:
    """True if ``text`` is a link of one of the schemes we register for (not a bare number)."""
    return bool(_SCHEME.match(text or ""))


def number_from_uri(text: str) -> str:
    """The dialable part of a call link, or ``text`` itself (trimmed) when it is not a link.

    ``tel:+48-777-888-999`` → ``+48777888999``; ``tel:777888999;phone-context=+48`` → ``+48777888999``;
    ``callto://+48777888999/`` → ``+48777888999``; ``sip:101@pbx.example;user=phone`` → ``101``;
    ``tel:%2B48777888999`` → ``+48777888999``.
    """
    match = _SCHEME.match(text or "")
    if not match:
        return (text or "").strip()
    rest = unquote(text[match.end():]).strip().rstrip("/")
    rest = rest.split("?", 1)[0]
    number, *params = rest.split(";")
    if match.group(1).lower().startswith("sip"):
        number = number.split("@", 1)[0]
    number = _VISUAL_SEPARATORS.sub("", number)
    context = _parameter(params, "phone-context")
    if context and context.startswith("+") and not number.startswith("+"):
        number = _VISUAL_SEPARATORS.sub("", context) + number
    return number


def _parameter(params: list[str], name: str) -> str:
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == name:
            return value.strip()
    return ""
