"""Desktop-integration fixtures: a private XDG home per test and a dictionary standing in for the registry."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def xdg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every XDG folder into the test's temporary directory (the real desktop is never touched)."""
    root = tmp_path / "xdg"
    monkeypatch.setenv("HOME", str(root / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(root / "etc-xdg"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(root / "usr-share"))
    for name in (
        "XDG_CURRENT_DESKTOP",
        "DESKTOP_SESSION",
        "KDE_FULL_SESSION",
        "GNOME_DESKTOP_SESSION_ID",
        "XDG_SESSION_DESKTOP",
        "BROWSER",
    ):
        monkeypatch.delenv(name, raising=False)
    return root


class FakeRegistry:
    """HKEY_CURRENT_USER as ``{key path (case-insensitive): {value name: string}}``."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, str]] = {}

    def get(self, key: str, name: str = "") -> str | None:
        return self.keys.get(key.lower(), {}).get(name)

    def set(self, key: str, name: str, value: str) -> None:
        parts = key.split("\\")
        for depth in range(1, len(parts) + 1):
            self.keys.setdefault("\\".join(parts[:depth]).lower(), {})
        self.keys[key.lower()][name] = value

    def delete_value(self, key: str, name: str) -> None:
        self.keys.get(key.lower(), {}).pop(name, None)

    def delete_key(self, key: str) -> None:
        prefix = key.lower()
        for existing in [k for k in self.keys if k == prefix or k.startswith(prefix + "\\")]:
            del self.keys[existing]


@pytest.fixture
def registry() -> FakeRegistry:
    return FakeRegistry()


@pytest.fixture
def session_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A private D-Bus session bus for this test (the developer's desktop is never reached)."""
    if not shutil.which("dbus-daemon"):
        pytest.skip("needs dbus-daemon")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)


@pytest.fixture
def notification_daemon(session_bus: str, tmp_path: Path) -> Iterator[Path]:
    """The fake notification daemon on the private bus; yields the file where it records each Notify."""
    record = tmp_path / "notifications.jsonl"
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("fake_notification_server.py")), str(record)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None and server.stdout.readline().strip() == "ready"
    yield record
    server.terminate()
    server.wait(timeout=10)
