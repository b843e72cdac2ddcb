"""``ringdesk join`` and ``ringdesk watch`` in-process, against a stub hub over 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import keyring
import pytest

from app.cli import main
from app.config import settings as settings_module
from app.config.paths import resolve
from app.config.settings import Provider
from tests.conftest import MemoryKeyring
from tests.hubstub import TOKEN, StubHub, answered, ringing_call


def _accounts() -> list[settings_module.AccountSettings]:
    return settings_module.load(resolve().config_file).accounts


def test_join_writes_the_account_and_keeps_the_token_in_the_keyring(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    link = f"https://hub.example.com:8765/join#{TOKEN}"
    assert main(["join", link]) == 0
    (account,) = _accounts()
    assert (account.id, account.provider, account.base_url, account.user) == (
        "team",
        Provider.HUB,
        "https://hub.example.com:8765",
        "anna",
    )
    assert memory_keyring.items[("ringdesk", "team/token")] == TOKEN
    assert TOKEN not in resolve().config_file.read_text()
    assert "Joined the team hub https://hub.example.com:8765 as anna" in capsys.readouterr().out
    assert main(["join", link]) == 0  # joining again (a new invite) keeps the account
    assert [a.id for a in _accounts()] == ["team"]
    assert main(["join", "https://other.example.com/join#rd1.anna.c2VjcmV0"]) == 0
    assert [a.id for a in _accounts()] == ["team", "team-2"]
    assert main(["join", link, "--account", "office-hub"]) == 0
    assert memory_keyring.items[("ringdesk", "office-hub/token")] == TOKEN


def test_join_refuses_a_link_that_is_not_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["join", "https://hub.example.com/#nothing"]) == 2
    assert "not a Ringdesk invite link" in capsys.readouterr().err
    assert not resolve().config_file.exists()


def test_join_refuses_an_insecure_keyring_unless_the_token_is_in_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())
    link = f"https://hub.example.com/join#{TOKEN}"
    assert main(["join", link]) == 2
    err = capsys.readouterr().err
    assert "no secure keyring" in err and "RINGDESK_SECRET_TEAM_TOKEN" in err
    assert not resolve().config_file.exists()
    monkeypatch.setenv("RINGDESK_SECRET_TEAM_TOKEN", TOKEN)
    assert main(["join", link]) == 0
    assert "The token is in the environment" in capsys.readouterr().out
    assert [a.id for a in _accounts()] == ["team"]


async def test_watch_prints_json_lines_and_resumes_after_the_last_stored_change(
    stub: StubHub, capsys: pytest.CaptureFixture[str], ringdesk_home: Path
) -> None:
    assert main(["join", f"{stub.url}/join#{TOKEN}"]) == 0
    capsys.readouterr()
    call = ringing_call("c1")
    stub.put_call(call, "ringing", contact_name="Zofia Wrona")
    stub.put_call(ringing_call("c2", phone="+48227654321"), "ringing")

    async def then_answer() -> None:
        while not stub.connections:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)
        stub.put_call(answered(call), "answered")

    answering = asyncio.ensure_future(then_answer())
    code = await asyncio.wait_for(asyncio.to_thread(main, ["watch", "--format", "json", "--count", "3"]), 20)
    await answering
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(x["seq"], x["call_id"], x["change"], x["status"]) for x in lines] == [
        (1, "c1", "ringing", "ringing"),
        (2, "c2", "ringing", "ringing"),
        (3, "c1", "answered", "talking"),
    ]
    assert lines[0]["phone"] == "+48221234567" and lines[0]["agent"] == "anna"
    assert "connected to" in err

    stub.put_call(ringing_call("c3"), "ringing")  # while nobody watches
    code = await asyncio.wait_for(asyncio.to_thread(main, ["watch", "--format", "json", "--count", "1"]), 20)
    out, _ = capsys.readouterr()
    assert code == 0
    assert [json.loads(line)["seq"] for line in out.splitlines()] == [4]
    assert stub.stream_afters == [0, 3]


async def test_watch_stops_on_a_revoked_token(stub: StubHub, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["join", f"{stub.url}/join#{TOKEN}"]) == 0
    stub.tokens.clear()
    code = await asyncio.wait_for(asyncio.to_thread(main, ["watch"]), 20)
    assert code == 2
    assert "ask for a new invite" in capsys.readouterr().err


def test_watch_without_a_hub(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch"]) == 2
    assert "has not joined a team hub" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("public_url", "warned"),
    [("http://hub.example.com:8765", True), ("https://hub.example.com", False), ("http://127.0.0.1:8765", False)],
)
def test_users_add_and_reset_warn_of_a_plain_http_join_link(
    public_url: str, warned: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.services.context import Context

    context = Context.open()
    context.settings.server.public_url = public_url
    context.save_settings()
    context.close()
    for args in (["users", "add", "anna", "--role", "agent"], ["users", "reset", "anna"]):
        assert main(args) == 0
        out, err = capsys.readouterr()
        assert f"{public_url}/join#rd1.anna." in out
        assert ("desktops will refuse it" in err) is warned, err
        if warned:
            assert "[server] public_url" in err and "tls_cert/tls_key" in err


def test_join_reads_the_link_from_standard_input(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(f"\n  https://hub.example.com:8765/join#{TOKEN}  \n"))
    assert main(["join", "-"]) == 0  # the token never is an argument (ps, shell history)
    assert [(a.id, a.user) for a in _accounts()] == [("team", "anna")]
    assert memory_keyring.items[("ringdesk", "team/token")] == TOKEN
    assert "Joined the team hub https://hub.example.com:8765 as anna" in capsys.readouterr().out

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["join", "-"]) == 2
    assert "No join link on standard input" in capsys.readouterr().err


def test_join_without_a_link_asks_for_it_without_echo_in_a_terminal(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import getpass
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    prompts: list[str] = []

    def no_echo(prompt: str = "") -> str:
        prompts.append(prompt)
        return f"https://hub.example.com/join#{TOKEN}\n"

    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", no_echo)
    assert main(["join"]) == 0
    assert prompts and "join link" in prompts[0]
    assert [(a.id, a.base_url) for a in _accounts()] == [("team", "https://hub.example.com")]
    assert TOKEN not in capsys.readouterr().out


def test_join_help_says_to_give_the_link_on_standard_input(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["join", "--help"])
    out = capsys.readouterr().out
    assert "'-'" in out and "standard input" in out
