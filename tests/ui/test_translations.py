"""The Polish and Russian translations: complete, faithful to placeholders, compiled, and really loaded.

``packaging/update-translations.sh`` extracts the strings of ``app/ui`` into ``resources/translations/
ringdesk_<lang>.ts`` and compiles them to the ``.qm`` files :mod:`app.ui.i18n` loads. These tests fail when
a string is left untranslated, a placeholder (``%1``, ``%n``, ``{phone}``) or tag got lost in translation,
the ``.qm`` was not recompiled after the ``.ts`` changed, or the UI has strings the ``.ts`` files lack —
the fix for all of them is to translate and run the script again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from app.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
DIR = ROOT / "resources" / "translations"
LANGUAGES = ("pl", "ru")
PLURAL_FORMS = {"pl": 3, "ru": 3}

PLACEHOLDER = re.compile(r"%(?:\d+|n)|\{[a-z_]+\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
ENDING = ("…", "...", ".", ":", "?", "!")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    numerus: bool
    kind: str  # the translation's type attribute ("" when finished)
    forms: tuple[str, ...]  # one translation, or the plural forms

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def entries(lang: str) -> list[Entry]:
    root = ET.parse(DIR / f"ringdesk_{lang}.ts").getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            forms = (
                tuple(f.text or "" for f in translation.iter("numerusform")) if numerus else (translation.text or "",)
            )
            found.append(Entry(name, message.findtext("source") or "", numerus, translation.get("type", ""), forms))
    return found


def tool(name: str) -> str:
    """A PySide6 tool: beside this interpreter first (README's ``.venv/bin/python -m pytest`` does not put
    the venv's scripts on PATH), then PATH."""
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (it comes with PySide6)")
    return path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated(lang: str) -> None:
    root = ET.parse(DIR / f"ringdesk_{lang}.ts").getroot()
    assert root.get("language") == lang
    found = entries(lang)
    assert len(found) > 100
    unfinished = [str(e) for e in found if e.kind]  # unfinished, obsolete or vanished
    empty = [str(e) for e in found if not all(form.strip() for form in e.forms)]
    wrong_plurals = [str(e) for e in found if e.numerus and len(e.forms) != PLURAL_FORMS[lang]]
    assert unfinished == []
    assert empty == []
    assert wrong_plurals == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_placeholders_tags_and_endings(lang: str) -> None:
    problems = []
    for entry in entries(lang):
        wanted_ending = next((end for end in ENDING if entry.source.rstrip().endswith(end)), "")
        for form in entry.forms:
            if sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(entry.source)):
                problems.append(f"{entry} → {form!r}: placeholders differ")
            if sorted(TAG.findall(form)) != sorted(TAG.findall(entry.source)):
                problems.append(f"{entry} → {form!r}: HTML tags differ")
            if entry.source.replace("&&", "").count("&") != form.replace("&&", "").count("&"):
                problems.append(f"{entry} → {form!r}: accelerator (&) differs")
            if wanted_ending and not form.rstrip().endswith(wanted_ending):
                problems.append(f"{entry} → {form!r}: should end with {wanted_ending!r}")
            if entry.source.upper() == entry.source and entry.source.lower() != entry.source and form.upper() != form:
                problems.append(f"{entry} → {form!r}: the source is upper case")
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_qm_is_compiled_from_the_current_ts(lang: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"ringdesk_{lang}.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", str(DIR / f"ringdesk_{lang}.ts"), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    shipped = DIR / f"ringdesk_{lang}.qm"
    assert shipped.is_file(), "run packaging/update-translations.sh"
    assert shipped.read_bytes() == fresh.read_bytes(), "stale .qm: run packaging/update-translations.sh --release"


def test_ts_files_cover_every_string_in_the_ui(tmp_path: Path) -> None:
    """lupdate over today's app/ui (and the problem texts marked below it) adds nothing and drops nothing: new
    strings are in the .ts (and translated)."""
    sources = sorted(
        str(p)
        for p in (ROOT / "app").rglob("*.py")
        if "__pycache__" not in p.parts
        and ("ui" in p.relative_to(ROOT / "app").parts[:1] or "QT_TRANSLATE_NOOP(" in p.read_text())
    )
    for lang in LANGUAGES:
        copy = tmp_path / f"ringdesk_{lang}.ts"
        shutil.copy(DIR / copy.name, copy)
        subprocess.run(
            [tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        before = {(e.context, e.source) for e in entries(lang)}
        root = ET.parse(copy).getroot()
        after = {
            (c.findtext("name") or "", m.findtext("source") or "")
            for c in root.iter("context")
            for m in c.iter("message")
        }
        script = "packaging/update-translations.sh"
        assert sorted(after - before) == [], f"new strings ({lang}): run {script} and translate them"
        assert sorted(before - after) == [], f"strings gone from the code ({lang}): run {script}"


# --- loaded into the application ------------------------------------------------------------------------------
@pytest.fixture
def language(qapp: QApplication) -> Iterator[object]:
    """Switch with :func:`app.ui.i18n.install`; afterwards back to English and the previous default locale."""
    previous = QLocale()

    def switch(lang: str) -> str:
        return i18n.install(lang, qapp)

    yield switch
    i18n.install("en", qapp)
    QLocale.setDefault(previous)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_qm_holds_every_translation(lang: str, language: object) -> None:
    assert language(lang) == lang  # type: ignore[operator]
    wrong = []
    for entry in entries(lang):
        if entry.numerus:
            shown = QCoreApplication.translate(entry.context, entry.source, None, 1)
        else:
            shown = QCoreApplication.translate(entry.context, entry.source)
        if shown not in {form.replace("%n", "1") for form in entry.forms}:
            wrong.append(f"{entry} → {shown!r}")
    assert wrong == []


@pytest.mark.parametrize(
    ("lang", "history", "menu", "counts"),
    [
        (
            "pl",
            "Historia",
            "Zadzwoń pod numer…",
            {
                1: "1 nieodebrane połączenie",
                3: "3 nieodebrane połączenia",
                5: "5 nieodebranych połączeń",
                22: "22 nieodebrane połączenia",
            },
        ),
        (
            "ru",
            "История",
            "Набрать номер…",
            {
                1: "1 пропущенный вызов",
                3: "3 пропущенных вызова",
                5: "5 пропущенных вызовов",
                21: "21 пропущенный вызов",
            },
        ),
    ],
)
def test_widgets_speak_the_language(
    lang: str, history: str, menu: str, counts: dict[int, str], language: object, qtbot: QtBot
) -> None:
    """The tray's window (the offscreen stand-in for the tray) built after install shows the translation."""
    from app.ui.tray import Tray

    assert language(lang) == lang  # type: ignore[operator]
    assert QLocale().language() == QLocale(lang).language()
    tray = Tray(lambda _menu: None, use_tray=False)
    assert tray.window is not None
    qtbot.addWidget(tray.window)
    assert tray.window.history_button.text() == history
    assert tray.window.dial_button.text() == menu
    for count, words in counts.items():
        tray.set_missed(count)
        assert words in tray.tooltip()
        assert words in tray.window.status.text()


def test_english_stays_english(language: object, qtbot: QtBot) -> None:
    from app.ui.tray import FallbackWindow

    language("pl")  # type: ignore[operator]
    assert language("en") == "en"  # type: ignore[operator]
    window = FallbackWindow(QMenu())
    qtbot.addWidget(window)
    assert window.history_button.text() == "History"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("pl", "Cloud PBX ma problemy (HTTP 503): “busy”. Ringdesk spróbuje ponownie później."),
        ("ru", "У Cloud PBX неполадки (HTTP 503): “busy”. Ringdesk попробует ещё раз позже."),
        ("en", "Cloud PBX is having trouble (HTTP 503): “busy”. Ringdesk will try again later."),
    ],
)
def test_a_provider_problem_reaches_the_agent_in_their_language(lang: str, expected: str, language: object) -> None:
    """A problem raised below the UI (no Qt there) is translated when shown, its fields filled in."""
    import httpx

    from app.providers.cloudpbx.client import STYLE
    from app.providers.http import error_for
    from app.ui.problems import problem_text

    response = httpx.Response(503, json={"error": "busy"}, request=httpx.Request("GET", "https://pbx.example/"))
    problem = error_for(response, STYLE, "office")
    assert problem is not None
    language(lang)  # type: ignore[operator]
    assert problem_text(problem) == expected
    assert problem.user_text() == expected if lang == "en" else problem.user_text().startswith("Cloud PBX is")


def test_an_unmarked_problem_text_is_shown_as_written(language: object) -> None:
    from app.core.errors import Problem
    from app.ui.problems import problem_text

    language("pl")  # type: ignore[operator]
    assert (
        problem_text(Problem("Config line 3: {not a field}", hint="See the docs."))
        == "Config line 3: {not a field} See the docs."
    )
