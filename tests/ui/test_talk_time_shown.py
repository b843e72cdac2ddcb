"""Every front end that says "talk" shows the talk, not the whole call (issue 15, point 11b).

The history's Talk column already shows the duration less the wait (tests/ui/test_history_talk.py); the
call's details and the card's "last calls" show the same figure for the same call. The calls are the Cloud
PBX's: 315 s in all, 37 of them waiting → 4:38 of talk, not 5:15.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
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
from app.ui.history.window import HistoryWindow
from tests.cli.hostile_calls import DURATION, HOSTILE, TALK, fill_home

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
