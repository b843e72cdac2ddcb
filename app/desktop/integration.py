"""What every OS integration (URL handlers, start at login) offers, whatever the platform.

The settings dialog, ``ringdesk desktop`` and ``ringdesk doctor`` only see this interface: they
install, undo, and ask for a :class:`Status` whose ``detail`` is a sentence for the user.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Status:
    """An integration's state in plain words (English, for the command line and logs); the templates and
    fields they were filled from let the UI show them in the user's language (``app.ui.problems``)."""

    installed: bool
    detail: str  # plain words: where it is registered, or what is missing / who else owns it
    fix: str = ""  # what the user can do when ``installed`` is False (empty when nothing to fix)
    detail_template: str = ""  # marked with QT_TRANSLATE_NOOP("Problem", …): lupdate finds it
    fix_template: str = ""
    fields: tuple[tuple[str, str], ...] = ()

    @classmethod
    def say(cls, installed: bool, detail: str, fix: str = "", **fields: object) -> Status:
        """A status from templates with ``{named}`` fields (filled here in English, kept for translation)."""
        filled = {name: str(value) for name, value in fields.items()}
        return cls(
            installed,
            detail.format_map(filled),
            fix.format_map(filled),
            detail,
            fix,
            tuple(filled.items()),
        )


class Integration(Protocol):
    def install(self) -> None:
        """Register (idempotent: installing twice leaves one registration)."""

    def uninstall(self) -> None:
        """Undo only what Ringdesk registered; other applications' settings stay."""

    def status(self) -> Status: ...


def platform_family(platform: str | None = None) -> str:
    """``linux``, ``windows`` or ``macos`` (other Unixes follow the freedesktop rules like Linux)."""
    name = platform or sys.platform
    if name.startswith("win"):
        return "windows"
    if name == "darwin":
        return "macos"
    return "linux"


def run_tool(args: list[str], timeout: float = 10.0) -> str | None:
    """Run a helper program (``xdg-mime``, ``lsregister``); its stdout, or None if missing or failed.

    Why None instead of raising: these helpers are conveniences that tell the desktop about a change we
    already wrote to disk; their absence must never stop the registration.
    """
    import subprocess

    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def apply(integration: Integration, wanted: bool) -> Status:
    """Make the OS match a setting (e.g. ``general.start_at_login``); returns the resulting status."""
    if wanted:
        integration.install()
    else:
        integration.uninstall()
    return integration.status()
