"""Start Ringdesk at login, hidden in the tray (setting ``general.start_at_login``).

- Linux: ``$XDG_CONFIG_HOME/autostart/ringdesk.desktop`` (XDG Autostart spec; GNOME, KDE, Xfce…).
- Windows: the value ``Ringdesk`` under ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
- macOS: ``~/Library/LaunchAgents/eu.ringdesk.agent.plist`` with ``RunAtLoad``.
Each starts ``ringdesk run``, which opens no window when the desktop has a tray (app/ui/shell.py): at
login the agent wants the tray icon, not a window in the way. (No ``--hidden`` flag exists or is needed;
where there is no tray, the small fallback window *is* the app and must show.)
"""

from __future__ import annotations

import plistlib
from collections.abc import Sequence
from pathlib import Path

from app.core.errors import QT_TRANSLATE_NOOP
from app.desktop.integration import Integration, Status, platform_family
from app.desktop.launcher import launcher_command
from app.desktop.registry import RegistryWriter, command_line
from app.desktop.xdg import config_home, exec_line, read_entry, render_entry, write_atomically

HIDDEN_ARGS = ("run",)
ENTRY_FILE = "ringdesk.desktop"
RUN_KEY = "Software\\Microsoft\\Windows\\CurrentVersion\\Run"
RUN_VALUE = "Ringdesk"
AGENT_LABEL = "eu.ringdesk.agent"
_FIX = QT_TRANSLATE_NOOP("Problem", "Turn on “Start at login” in Settings.")


def autostart_entry(launcher: Sequence[str]) -> str:
    return render_entry(
        {
            "Type": "Application",
            "Name": "Ringdesk",
            "Comment": "Incoming-call cards and click-to-call, in the tray",
            "Exec": exec_line([*launcher, *HIDDEN_ARGS]),
            "Icon": "ringdesk",
            "Terminal": "false",
            "X-GNOME-Autostart-enabled": "true",
        }
    )


class LinuxAutostart:
    def __init__(self, launcher: Sequence[str] | None = None) -> None:
        self.launcher = list(launcher or launcher_command())

    @property
    def entry_path(self) -> Path:
        return config_home() / "autostart" / ENTRY_FILE

    def install(self) -> None:
        write_atomically(self.entry_path, autostart_entry(self.launcher))

    def uninstall(self) -> None:
        self.entry_path.unlink(missing_ok=True)

    def status(self) -> Status:
        entry = read_entry(self.entry_path)
        if not entry:
            return Status.say(False, QT_TRANSLATE_NOOP("Problem", "Ringdesk does not start at login."), fix=_FIX)
        if entry.get("Hidden", "false").lower() == "true" or entry.get("X-GNOME-Autostart-enabled") == "false":
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "The login entry {path} is switched off in the desktop's settings."),
                fix=_FIX,
                path=self.entry_path,
            )
        if entry.get("Exec") != exec_line([*self.launcher, *HIDDEN_ARGS]):
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "The login entry starts another copy of Ringdesk ({command})."),
                fix=_FIX,
                command=entry.get("Exec", "?"),
            )
        return Status.say(
            True,
            QT_TRANSLATE_NOOP("Problem", "Ringdesk starts at login, hidden in the tray ({path})."),
            path=self.entry_path,
        )


class WindowsAutostart:
    def __init__(self, registry: RegistryWriter, launcher: Sequence[str] | None = None) -> None:
        self.registry = registry
        self.launcher = list(launcher or launcher_command())

    @property
    def command(self) -> str:
        return command_line([*self.launcher, *HIDDEN_ARGS])

    def install(self) -> None:
        self.registry.set(RUN_KEY, RUN_VALUE, self.command)

    def uninstall(self) -> None:
        self.registry.delete_value(RUN_KEY, RUN_VALUE)

    def status(self) -> Status:
        value = self.registry.get(RUN_KEY, RUN_VALUE)
        if value is None:
            return Status.say(False, QT_TRANSLATE_NOOP("Problem", "Ringdesk does not start at login."), fix=_FIX)
        if value != self.command:
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "The login entry starts another copy of Ringdesk ({command})."),
                fix=_FIX,
                command=value,
            )
        return Status.say(True, QT_TRANSLATE_NOOP("Problem", "Ringdesk starts at login, hidden in the tray."))


class MacAutostart:
    def __init__(self, agents_dir: Path | None = None, launcher: Sequence[str] | None = None) -> None:
        self.agents_dir = agents_dir or Path.home() / "Library" / "LaunchAgents"
        self.launcher = list(launcher or launcher_command())

    @property
    def plist_path(self) -> Path:
        return self.agents_dir / f"{AGENT_LABEL}.plist"

    def agent(self) -> dict[str, object]:
        return {
            "Label": AGENT_LABEL,
            "ProgramArguments": [*self.launcher, *HIDDEN_ARGS],
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }

    def install(self) -> None:
        write_atomically(self.plist_path, plistlib.dumps(self.agent()))

    def uninstall(self) -> None:
        self.plist_path.unlink(missing_ok=True)

    def status(self) -> Status:
        try:
            with self.plist_path.open("rb") as handle:
                current = plistlib.load(handle)
        except FileNotFoundError:
            return Status.say(False, QT_TRANSLATE_NOOP("Problem", "Ringdesk does not start at login."), fix=_FIX)
        except (OSError, plistlib.InvalidFileException, ValueError):
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "The login agent {path} is unreadable."),
                fix=_FIX,
                path=self.plist_path,
            )
        if current.get("ProgramArguments") != self.agent()["ProgramArguments"]:
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "The login agent starts another copy of Ringdesk ({path})."),
                fix=_FIX,
                path=self.plist_path,
            )
        return Status.say(
            True,
            QT_TRANSLATE_NOOP("Problem", "Ringdesk starts at login, hidden in the tray ({path})."),
            path=self.plist_path,
        )


def for_this_platform(platform: str | None = None) -> Integration:
    family = platform_family(platform)
    if family == "windows":
        from app.desktop.registry import WinRegistry

        return WindowsAutostart(WinRegistry())
    if family == "macos":
        return MacAutostart()
    return LinuxAutostart()
