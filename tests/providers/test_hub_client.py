"""The hub client against a stub hub over real HTTP and WebSocket on 127.0.0.1 (docs/hub-protocol.md)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.config.secrets import MemorySecretStore
from app.core.accounts import Account, Provider, Role
from app.core.errors import AuthError, InvalidRequest, NotPermitted, RateLimited, Unavailable
from app.core.models import Contact, ContactPhone, Note
from app.core.phone import normalize
from app.core.views import CallChange, ContactChange, NoteChange
from app.providers.base import Capability, client_for
from app.providers.hub import CaughtUp, Changed, Hello, HubClient
from tests.hubstub import AUDIO, TOKEN, StubHub, answered, ended, ringing_call


@pytest.fixture
async def client(stub: StubHub) -> AsyncIterator[HubClient]:
    account = Account("team", Provider.HUB, base_url=stub.url, user="anna")
    made = client_for(account, MemorySecretStore({("team", "token"): TOKEN}))
    assert isinstance(made, HubClient)
    yield made
    await made.aclose()


async def test_me_and_changes(stub: StubHub, client: HubClient) -> None:
    call = ringing_call("c1")
    stub.put_call(call, "ringing", contact_name="Zofia Wrona")
    stub.put_call(answered(call), "answered")
    stub.put_note(Note("call back", phone="+48221234567", author="boris", id=7))
    me = await client.me()
    assert (me.login, me.role, me.identities, me.seq) == ("anna", Role.AGENT, {"office": "anna"}, 3)
    page = await client.changes(0, limit=1)
    assert page.more and page.seq == 2 and len(page.changes) == 1
    change, what = page.changes[0]
    assert isinstance(change, CallChange) and what == "answered" and change.call.answered_by == {"anna"}
    rest = await client.changes(page.seq)
    assert not rest.more and rest.seq == 3
    assert isinstance(rest.changes[0][0], NoteChange) and rest.changes[0][0].note.id == 7


async def test_capabilities() -> None:
    client = HubClient(Account("team", Provider.HUB, base_url="http://127.0.0.1:9"), TOKEN)
    assert Capability.CLICK_TO_CALL in client.capabilities and Capability.RECORDINGS in client.capabilities
    assert "team hub" in client.capabilities.why_not(Capability.AGENTS)
    await client.aclose()


async def test_a_missing_token_names_the_variable() -> None:
    from app.core.errors import SecretStoreError

    with pytest.raises(SecretStoreError) as caught:
        client_for(Account("team", Provider.HUB, base_url="http://127.0.0.1:9"), MemorySecretStore())
    assert "RINGDESK_SECRET_TEAM_TOKEN" in caught.value.user_text()


async def test_dial(stub: StubHub, client: HubClient) -> None:
    result = await client.make_call(normalize("+48 22 123 45 67"), account="office")
    assert stub.dialled == [{"number": "+48221234567", "account": "office"}]
    assert (result.account, result.provider_call_id, result.number.value) == ("office", "dial-1", "+48221234567")
    assert result.user == "anna"
    with pytest.raises(NotPermitted):
        await client.make_call(normalize("+48221234567"), as_user="boris")


async def test_dial_refused_by_the_provider_keeps_its_problem(stub: StubHub, client: HubClient) -> None:
    stub.dial_answer = (
        502,
        {
            "error": "provider",
            "message": "Cloud PBX says its request limit is reached.",
            "problem": {
                "type": "RateLimited",
                "template": "{provider} says its request limit is reached{quoted}.",
                "fields": {"provider": "Cloud PBX", "quoted": ""},
                "retry_after": 30,
            },
        },
    )
    with pytest.raises(RateLimited) as caught:
        await client.make_call(normalize("+48221234567"))
    problem = caught.value
    assert problem.template == "{provider} says its request limit is reached{quoted}."
    assert problem.message == "Cloud PBX says its request limit is reached." and problem.retry_after == 30


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (409, {"error": "conflict", "message": "No account can dial for this user."}, InvalidRequest),
        (403, {"error": "forbidden", "message": "You have no identity at office."}, NotPermitted),
        (503, {"error": "unavailable", "message": "The hub cannot store right now."}, Unavailable),
    ],
)
async def test_errors_carry_the_hubs_sentence(
    stub: StubHub, client: HubClient, status: int, body: dict[str, str], kind: type[Exception]
) -> None:
    stub.dial_answer = (status, body)
    with pytest.raises(kind) as caught:
        await client.make_call(normalize("+48221234567"))
    assert body["message"] in str(caught.value)


async def test_a_revoked_token_is_an_auth_error_with_a_sentence(stub: StubHub, client: HubClient) -> None:
    stub.tokens.clear()
    with pytest.raises(AuthError) as caught:
        await client.me()
    assert caught.value.message == "This computer's access to the hub was revoked or reset: ask for a new invite."
    with pytest.raises(AuthError):
        async for _ in client.stream(0):
            pass


async def test_an_unreachable_hub_is_unavailable() -> None:
    client = HubClient(Account("team", Provider.HUB, base_url="http://127.0.0.1:9"), TOKEN)
    with pytest.raises(Unavailable):
        await client.me()
    with pytest.raises(Unavailable):
        async for _ in client.stream(0):
            pass
    await client.aclose()


async def test_recording_through_the_hub(stub: StubHub, client: HubClient) -> None:
    stub.put_call(ended(answered(ringing_call("c1"))), "ended")
    page = await client.changes(0)
    change = page.changes[0][0]
    assert isinstance(change, CallChange)
    url = change.call.recording_url
    assert url == f"{stub.url}/api/v1/recordings/office/c1"  # never the provider's link
    async with client.open_recording("c1", url) as download:
        assert download.media_type == "audio/mpeg"
        body = b"".join([chunk async for chunk in download.chunks()])
    assert body == AUDIO
    with pytest.raises(InvalidRequest):
        client.open_recording("c1", "https://pbx.example/rec.mp3")  # the token goes to the hub only


async def test_notes_and_contacts_are_written_through_the_hub(stub: StubHub, client: HubClient) -> None:
    note = await client.post_note(Note("VIP", phone="+48221234567", account="office", call_id="c1"))
    assert isinstance(note, NoteChange) and note.note.author == "anna" and note.seq == 1
    contact = await client.post_contact(Contact("Zofia Wrona", [ContactPhone("+48221234567")], company="Wrona"))
    assert isinstance(contact, ContactChange) and contact.contact.source == "hub" and contact.contact.source_id


async def test_stream_backlog_then_live(stub: StubHub, client: HubClient) -> None:
    call = ringing_call("c1")
    stub.put_call(call, "ringing")
    stub.put_call(ringing_call("c2"), "ringing")
    seen: list[object] = []
    async for message in client.stream(1):
        seen.append(message)
        if isinstance(message, CaughtUp):
            stub.put_call(answered(call), "answered")
        if len(seen) == 4:
            break
    hello, backlog, caught_up, live = seen
    assert isinstance(hello, Hello) and hello.me.login == "anna" and hello.seq == 2
    assert isinstance(backlog, Changed) and isinstance(backlog.change, CallChange)
    assert backlog.change.call.call_id == "c2"
    assert isinstance(caught_up, CaughtUp) and caught_up.seq == 2
    assert isinstance(live, Changed) and live.what == "answered" and live.change.seq == 3
    assert stub.stream_afters == [1]


async def test_the_stream_ends_with_an_error_when_the_hub_drops_it(stub: StubHub, client: HubClient) -> None:
    with pytest.raises(Unavailable):
        async for message in client.stream(0):
            if isinstance(message, CaughtUp):
                await stub.drop()


async def test_close_code_4001_is_an_auth_error(stub: StubHub, client: HubClient) -> None:
    with pytest.raises(AuthError):
        async for message in client.stream(0):
            if isinstance(message, CaughtUp):
                await stub.revoke()


@pytest.mark.parametrize("url", ["http://hub.example.com:8765", "http://192.168.1.20:8765", "HTTP://hub.example.com"])
async def test_a_plain_http_hub_beyond_loopback_is_refused(url: str) -> None:
    from app.core.errors import ConfigError

    with pytest.raises(ConfigError) as caught:
        HubClient(Account("team", Provider.HUB, base_url=url), TOKEN)
    assert "must be an https:// address" in caught.value.message and "proxy" in caught.value.hint
    with pytest.raises(ConfigError):  # as the runtime makes it
        client_for(Account("team", Provider.HUB, base_url=url), MemorySecretStore({("team", "token"): TOKEN}))


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765", "https://hub.example.com"]
)
async def test_loopback_http_and_https_hubs_are_allowed(url: str) -> None:
    client = HubClient(Account("team", Provider.HUB, base_url=url), TOKEN)
    await client.aclose()


async def test_me_and_hello_carry_the_hubs_identity(stub: StubHub, client: HubClient) -> None:
    assert (await client.me()).hub_id == "5eed1"
    async for message in client.stream(0):
        assert isinstance(message, Hello) and message.hub_id == "5eed1" and message.me.hub_id == "5eed1"
        break


async def test_a_change_it_cannot_read_is_named_and_not_passed_by(stub: StubHub, client: HubClient) -> None:
    from app.providers.hub import Undecodable

    stub.put_call(ringing_call("c1"), "ringing")
    stub.put_call(ringing_call("c2"), "ringing")["call"]["direction"] = "sideways"
    stub.put_call(ringing_call("c3"), "ringing")
    page = await client.changes(0)
    assert [c.seq for c, _ in page.changes] == [1, 3] and page.undecodable == (2,)
    assert page.seq == 1  # whoever stores up to it asks for change 2 again
    seen: list[object] = []
    async for message in client.stream(0):
        seen.append(message)
        if isinstance(message, CaughtUp):
            break
    assert isinstance(seen[2], Undecodable) and seen[2].seq == 2 and "sideways" in seen[2].reason
    assert isinstance(seen[3], Changed) and seen[3].change.seq == 3
