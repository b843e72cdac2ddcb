"""Which language the app speaks: loads ``resources/translations/ringdesk_<lang>.qm`` and sets the locale.

Why both: the translator changes the words, :class:`QLocale` changes how numbers, dates and times look
(:mod:`app.ui.formatting` reads it). They must agree, so both come from one choice — the settings'
``general.language`` when set, else the system's UI language. Missing ``.qm`` files are normal (English
is the source language, and translations arrive separately): the app then stays in English, but dates
still follow the chosen locale.
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
    if app is None or language == "en":
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
