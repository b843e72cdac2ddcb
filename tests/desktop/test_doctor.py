"""``ringdesk doctor`` as the user runs it: a real process, real HTTP to the sandbox, the exit code."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.cli import _doctor_checks as checks
from app.config.secrets import env_name
from app.sandbox import Sandbox, SandboxConfig
from app.sandbox.config import DOC_CLOUDPBX_TOKEN, DOC_TELECUBE_KEY, DOC_TELEDISCOUNT_KEY
from tests.kit import free_port

ROOT = Path(__file__).resolve().parents[2]


async def doctor(home: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app",
        "doctor",
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "RINGDESK_HOME": str(home), **(env or {})},
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode()


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_broken_config_is_named_by_key_and_line_and_fails(ringdesk_home: Path) -> None:
    path = write_config(ringdesk_home, '[general]\nregion = "PL"\n\n[server]\nlisten = "127.0.0.1:87655"\n')

    code, output = await doctor(ringdesk_home, "--offline")

    assert code == 1
    assert f"[FAIL] Configuration: {path}, line 5: 'listen' must be HOST:PORT" in output
    assert f"Fix: Correct that line in {path}" in output
    assert "[skip] Accounts: Not checked: the configuration is invalid." in output
    assert "Audio output" in output  # the other checks still ran
    assert "Traceback" not in output


async def test_an_unknown_key_in_an_account_is_named_with_its_line(ringdesk_home: Path) -> None:
    write_config(ringdesk_home, '[[accounts]]\nid = "office"\nprovider = "cloudpbx"\nusr = "andy"\n')
    code, output = await doctor(ringdesk_home, "--offline")
    assert code == 1
    assert "line 4: unknown setting 'usr'" in output


async def test_a_fresh_install_has_no_failures(ringdesk_home: Path) -> None:
    code, output = await doctor(ringdesk_home, "--offline")
    assert code == 0, output
    assert "No check failed;" in output and "[warn] Accounts" in output


@pytest.fixture
async def sandbox() -> AsyncIterator[str]:
    box = Sandbox(SandboxConfig(prefill_calls=0, rate=0.0))
    base = await box.start("127.0.0.1", 0)
    yield base
    await box.stop()


async def test_each_account_is_reached_with_its_credentials(ringdesk_home: Path, sandbox: str) -> None:
    write_config(
        ringdesk_home,
        f"""
[server]
listen = "127.0.0.1:{free_port()}"

[[accounts]]
id = "office"
provider = "cloudpbx"
base_url = "{sandbox}"
user = "andy"

[[accounts]]
id = "branch"
provider = "cloudpbx"
base_url = "{sandbox}"

[[accounts]]
id = "td"
provider = "telediscount"
base_url = "{sandbox}"

[[accounts]]
id = "cube"
provider = "telecube"
base_url = "{sandbox}"
""",
    )
    secrets = {
        env_name("office", "token"): DOC_CLOUDPBX_TOKEN,
        env_name("office", "crm_token"): "crm-secret-1",
        env_name("branch", "token"): "wrong-token-123",
        env_name("branch", "crm_token"): "crm-secret-2",
        env_name("td", "api_key"): DOC_TELEDISCOUNT_KEY,
        env_name("td", "webhook_secret"): "hook-secret",
        env_name("cube", "api_key"): DOC_TELECUBE_KEY,
        env_name("cube", "panel_api_key"): "panel-key",
    }

    code, output = await doctor(ringdesk_home, env=secrets)

    assert code == 1, output
    assert "[ ok ] Account office: office (cloudpbx) answered the PBX user list" in output
    assert "[FAIL] Account branch:" in output and "refused the credentials" in output
    assert "[ ok ] Account td: td (telediscount) answered a call-record query" in output
    assert "[ ok ] Account cube: cube (telecube) answered the SIP account list" in output
    assert "request budget: 1 of 1000 used today" in output  # counted against TeleCube's daily limit
    assert "[warn] Keyring" in output  # no secure keyring here, but every secret comes from the environment
    assert "wrong-token-123" not in output and DOC_CLOUDPBX_TOKEN not in output
    assert "1 check failed;" in output


async def test_a_port_taken_by_another_program_fails_with_a_fix(ringdesk_home: Path) -> None:
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        blocker.listen()
        port = blocker.getsockname()[1]
        write_config(ringdesk_home, f'[server]\nlisten = "127.0.0.1:{port}"\n')
        code, output = await doctor(ringdesk_home, "--offline")
    assert code == 1
    assert f"[FAIL] Receiver port: 127.0.0.1:{port} is taken by another program." in output
    assert "[server] listen" in output


# ``ringdesk doctor`` on a worker thread (as tests/proof/test_secrets_leak.py runs it), then a widget on the
# main thread. The audio check used to make a QCoreApplication on that worker thread: Qt then had a
# QCoreApplication where a QApplication was needed, and the widget aborted the whole interpreter.
DOCTOR_ON_A_THREAD_THEN_A_WIDGET = textwrap.dedent(
    """
    import threading

    from app.cli import main

    codes = []
    worker = threading.Thread(target=lambda: codes.append(main(["doctor", "--offline"])))
    worker.start()
    worker.join()

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QWidget

    left = QCoreApplication.instance()
    assert left is None, f"the doctor left a {type(left).__name__} behind"
    app = QApplication([])
    widget = QWidget()
    widget.show()
    print("widget shown; doctor exit codes:", codes)
    """
)


def test_doctor_on_a_worker_thread_leaves_no_qt_application_behind(ringdesk_home: Path) -> None:
    # A child process: an abort must fail this test, not end the test run (and the parent's own
    # QApplication, made by earlier tests, must not hide the bug).
    done = subprocess.run(
        [sys.executable, "-c", DOCTOR_ON_A_THREAD_THEN_A_WIDGET],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RINGDESK_HOME": str(ringdesk_home), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "widget shown; doctor exit codes: [0]" in done.stdout, done.stdout + done.stderr


def test_the_audio_probe_answers_in_one_json_line_from_a_child_process() -> None:
    report = checks.probe_audio()
    assert set(report) & {"backend", "qt_error", "multimedia_error"}, report  # an answer, not a probe_error
    assert checks.check_audio(None, probe=lambda: report).topic == "Audio output"


def test_an_audio_probe_that_breaks_is_a_warning_not_a_crash() -> None:
    broken = checks.check_audio(None, probe=lambda: {"probe_error": "the probe exited with code -6"})
    assert broken.level is checks.Level.WARN and "code -6" in broken.detail and broken.fix
    silent = checks.check_audio(None, probe=lambda: {"backend": True, "devices": [], "default": ""})
    assert silent.level is checks.Level.WARN and "No audio output device" in silent.detail
    ok = checks.check_audio(None, probe=lambda: {"backend": True, "devices": ["Headset"], "default": "Headset"})
    assert ok.level is checks.Level.OK and "default: Headset" in ok.detail
