"""Talk time in the history window, the call's details and the card, and the window's CSV export (issue 15,
points 11b and 6).

The Talk column, the details and the card's "last calls" show the call's duration less its wait (the Cloud
PBX's 315 s in all, 37 of them waiting → 4:38 of talk, not 5:15); the window's export writes the very cells
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
from PySide6.QtWidgets import QFormLayout, QLabel

from app.config.settings import Role
from app.core.callstate import Call
from app.core.models import utcnow
from app.runtime import Runtime
from app.services.caller_facts import CardFacts
from app.services.context import Context
from app.ui import formatting
from app.ui.cards.card import CallCard
from app.ui.cards.facts import CardState, CardStatus
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


def facts_shown(form: QFormLayout) -> dict[str, str]:
    shown = {}
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        value = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is not None and value is not None:
            name, text = label.widget(), value.widget()
            assert isinstance(name, QLabel) and isinstance(text, QLabel)
            shown[name.text()] = text.text()
    return shown


def test_the_details_talk_time_is_the_duration_less_the_wait(qtbot: Any, runtime: Runtime) -> None:
    window = HistoryWindow(runtime)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(HOSTILE))
    dialog = window.open_details(0)
    assert dialog is not None
    qtbot.addWidget(dialog)
    [form] = dialog.findChildren(QFormLayout)
    facts = facts_shown(form)
    assert facts["Talk time"] == formatting.duration_text(TALK) != formatting.duration_text(DURATION)
    dialog.close()


def test_the_cards_last_calls_show_their_talk(qtbot: Any, runtime: Runtime) -> None:
    _, phone, _, _ = HOSTILE[0]
    recent = tuple(runtime.history.recent_for_number(phone, limit=3))
    assert recent  # the caller's earlier call, as the card's facts bring it
    call = Call(account="pbx", call_id="C-now", first_seen=utcnow(), phone=phone)
    card = CallCard(call, CardFacts(number=phone, recent=recent), CardStatus(CardState.RINGING))
    qtbot.addWidget(card)
    shown = {label.text() for label in card.history_panel.findChildren(QLabel) if label.objectName() == "recent"}
    assert formatting.duration_text(TALK) in shown
    assert formatting.duration_text(DURATION) not in shown
