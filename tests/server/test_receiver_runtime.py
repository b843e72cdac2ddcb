"""The headless runtime: webhook secrets generated once and kept, URLs to paste, a loud warning when
listening beyond this machine, and the same receiver on the desktop app's qasync loop."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from app.config.paths import resolve
from app.config.secrets import MemorySecretStore, SecretStore
from app.config.settings import Role, parse
from app.runtime import Runtime
from app.services.context import Context

CONFIG = """
[[accounts]]
id = "td"
provider = "telediscount"

[[accounts]]
id = "office"
provider = "cloudpbx"
base_url = "https://office.megapbx.ru"
"""


def runtime_for(home: Path, secrets: SecretStore, listen: str = "127.0.0.1:0") -> Runtime:
    return Runtime(Context(resolve(home).ensure(), parse(CONFIG), secrets), listen=listen)


async def test_a_telediscount_account_gets_a_webhook_secret_once_and_its_urls_work(ringdesk_home: Path) -> None:
    secrets = MemorySecretStore()
    runtime = runtime_for(ringdesk_home, secrets)
    address = await runtime.start()
    try:
        secret = secrets.get("td", "webhook_secret")
        assert secret and len(secret) >= 32
        urls = runtime.webhook_urls()
        base = f"http://127.0.0.1:{address.port}"
        assert urls == {
            "td": [f"{base}/hooks/td/{secret}/income", f"{base}/hooks/td/{secret}/call_finished"],
            "office": [f"{base}/hooks/office"],
        }
        async with httpx.AsyncClient(trust_env=False) as client:
            answer = await client.get(urls["td"][0], params={"num_a": "79039998877", "api_call_id": "T1"})
        assert answer.status_code == 200
    finally:
        await runtime.stop()
    again = runtime_for(ringdesk_home, secrets)
    await again.start()
    await again.stop()
    assert secrets.get("td", "webhook_secret") == secret  # kept: the cabinet's URLs stay valid


async def test_without_a_secure_keyring_no_secret_is_invented_and_the_user_is_told(ringdesk_home: Path, caplog) -> None:
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())
    runtime = runtime_for(ringdesk_home, SecretStore())
    with caplog.at_level(logging.WARNING):
        await runtime.start()
    try:
        assert runtime.webhook_urls()["td"] == []
        assert any("no webhook secret" in r.getMessage() for r in caplog.records)
    finally:
        await runtime.stop()


async def test_listening_beyond_loopback_is_a_logged_warning(ringdesk_home: Path, caplog) -> None:
    runtime = runtime_for(ringdesk_home, MemorySecretStore(), listen="0.0.0.0:0")
    with caplog.at_level(logging.WARNING, logger="app.server.server"):
        address = await runtime.start()
    try:
        assert any("beyond this machine" in r.getMessage() for r in caplog.records)
        async with httpx.AsyncClient(trust_env=False) as client:
            assert (await client.get(f"http://127.0.0.1:{address.port}/healthz")).status_code == 200
        assert not runtime.webhook_urls()["office"][0].startswith("http://0.0.0.0")
    finally:
        await runtime.stop()


@pytest.mark.qasync
async def test_the_receiver_runs_on_the_desktop_apps_qasync_loop(ringdesk_home: Path) -> None:
    secrets = MemorySecretStore({("office", "crm_token"): "token-on-qasync"})
    runtime = runtime_for(ringdesk_home, secrets)
    address = await runtime.start()
    try:
        async with httpx.AsyncClient(trust_env=False) as client:
            answer = await client.post(
                f"http://127.0.0.1:{address.port}/hooks/office",
                data={
                    "cmd": "event",
                    "type": "INCOMING",
                    "phone": "48777888999",
                    "user": "anna",
                    "callid": "Q1",
                    "crm_token": "token-on-qasync",
                },
            )
        assert answer.status_code == 200
        assert runtime.context.calls.get("office", "Q1") is not None
    finally:
        await runtime.stop()


def test_a_public_url_is_what_the_cabinet_and_the_invites_get(tmp_path: Path) -> None:
    """Behind a reverse proxy the hub listens on loopback; the URLs it prints are the proxy's."""
    from app.config.settings import AccountSettings, Provider
    from app.services.team_users import TeamUsers

    context = Context.open(tmp_path / "home")
    context.settings.server.public_url = "https://hub.example.com/"
    context.settings.accounts.append(AccountSettings("office", Provider.CLOUDPBX, base_url="https://x.megapbx.ru"))
    runtime = Runtime(context)
    assert runtime.webhook_urls()["office"] == ["https://hub.example.com/hooks/office"]
    invite = TeamUsers(context.users, context.settings).add("anna", Role.AGENT, identities={"office": "anna"})
    assert invite.join_url.startswith("https://hub.example.com/join#rd1.anna.")
