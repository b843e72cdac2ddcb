"""Ctrl+C (SIGINT) and SIGTERM quit ``ringdesk run`` and ``ringdesk demo`` cleanly, like the tray's Quit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

READY_TIMEOUT_S = 60.0
QUIT_TIMEOUT_S = 20.0


def start_app(home: Path, *command: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "RINGDESK_HOME": str(home),
        "RINGDESK_BENCH_READY": "1",  # the app prints "ready" once the tray is up
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "app", *command],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + READY_TIMEOUT_S
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.strip() == "ready":
            return process
        if not line and process.poll() is not None:
            break
    process.kill()
    pytest.fail(f"ringdesk {' '.join(command)} did not come up (exit {process.poll()})")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "number"),
    [(("run",), signal.SIGINT), (("run",), signal.SIGTERM), (("demo", "--interval", "30"), signal.SIGINT)],
)
def test_a_quit_signal_ends_the_app_cleanly(tmp_path: Path, command: tuple[str, ...], number: int) -> None:
    process = start_app(tmp_path / "home", *command)
    try:
        process.send_signal(number)
        assert process.wait(timeout=QUIT_TIMEOUT_S) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    logs = "".join(p.read_text(errors="replace") for p in (tmp_path / "home").rglob("*.log"))
    assert f"signal {int(number)}: quitting" in logs
