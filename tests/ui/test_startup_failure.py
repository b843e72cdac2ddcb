"""A desktop start whose store another program keeps locked says so in a window, then ends as a problem.

The fault is real: a second sqlite3 connection holds the write lock on a new, empty store file, so the
app's migration cannot begin. Only the bound of the wait is shortened (60 s in the app).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.errors import StorageError
from app.services.context import Context
from app.store import opening
from app.ui.main import DesktopSession, main
from tests.ui.cardkit import open_context

# The offscreen platform cannot raise windows (docs/pitfalls.md §15): the environment, not the app.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")


@pytest.fixture
def locked_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[Context]:
    monkeypatch.setattr(opening, "OPEN_WAIT_S", 0.5)
    context = open_context()
    path: Path = context.paths.database
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield context
    holder.execute("ROLLBACK")
    holder.close()


def failure_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "startupFailure" and widget.isVisible():
            return widget
    return None


async def test_a_store_kept_locked_is_said_in_a_window_then_the_start_ends(locked_store: Context) -> None:
    session = DesktopSession(locked_store, use_tray=False)
    run = asyncio.ensure_future(main(session))
    for _ in range(400):
        if failure_box() is not None or run.done():
            break
        await asyncio.sleep(0.05)
    box = failure_box()
    assert box is not None, run.exception() if run.done() else "no window said why the start failed"
    assert "locked" in box.text() and str(locked_store.paths.database) in box.text()
    assert not run.done()  # the start waits for the user to read it
    box.close()
    with pytest.raises(StorageError):
        await asyncio.wait_for(run, 10)
