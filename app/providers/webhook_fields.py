"""What every provider's webhook parser shares: reading fields defensively and saying why a push is refused.

Why a typed rejection and not an exception: a refused push is an expected outcome (the receiver answers
400 and logs the reason), not an error of ours, and the parsers stay pure functions of their input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.core.phone import PhoneNumber, normalize_on_line

# Fields never kept in ``CallEvent.raw``: they are secrets, and the audit trail must not hold them.
SECRET_FIELDS = frozenset({"crm_token", "token", "abonent_api_key", "api_key"})
_MAX_FIELD = 2048  # longer values are not plausible webhook fields; refusing them keeps junk out of the store


@dataclass(frozen=True, slots=True)
class Rejected:
    """A push we refuse, and why (for the log; the provider only sees "Invalid parameters")."""

    reason: str


class FieldError(ValueError):
    """Raised inside a parser for a missing or invalid field; turned into :class:`Rejected` at its edge."""


def required(fields: Mapping[str, str], name: str) -> str:
    """A non-empty field, stripped."""
    value = fields.get(name, "").strip()
    if not value:
        raise FieldError(f"missing field '{name}'")
    if len(value) > _MAX_FIELD:
        raise FieldError(f"field '{name}' is too long")
    return value


def optional(fields: Mapping[str, str], name: str) -> str | None:
    """A field's stripped value, or None when absent or empty."""
    value = fields.get(name, "").strip()
    if len(value) > _MAX_FIELD:
        raise FieldError(f"field '{name}' is too long")
    return value or None


def optional_int(fields: Mapping[str, str], name: str) -> int | None:
    """An optional whole number (``4``, ``4.0``); a present but unreadable value is refused."""
    value = optional(fields, name)
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        raise FieldError(f"field '{name}' is not a number: {value[:40]!r}") from None
    if number != number or abs(number) > 10**9:
        raise FieldError(f"field '{name}' is out of range: {value[:40]!r}")
    return int(number)


def phone_field(
    fields: Mapping[str, str], name: str, region: str, *, needed: bool, line: str | None = None
) -> PhoneNumber | None:
    """A number field, normalised; a national form is read in the country of our ``line`` (the number it came
    in on or went out through) first, then in ``region``. An unparseable but present value (``anonymous``) is
    kept as written: refusing it would lose a real call."""
    value = required(fields, name) if needed else optional(fields, name)
    return None if value is None else normalize_on_line(value, line, region)


def raw_fields(fields: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The push as sent, minus secrets, in a stable order (for ``CallEvent.raw``)."""
    return tuple(sorted((k, v) for k, v in fields.items() if k not in SECRET_FIELDS))
