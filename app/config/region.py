"""The region numbers without a country code are read in, when ``config.toml`` does not name one.

Why from the locale: an agent in Moscow types ``8 (910) 123-45-67`` and an agent in Warsaw ``600 100 200``;
a fixed default (it was Poland for everyone) made the first one "not a phone number" with no hint why.
The system locale names the user's country (``ru_RU.UTF-8`` → RU) without anyone configuring anything.

Which variable: ``LC_ALL`` when set (it overrides every category, as POSIX says); otherwise the first of
``LC_TELEPHONE`` (the category meant for phone numbers: a desktop's "formats" set it apart from the
language, e.g. English texts with Polish formats), ``LC_CTYPE`` and ``LANG`` that names a country. When
none is set, the C library's current ``LC_CTYPE`` (stdlib :mod:`locale`, as Python set it at start).

A locale that names no country (``C``, ``C.UTF-8``, ``POSIX``, a bare language such as ``ru``) gives
:data:`FALLBACK_REGION`, and :func:`describe` says so: Qt's ``QLocale`` (which guesses a country for a bare
language) is not available below the UI, and a guess would dial the wrong country without a word.
"""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Mapping

FALLBACK_REGION = "PL"  # the region when neither config.toml nor the locale names one (the project's first users)
_CATEGORIES = ("LC_TELEPHONE", "LC_CTYPE", "LANG")
# language_COUNTRY, then maybe .codeset and @modifier: "ru_RU.UTF-8", "sr_RS@latin", "pl_PL"
_LOCALE = re.compile(r"^[A-Za-z]{2,3}_([A-Za-z]{2})(?:[.@]|$)")


def system_locale(environ: Mapping[str, str] | None = None) -> str:
    """The locale the region is taken from (``"ru_RU.UTF-8"``), or the first one set when none names a
    country (``"C.UTF-8"``); ``""`` when nothing is set at all."""
    env = os.environ if environ is None else environ
    forced = env.get("LC_ALL", "").strip()
    if forced:
        return forced
    named = [value for value in (env.get(name, "").strip() for name in _CATEGORIES) if value]
    for value in named:
        if locale_country(value):
            return value
    if named:
        return named[0]
    try:
        return locale.setlocale(locale.LC_CTYPE) or ""  # a query: the current setting, not changed
    except locale.Error:
        return ""


def locale_country(name: str) -> str | None:
    """The country a locale names, if phone numbers know it: ``ru_RU.UTF-8`` → ``RU``; ``C.UTF-8`` → None."""
    match = _LOCALE.match(name.strip())
    if match is None:
        return None
    from app.core.phone import is_region

    country = match.group(1).upper()
    return country if is_region(country) else None


def region_for_locale(name: str) -> str:
    """The region for a locale: its country, else :data:`FALLBACK_REGION`."""
    return locale_country(name) or FALLBACK_REGION


def describe(region: str, from_locale: str | None) -> str:
    """One sentence on the region in use and where it comes from, for the doctor and the README's words.

    ``from_locale`` is None when ``config.toml`` sets the region, else the locale it was taken from."""
    from app.core.phone import calling_code

    name = f"{region} (+{calling_code(region)})"
    if from_locale is None:
        return f"Numbers without a country code are read as {name}: region under [general] in config.toml."
    if locale_country(from_locale):
        return (
            f"Numbers without a country code are read as {name}, the country of the system locale "
            f"({from_locale}); set region under [general] in config.toml to choose another."
        )
    shown = from_locale or "not set"
    return (
        f"Numbers without a country code are read as {name}, because config.toml sets no region and the "
        f"system locale ({shown}) names no country."
    )
