"""Which language the app speaks: loads ``resources/translations/ringdesk_<lang>.qm`` and sets the locale.

Why both: the translator changes the words, :class:`QLocale` changes how numbers, dates and times look
(:mod:`app.ui.formatting` reads it). They must agree, so both come from one choice — the settings'
``general.language`` when set, else the system's UI language. Missing ``.qm`` files are normal (English
is the source language, and translations arrive separately): the app then stays in English, but dates
still follow the chosen locale.

Why an English translator at all: plural messages are written once, Qt's way — ``tr("%n missed call(s)", "",
n)`` — and each language's ``.ts`` file gives its forms (Polish and Russian have three). English has no
``.ts`` file, so without help an agent would read "1 missed call(s)". :class:`EnglishPlurals` gives English
its two forms ("call" for one, "calls" otherwise) for every message with ``%n`` and ``(s)``; it is installed
in every language, below the language's own file, so a plural not translated yet still reads as English.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
SUPPORTED = ("en", "pl", "ru")

# Kept alive here: a QTranslator that is garbage-collected silently stops translating.
_installed: list[QTranslator] = []


def choose_language(setting: str, system: QLocale | None = None) -> str:
    """The language to use: the setting if supported, else the system's if supported, else English."""
    wanted = (setting or "").strip().lower()
    if wanted in SUPPORTED:
        return wanted
    system_name = (system or QLocale.system()).name().split("_")[0].lower()
    return system_name if system_name in SUPPORTED else "en"


def install(setting: str = "", app: QCoreApplication | None = None, directory: Path = TRANSLATIONS_DIR) -> str:
    """Switch the application to the chosen language; returns its code. Safe to call again on a change."""
    app = app or QCoreApplication.instance()
    language = choose_language(setting)
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(_locale_for(language))
    if app is None:
        return language
    english = EnglishPlurals()
    app.installTranslator(english)  # first: searched last, after the language's own file
    _installed.append(english)
    if language == "en":
        return language
    ours = _load(directory / f"ringdesk_{language}.qm")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = _load(Path(qt_dir) / f"qtbase_{language}.qm")
    for loaded in (ours, qtbase):
        if loaded is not None:
            app.installTranslator(loaded)
            _installed.append(loaded)
    if ours is None:
        log.info("no translation file for %r in %s; the interface stays in English", language, directory)
    return language


class EnglishPlurals(QTranslator):
    """English forms of the ``%n … (s)`` messages: "1 missed call", "2 missed calls" (no file needed)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        if n < 0 or "(s)" not in source:
            return None  # not ours: the next translator, or the source text
        return english_plural(source, n)

    def isEmpty(self) -> bool:
        return False


def english_plural(source: str, n: int) -> str:
    """``source``'s English form for ``n`` items: each "(s)" dropped for one, "s" otherwise."""
    return source.replace("(s)", "" if abs(n) == 1 else "s")


def _locale_for(language: str) -> QLocale:
    """The system locale when it speaks ``language`` (keeps e.g. en_GB dates), else the language's default."""
    system = QLocale.system()
    if system.name().split("_")[0].lower() == language:
        return system
    return QLocale(language)


def _load(path: Path) -> QTranslator | None:
    if not path.is_file():
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        log.warning("could not load translation %s", path)
        return None
    return translator
