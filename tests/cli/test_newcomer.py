"""A newcomer's first hour, as they live it: the README's commands, ``ringdesk doctor`` in a real process,
a broken config, a Cloud PBX account without its CRM key, the secret names in Settings.

Each test states what the newcomer saw go wrong (issue 15, part B) and pins what they see now.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.config.secrets import SECRET_NAMES, env_name
from app.sandbox import Sandbox, SandboxConfig
from tests.kit import free_port

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def ringdesk(home: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 120) -> tuple[int, str, str]:
    """``python -m app ARGS`` as a user runs it; (exit code, stdout, stderr)."""
    done = subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "RINGDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **(env or {})},
    )
    return done.returncode, done.stdout, done.stderr


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def marks(output: str, mark: str) -> int:
    return sum(line.startswith(mark) for line in output.splitlines())


# -- 17. the doctor's verdict ------------------------------------------------------------------------------
def test_doctor_with_only_warnings_does_not_say_no_problems_found(ringdesk_home: Path) -> None:
    """A fresh install has warnings (no config, no account, no link handler): the last line said
    "No problems found." right under them."""
    code, out, err = ringdesk(ringdesk_home, "doctor", "--offline")
    warnings = marks(out, "[warn]")
    assert code == 0, out + err  # warnings do not fail the doctor
    assert warnings >= 2, out
    assert "No problems found" not in out
    assert out.rstrip().splitlines()[-1] == f"No check failed; {warnings} warnings.", out


def test_doctor_counts_failures_and_warnings_and_exits_1(ringdesk_home: Path) -> None:
    write_config(ringdesk_home, '[server]\nlisten = "127.0.0.1:87655"\n')
    code, out, _ = ringdesk(ringdesk_home, "doctor", "--offline")
    failed, warnings = marks(out, "[FAIL]"), marks(out, "[warn]")
    assert code == 1 and failed >= 1
    last = out.rstrip().splitlines()[-1]
    assert last == f"{failed} check{'s' * (failed != 1)} failed; {warnings} warning{'s' * (warnings != 1)}.", out


# -- 12 and 17. a missing secret is named, and the fix is the command line's ------------------------------
@pytest.fixture
async def sandbox() -> Any:
    box = Sandbox(SandboxConfig(prefill_calls=0, rate=0.0))
    base = await box.start("127.0.0.1", 0)
    yield base
    await box.stop()


def test_doctor_names_the_missing_crm_token_and_the_variable_that_provides_it(ringdesk_home: Path) -> None:
    """Without CRM_TOKEN every push of the PBX gets 401; the doctor (offline, too) says which secret is
    missing, what breaks, and the variable and keyring entry that provide it."""
    write_config(
        ringdesk_home,
        f'[server]\nlisten = "127.0.0.1:{free_port()}"\n\n'
        '[[accounts]]\nid = "office"\nprovider = "cloudpbx"\nbase_url = "https://office.megapbx.ru"\n',
    )
    code, out, _ = ringdesk(ringdesk_home, "doctor", "--offline", env={env_name("office", "token"): "tok-123456"})
    assert code == 1, out
    line = next(line for line in out.splitlines() if "CRM_TOKEN" in line and line.startswith("[FAIL]"))
    assert "office" in line and "401" in line
    fix = out.splitlines()[out.splitlines().index(line) + 1]
    assert fix.strip().startswith("Fix:") and "RINGDESK_SECRET_OFFICE_CRM_TOKEN" in fix
    assert "keyring set ringdesk office/crm_token" in fix
    assert "RINGDESK_SECRET_OFFICE_TOKEN" not in out  # the one given is not reported missing
    # A server has no keyring: that is worth a warning; what is missing is the failure, named above.
    assert "[FAIL] Keyring" not in out


async def test_doctor_fixes_name_the_config_and_commands_not_gui_menus(ringdesk_home: Path, sandbox: str) -> None:
    """From the command line, "Settings › Accounts" is no help: the doctor names the config file's entry,
    the variable or the command instead."""
    import asyncio

    write_config(
        ringdesk_home,
        f'[server]\nlisten = "127.0.0.1:{free_port()}"\n\n'
        f'[[accounts]]\nid = "office"\nprovider = "cloudpbx"\nbase_url = "{sandbox}"\nuser = "andy"\n\n'
        f'[[accounts]]\nid = "td"\nprovider = "telediscount"\nbase_url = "{sandbox}"\n',
    )
    env = {env_name("office", "token"): "wrong-token-123", env_name("td", "api_key"): "wrong-key-456"}
    code, out, _ = await asyncio.to_thread(ringdesk, ringdesk_home, "doctor", env=env)
    fixes = [line.strip() for line in out.splitlines() if line.strip().startswith("Fix:")]
    assert code == 1 and len(fixes) >= 4, out
    assert not [fix for fix in fixes if "Settings" in fix], out
    assert any("ringdesk desktop install" in fix for fix in fixes), out
    assert any(env_name("office", "token") in fix for fix in fixes), out  # the refused key: where it comes from


def test_the_providers_settings_hints_become_config_file_words() -> None:
    """The providers' and the OS integration's hints are written for the settings dialog (which keeps
    them); the doctor, a command-line tool, says where the same thing is in the config file."""
    from app.cli._doctor_checks import for_command_line
    from app.desktop import autostart
    from app.providers.cloudpbx.client import STYLE as CLOUDPBX
    from app.providers.telediscount.client import STYLE as TELEDISCOUNT

    config = "/etc/ringdesk/config.toml"
    hints = [CLOUDPBX.auth_hint, CLOUDPBX.redirect_hint, TELEDISCOUNT.auth_hint, autostart._FIX]
    hints.append("Turn on “Open phone links with Ringdesk” in Settings, or run: ringdesk desktop install")
    assert all("Settings" in hint for hint in hints)  # what the dialog shows, unchanged
    said = [for_command_line(hint, config, "office") for hint in hints]
    assert not [text for text in said if "Settings" in text], said
    assert 'the [[accounts]] entry id = "office" of /etc/ringdesk/config.toml' in said[1]
    assert "API_KEY" in said[2]
    assert said[3] == "Run: ringdesk desktop install --start-at-login"
    assert said[4] == "Run: ringdesk desktop install"
    # The OS's own settings stay as they are.
    windows = "Choose Ringdesk in Settings › Apps › Default apps › Ringdesk."
    assert for_command_line(windows, config) == windows


# -- 17. a config error appears once ---------------------------------------------------------------------
@pytest.mark.parametrize("command", [["serve"], ["history"], ["users", "list"]])
def test_a_config_error_is_printed_once(ringdesk_home: Path, command: list[str]) -> None:
    """``serve`` logs to the console too: its config error came out twice (the message, then the log line)."""
    write_config(ringdesk_home, '[server]\nlisten = "127.0.0.1:87655"\n')
    code, out, err = ringdesk(ringdesk_home, *command)
    assert code == 2
    message = "'listen' must be HOST:PORT"
    assert (out + err).count(message) == 1, out + err
    log = (ringdesk_home / "logs" / "ringdesk.log").read_text(encoding="utf-8")
    assert message in log  # still kept in the log file


# -- 12. Settings use the same names -----------------------------------------------------------------------
@pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
def test_settings_labels_name_the_secrets_as_the_variables_do(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit

    from app.config.settings import Provider
    from app.runtime import Runtime
    from app.services.context import Context
    from app.ui.settings.accounts import AccountsPage

    page = AccountsPage(Runtime(Context.open()))
    qtbot.addWidget(page)
    for provider in (Provider.CLOUDPBX, Provider.TELEDISCOUNT, Provider.TELECUBE):
        page.add_account(provider)
        editor = page.editor
        for name in SECRET_NAMES[provider.value]:
            edit = editor.findChild(QLineEdit, f"secret_{name}")
            assert edit is not None, name
            label = editor.secrets_form.labelForField(_row_of(editor, edit))
            assert isinstance(label, QLabel), name
            assert name.upper() in label.text(), (provider, name, label.text())
            assert env_name(editor.account_id.text(), name) in edit.toolTip(), edit.toolTip()


def _row_of(editor: Any, edit: Any) -> Any:
    """The layout item of the form row holding ``edit`` (a row is the field plus its Generate button)."""
    form = editor.secrets_form
    for row in range(form.rowCount()):
        item = form.itemAt(row, form.ItemRole.FieldRole)
        layout = item.layout() if item is not None else None
        if layout is not None and any(layout.itemAt(i).widget() is edit for i in range(layout.count())):
            return layout
    raise AssertionError("no row holds the field")


# -- 12 and 15. the README ---------------------------------------------------------------------------------
def test_the_readme_names_every_secret_with_its_variable() -> None:
    """The README gave the pattern RINGDESK_SECRET_<ACCOUNT>_<NAME> but not the names."""
    for provider, names in SECRET_NAMES.items():
        for name in names:
            row = re.search(rf"^\|[^\n]*`{name.upper()}`[^\n]*$", README, re.MULTILINE)
            assert row, f"README has no table row for {provider} {name.upper()}"
    assert "keyring set ringdesk" in README


def test_the_readme_commands_work_as_root_without_sudo() -> None:
    """Where there is no sudo (a container, a root shell) a command that begins with sudo fails."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    assert lines
    assert not [line for line in lines if line.lstrip().startswith("sudo ")], "README commands start with sudo"
    assert "as root, or prefix" in README.lower()


def test_the_readme_documents_the_server_options_and_the_url_commands() -> None:
    for option in ("allow", "tls_cert", "tls_key", "public_url", "trusted_proxies"):
        assert re.search(rf"^{option}\s*=", README, re.MULTILINE), option
    assert "ringdesk urls" in README and "--show-urls" in README
    assert "Exit codes" in README


def test_the_doctors_start_at_login_fix_is_a_command_that_works(
    ringdesk_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fix said "Turn on “Start at login” in Settings." — a menu a command-line user has no way to. It
    now names a command; running it makes the warning go away."""
    from app.cli import main

    xdg = tmp_path / "xdg"  # the real desktop is never touched
    for name, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data")):
        monkeypatch.setenv(name, str(xdg / sub))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(xdg / "etc-xdg"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(xdg / "usr-share"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no xdg-mime: the files alone must do
    write_config(ringdesk_home, f'[general]\nstart_at_login = true\n\n[server]\nlisten = "127.0.0.1:{free_port()}"\n')

    main(["doctor", "--offline"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    warning = next(i for i, line in enumerate(lines) if line.startswith("[warn] Start at login"))
    assert (
        lines[warning + 1].strip()
        == "Fix: Run: ringdesk desktop install --start-at-login (or set start_at_login = false in [general])."
    ), out

    assert main(["desktop", "install", "--start-at-login"]) == 0
    capsys.readouterr()
    main(["doctor", "--offline"])
    out = capsys.readouterr().out
    assert "[ ok ] Start at login" in out and "[ ok ] Phone links" in out, out


def test_the_doctor_command_names_a_missing_audio_library_and_its_package(tmp_path: Path) -> None:
    """Without libpulse0 (hidden from the child, see tests/ui/test_no_audio_stack.py) 'ringdesk doctor'
    itself says which library is missing and which package brings it (issue 15 §10's check, registered)."""
    from tests.ui.test_no_audio_stack import child_environment, without_libpulse

    home = tmp_path / "home"
    argv, environment, how = without_libpulse([sys.executable, "-m", "app", "doctor", "--offline"], tmp_path / "hide")
    environment = child_environment(environment, tmp_path)
    environment["RINGDESK_HOME"] = str(home)
    done = subprocess.run(argv, cwd=REPO, env=environment, capture_output=True, text=True, timeout=180)
    lines = done.stdout.splitlines()
    audio = next((i for i, line in enumerate(lines) if "Audio output" in line), None)
    assert audio is not None, f"[{how}] {done.stdout}{done.stderr[-2000:]}"
    assert "libpulse.so.0 is missing" in lines[audio], f"[{how}] {done.stdout}"
    assert "libpulse0 (Debian/Ubuntu)" in lines[audio + 1], f"[{how}] {done.stdout}"
