"""Text from outside (a caller's name, a provider's agent or line field) made safe as a cell of a terminal
table or of a spreadsheet.

Why: ``ringdesk history`` prints names and fields that a caller or a provider chose. In a terminal an
escape sequence in a contact's name can recolour, retitle or clear the screen, a carriage return can
overwrite what the row said, and bidi overrides can show characters in another order than they are
(a number read backwards). In a spreadsheet a cell that starts with ``=``, ``+``, ``-`` or ``@`` is a
formula, which can fetch URLs or run commands through DDE (OWASP, "CSV Injection"). The JSON output
keeps the text exact: JSON escapes controls and is never evaluated.

One rule for the command line and the desktop's export, so the two CSVs agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

# ECMA-48 sequences, removed whole so no "[31m" is left behind: CSI (ESC [ … final byte), the string
# commands OSC/DCS/SOS/PM/APC (ESC ] / P / X / ^ / _ … up to BEL or ST), and any other two-character
# ESC sequence; the 8-bit forms (U+009B CSI, U+009D OSC, …) too.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?",
    re.DOTALL,
)
# Line and column breaks inside a cell become a space (the words stay apart; the row stays one line).
_BREAKS = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")
# Bidi embeddings, overrides, isolates and marks ("Trojan Source"): none is needed to show a name in any
# script (the Unicode bidi algorithm orders right-to-left text by itself).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# A cell starting with one of these is read as a formula (OWASP: = + - @, tab, carriage return).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed run of ASCII digits: a number, never a formula that can call, refer to or fetch anything.
_SIGNED_DIGITS = re.compile(r"[+-]?[0-9]+")


def plain(text: str) -> str:
    """``text`` without terminal escape sequences, control characters (C0, DEL, C1) or bidi controls;
    line and tab breaks become one space."""
    if text.isprintable():  # the common case: nothing to remove (controls and bidi marks are not printable)
        return text
    text = _BREAKS.sub(" ", _ESCAPES.sub("", text))
    return "".join(ch for ch in text if ch not in _BIDI and unicodedata.category(ch) != "Cc")


def for_terminal(value: object) -> str:
    """A table cell: the value as text, :func:`plain`."""
    return "" if value is None else plain(str(value))


def for_spreadsheet(value: object) -> object:
    """A CSV cell: text is made :func:`plain`, then a cell a spreadsheet would read as a formula gets a
    leading apostrophe (OWASP's advice). Numbers and ``None`` pass as they are.

    A signed run of digits (a phone number in international form, ``+48777888999``) is left as it is:
    a spreadsheet reads it as the number it is, which can call, refer to or fetch nothing, and an
    apostrophe would stay visible in the cell (it is hidden only when typed), so every number of the
    export would read ``'+48…`` and paste into a dialler with the apostrophe. Anything else after the
    sign (``+48 (0) …``, ``-1+cmd|…``, ``+HYPERLINK(…)``) is neutralised.
    """
    if not isinstance(value, str):
        return value
    text = plain(value)
    if text.startswith(_FORMULA_START) and not _SIGNED_DIGITS.fullmatch(text):
        return "'" + text
    return text


def spreadsheet_row(row: Mapping[str, object]) -> dict[str, object]:
    """Every cell of a CSV row through :func:`for_spreadsheet`."""
    return {key: for_spreadsheet(value) for key, value in row.items()}
