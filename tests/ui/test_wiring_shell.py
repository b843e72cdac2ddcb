"""The shell's desktop wiring: tray health from sync / budget / missing keys, links opened by the OS
(macOS ``FileOpen``), the global shortcut's text, and the presented-number choice from the TeleCube sandbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from app.config.settings import AccountSettings, Provider
from app.core.errors import ConfigError, Unavailable
from app.core.phone import normalize
from app.demo import DemoOptions, demo_context
from app.services.budget import RequestBudget
from app.services.context import Context
from app.services.sync import SyncStatus
from app.ui import tasks
from app.ui.icons import TrayState
from app.ui.main import DesktopSession, LinkOpener
from app.ui.shell import Shell
from tests.desktop.test_hotkey import needs_xvfb, press, x_display  # noqa: F401 (a fixture: a private Xvfb)
from tests.ui.cardkit import open_context, tracker_for

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints)",
    r"Couldn't (load|resolve) (va|pipewire)",
    r"No audio device detected",
    r"PulseAudio",
)


class RecordingDialer:
    def __init__(self) -> None:
        self.calls: list[str] = []

    async def call(self, number: str, account: str | None = None, caller_id: str | None = None) -> Any:
        self.calls.append(normalize(number).value)
        return None


class Syncs:
    def __init__(self) -> None:
        self.status: dict[str, SyncStatus] = {}

    def statuses(self) -> dict[str, SyncStatus]:
        return dict(self.status)


@pytest.fixture
async def context() -> AsyncIterator[Context]:
    context = open_context()
    context.settings.accounts.append(
        AccountSettings(
            id="cube", provider=Provider.TELECUBE, name="TeleCube", base_url="https://x.ccrm.pl", user="101"
        )
    )
    yield context
    context.close()


@pytest.fixture
async def shell(context: Context) -> AsyncIterator[Shell]:
    tracker = tracker_for(context)
    budget = RequestBudget(context.state, "cube", daily_limit=3)
    runtime = SimpleNamespace(
        hub=tracker.hub,
        tracker=tracker,
        dialer=RecordingDialer(),
        sync=Syncs(),
        receiver=SimpleNamespace(address=SimpleNamespace(port=8765)),
        outbound=SimpleNamespace(budgets={"cube": budget}, unavailable={}),
    )
    shell = Shell(context, runtime, use_tray=False)
    shell.start()
    await shell.start_integration()
    yield shell
    await shell.stop_integration()
    shell.close()
    await tasks.drain()


def poll(shell: Shell) -> None:
    """One tick of the health poll (its QTimer, without waiting ten seconds)."""
    shell.health.changed.emit()


async def test_the_tray_turns_degraded_when_a_sync_fails_and_recovers(shell: Shell) -> None:
    assert shell.health.polling
    assert shell.tray.state is TrayState.CONNECTED
    assert "TeleCube: TeleCube requests left today: 3" in shell.tray.tooltip()

    shell.runtime.sync.status["office"] = SyncStatus("office", last_error=Unavailable("Cloud PBX does not answer."))
    poll(shell)
    assert shell.tray.state is TrayState.DEGRADED
    assert "office: history sync failed: Cloud PBX does not answer." in shell.tray.tooltip()
    window = shell.tray.window
    assert window is not None and "history sync failed" in window.status.text()

    shell.runtime.sync.status["office"] = SyncStatus("office")
    poll(shell)
    assert shell.tray.state is TrayState.CONNECTED


async def test_a_spent_telecube_budget_and_a_missing_key_degrade_the_tray(shell: Shell) -> None:
    budget = shell.runtime.outbound.budgets["cube"]
    budget.acquire()
    poll(shell)
    assert "TeleCube requests left today: 2" in shell.tray.tooltip()
    budget.acquire()
    budget.acquire()
    poll(shell)
    assert shell.tray.state is TrayState.DEGRADED
    assert "TeleCube: the TeleCube request budget is spent until" in shell.tray.tooltip()

    shell.runtime.outbound.unavailable["office"] = ConfigError("No API token for the account 'office'.")
    poll(shell)
    assert "office: No API token for the account 'office'." in shell.tray.tooltip()


async def test_no_account_means_no_polling() -> None:
    context = Context.open()
    tracker = tracker_for(context)
    shell = Shell(
        context, SimpleNamespace(hub=tracker.hub, tracker=tracker, dialer=None, receiver=None), use_tray=False
    )
    shell.start()
    await shell.start_integration()
    try:
        assert not shell.health.polling and shell.tray.state is TrayState.OFFLINE
    finally:
        await shell.stop_integration()
        shell.close()
        if shell.first_run is not None:
            shell.first_run.close()
        context.close()


async def test_a_link_opened_by_the_os_is_dialled(shell: Shell) -> None:
    opener = LinkOpener.install(shell.on_instance_message)
    try:
        QCoreApplication.sendEvent(QApplication.instance(), QFileOpenEvent(QUrl("tel:+48777888999")))
        await tasks.drain()
    finally:
        opener.remove()
    assert shell.runtime.dialer.calls == ["+48777888999"]


async def test_the_dial_shortcut_dials_a_number_and_offers_anything_else_to_fix(shell: Shell) -> None:
    shell.dial_text("  tel:+48 600 100 200 ")
    await tasks.drain()
    assert shell.runtime.dialer.calls == ["+48600100200"]

    shell.dial_text("call 600 1OO 200")
    await tasks.drain()
    assert shell.runtime.dialer.calls == ["+48600100200"]
    assert shell.dialbox is not None and shell.dialbox.isVisible()
    assert shell.dialbox.number.text() == "call 600 1OO 200"


async def test_a_telecube_account_offers_its_presentation_numbers(tmp_path: Path) -> None:
    context = demo_context(tmp_path / "demo")
    session = DesktopSession(context, demo=DemoOptions(first_call_s=3600, rate_per_minute=0), use_tray=False)
    shell = await session.start()
    try:
        box = shell.open_dialbox()
        box.account.setCurrentIndex(box.account.findData("demo-cube"))
        await tasks.drain()
        offered = [box.caller_id.itemData(i) for i in range(box.caller_id.count())]
        assert box.caller_id.isVisibleTo(box) and offered[0] == ""  # "Default number" first
        expected = [c.number for c in await session.runtime.dialer.caller_ids("demo-cube")]
        assert expected and offered[1:] == expected

        box.account.setCurrentIndex(box.account.findData("demo-pbx"))  # Cloud PBX: no choice offered
        await tasks.drain()
        assert not box.caller_id.isVisibleTo(box)
    finally:
        await session.stop()


@needs_xvfb
async def test_the_dial_shortcut_pressed_on_x11_dials_the_clipboard(
    context: Context,
    x_display: str,  # noqa: F811 (the imported fixture)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QGuiApplication

    from app.ui import hotkey

    # The widgets stay offscreen; the shortcut grabs the keys on a real (virtual) X server.
    monkeypatch.setenv("DISPLAY", x_display)
    monkeypatch.setattr(hotkey, "availability", lambda: hotkey.Availability(True, "X11 key grab"))
    context.settings.general.dial_hotkey = "Ctrl+Alt+D"
    tracker = tracker_for(context)
    dialer = RecordingDialer()
    shell = Shell(
        context, SimpleNamespace(hub=tracker.hub, tracker=tracker, dialer=dialer, receiver=None), use_tray=False
    )
    shell.start()
    await shell.start_integration()
    try:
        assert shell.hotkey is not None
        QGuiApplication.clipboard().setText("tel:+48 777 888 999")
        press(x_display, "Control_L", "Alt_L", "d")
        deadline = asyncio.get_running_loop().time() + 10
        while not dialer.calls:
            assert asyncio.get_running_loop().time() < deadline, "the shortcut never reached the shell"
            await asyncio.sleep(0.02)
        await tasks.drain()
        assert dialer.calls == ["+48777888999"]
    finally:
        await shell.stop_integration()
        shell.close()
