"""One Ringdesk per user: a second ``ringdesk call tel:…`` hands the number to the running app, which dials it."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import Problem
from app.core.phone import normalize
from app.ui.main import DesktopSession
from app.ui.single_instance import InstanceServer, dial_target, forward
from tests.ui.cardkit import open_context

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints)", r"Couldn't (load|resolve) (va|pipewire)"
)


async def forward_from_another_process(message: str) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        f"from app.ui.single_instance import forward; print(forward({message!r}, 3000))",
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await process.communicate()
    return out.decode().strip()


class RecordingDialer:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []
        self.dialled = asyncio.get_running_loop().create_future()

    async def call(self, number: str, account: str | None = None, caller_id: str | None = None) -> Any:
        """Record the number, then refuse the way a provider would (the shell shows that as a message)."""
        self.calls.append((number, account))
        if not self.dialled.done():
            self.dialled.set_result(number)
        raise Problem("recorded by the test, not dialled")


async def test_second_instance_forwards_a_tel_link_and_the_first_dials_it() -> None:
    context = open_context()
    server = InstanceServer(context.paths.data_dir)
    assert server.listen()
    assert not InstanceServer(context.paths.data_dir).listen()  # a second one cannot become the instance
    session = DesktopSession(context, use_tray=False, instance=server)
    shell = await session.start()
    dialer = RecordingDialer()
    assert session.runtime is not None and session.runtime.dialer is not None
    session.runtime.dialer.call = dialer.call  # type: ignore[method-assign]  # records instead of dialling
    try:
        answer = await forward_from_another_process("tel:+48%20777%20888%20999")
        assert answer == "True"
        assert normalize(await asyncio.wait_for(dialer.dialled, timeout=10)).value == "+48777888999"
        assert shell.tray.window is not None
    finally:
        await session.stop()


async def test_forward_says_false_when_nothing_runs() -> None:
    assert await asyncio.to_thread(forward, "tel:123", 100) is False


@pytest.mark.parametrize(
    "message",
    [
        "tel:+48-777-888-999",
        "tel:+48%20777%20888%20999",
        "callto://+48777888999",
        "sip:48777888999@pbx.example",
        "+48 777 888 999",
    ],
)
def test_links_and_plain_numbers_reach_the_dialer_as_the_same_number(message: str) -> None:
    assert normalize(dial_target(message)).value == "+48777888999"


@pytest.mark.parametrize("message", ["show", "", "   "])
def test_show_and_empty_messages_dial_nothing(message: str) -> None:
    assert dial_target(message) is None
