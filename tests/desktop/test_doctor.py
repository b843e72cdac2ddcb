"""``ringdesk doctor`` as the user runs it: a real process, real HTTP to the sandbox, the exit code."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.config.secrets import env_name
from app.sandbox import Sandbox, SandboxConfig
from app.sandbox.config import DOC_CLOUDPBX_TOKEN, DOC_TELECUBE_KEY, DOC_TELEDISCOUNT_KEY

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
    assert "No problems found." in output and "[warn] Accounts" in output


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
    assert "1 problem(s) found." in output


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
