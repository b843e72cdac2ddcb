"""``ringdesk desktop install|status|uninstall`` into a temporary XDG home, and the packaged entry files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.desktop.menu_entry import LinuxMenuEntry, menu_entry
from app.desktop.url_handlers import handler_entry
from app.desktop.xdg import read_entry

PACKAGING = Path(__file__).resolve().parents[2] / "packaging" / "linux"


def test_the_packaged_desktop_files_are_what_the_installer_writes() -> None:
    """packaging/linux is for distro packages (``ringdesk`` on PATH); the per-user installer writes the same
    entries with an absolute path. One source: these files must be regenerated when the entries change."""
    assert (PACKAGING / "ringdesk.desktop").read_text() == menu_entry(["ringdesk"])
    assert (PACKAGING / "ringdesk-call.desktop").read_text() == handler_entry(["ringdesk"])


def test_menu_entry_installs_the_builds_icons_per_user(xdg_home: Path, tmp_path: Path) -> None:
    icons = tmp_path / "build" / "share" / "icons" / "hicolor"
    for size in ("16x16", "48x48", "256x256"):
        (icons / size / "apps").mkdir(parents=True)
        (icons / size / "apps" / "ringdesk.png").write_bytes(b"png " + size.encode())
    entry = LinuxMenuEntry(["/opt/ringdesk/ringdesk"], icons=icons)

    entry.install()
    installed = xdg_home / "data" / "icons" / "hicolor" / "48x48" / "apps" / "ringdesk.png"
    assert installed.read_bytes() == b"png 48x48"
    assert read_entry(xdg_home / "data" / "applications" / "ringdesk.desktop")["Exec"] == "/opt/ringdesk/ringdesk"
    assert entry.status().installed

    entry.uninstall()
    assert not installed.exists()
    assert not entry.status().installed


def test_desktop_command_registers_and_unregisters(
    xdg_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no xdg-mime: the spec's mimeapps.list alone must do
    assert main(["desktop", "install"]) == 0
    out = capsys.readouterr().out
    assert "Menu entry: Ringdesk is in the application menu" in out
    assert "Phone links: tel:, callto: and sip: links open Ringdesk" in out
    handler = read_entry(xdg_home / "data" / "applications" / "ringdesk-call.desktop")
    assert handler["Exec"].endswith(" call %u")

    assert main(["desktop", "uninstall"]) == 0
    assert not (xdg_home / "data" / "applications" / "ringdesk-call.desktop").exists()
    main(["desktop", "status"])
    assert "not registered" in capsys.readouterr().out
