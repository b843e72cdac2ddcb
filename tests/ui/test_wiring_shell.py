"""The shell's desktop wiring: tray health from sync / budget / missing keys, links opened by the OS
(macOS ``FileOpen``), the global shortcut's text, and the presented-number choice from the TeleCube sandbox.

The shell runs over a real, started :class:`Runtime` whose accounts point at the in-process sandbox: a
dial goes to the sandbox's Cloud PBX and shows in the history, a sync fails on the sandbox's own fault.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from app.config.settings import AccountSettings, Provider
from app.core.errors import ConfigError
from app.core.models import Direction
from app.demo import DemoOptions, demo_context
from app.runtime import Runtime
from app.sandbox import Sandbox, SandboxConfig
from app.services.context import Context
from app.services.outbound import OutboundServices
from app.ui import tasks
from app.ui.icons import TrayState
from app.ui.main import DesktopSession, LinkOpener
from app.ui.shell import Shell
from tests.desktop.test_hotkey import needs_xvfb, press, x_display  # noqa: F401 (a fixture: a private Xvfb)
from tests.ui.cardkit import open_context

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints)",
    r"Couldn't (load|resolve) (va|pipewire)",
    r"No audio device detected",
    r"PulseAudio",
)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    config = SandboxConfig(seed=5, prefill_calls=0, contacts=30)
    config.update({"time_scale": 0.001})
    sandbox = Sandbox(config)
    await sandbox.start("127.0.0.1", 0)
    yield sandbox
    await sandbox.stop()


@pytest.fixture
async def context(sandbox: Sandbox) -> AsyncIterator[Context]:
    """A Cloud PBX account ``office`` and a TeleCube account ``cube`` (3 requests a day), both at the sandbox."""
    context = open_context()
    base, keys = sandbox.base_url, sandbox.credentials()
    context.settings.accounts = [
        AccountSettings(id="office", provider=Provider.CLOUDPBX, base_url=base, user="andy"),
        AccountSettings(
            id="cube",
            provider=Provider.TELECUBE,
            name="TeleCube",
            base_url=base,
            panel_url=base,
            login=keys["telecube_login"],
            user="101",
            daily_request_limit=3,
        ),
    ]
    context.secrets.set("office", "token", keys["cloudpbx_token"])
    context.secrets.set("cube", "api_key", keys["telecube_api_key"])
    context.secrets.set("cube", "panel_api_key", keys["telecube_api_key"])
    yield context
    context.close()


@pytest.fixture
async def runtime(context: Context, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Runtime]:
    """Started (receiver, clients, budgets, dialer, syncs) without the syncs' and directory's own schedules:
    those would spend the TeleCube budget and reach the sandbox at moments of their own; the tests run a
    sync themselves."""
    monkeypatch.setattr(OutboundServices, "start", lambda self: None)
    runtime = Runtime(context, listen="127.0.0.1:0")
    await runtime.start()
    yield runtime
    await runtime.stop()


async def started_shell(runtime: Runtime) -> Shell:
    shell = Shell(runtime.context, runtime, use_tray=False)
    shell.start()
    await shell.start_integration()
    return shell


async def stop(shell: Shell) -> None:
    await shell.stop_integration()
    shell.close()
    await tasks.drain()


@pytest.fixture
async def shell(runtime: Runtime) -> AsyncIterator[Shell]:
    shell = await started_shell(runtime)
    yield shell
    await stop(shell)


def dialled(runtime: Runtime) -> list[str]:
    """The numbers the provider accepted calls to (each is in the history at once, newest first)."""
    return [row.phone for row in runtime.history.recent(20) if row.direction is Direction.OUT]


def poll(shell: Shell) -> TrayState:
    """One tick of the health poll (its QTimer, without waiting ten seconds); the tray's state after it."""
    shell.health.changed.emit()
    return shell.tray.state


async def test_the_tray_turns_degraded_when_a_sync_fails_and_recovers(
    shell: Shell, runtime: Runtime, sandbox: Sandbox
) -> None:
    assert shell.health.polling
    assert shell.tray.state is TrayState.CONNECTED
    assert "Receiving calls" in shell.tray.tooltip() and "requests left" not in shell.tray.tooltip()
    assert runtime.sync is not None
    office = runtime.sync.syncs["office"]

    sandbox.add_fault({"route": "cloudpbx.history", "kind": "unauthorized"})
    await office.run_guarded()
    assert poll(shell) is TrayState.DEGRADED
    assert "office: history sync failed:" in shell.tray.tooltip()
    window = shell.tray.window
    assert window is not None and "history sync failed" in window.status.text()

    sandbox.clear_faults()
    await office.run_guarded()
    assert poll(shell) is TrayState.CONNECTED


async def test_a_spent_telecube_budget_and_a_missing_key_degrade_the_tray(shell: Shell, runtime: Runtime) -> None:
    assert runtime.outbound is not None
    budget = runtime.outbound.budgets["cube"]
    budget.acquire()
    assert poll(shell) is TrayState.CONNECTED  # no request counter for the agent
    budget.acquire()
    budget.acquire()
    assert poll(shell) is TrayState.DEGRADED
    assert "TeleCube: TeleCube's daily limit is used up" in shell.tray.tooltip()

    runtime.outbound.unavailable["office"] = ConfigError("No API token for the account 'office'.")
    poll(shell)
    assert "office: No API token for the account 'office'." in shell.tray.tooltip()


async def test_no_account_means_no_polling() -> None:
    context = Context.open()
    shell = await started_shell(Runtime(context))
    try:
        assert not shell.health.polling and shell.tray.state is TrayState.OFFLINE
    finally:
        await stop(shell)
        context.close()


async def test_a_link_opened_by_the_os_is_dialled(shell: Shell) -> None:
    opener = LinkOpener.install(shell.on_instance_message)
    try:
        app = QApplication.instance()
        assert app is not None
        QCoreApplication.sendEvent(app, QFileOpenEvent(QUrl("tel:+48777888999")))
        await tasks.drain()
    finally:
        opener.remove()
    assert dialled(shell.runtime) == ["+48777888999"]


async def test_the_dial_shortcut_dials_a_number_and_offers_anything_else_to_fix(shell: Shell) -> None:
    shell.dial_text("  tel:+48 600 100 200 ")
    await tasks.drain()
    assert dialled(shell.runtime) == ["+48600100200"]

    shell.dial_text("call 600 1OO 200")
    await tasks.drain()
    assert dialled(shell.runtime) == ["+48600100200"]
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
        assert session.runtime is not None and session.runtime.dialer is not None
        expected = [c.number for c in await session.runtime.dialer.caller_ids("demo-cube")]
        assert expected and offered[1:] == expected

        box.account.setCurrentIndex(box.account.findData("demo-pbx"))  # Cloud PBX: no choice offered
        await tasks.drain()
        assert not box.caller_id.isVisibleTo(box)
    finally:
        await session.stop()


@needs_xvfb
async def test_the_dial_shortcut_pressed_on_x11_dials_the_clipboard(
    runtime: Runtime,
    x_display: str,  # noqa: F811 (the imported fixture)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtGui import QGuiApplication

    from app.ui import hotkey

    # The widgets stay offscreen; the shortcut grabs the keys on a real (virtual) X server.
    monkeypatch.setenv("DISPLAY", x_display)
    monkeypatch.setattr(hotkey, "availability", lambda: hotkey.Availability(True, "X11 key grab"))
    runtime.context.settings.general.dial_hotkey = "Ctrl+Alt+D"
    shell = await started_shell(runtime)
    try:
        assert shell.hotkey is not None
        QGuiApplication.clipboard().setText("tel:+48 777 888 999")
        press(x_display, "Control_L", "Alt_L", "d")
        deadline = asyncio.get_running_loop().time() + 10
        while not dialled(runtime):
            assert asyncio.get_running_loop().time() < deadline, "the shortcut never reached the shell"
            await asyncio.sleep(0.02)
        await tasks.drain()
        assert dialled(runtime) == ["+48777888999"]
    finally:
        await stop(shell)
