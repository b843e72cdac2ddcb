"""Secrets never land on disk outside the keyring: a full session with known fake secrets, then every byte
Ringdesk wrote is searched for them.

The session is the app's own composition (:class:`Runtime` from ``config.toml`` and the keyring, with
file logging at debug level as ``--verbose`` sets it up) against the sandbox playing all three providers
with the same fake credentials: webhooks of every kind (the TeleDiscount secret travels in the URL path),
the start-up history sync of every account (tokens in form bodies, query strings and Bearer headers),
a recording download, click-to-call through every provider, the CCRM contacts sync, then ``ringdesk
history`` and ``ringdesk doctor``. Then the config file, the database (raw bytes of the ``.sqlite3``,
``-wal`` and ``-shm`` files, while open and after closing), the logs, the cache and everything else under
``RINGDESK_HOME`` — and what the commands printed — must not contain any secret.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.config import logs
from app.config.paths import resolve
from app.config.secrets import SecretStore
from app.runtime import Runtime
from app.sandbox import Sandbox, SandboxConfig
from app.services.contacts_sync import sync_contacts
from app.services.context import Context
from tests.proof.proofkit import config_for

SECRETS = {
    ("pbx", "token"): "FAKE-SECRET-PBX-TOKEN-1234567890",
    ("pbx", "crm_token"): "FAKE-SECRET-CRM-TOKEN-2345678901",
    ("td", "api_key"): "FAKE-SECRET-TD-APIKEY-3456789012",
    ("td", "webhook_secret"): "FAKE-SECRET-TD-WEBHOOK-4567890123",
    ("cube", "api_key"): "FAKE-SECRET-CUBE-APIKEY-5678901234",
}


@pytest.fixture
def debug_file_logs(ringdesk_home: Path) -> Iterator[Path]:
    """The app's file logging at debug level (``--verbose``), removed again after the test."""
    root = logging.getLogger()
    level = root.level
    log_file = logs.setup(resolve(ringdesk_home).ensure().log_dir, level=logging.DEBUG)
    yield log_file
    for handler in [h for h in root.handlers if getattr(h, "_ringdesk", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def write_config(home: Path, sandbox: Sandbox) -> None:
    resolve(home).ensure().config_file.write_text(config_for(sandbox), encoding="utf-8")


def leaks(home: Path, texts: dict[str, str]) -> list[str]:
    """Where any secret appears: files under ``home`` (raw bytes) and the given texts."""
    found: list[str] = []
    needles = {value: value.encode() for value in SECRETS.values()}
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found += [f"{path.relative_to(home)}: {value}" for value, raw in needles.items() if raw in data]
    for name, text in texts.items():
        found += [f"{name}: {value}" for value in needles if value in text]
    return found


async def test_a_full_session_leaves_no_secret_on_disk_or_in_output(
    ringdesk_home: Path, debug_file_logs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox = Sandbox(
        SandboxConfig(
            seed=21,
            prefill_calls=12,
            contacts=25,
            time_scale=0.001,
            webhook_backoff=0.05,
            cloudpbx_token=SECRETS[("pbx", "token")],
            crm_token=SECRETS[("pbx", "crm_token")],
            telediscount_api_key=SECRETS[("td", "api_key")],
            telecube_api_key=SECRETS[("cube", "api_key")],
        )
    )
    await sandbox.start("127.0.0.1", 0)
    try:
        write_config(ringdesk_home, sandbox)
        store = SecretStore()  # the keyring (an in-memory one in tests), as the settings dialog writes it
        for (account, name), value in SECRETS.items():
            store.set(account, name, value)
        runtime = Runtime(Context.open(), listen="127.0.0.1:0")
        await runtime.start()
        try:
            await play_a_session(runtime, sandbox)
            wal = ringdesk_home / "data"
            open_db_leaks = leaks(wal, {})  # the -wal file while the database is still open
        finally:
            await runtime.stop()
    finally:
        await sandbox.stop()

    assert main(["history", "--format", "json", "--limit", "1000"]) == 0
    # doctor runs its own event loop (so: a thread); its verdict depends on the machine, its words must not leak
    await asyncio.to_thread(main, ["doctor"])
    out = capsys.readouterr()
    assert not open_db_leaks, open_db_leaks
    assert not leaks(ringdesk_home, {"stdout": out.out, "stderr": out.err}), leaks(ringdesk_home, {})
    log_text = debug_file_logs.read_text(encoding="utf-8")
    assert "POST /hooks/pbx 200" in log_text and "/hooks/td/***/call_finished" in log_text  # it did log
    assert '"call_id"' in out.out and "pbx" in out.out  # the history and the doctor's report were printed


async def play_a_session(runtime: Runtime, sandbox: Sandbox) -> None:
    """Webhooks of every kind, every account's history sync, a recording, click-to-call, contacts."""
    urls = runtime.webhook_urls()
    sandbox.configure(crm_url=urls["pbx"][0], td_income_url=urls["td"][0], td_finished_url=urls["td"][1])
    pushed = [
        await sandbox.place_call(provider=provider, direction=direction, agent="andy", outcome="answered", talk=20)
        for provider in ("cloudpbx", "telediscount")
        for direction in ("in", "out")
    ]
    await sandbox.wait_idle(20)
    assert runtime.outbound is not None and not runtime.outbound.unavailable, runtime.outbound.unavailable
    sync = runtime.outbound.sync
    sync.wake_all()
    await until(lambda: all(s.last_success or s.last_error for s in sync.statuses().values()), "every sync run")
    assert all(s.last_error is None for s in sync.statuses().values()), sync.statuses()
    calls = runtime.context.calls
    assert all(calls.get(account, call_id) for account, call_id in zip(("pbx", "pbx", "td", "td"), pushed, strict=True))
    recording = await runtime.outbound.recordings.get("pbx", pushed[0])
    assert Path(recording.path).stat().st_size > 0
    recording = await runtime.outbound.recordings.get("td", pushed[2])
    for account in ("pbx", "td", "cube"):
        outcome = await runtime.outbound.dialer.call("+48 601 234 567", account=account)
        assert outcome.describe()
    report = await sync_contacts(runtime.outbound.clients["cube"], runtime.context.contacts)
    assert report


async def until(condition: object, what: str, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():  # type: ignore[operator]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for: {what}")
        await asyncio.sleep(0.02)
