"""The tray (here its fallback window, as offscreen has no tray): state, missed badge, menu, dial box."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.core.models import CallStatus, EventKind
from app.runtime import Runtime
from app.services.context import Context
from app.ui.icons import TrayState
from app.ui.shell import Shell
from tests.ui.cardkit import event, open_context

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")


@pytest.fixture
def context() -> Iterator[Context]:
    context = open_context()
    yield context
    context.close()


@pytest.fixture
def shell(context: Context, qtbot: QtBot) -> Iterator[Shell]:
    runtime = Runtime(context)  # not started: no receiver, no dialer (what these tests are about)
    shell = Shell(context, runtime, use_tray=False)
    shell.start()
    yield shell
    shell.close()


def menu_texts(shell: Shell) -> list[str]:
    menu = shell.tray.menu
    menu.aboutToShow.emit()
    return [action.text() for action in menu.actions() if action.text()]


def test_without_a_tray_a_window_shows_state_and_offers_dialing(shell: Shell) -> None:
    window = shell.tray.window
    assert window is not None and window.isVisible()
    assert shell.tray.state is TrayState.OFFLINE  # no receiver running
    assert "Not receiving calls" in window.status.text()


def test_missed_calls_raise_the_badge_and_the_recent_menu_clears_it(shell: Shell, context: Context) -> None:
    tracker = shell.runtime.tracker
    tracker.record(event("c1", EventKind.RINGING))
    tracker.record(event("c1", EventKind.SUMMARY, status=CallStatus.MISSED, seconds=20))
    assert shell.missed == 1
    assert "1 missed call" in shell.tray.tooltip()
    texts = menu_texts(shell)
    assert "Recent calls" in texts
    recent = next(a.menu() for a in shell.tray.menu.actions() if a.text() == "Recent calls")
    assert isinstance(recent, QMenu) and "Missed" in recent.actions()[0].text()
    recent.aboutToShow.emit()
    assert shell.missed == 0


def test_menu_is_rebuilt_with_the_clipboard_number_and_modes(shell: Shell, context: Context) -> None:
    QGuiApplication.clipboard().setText("+48 600 100 200")
    texts = menu_texts(shell)
    assert "Call +48 600 100 200 (clipboard)" in texts
    assert "Call a number…" in texts and "Quit Ringdesk" in texts
    QGuiApplication.clipboard().setText("not a number")
    assert not any("clipboard" in text for text in menu_texts(shell))


def test_click_to_call_only_is_saved_and_stops_cards(shell: Shell, context: Context) -> None:
    menu_texts(shell)
    toggle = next(a for a in shell.tray.menu.actions() if a.text() == "Click-to-call only")
    toggle.trigger()
    assert context.settings.card.mode == "click_to_call_only"
    assert "click_to_call_only" in context.paths.config_file.read_text()
    shell.runtime.tracker.record(event("c9", EventKind.RINGING))
    assert shell.stack.cards == {}


async def test_dial_box_keeps_the_number_and_says_why_when_the_call_fails(shell: Shell) -> None:
    box = shell.open_dialbox("+48 600 100 200")
    box.call_button.click()
    await shell.dial("+48 600 100 200")  # the same path the button took: no dialer configured
    assert box.number.text() == "+48 600 100 200"
    assert box.error.isVisible() and "not available" in box.error.text()
