"""The history window's Talk column and CSV export (issue 15, points 11b and 6).

The Talk column shows the call's duration less its wait; the window's export writes the very cells
``ringdesk history --format csv`` prints (one rule, one piece of code): talk time beside duration and wait,
no controls, no spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.config.settings import Role
from app.runtime import Runtime
from app.services.context import Context
from app.ui import formatting
from app.ui.history.model import Column
from app.ui.history.window import HistoryWindow
from tests.cli.hostile_calls import DURATION, HOSTILE, TALK, fill_home

# The offscreen platform's window-manager limits and the audio stack's chatter on a machine without sound
# (docs/pitfalls.md §15) are the environment, not the history.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints)",
    r"Couldn't (load|resolve) (va|pipewire)",
    r"No audio device detected",
)


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    fill_home()
    context = Context.open()
    context.settings.general.role = Role.SUPERVISOR
    yield Runtime(context)
    context.close()


def window_for(qtbot: Any, runtime: Runtime) -> HistoryWindow:
    window = HistoryWindow(runtime)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_talk_column_shows_the_duration_less_the_wait(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    qtbot.waitUntil(lambda: window.model.rowCount() == len(HOSTILE))
    model = window.model
    assert model.headerData(Column.DURATION, Qt.Orientation.Horizontal) == "Talk"
    shown = {model.index(r, Column.DURATION).data() for r in range(model.rowCount())}
    assert shown == {formatting.duration_text(TALK)} != {formatting.duration_text(DURATION)}  # 4:38, not 5:15


def test_the_export_writes_the_cells_the_command_line_prints(qtbot, runtime: Runtime, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    target = tmp_path / "calls.csv"
    with qtbot.waitSignal(window.export_to(target).finished, timeout=10_000):
        pass
    with target.open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    printed = subprocess.run(
        [sys.executable, "-m", "app", "history", "--format", "csv", "--limit", "100"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    ).stdout
    assert exported == list(csv.DictReader(io.StringIO(printed)))
    by_id = {row["call_id"]: row for row in exported}
    assert by_id["C-formula"]["contact_name"].startswith("'=")  # neutralised, not evaluated
    assert "\x1b" not in target.read_text(encoding="utf-8-sig")
    assert {row["talk_s"] for row in exported} == {str(TALK)}
