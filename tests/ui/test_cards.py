"""Incoming-call cards as the agent sees them: they appear, never steal focus, follow the call, stack."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.core.models import CallStatus, Contact, ContactPhone, EventKind, Note
from app.runtime import Runtime
from app.services.calls import CallTracker
from app.services.context import Context
from app.ui.cards.card import CallCard
from app.ui.cards.facts import CardState
from app.ui.cards.stack import CardStack
from tests.ui.cardkit import event, open_runtime

# The offscreen platform cannot raise windows; the card asks to stay on top, which Qt reports as a warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def runtime() -> Iterator[Runtime]:
    runtime = open_runtime()
    yield runtime
    runtime.context.close()


@pytest.fixture
def context(runtime: Runtime) -> Context:
    return runtime.context


@pytest.fixture
def tracker(runtime: Runtime) -> CallTracker:
    return runtime.tracker


@pytest.fixture
def stack(runtime: Runtime, qtbot: QtBot) -> Iterator[CardStack]:
    dialled: list[tuple[str, str]] = []
    stack = CardStack(runtime, call_back=lambda number, account: dialled.append((number, account)))
    stack.dialled = dialled  # type: ignore[attr-defined]
    runtime.hub.subscribe(stack.on_update)
    yield stack
    stack.close_all()


def visible_cards() -> list[CallCard]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CallCard) and w.isVisible()]


def test_ringing_card_shows_the_caller_on_top_without_asking_for_focus(
    stack: CardStack, tracker: CallTracker, runtime: Runtime, qtbot: QtBot
) -> None:
    runtime.contacts.save(Contact("Anna Kowalska", [ContactPhone("+48777888999")], company="Volt"))
    runtime.notes.add(Note("Wants a quote", phone="+48777888999", author="piotr"))

    tracker.record(event("c1", EventKind.RINGING))

    card = stack.cards[("office", "c1")]
    assert card.isVisible()
    flags = card.windowFlags()
    for flag in (
        Qt.WindowType.WindowDoesNotAcceptFocus,
        Qt.WindowType.WindowStaysOnTopHint,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.Tool,
    ):
        assert flags & flag == flag
    assert card.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert card.focusPolicy() is Qt.FocusPolicy.NoFocus
    qtbot.waitUntil(lambda: card.painted)
    assert card.title.text() == "Anna Kowalska"
    assert card.subtitle.text() == "+48 77 788 89 99"
    assert "Volt" in card.meta_text
    assert card.status_label.text() == "INCOMING CALL"
    assert card.line_label.full_text().endswith("+48 22 123 45 67")
    assert any("Wants a quote" in label.text() for label in card.findChildren(QLabel))


def test_card_follows_the_call_to_talking_and_ended_then_closes_itself(
    stack: CardStack, tracker: CallTracker, context: Context, qtbot: QtBot
) -> None:
    context.settings.card.close_after_s = 0
    tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[("office", "c1")]
    tracker.record(event("c1", EventKind.ANSWERED, seconds=1))
    assert card.status.state is CardState.TALKING
    assert card.status_label.text().startswith("TALKING · 0:0")
    tracker.record(event("c1", EventKind.COMPLETED, seconds=5))
    assert card.status.state is CardState.ENDED
    assert card.status_label.text() == "CALL ENDED · 0:04"
    qtbot.waitUntil(lambda: ("office", "c1") not in stack.cards)
    assert visible_cards() == []


def test_answered_by_a_colleague_says_so(stack: CardStack, tracker: CallTracker) -> None:
    tracker.record(event("c1", EventKind.RINGING, agent="andy"))
    tracker.record(event("c1", EventKind.RINGING, agent="marta"))
    tracker.record(event("c1", EventKind.ANSWERED, agent="marta", seconds=1))
    card = stack.cards[("office", "c1")]
    assert card.status.state is CardState.ANSWERED_ELSEWHERE
    assert card.status_label.text() == "ANSWERED BY MARTA"


def test_missed_call_card_offers_call_back(stack: CardStack, tracker: CallTracker) -> None:
    tracker.record(event("c1", EventKind.RINGING))
    tracker.record(event("c1", EventKind.SUMMARY, status=CallStatus.MISSED, seconds=20))
    card = stack.cards[("office", "c1")]
    assert card.status_label.text() == "MISSED CALL"
    card.call_button.click()
    assert stack.dialled == [("+48777888999", "office")]  # type: ignore[attr-defined]


def test_two_simultaneous_calls_stack_without_overlapping(stack: CardStack, tracker: CallTracker) -> None:
    tracker.record(event("c1", EventKind.RINGING))
    tracker.record(event("c2", EventKind.RINGING, phone="+48600100200"))
    first, second = stack.cards[("office", "c1")], stack.cards[("office", "c2")]
    assert first.isVisible() and second.isVisible()
    assert not first.geometry().intersects(second.geometry())
    assert first.x() == second.x()
    screen = first.screen().availableGeometry()
    assert screen.contains(first.geometry()) and screen.contains(second.geometry())


def test_calls_of_other_agents_and_outgoing_calls_show_no_card(stack: CardStack, tracker: CallTracker) -> None:
    tracker.record(event("c1", EventKind.RINGING, agent="marta"))
    assert stack.cards == {}
    tracker.record(event("c1", EventKind.RINGING, agent="andy@office.megapbx.ru"))
    assert ("office", "c1") in stack.cards


def test_click_to_call_only_mode_shows_no_cards(stack: CardStack, tracker: CallTracker, context: Context) -> None:
    context.settings.card.mode = "click_to_call_only"
    tracker.record(event("c1", EventKind.RINGING))
    assert stack.cards == {}


def test_dragged_position_is_saved_and_can_be_reset(stack: CardStack, tracker: CallTracker, context: Context) -> None:
    tracker.record(event("c1", EventKind.RINGING))
    card = stack.cards[("office", "c1")]
    area = card.screen().availableGeometry()
    target = area.topLeft() + type(area.topLeft())(40, 30)
    card.move(target)
    card.dragged.emit(target)
    assert context.settings.card.position == f"{target.x()},{target.y()}"
    assert card.pos() == target
    assert "position" in context.paths.config_file.read_text()
    stack.reset_position()
    assert context.settings.card.position == ""
    assert card.pos() != target


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb: offscreen activates every window")
def test_card_leaves_keyboard_focus_with_the_app_the_agent_types_in(ringdesk_home: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-m", "tests.ui.focus_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["platform"] == "xcb"
    assert result["card_visible"] is True
    assert result["before"] == "editor"
    assert result["after"] == "editor"
    assert result["active"] == "editor"
    assert result["text"] == "typed"


def test_a_notes_byline_with_a_long_name_is_shown_whole(
    stack: CardStack, tracker: CallTracker, runtime: Runtime, qtbot: QtBot
) -> None:
    """A note's "author — when" line under it: a long Russian name used to push it past the card's left edge,
    clipping the name and squeezing the note above it."""
    author = "Александра Константиновна Преображенская-Великорецкая"
    runtime.notes.add(Note("Перезвонить после обеда", phone="+48777888999", author=author))
    tracker.record(event("c-long-author", EventKind.RINGING))
    card = stack.cards[("office", "c-long-author")]
    qtbot.waitUntil(lambda: card.painted)
    bylines = [label for label in card.findChildren(QLabel) if author in label.text() and label.isVisible()]
    assert bylines, [label.text() for label in card.findChildren(QLabel)]
    for byline in bylines:
        needed = byline.fontMetrics().horizontalAdvance(byline.text())
        assert byline.wordWrap() or needed <= byline.width(), (needed, byline.width())
        assert byline.height() >= byline.heightForWidth(byline.width()) - 1
        left_edge = byline.mapTo(card, byline.rect().topLeft()).x()
        assert left_edge >= 0 and left_edge + byline.width() <= card.width()
