"""Joining a team hub from an invite link: a hub account in config.toml, the token only in the keyring."""

from __future__ import annotations

import pytest

from app.config.settings import Provider
from app.core.errors import ConfigError
from app.runtime import Runtime
from app.services.context import Context
from app.services.team_users import parse_join

TOKEN = "rd1.anna.Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MDEyMw"
LINK = f"https://hub.example.com:8765/join#{TOKEN}"


def test_an_invite_link_makes_a_hub_account_and_keeps_the_token_out_of_the_file() -> None:
    runtime = Runtime(Context.open())
    account = runtime.settings.join_hub(f"  {LINK}\n").account
    assert (account.provider, account.base_url, account.user) == (Provider.HUB, "https://hub.example.com:8765", "anna")
    assert runtime.context.secrets.get("team", "token") == TOKEN
    text = runtime.context.paths.config_file.read_text()
    assert 'provider = "hub"' in text and TOKEN not in text and TOKEN.rsplit(".", 1)[1] not in text
    reopened = Context.open()
    assert [a.id for a in reopened.settings.accounts] == ["team"]


def test_joining_again_replaces_the_token_and_keeps_one_account() -> None:
    runtime = Runtime(Context.open())
    runtime.settings.join_hub(LINK)
    newer = TOKEN[:-3] + "xyz"
    runtime.settings.join_hub(f"https://hub.example.com:8765/join#{newer}")
    assert [a.id for a in runtime.context.settings.accounts] == ["team"]
    assert runtime.context.secrets.get("team", "token") == newer


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://hub.example.com/join",
        "https://hub.example.com/#rd1.anna.x",
        "https://hub.example.com/join#rd2.anna.secret",
        "https://hub.example.com/join#rd1.Anna!.secret",
        "ftp://hub.example.com/join#rd1.anna.secret",
        "rd1.anna.secret",
    ],
)
def test_anything_but_an_invite_is_refused_and_nothing_is_saved(text: str) -> None:
    runtime = Runtime(Context.open())
    assert parse_join(text) is None
    with pytest.raises(ConfigError, match="not a Ringdesk invite link"):
        runtime.settings.join_hub(text)
    assert runtime.context.settings.accounts == []


@pytest.mark.parametrize("hub", ["http://hub.example.com:8765", "http://10.0.0.5:8765"])
def test_a_plain_http_hub_beyond_loopback_is_refused_and_nothing_is_saved(hub: str) -> None:
    runtime = Runtime(Context.open())
    with pytest.raises(ConfigError, match="must be an https:// address"):
        runtime.settings.join_hub(f"{hub}/join#{TOKEN}")
    assert runtime.context.settings.accounts == []
    assert runtime.context.secrets.get("team", "token") is None


def test_a_loopback_http_hub_may_be_joined() -> None:
    runtime = Runtime(Context.open())
    account = runtime.settings.join_hub(f"http://127.0.0.1:8765/join#{TOKEN}").account
    assert account.base_url == "http://127.0.0.1:8765"


def test_joining_the_same_hub_as_another_user_forgets_the_previous_users_copy() -> None:
    from app.core.views import CallChange
    from app.store.hub_cache import HubCache
    from tests.hubstub import ringing_call

    runtime = Runtime(Context.open())
    runtime.settings.join_hub(LINK)
    cache = HubCache(runtime.context.db, "team")
    cache.meet("h1", "anna", 0)
    cache.apply([CallChange(4, ringing_call("c1"), "")])
    runtime.settings.join_hub(LINK)  # anna again (a new invite): her copy stays
    assert cache.last_seq() == 4 and runtime.context.calls.get("office", "c1") is not None
    boris = "rd1.boris.Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MDEyMw"
    runtime.settings.join_hub(f"https://hub.example.com:8765/join#{boris}")
    assert [(a.id, a.user) for a in runtime.context.settings.accounts] == [("team", "boris")]
    assert cache.last_seq() == 0 and runtime.context.calls.get("office", "c1") is None
    assert cache.identity() == ("h1", "boris")
