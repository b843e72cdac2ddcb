"""Per-user default applications (``$XDG_CONFIG_HOME/mimeapps.list``, XDG MIME Applications spec).

Why we edit it ourselves at all: ``xdg-mime default`` can set a default but cannot unset one, and it
is missing on minimal systems. Edits are line-based so the user's comments, order and other entries
survive untouched; we only ever remove an association that names our own desktop file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from app.desktop.xdg import config_home, write_atomically

DEFAULTS = "Default Applications"
ADDED = "Added Associations"


def user_file() -> Path:
    return config_home() / "mimeapps.list"


def default_for(mime_type: str, path: Path | None = None) -> str:
    """The desktop file the user chose for ``mime_type`` ("" if none)."""
    lines = _read(path or user_file())
    for section, key, value, _ in _entries(lines):
        if section == DEFAULTS and key == mime_type:
            return value.split(";")[0].strip()
    return ""


def set_defaults(desktop_file: str, mime_types: Iterable[str], path: Path | None = None) -> None:
    """Make ``desktop_file`` the default for each MIME type (and list it under Added Associations)."""
    target = path or user_file()
    lines = _read(target)
    for mime_type in mime_types:
        lines = _put(lines, DEFAULTS, mime_type, f"{desktop_file};", replace=True)
        lines = _put(lines, ADDED, mime_type, desktop_file, replace=False)
    write_atomically(target, "\n".join(lines) + "\n")


def remove(desktop_file: str, mime_types: Iterable[str], path: Path | None = None) -> None:
    """Forget ``desktop_file`` for each MIME type; other applications' associations stay."""
    target = path or user_file()
    lines = _read(target)
    if not lines:
        return
    wanted = set(mime_types)
    for section, key, value, index in reversed(list(_entries(lines))):
        if section in (DEFAULTS, ADDED) and key in wanted:
            apps = [app for app in value.split(";") if app.strip() and app.strip() != desktop_file]
            if apps:
                lines[index] = f"{key}={';'.join(apps)};"
            else:
                del lines[index]
    write_atomically(target, "\n".join(lines) + "\n")


def _read(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def _entries(lines: list[str]) -> Iterable[tuple[str, str, str, int]]:
    section = ""
    for index, raw in enumerate(lines):
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            yield section, key.strip(), value.strip(), index


def _put(lines: list[str], section: str, key: str, app: str, *, replace: bool) -> list[str]:
    """Set ``key`` in ``section``: replace its value, or prepend ``app`` to its list."""
    lines = list(lines)
    for found_section, found_key, value, index in _entries(lines):
        if found_section == section and found_key == key:
            others = [a for a in value.split(";") if a.strip() and a.strip() != app.rstrip(";")]
            lines[index] = f"{key}={app}" if replace else f"{key}={';'.join([app, *others])};"
            return lines
    new_line = f"{key}={app}" if replace else f"{key}={app};"
    header = f"[{section}]"
    if header not in (line.strip() for line in lines):
        return [*lines, *([""] if lines else []), header, new_line]
    position = next(i for i, line in enumerate(lines) if line.strip() == header) + 1
    while position < len(lines) and not lines[position].strip().startswith("["):
        position += 1
    while position > 0 and not lines[position - 1].strip():
        position -= 1
    return [*lines[:position], new_line, *lines[position:]]
