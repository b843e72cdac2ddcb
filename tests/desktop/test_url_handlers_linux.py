"""The Linux link handler, written for real into a temporary XDG home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.desktop import mimeapps
from app.desktop.url_handlers import HANDLER_FILE, MIME_TYPES, LinuxUrlHandlers
from app.desktop.xdg import read_entry

LAUNCHER = ["/opt/ringdesk/ringdesk"]


@pytest.fixture
def no_xdg_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A minimal system: no xdg-mime, no update-desktop-database on PATH."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_install_registers_the_three_schemes_with_call_as_the_command(xdg_home: Path, no_xdg_tools: None) -> None:
    handlers = LinuxUrlHandlers(LAUNCHER)
    handlers.install()

    entry = read_entry(xdg_home / "data" / "applications" / HANDLER_FILE)
    assert entry["Exec"] == "/opt/ringdesk/ringdesk call %u"
    assert entry["MimeType"] == "x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;"
    assert entry["NoDisplay"] == "true"
    assert all(mimeapps.default_for(mime) == HANDLER_FILE for mime in MIME_TYPES)
    assert handlers.status().installed


def test_install_keeps_the_users_other_defaults_and_comments(xdg_home: Path, no_xdg_tools: None) -> None:
    mimeapps_list = xdg_home / "config" / "mimeapps.list"
    mimeapps_list.parent.mkdir(parents=True)
    original = "# mine\n[Default Applications]\ntext/html=firefox.desktop\nx-scheme-handler/sip=linphone.desktop\n"
    mimeapps_list.write_text(original)

    LinuxUrlHandlers(LAUNCHER).install()
    text = mimeapps_list.read_text()
    assert "# mine" in text and "text/html=firefox.desktop" in text
    assert mimeapps.default_for("x-scheme-handler/sip") == HANDLER_FILE
    assert text.count("x-scheme-handler/sip=") == 2  # default + added association, not duplicated

    LinuxUrlHandlers(LAUNCHER).install()  # idempotent
    assert mimeapps_list.read_text() == text


def test_uninstall_undoes_only_ringdesk(xdg_home: Path, no_xdg_tools: None) -> None:
    handlers = LinuxUrlHandlers(LAUNCHER)
    handlers.install()
    # Later the user picks another softphone for sip: links; ours must not take it away on uninstall.
    mimeapps.set_defaults("linphone.desktop", ["x-scheme-handler/sip"])

    handlers.uninstall()

    assert not (xdg_home / "data" / "applications" / HANDLER_FILE).exists()
    assert mimeapps.default_for("x-scheme-handler/tel") == ""
    assert mimeapps.default_for("x-scheme-handler/sip") == "linphone.desktop"
    assert HANDLER_FILE not in (xdg_home / "config" / "mimeapps.list").read_text()
    status = handlers.status()
    assert not status.installed and "ringdesk desktop install" in status.fix


def test_status_names_the_app_that_took_a_scheme(xdg_home: Path, no_xdg_tools: None) -> None:
    handlers = LinuxUrlHandlers(LAUNCHER)
    handlers.install()
    mimeapps.set_defaults("skype.desktop", ["x-scheme-handler/callto"])

    status = handlers.status()
    assert not status.installed
    assert "callto: → skype.desktop" in status.detail


def test_status_notices_a_handler_of_a_moved_install(xdg_home: Path, no_xdg_tools: None) -> None:
    LinuxUrlHandlers(["/old/place/ringdesk"]).install()
    status = LinuxUrlHandlers(LAUNCHER).status()
    assert not status.installed and "/old/place/ringdesk" in status.detail


def test_paths_with_spaces_survive_the_exec_quoting(xdg_home: Path, no_xdg_tools: None) -> None:
    LinuxUrlHandlers(["/home/ann/My Apps/ringdesk"]).install()
    entry = read_entry(xdg_home / "data" / "applications" / HANDLER_FILE)
    assert entry["Exec"] == '"/home/ann/My Apps/ringdesk" call %u'


@pytest.mark.skipif(not (shutil.which("xdg-open") and shutil.which("xdg-mime")), reason="needs xdg-utils")
def test_clicking_a_tel_link_runs_ringdesk_call_with_the_link(xdg_home: Path, tmp_path: Path) -> None:
    """End to end through the desktop's own opener: ``xdg-open tel:…`` runs our command with the link."""
    received = tmp_path / "received.txt"
    # (No space in this path: xdg-open 1.1.3's generic mode cannot run a quoted Exec; real desktops can.)
    fake_ringdesk = tmp_path / "bin" / "ringdesk"
    fake_ringdesk.parent.mkdir()
    fake_ringdesk.write_text(
        f'#!{sys.executable}\nimport sys\nopen({str(received)!r}, "w").write(repr(sys.argv[1:]))\n'
    )
    fake_ringdesk.chmod(0o755)

    LinuxUrlHandlers([str(fake_ringdesk)]).install()
    assert LinuxUrlHandlers([str(fake_ringdesk)]).status().installed
    env = {**os.environ, "DISPLAY": ":0"}  # xdg-open only asks the handlers on a (nominal) display
    subprocess.run(["xdg-open", "tel:+48777888999"], env=env, check=True, timeout=20, capture_output=True)

    assert received.read_text() == repr(["call", "tel:+48777888999"])
