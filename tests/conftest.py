"""Test setup shared by every test: headless Qt, a private RINGDESK_HOME, an in-memory keyring.

No test may touch the user's real home or keyring. Async tests under ``tests/ui`` (or marked
``qasync``) run on a qasync loop inside the QApplication, like the desktop app; the rest on plain asyncio,
like ``ringdesk serve``.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator, Mapping
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

    priority = 10  # type: ignore[assignment]

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
        from PySide6.QtWidgets import QApplication

        def make_qasync_loop() -> asyncio.AbstractEventLoop:
            app = QApplication.instance() or QApplication([])
            return qasync.QEventLoop(app)

        return {"qasync": make_qasync_loop}
    return {"asyncio": asyncio.new_event_loop}


@pytest.fixture(autouse=True)
def ringdesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own RINGDESK_HOME (config, data, cache, logs)."""
    home = tmp_path / "ringdesk-home"
    monkeypatch.setenv("RINGDESK_HOME", str(home))
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
