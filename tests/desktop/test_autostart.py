"""Start at login: the XDG autostart entry for real, the Run key and the LaunchAgent at their boundary."""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any

from app.desktop.autostart import LinuxAutostart, MacAutostart, WindowsAutostart
from app.desktop.integration import apply
from app.desktop.xdg import read_entry


def test_linux_entry_starts_ringdesk_in_the_tray_and_is_undone(xdg_home: Path) -> None:
    autostart = LinuxAutostart(["/opt/ringdesk/ringdesk"])
    assert apply(autostart, True).installed

    entry = read_entry(xdg_home / "config" / "autostart" / "ringdesk.desktop")
    assert entry["Exec"] == "/opt/ringdesk/ringdesk run"
    assert entry["Type"] == "Application"

    status = apply(autostart, False)
    assert not status.installed
    assert not (xdg_home / "config" / "autostart" / "ringdesk.desktop").exists()


def test_linux_entry_switched_off_by_the_desktop_is_reported(xdg_home: Path) -> None:
    autostart = LinuxAutostart(["/opt/ringdesk/ringdesk"])
    autostart.install()
    path = xdg_home / "config" / "autostart" / "ringdesk.desktop"
    path.write_text(path.read_text() + "Hidden=true\n")  # what GNOME Tweaks / KDE write to disable it
    status = autostart.status()
    assert not status.installed and "switched off" in status.detail


def test_windows_run_key(registry: Any) -> None:
    exe = "C:\\Program Files\\Ringdesk\\ringdesk.exe"
    autostart = WindowsAutostart(registry, [exe])
    assert apply(autostart, True).installed
    assert registry.get("Software\\Microsoft\\Windows\\CurrentVersion\\Run", "Ringdesk") == (f'"{exe}" "run"')
    registry.set("Software\\Microsoft\\Windows\\CurrentVersion\\Run", "OneDrive", "onedrive.exe")
    assert not apply(autostart, False).installed
    assert registry.get("Software\\Microsoft\\Windows\\CurrentVersion\\Run", "OneDrive") == "onedrive.exe"


def test_macos_launch_agent(tmp_path: Path) -> None:
    binary = "/Applications/Ringdesk.app/Contents/MacOS/ringdesk"
    autostart = MacAutostart(tmp_path / "LaunchAgents", [binary])
    assert apply(autostart, True).installed

    agent = plistlib.loads((tmp_path / "LaunchAgents" / "eu.ringdesk.agent.plist").read_bytes())
    assert agent["ProgramArguments"] == [binary, "run"]
    assert agent["RunAtLoad"] is True and agent["Label"] == "eu.ringdesk.agent"

    assert not apply(autostart, False).installed
    assert not (tmp_path / "LaunchAgents" / "eu.ringdesk.agent.plist").exists()
