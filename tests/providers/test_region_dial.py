"""``ringdesk call`` with a national number, against the sandbox: the region follows the system locale when
config.toml names none, the line dialled out through reads its own country's numbers, and a refusal says
which region was assumed and how to change it."""

from __future__ import annotations

import asyncio

import pytest

from app.cli import main
from app.config.paths import resolve
from app.config.secrets import SecretStore
from app.sandbox import Sandbox
from app.sandbox.config import DOC_CLOUDPBX_TOKEN
from tests.providers.provider_kit import sent


def configure(sandbox: Sandbox, general: str = "") -> None:
    """A config.toml (written as a user would: no region unless ``general`` sets one) with one Cloud PBX
    account at the sandbox; its token in the (in-memory) keyring."""
    text = f'[general]\n{general}\n\n[[accounts]]\nid = "office"\nprovider = "cloudpbx"\n'
    text += f'base_url = "{sandbox.base_url}"\nuser = "andy"\n'
    resolve().ensure().config_file.write_text(text, encoding="utf-8")
    SecretStore().set("office", "token", DOC_CLOUDPBX_TOKEN)


def system_locale(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in ("LC_ALL", "LC_TELEPHONE", "LC_CTYPE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", lang)


async def ringdesk(*argv: str) -> int:
    """Run the command line in a thread: it has its own event loop, the sandbox serves on this one."""
    return await asyncio.to_thread(main, list(argv))


async def test_the_region_follows_the_system_locale(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    """`call --help` advertises '8 (495) 123-45-67'; in a Russian locale it is dialled (before: refused as PL)."""
    system_locale(monkeypatch, "ru_RU.UTF-8")
    configure(sandbox)
    assert await ringdesk("call", "8 (910) 123-45-67", "--account", "office") == 0
    (request,) = sent(sandbox, "/sys/crm_api.wcgp")
    assert request["form"]["phone"] == "79101234567"


async def test_a_refusal_names_the_region_and_how_to_change_it(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    system_locale(monkeypatch, "C.UTF-8")
    configure(sandbox)
    assert await ringdesk("call", "8 (910) 123-45-67", "--account", "office") == 2
    err = capsys.readouterr().err
    assert err.startswith("ringdesk: “8 (910) 123-45-67” is not a phone number Ringdesk can dial.")
    assert "read as numbers of PL (+48), because no region is set and the system locale C.UTF-8 names no country" in err
    assert "region under [general] in config.toml" in err

    configure(sandbox, 'region = "FR"')
    assert await ringdesk("call", "8 (910) 123-45-67", "--account", "office") == 2
    assert "read as numbers of FR (+33), the region set in Settings › General" in capsys.readouterr().err
    assert sent(sandbox, "/sys/crm_api.wcgp") == []


async def test_the_line_dialled_out_through_reads_its_countrys_numbers(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_locale(monkeypatch, "pl_PL.UTF-8")
    configure(sandbox)
    argv = ("call", "8 (910) 123-45-67", "--account", "office", "--caller-id", "+7 495 123-45-67")
    assert await ringdesk(*argv) == 0
    (request,) = sent(sandbox, "/sys/crm_api.wcgp")
    assert (request["form"]["phone"], request["form"]["clid"]) == ("79101234567", "74951234567")
