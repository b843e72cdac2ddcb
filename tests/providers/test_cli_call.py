"""``ringdesk call`` against the sandbox: the documented makeCall leaves the machine, the attempt is in the
history, and problems are one readable line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from app.cli import main
from app.config.paths import resolve
from app.config.secrets import SecretStore
from app.config.settings import AccountSettings, Provider, Settings, save
from app.core.models import Direction, EventSource
from app.core.phone import display
from app.sandbox import Sandbox
from app.sandbox.config import DOC_CLOUDPBX_TOKEN
from app.services.context import Context
from tests.providers.provider_kit import sent


def configure(sandbox: Sandbox, token: str = DOC_CLOUDPBX_TOKEN) -> None:
    """A config.toml in this test's RINGDESK_HOME with one Cloud PBX account at the sandbox; the token in
    the (in-memory) keyring."""
    settings = Settings(accounts=[AccountSettings("office", Provider.CLOUDPBX, base_url=sandbox.base_url, user="andy")])
    save(settings, resolve().ensure().config_file)
    SecretStore().set("office", "token", token)


async def ringdesk(*argv: str) -> int:
    """Run the command line in a thread: it has its own event loop, the sandbox serves on this one."""
    return await asyncio.to_thread(main, list(argv))


async def test_call_places_the_documented_make_call(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    configure(sandbox)
    assert await ringdesk("call", "+48", "777", "888", "999", "--account", "office") == 0
    (request,) = sent(sandbox, "/sys/crm_api.wcgp")
    assert request["form"] == {"cmd": "makeCall", "phone": "48777888999", "user": "andy", "token": DOC_CLOUDPBX_TOKEN}
    out = capsys.readouterr().out
    assert f"Calling {display('+48777888999')} through office: your phone rings first." in out
    context = Context.open()
    (row,) = context.calls.page()
    assert (row.direction, row.phone, row.agent) == (Direction.OUT, "+48777888999", "andy")
    assert context.calls.get("office", row.call_id).sources == {EventSource.LOCAL.value}  # type: ignore[union-attr]
    context.close()
    log = (resolve().log_dir / "ringdesk.log").read_text(encoding="utf-8")
    assert DOC_CLOUDPBX_TOKEN not in log


async def test_call_takes_desktop_links(sandbox: Sandbox) -> None:
    configure(sandbox)
    for link in ("tel:+48-777-888-999", "callto://+48777888999", "sip:48777888999@pbx.example;user=phone"):
        assert await ringdesk("call", link, "--account", "office") == 0
    assert [r["form"]["phone"] for r in sent(sandbox, "/sys/crm_api.wcgp")] == ["48777888999"] * 3


async def test_problems_are_one_readable_line(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    configure(sandbox, token="wrong")
    assert await ringdesk("call", "+48 777 888 999", "--account", "office") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ringdesk: Cloud PBX refused the credentials: “Invalid token”.") and "\n" not in err
    assert await ringdesk("call", "not a number", "--account", "office") == 2
    assert "“not a number” is not a phone number" in capsys.readouterr().err
    assert len(sent(sandbox, "/sys/crm_api.wcgp")) == 1  # the bad number never left the machine


async def test_a_running_desktop_takes_the_link(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    single_instance = pytest.importorskip("app.ui.single_instance")
    handed: list[str] = []
    monkeypatch.setattr(single_instance, "forward", lambda message, timeout_ms=300: handed.append(message) or True)
    configure(sandbox)
    assert await ringdesk("call", "tel:+48777888999") == 0
    assert handed == ["tel:+48777888999"] and "handed to the running Ringdesk" in capsys.readouterr().out
    assert sandbox.requests.total == 0
