"""Freedesktop basics shared by the Linux writers: base directories and Desktop Entry files.

Why hand-written: a ``.desktop`` file's ``Exec`` key has its own quoting rules (Desktop Entry
Specification, "The Exec key"), and a path with a space (``/home/ann/My Apps/ringdesk``) must survive
them; ``shlex.quote`` produces single quotes, which the specification does not know.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home() -> Path:
    """``$XDG_DATA_HOME`` or ``~/.local/share``."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def config_home() -> Path:
    """``$XDG_CONFIG_HOME`` or ``~/.config``."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def exec_line(args: Sequence[str], *field_codes: str) -> str:
    """``Exec`` value for ``args`` followed by field codes such as ``%u`` (which must stay unquoted)."""
    return " ".join([*(_quote(arg) for arg in args), *field_codes])


def render_entry(keys: Mapping[str, str]) -> str:
    """A ``[Desktop Entry]`` group with ``keys`` in the given order."""
    lines = ["[Desktop Entry]", *(f"{key}={value}" for key, value in keys.items())]
    return "\n".join(lines) + "\n"


def read_entry(path: Path) -> dict[str, str]:
    """The ``[Desktop Entry]`` keys of ``path`` (empty if missing or unreadable)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    keys: dict[str, str] = {}
    in_group = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_group = line == "[Desktop Entry]"
        elif in_group and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            keys[key.strip()] = value.strip()
    return keys


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write ``content`` so a desktop (or LaunchServices) scanning the folder never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    os.replace(tmp, path)


def _quote(arg: str) -> str:
    # The Exec value is first unescaped as a string (``\\`` → ``\``), then split on quoted arguments in
    # which ``"``, `` ` ``, ``$`` and ``\`` are escaped by a backslash; ``%`` is doubled everywhere.
    arg = arg.replace("%", "%%")
    if arg and not (_RESERVED & set(arg)):
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg)
    return '"' + inner.replace("\\", "\\\\") + '"'
