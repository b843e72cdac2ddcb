"""``ringdesk demo`` as a new user meets it: a card for a sandbox call appears within 10 s of launch."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.demo import DemoOptions, demo_context
from app.ui.cards.card import CallCard
from app.ui.main import DesktopSession

# The ring sound opens an audio output: on a machine without PipeWire or a sound card Qt says so (harmless).
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints)",
    r"Couldn't (load|resolve) (va|pipewire)",
    r"No audio device detected",
)


async def test_demo_shows_a_card_within_ten_seconds_and_records_the_call(tmp_path: Path) -> None:
    context = demo_context(tmp_path / "demo")
    session = DesktopSession(
        context, demo=DemoOptions(interval_s=3, first_call_s=0.2, rate_per_minute=0, time_scale=0.05), use_tray=False
    )
    loop = asyncio.get_running_loop()
    shown: asyncio.Future[CallCard] = loop.create_future()
    shell = await session.start()
    try:
        shell.stack.card_shown.connect(lambda card: shown.done() or shown.set_result(card))
        card = await asyncio.wait_for(shown, timeout=10)
        assert card.isVisible()
        assert card.call.account in ("demo-pbx", "demo-td")
        assert card.title.text()  # a name from the imported contact book, or the number
        assert context.calls.get(card.call.account, card.call.call_id) is not None
        assert shell.tray.window is not None and shell.tray.window.isVisible()
        assert shell.tray.state.value == "connected"
    finally:
        await session.stop()
    assert not context.paths.config_file.exists()  # the demo leaves no config behind


async def test_the_team_demo_shows_a_card_that_came_through_the_hub(tmp_path: Path) -> None:
    """``ringdesk demo --team``: the sandbox pushes to a hub, this desktop joined it as andy and holds only
    its hub token; the card arrives over the hub's stream and the tray says the hub is connected."""
    context = demo_context(tmp_path / "demo")
    options = DemoOptions(interval_s=3, first_call_s=0.2, rate_per_minute=0, time_scale=0.05, team=True)
    session = DesktopSession(context, demo=options, use_tray=False)
    loop = asyncio.get_running_loop()
    shown: asyncio.Future[CallCard] = loop.create_future()
    shell = await session.start()
    try:
        shell.stack.card_shown.connect(lambda card: shown.done() or shown.set_result(card))
        card = await asyncio.wait_for(shown, timeout=15)
        assert card.isVisible() and card.call.account in ("demo-pbx", "demo-td")
        assert [a.provider.value for a in context.settings.accounts] == ["hub"]
        assert session.runtime is not None and session.runtime.hub_link is not None
        assert session.runtime.hub_link.connected
        health = shell.health.assess()
        assert health.state.value == "connected" and "Connected to the team hub since" in health.detail
        stored = context.calls.get(card.call.account, card.call.call_id)
        assert stored is not None  # in this desktop's cache, from the hub
        assert context.secrets.get("demo-pbx", "token") is None  # no provider secret on the desktop
    finally:
        await session.stop()


async def test_a_second_demo_in_the_same_folder_rings_fresh_calls(tmp_path: Path) -> None:
    """The sandbox names calls from its seed: each run draws a new one, so a second run's calls are new
    (a replayed id would be a finished call in this folder's history, and no card would show)."""
    seen: list[set[str]] = []
    for _ in range(2):
        context = demo_context(tmp_path / "demo")
        options = DemoOptions(interval_s=3, first_call_s=0.2, rate_per_minute=0, time_scale=0.05)
        session = DesktopSession(context, demo=options, use_tray=False)
        loop = asyncio.get_running_loop()
        shown: asyncio.Future[CallCard] = loop.create_future()
        shell = await session.start()
        try:
            shell.stack.card_shown.connect(lambda card, f=shown: f.done() or f.set_result(card))
            card = await asyncio.wait_for(shown, timeout=15)
            seen.append({card.call.call_id})
        finally:
            await session.stop()
    assert not seen[0] & seen[1]
