"""Missed-call notifications and the ring sound, wired into the running shell (offscreen, qasync loop).

The D-Bus side is faked at its boundary — :class:`app.desktop.notifications.DesktopNotifications`, the one
class :mod:`app.ui.notify` talks to — so what is asserted is what the agent would see: one notification per
missed call of theirs, none for a colleague's, and a click that opens that call.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from app.core.models import CallStatus, Contact, ContactPhone, EventKind
from app.runtime import Runtime
from app.services.context import Context
from app.ui import formatting, notify, tasks
from app.ui.shell import Shell
from tests.ui.cardkit import event, open_context

# Qt Multimedia's loading chatter on a machine with no sound stack (no VA-API, PipeWire, PulseAudio).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints)",
    r"Couldn't (load|resolve) (va|pipewire)",
    r"No audio device detected",
    r"PulseAudio",
)
ANNA = formatting.phone_text("+48777888999", "PL")  # as the locale writes it
PLAY_TIMEOUT_S = 15  # QtMultimedia can fail silently without some system libraries: never wait for ever
# pytest-qt captures Qt messages with a Python handler. QMediaPlayer.stop() waits for the audio thread while
# holding the GIL, and on a machine without sound that thread logs "No audio device detected" — through
# that handler, which needs the GIL: a deadlock (about one run in four). The app installs no such handler.
PLAYS_SOUND = pytest.mark.no_qt_log


class FakeDesktopNotifications:
    """The notification daemon as :class:`MissedCallNotifier` sees it: sent notifications, clickable."""

    sent: list[dict[str, str]] = []
    on_click: Callable[[str], None] = staticmethod(lambda tag: None)

    server = "fake-daemon"

    @classmethod
    async def connect(cls, on_click: Callable[[str], None]) -> FakeDesktopNotifications:
        cls.sent = []
        cls.on_click = staticmethod(on_click)
        return cls()

    async def notify(self, summary: str, body: str, *, tag: str, open_label: str, **_: Any) -> int:
        self.sent.append({"summary": summary, "body": body, "tag": tag})
        return len(self.sent)

    async def close(self) -> None:
        return None


@pytest.fixture
def daemon(monkeypatch: pytest.MonkeyPatch) -> type[FakeDesktopNotifications]:
    monkeypatch.setattr(notify, "DesktopNotifications", FakeDesktopNotifications)
    return FakeDesktopNotifications


@pytest.fixture
async def context() -> AsyncIterator[Context]:
    context = open_context()
    yield context
    context.close()


async def started_shell(context: Context) -> Shell:
    shell = Shell(context, Runtime(context), use_tray=False)  # not started: alerts need no receiver
    shell.start()
    await shell.start_integration()
    return shell


async def stop(shell: Shell) -> None:
    await shell.stop_integration()
    shell.close()
    await tasks.drain()


def miss(shell: Shell, call_id: str, agent: str = "andy", phone: str = "+48777888999") -> None:
    shell.runtime.tracker.record(event(call_id, EventKind.RINGING, agent=agent, phone=phone))
    shell.runtime.tracker.record(
        event(call_id, EventKind.SUMMARY, agent=agent, phone=phone, status=CallStatus.MISSED, seconds=20)
    )


async def test_each_missed_call_of_mine_is_notified_once_and_a_click_opens_it(
    context: Context, daemon: type[FakeDesktopNotifications]
) -> None:
    shell = await started_shell(context)
    shell.runtime.contacts.save(Contact(name="Anna Nowak", phones=[ContactPhone("+48777888999")]))
    try:
        assert shell.alerts is not None and shell.alerts.notifier.native
        miss(shell, "c1")
        miss(shell, "c2", agent="beata", phone="+48600100200")  # a colleague's missed call: not mine
        await tasks.drain()
        assert [(n["summary"], n["body"], n["tag"]) for n in daemon.sent] == [
            ("Missed call", f"Anna Nowak · {ANNA}", "office:c1")
        ]
        assert shell.missed == 1

        # The same call rings again on a new leg and is missed again: still one notification.
        shell.runtime.tracker.record(event("c1", EventKind.RINGING, seconds=30))
        shell.runtime.tracker.record(event("c1", EventKind.SUMMARY, status=CallStatus.MISSED, seconds=50))
        await tasks.drain()
        assert len(daemon.sent) == 1

        daemon.on_click("office:c1")
        assert len(shell.windows.details) == 1
        details = shell.windows.details[0]
        assert details.isVisible() and details.row.call_id == "c1" and "Anna Nowak" in details.windowTitle()
        details.close()
    finally:
        await stop(shell)


async def test_without_a_notification_daemon_or_tray_the_window_says_it(
    context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def no_daemon(_on_click: Callable[[str], None]) -> None:
        return None

    monkeypatch.setattr(notify.DesktopNotifications, "connect", staticmethod(no_daemon))
    shell = await started_shell(context)
    try:
        assert shell.alerts is not None and not shell.alerts.notifier.native
        miss(shell, "c3")
        window = shell.tray.window
        assert window is not None and f"Missed call: {ANNA}" in window.banner.text()
    finally:
        await stop(shell)


async def next_state(states: asyncio.Queue[bool]) -> bool:
    return await asyncio.wait_for(states.get(), PLAY_TIMEOUT_S)


@PLAYS_SOUND
async def test_the_ring_plays_while_my_card_rings_and_stops_when_answered(
    context: Context, daemon: type[FakeDesktopNotifications]
) -> None:
    context.settings.card.ring_sound = True
    shell = await started_shell(context)
    try:
        alerts = shell.alerts
        assert alerts is not None and alerts.player is not None
        states: asyncio.Queue[bool] = asyncio.Queue()
        alerts.player.playing_changed.connect(states.put_nowait)

        shell.runtime.tracker.record(event("r1", EventKind.RINGING, agent="beata"))  # a colleague's phone
        assert not alerts.ringing and not alerts.player.playing

        shell.runtime.tracker.record(event("r2", EventKind.RINGING))
        assert await next_state(states) is True and alerts.player.playing
        shell.runtime.tracker.record(event("r2", EventKind.ANSWERED, seconds=5))
        assert await next_state(states) is False and not alerts.player.playing

        shell.runtime.tracker.record(event("r3", EventKind.RINGING, seconds=10))
        assert await next_state(states) is True
        shell.stack.close_card(("office", "r3"))  # the agent closed the ringing card: silence
        assert await next_state(states) is False

        shell.set_do_not_disturb(True)  # no card, no ring
        shell.runtime.tracker.record(event("r4", EventKind.RINGING, seconds=20))
        assert not alerts.ringing and not alerts.player.playing
    finally:
        await stop(shell)


@PLAYS_SOUND
async def test_the_ring_follows_the_setting_without_a_restart(
    context: Context, daemon: type[FakeDesktopNotifications]
) -> None:
    shell = await started_shell(context)
    try:
        assert shell.alerts is not None and shell.alerts.player is None  # off by default: no audio device opened
        context.settings.card.ring_sound = True
        shell.settings_changed()
        player = shell.alerts.player
        assert player is not None
        states: asyncio.Queue[bool] = asyncio.Queue()
        player.playing_changed.connect(states.put_nowait)
        shell.runtime.tracker.record(event("s1", EventKind.RINGING))
        assert await next_state(states) is True

        context.settings.card.ring_sound = False  # switched off while a card rings: silent at once
        shell.settings_changed()
        assert await next_state(states) is False
        shell.runtime.tracker.record(event("s2", EventKind.RINGING, seconds=3))
        assert shell.alerts.ringing and not player.playing
    finally:
        await stop(shell)
