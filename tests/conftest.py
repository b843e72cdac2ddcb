"""Test setup shared by every test: headless Qt, a private RINGDESK_HOME, an in-memory keyring.

No test may touch the user's real home or keyring. Async tests under ``tests/ui`` (or marked
``qasync``) run on a qasync loop inside the QApplication, like the desktop app; the rest on plain asyncio,
like ``ringdesk serve``.

Tests run in random order (pytest-randomly; replay one with ``-p randomly --randomly-seed=N``), so no test
may leave anything behind for the next: the fixtures below give each test its own home and keyring, and
after each test dispose of its windows and reset the language (:func:`qt_leftovers`).
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
os.environ.pop("RINGDESK_HOME", None)
# Subprocesses (``ringdesk serve`` in crash tests) must not reach a real keyring either.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A secure-looking keyring that lives in memory (priority high so the app treats it as secure)."""

    priority = 10

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.items:
            raise PasswordDeleteError(username)
        del self.items[(service, username)]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "qasync: run this async test on a qasync loop inside a QApplication")


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> Mapping[str, Any]:
    if "tests/ui" in Path(str(item.fspath)).as_posix() or item.get_closest_marker("qasync"):
        import qasync

        def make_qasync_loop() -> asyncio.AbstractEventLoop:
            return qasync.QEventLoop(widget_application())

        return {"qasync": make_qasync_loop}
    return {"asyncio": asyncio.new_event_loop}


def widget_application() -> Any:
    """The process's QApplication, made here on the main thread if there is none yet.

    A plain QCoreApplication in its place (made by code under test, maybe on another thread) would make
    the first widget abort the interpreter; fail here instead, saying so."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QCoreApplication.instance()
    if app is None:
        from app.ui.qt_log_rules import quiet_multimedia

        quiet_multimedia()  # as the app does: FFmpeg's stream dumps otherwise land in pytest's progress line
        return QApplication([])
    assert isinstance(app, QApplication), f"a {type(app).__name__} exists where a QApplication is needed"
    return app


@pytest.fixture(autouse=True)
def qt_leftovers(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test that used Qt, leave Qt as a fresh test expects it:

    - windows pytest-qt closed are destroyed now (``deleteLater`` otherwise waits for whichever later test
      runs an event loop, and their destruction then runs in that test, against its state);
    - windows still shown are closed and destroyed (a details dialog of a closed history window, a card:
      a later test would find them among the top-level windows, stacked cards, the focus);
    - the language is English again, with the default locale as before the test;
    - a plain QCoreApplication left behind fails the test that made it (the next widget would abort);
    - after a test of the UI, unreachable Python wrappers of Qt objects are collected now, on the main
      thread: left to a later collection, one that happens to run on a worker thread (the store's
      checkpointer, ``asyncio.to_thread``) destroys them there, and Qt warns "Timers cannot be stopped from
      another thread" inside an unrelated test.

    Runs after the test's own fixtures are torn down (autouse fixtures are set up first)."""
    locale, had_app = _qt_state()
    yield
    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent, QLocale
    from PySide6.QtWidgets import QApplication

    app = QCoreApplication.instance()
    if app is None:
        return
    if not isinstance(app, QApplication):
        if had_app:
            return  # the test that made it has failed already
        pytest.fail(f"this test left a {type(app).__name__} behind: later widgets would abort the interpreter")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    shown = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    for widget in shown:
        widget.close()
        widget.deleteLater()
    if shown:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if _uses_the_ui(request):
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    i18n = sys.modules.get("app.ui.i18n")
    if i18n is not None and i18n._installed:
        i18n.install("en", app)
    if locale is not None and QLocale() != locale:
        QLocale.setDefault(locale)


def _uses_the_ui(request: pytest.FixtureRequest) -> bool:
    path = Path(str(request.node.fspath)).as_posix()
    return "/tests/ui/" in path or "/tests/desktop/" in path or bool({"qtbot", "qapp"} & set(request.fixturenames))


def _qt_state() -> tuple[Any, bool]:
    """The default locale and whether an application object exists (nothing when Qt is not loaded yet)."""
    if "PySide6.QtCore" not in sys.modules:
        return None, False
    from PySide6.QtCore import QCoreApplication, QLocale

    return QLocale(), QCoreApplication.instance() is not None


@pytest.fixture(autouse=True)
def ringdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own RINGDESK_HOME (config, data, cache, logs), and a locale that names no country.

    Why the locale: with no region in config.toml, national numbers are read in the system locale's country
    (app.config.region), so a test would pass in Warsaw and fail in Moscow. ``C.UTF-8`` names none: the
    region is the fallback (PL) everywhere; a test about the locale sets its own (monkeypatch, or the
    environment of the process it starts).
    """
    home = tmp_path / "ringdesk-home"
    monkeypatch.setenv("RINGDESK_HOME", str(home))
    for name in ("LC_ALL", "LC_TELEPHONE", "LC_CTYPE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in list(os.environ):
        if name.startswith("RINGDESK_SECRET_"):
            monkeypatch.delenv(name)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A fresh in-memory keyring per test; the real one is never reached."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


@pytest.fixture(autouse=True)
def no_leftover_log_handlers() -> Iterator[None]:
    """Commands under test install the app's log handlers (file, maybe stderr); remove them afterwards so a
    later test never writes into a closed capture stream or a deleted RINGDESK_HOME."""
    import logging

    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_ringdesk", False):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def db(ringdesk_home: Path) -> Any:
    """A migrated database in the test's RINGDESK_HOME."""
    from app.config.paths import resolve
    from app.store.db import Database

    database = Database.open(resolve().ensure().database)
    yield database
    database.close()


@pytest.fixture
async def stub() -> AsyncIterator[Any]:
    """A small team hub on 127.0.0.1 speaking docs/hub-protocol.md (tests/hubstub.py), for the desktop's end."""
    from tests.hubstub import StubHub

    hub = await StubHub().start()
    yield hub
    await hub.stop()
