"""The Windows registry, reduced to what our writers need: string values under ``HKEY_CURRENT_USER``.

Why an interface: the URL-handler and Run-key writers are plain logic over a few keys; behind this
Protocol they are unit-tested on Linux with a dictionary, and only :class:`WinRegistry` (a thin
``winreg`` wrapper) needs Windows. Key paths are relative to HKCU, e.g. ``Software\\Classes\\tel``;
the empty value name is the key's "(Default)".
"""

from __future__ import annotations

from typing import Any, Protocol


class RegistryWriter(Protocol):
    def get(self, key: str, name: str = "") -> str | None:
        """The string value ``name`` of ``key``, or None if the key or value does not exist."""

    def set(self, key: str, name: str, value: str) -> None:
        """Create ``key`` (and its parents) as needed and set the string value ``name``."""

    def delete_value(self, key: str, name: str) -> None:
        """Remove one value; missing is fine."""

    def delete_key(self, key: str) -> None:
        """Remove ``key`` with everything below it; missing is fine."""


class WinRegistry:
    """``winreg`` on ``HKEY_CURRENT_USER``: per-user, so no administrator rights are needed."""

    def __init__(self) -> None:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        # Any: typeshed declares winreg's names for win32 only, and mypy checks this file on Linux too.
        self._winreg: Any = winreg
        self._root = self._winreg.HKEY_CURRENT_USER

    def get(self, key: str, name: str = "") -> str | None:
        try:
            with self._winreg.OpenKey(self._root, key) as handle:
                value, _kind = self._winreg.QueryValueEx(handle, name)
        except OSError:
            return None
        return str(value)

    def set(self, key: str, name: str, value: str) -> None:
        with self._winreg.CreateKeyEx(self._root, key, 0, self._winreg.KEY_SET_VALUE) as handle:
            self._winreg.SetValueEx(handle, name, 0, self._winreg.REG_SZ, value)

    def delete_value(self, key: str, name: str) -> None:
        try:
            with self._winreg.OpenKey(self._root, key, 0, self._winreg.KEY_SET_VALUE) as handle:
                self._winreg.DeleteValue(handle, name)
        except FileNotFoundError:
            pass

    def delete_key(self, key: str) -> None:
        try:
            with self._winreg.OpenKey(self._root, key, 0, self._winreg.KEY_ALL_ACCESS) as handle:
                while True:
                    try:
                        child = self._winreg.EnumKey(handle, 0)
                    except OSError:
                        break
                    self.delete_key(f"{key}\\{child}")
            self._winreg.DeleteKey(self._root, key)
        except FileNotFoundError:
            pass


def command_line(args: list[str]) -> str:
    """A Windows command line: every argument double-quoted (paths with spaces; ``%1`` placeholders)."""
    return " ".join(f'"{arg}"' for arg in args)
