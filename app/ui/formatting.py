"""Locale-aware display of times, dates, durations, counts and phone numbers.

Why one module: every widget (cards, tray, history, details) must show ``14:05`` or ``2:05 PM``,
``1 234`` or ``1,234``, ``+48 777 888 999`` the same way, in the user's locale — not in whatever
``str()`` or ``strftime`` happens to produce. The locale is :class:`QLocale`'s default, which
:mod:`app.ui.i18n` sets from the settings language (or the system's) at start-up.

Times in the domain are timezone-aware UTC :class:`datetime` objects; they are shown in the local
time zone of the machine.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone

from app.core import phone as _phone

__all__ = [
    "clock_text",
    "date_text",
    "datetime_text",
    "duration_text",
    "locale",
    "number_text",
    "phone_text",
    "relative_day_time",
    "time_text",
]


def locale() -> QLocale:
    """The locale all formatting uses (QLocale's default, set by :mod:`app.ui.i18n`)."""
    return QLocale()


def _local(moment: datetime) -> QDateTime:
    """A Qt date-time in the machine's local zone (naive datetimes are taken as UTC, as the store keeps them)."""
    seconds = int(moment.timestamp()) if moment.tzinfo else int((moment - datetime(1970, 1, 1)).total_seconds())
    return QDateTime.fromSecsSinceEpoch(seconds, QTimeZone.systemTimeZone())


def time_text(moment: datetime | None) -> str:
    """``14:05`` / ``2:05 PM`` — short time in the locale's format; ``""`` for no time."""
    if moment is None:
        return ""
    return locale().toString(_local(moment).time(), QLocale.FormatType.ShortFormat)


def date_text(moment: datetime | date | None) -> str:
    """Short date in the locale's format (``05.03.2025`` / ``3/5/25``); ``""`` for no date."""
    if moment is None:
        return ""
    qdate = _local(moment).date() if isinstance(moment, datetime) else QDate(moment.year, moment.month, moment.day)
    return locale().toString(qdate, QLocale.FormatType.ShortFormat)


def datetime_text(moment: datetime | None) -> str:
    """Short date and time in the locale's format; ``""`` for no time."""
    if moment is None:
        return ""
    return locale().toString(_local(moment), QLocale.FormatType.ShortFormat)


def relative_day_time(moment: datetime | None, now: datetime | None = None) -> str:
    """What an agent scans fastest: the time alone for today, "yesterday 14:05", else date and time.

    ``now`` is for tests; it defaults to the current time.
    """
    if moment is None:
        return ""
    from PySide6.QtCore import QCoreApplication

    here = _local(moment).date()
    today = _local(now or datetime.now().astimezone()).date()
    clock = time_text(moment)
    if here == today:
        return clock
    if here == today.addDays(-1):
        return QCoreApplication.translate("formatting", "yesterday %1").replace("%1", clock)
    return f"{date_text(moment)} {clock}"


def duration_text(seconds: float | timedelta | None) -> str:
    """A call duration the way phones show it: ``0:07``, ``4:32``, ``1:02:03``; ``""`` for unknown.

    Digits come from the locale (Arabic-Indic digits where the locale uses them), the colon layout is
    universal for call timers.
    """
    if seconds is None:
        return ""
    total = int(seconds.total_seconds() if isinstance(seconds, timedelta) else seconds)
    total = max(total, 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    loc = locale()

    def two(value: int) -> str:
        return loc.toString(value).rjust(2, loc.toString(0))

    if hours:
        return f"{loc.toString(hours)}:{two(minutes)}:{two(secs)}"
    return f"{loc.toString(minutes)}:{two(secs)}"


def clock_text(seconds: float | None) -> str:
    """A running timer (the card while talking): same as :func:`duration_text`, ``0:00`` for nothing yet."""
    return duration_text(seconds or 0)


def number_text(value: int | float) -> str:
    """A count with the locale's group separator (``1 234 567`` in Polish, ``1,234,567`` in English)."""
    if isinstance(value, float) and not value.is_integer():
        return locale().toString(value, "f", 1)
    return locale().toString(int(value))


def phone_text(value: str | None, region: str = _phone.DEFAULT_REGION) -> str:
    """A phone number in international format (``+48 777 888 999``); extensions and odd input unchanged."""
    return _phone.display(value, region)
