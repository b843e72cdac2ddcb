"""A hub that stops answering (frozen, its host gone: no FIN ever arrives) is noticed by the desktop within
10 s through the WebSocket heartbeats, and the desktop reconnects by itself once the hub answers again.

The fault is real: a ``ringdesk serve`` process on 127.0.0.1 is frozen with SIGSTOP, so its socket stays
open and silent — the case a closed connection would never show.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.config.paths import resolve
from app.config.secrets import MemorySecretStore
from app.config.settings import AccountSettings, Provider, Role, Settings
from app.runtime import Runtime
from app.services.context import Context
from app.services.team_users import TeamUsers
from tests.kit import free_port, until

pytestmark = pytest.mark.slow


def start_hub(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "RINGDESK_HOME": str(home), "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--listen", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.05)
    process.kill()
    raise AssertionError("the hub did not start listening")


async def test_a_frozen_hub_is_noticed_within_ten_seconds_and_rejoined(tmp_path: Path) -> None:
    hub_home = tmp_path / "hub"
    hub_context = Context.open(hub_home)
    token = TeamUsers(hub_context.users, hub_context.settings).add("anna", Role.SUPERVISOR).token
    hub_context.close()
    port = free_port()
    hub = start_hub(hub_home, port)
    settings = Settings()
    settings.accounts.append(AccountSettings("team", Provider.HUB, base_url=f"http://127.0.0.1:{port}", user="anna"))
    desktop = Runtime(Context(resolve(tmp_path / "desktop").ensure(), settings, MemorySecretStore()))
    desktop.context.secrets.set("team", "token", token)
    await desktop.start()
    try:
        link = desktop.hub_link
        assert link is not None
        await until(lambda: link.connected, "the desktop connects")
        hub.send_signal(signal.SIGSTOP)  # frozen: the socket stays open, nothing answers
        frozen_at = asyncio.get_running_loop().time()
        await until(lambda: not link.connected, "the desktop notices the silent hub", timeout=20)
        noticed_after = asyncio.get_running_loop().time() - frozen_at
        assert noticed_after <= 10.5, f"noticed after {noticed_after:.1f} s"
        print(f"a frozen hub was noticed after {noticed_after:.1f} s")
        hub.send_signal(signal.SIGCONT)
        await until(lambda: link.connected, "the desktop reconnects by itself", timeout=45)
    finally:
        await desktop.stop()
        hub.send_signal(signal.SIGCONT)
        hub.terminate()
        hub.wait(timeout=15)
