"""Missed-call notifications through a notification daemon on a private session bus."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from app.desktop.notifications import DesktopNotifications


async def test_a_click_on_the_notification_opens_the_call_it_was_about(notification_daemon: Path) -> None:
    clicked: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    notifications = await DesktopNotifications.connect(lambda tag: clicked.set_result(tag))
    assert notifications is not None
    try:
        await notifications.notify(
            "Missed call", "+48 777 888 999 · Anna Nowak", tag="cloudpbx:call-17", open_label="Open"
        )
        assert await asyncio.wait_for(clicked, 10) == "cloudpbx:call-17"
    finally:
        await notifications.close()

    sent = json.loads(notification_daemon.read_text().splitlines()[0])
    # The exact D-Bus types: GNOME Shell and Plasma reject a signed replaces_id ("sisssasa{sv}i").
    assert sent["signature"] == "susssasa{sv}i"
    assert sent["summary"] == "Missed call" and "Anna Nowak" in sent["body"]
    assert sent["actions"] == ["default", "Open"]
    assert sent["app"] == "Ringdesk" and sent["icon"] == "ringdesk"


async def test_without_a_notification_daemon_the_caller_is_told_to_fall_back(session_bus: str) -> None:
    assert await DesktopNotifications.connect(lambda tag: None) is None


async def test_without_a_session_bus_the_caller_is_told_to_fall_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    assert await DesktopNotifications.connect(lambda tag: None) is None
