"""A hub (or whatever answers at its address) sending JSON nested 1,000 levels deep: the desktop's hub client
reports a clear problem and keeps working (issue 15, 5).

Why it matters: Python's ``json`` raises ``RecursionError``, not ``ValueError``, for nesting deeper than
the interpreter's stack, so the client's ``except ValueError`` let it through: a REST call failed as "a bug"
instead of "the hub answered something Ringdesk cannot read", and one such stream message ended the stream
(and the link's task) instead of being skipped. Real HTTP and a real WebSocket on 127.0.0.1: the stub hub
of tests/hubstub.py, answering hostile bodies while ``hostile`` is set.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web

from app.config.secrets import MemorySecretStore
from app.core.accounts import Account, Provider
from app.core.errors import InvalidRequest, NotPermitted, Problem, Unavailable
from app.core.models import Contact, ContactPhone, Note
from app.core.phone import normalize
from app.providers.base import client_for
from app.providers.hub import CaughtUp, Hello, HubClient
from tests.hubstub import TOKEN, StubHub, answered, ended, ringing_call

DEPTH = 1_000
DEEP_ARRAY = "[" * DEPTH + "]" * DEPTH
DEEP_OBJECT = '{"a":' * DEPTH + "1" + "}" * DEPTH


class HostileHub(StubHub):
    """The stub hub, but while ``hostile`` holds a status, every REST answer is that status with a body
    nested :data:`DEPTH` deep, and the stream sends such a message before its hello."""

    hostile: int | None = None
    body: str = DEEP_OBJECT

    def _deep(self) -> web.Response:
        assert self.hostile is not None
        return web.Response(text=self.body, status=self.hostile, content_type="application/json")

    async def me(self, request: web.Request) -> web.Response:
        return self._deep() if self.hostile else await super().me(request)

    async def changes(self, request: web.Request) -> web.Response:
        return self._deep() if self.hostile else await super().changes(request)

    async def dial(self, request: web.Request) -> web.Response:
        return self._deep() if self.hostile else await super().dial(request)

    async def notes(self, request: web.Request) -> web.Response:
        return self._deep() if self.hostile else await super().notes(request)

    async def contacts(self, request: web.Request) -> web.Response:
        return self._deep() if self.hostile else await super().contacts(request)

    async def recording(self, request: web.Request) -> web.StreamResponse:
        return self._deep() if self.hostile else await super().recording(request)

    async def stream(self, request: web.Request) -> web.StreamResponse:
        if not self.hostile:
            return await super().stream(request)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(self.body)  # what the client must skip
        await ws.send_json({"type": "hello", "seq": 0, "hub_id": self.hub_id, "me": self._me("anna")})
        await ws.send_json({"type": "caught_up", "seq": 0})
        await ws.receive()  # until the client goes
        return ws


@pytest.fixture
async def hub() -> AsyncIterator[HostileHub]:
    stub = HostileHub()
    await stub.start()
    yield stub
    await stub.stop()


@pytest.fixture
async def client(hub: HostileHub) -> AsyncIterator[HubClient]:
    made = client_for(
        Account("team", Provider.HUB, base_url=hub.url, user="anna"), MemorySecretStore({("team", "token"): TOKEN})
    )
    assert isinstance(made, HubClient)
    yield made
    await made.aclose()


Call = Callable[[HubClient], Awaitable[Any]]
CALLS: dict[str, Call] = {
    "me": lambda c: c.me(),
    "changes": lambda c: c.changes(0),
    "dial": lambda c: c.make_call(normalize("+48221234567"), account="office"),
    "note": lambda c: c.post_note(Note("VIP", phone="+48221234567", account="office")),
    "contact": lambda c: c.post_contact(Contact("Zofia Wrona", [ContactPhone("+48221234567")])),
}


@pytest.mark.parametrize("body", [DEEP_OBJECT, DEEP_ARRAY], ids=["object", "array"])
@pytest.mark.parametrize("name", list(CALLS))
async def test_a_deep_answer_is_a_hub_that_cannot_be_read_and_the_next_call_works(
    hub: HostileHub, client: HubClient, name: str, body: str
) -> None:
    hub.hostile, hub.body = 200, body
    with pytest.raises(Unavailable) as caught:
        await CALLS[name](client)
    assert caught.value.user_text().startswith("The hub answered something Ringdesk cannot read")
    hub.hostile = None
    assert await CALLS[name](client) is not None  # the same client, the same connection pool


@pytest.mark.parametrize(
    ("status", "kind", "says"),
    [
        (400, InvalidRequest, "The hub refused the request (HTTP 400)"),
        (403, NotPermitted, "The hub does not let you do this."),
        (409, InvalidRequest, "The hub refused the request (HTTP 409)"),
        (502, Unavailable, "The hub is having trouble (HTTP 502)"),
        (503, Unavailable, "The hub is having trouble (HTTP 503)"),
    ],
)
async def test_a_deep_error_body_is_the_error_its_status_says(
    hub: HostileHub, client: HubClient, status: int, kind: type[Problem], says: str
) -> None:
    """The status alone decides: a JSON body that cannot be read says nothing, and is not quoted to the user."""
    hub.hostile = status
    with pytest.raises(kind) as caught:
        await client.make_call(normalize("+48221234567"), account="office")
    assert caught.value.user_text().startswith(says)
    assert '{"a"' not in caught.value.user_text()  # 7 KB of brackets are nothing to show anyone
    hub.hostile = None
    assert (await client.me()).login == "anna"


async def test_a_recording_refused_with_a_deep_body_is_a_problem(hub: HostileHub, client: HubClient) -> None:
    hub.put_call(ended(answered(ringing_call("c1"))), "ended")
    url = f"{hub.url}/api/v1/recordings/office/c1"
    hub.hostile = 404
    with pytest.raises(InvalidRequest) as caught:
        async with client.open_recording("c1", url):
            pass
    assert "(HTTP 404)" in caught.value.user_text()
    hub.hostile = None
    async with client.open_recording("c1", url) as download:
        assert download.media_type == "audio/mpeg"


@pytest.mark.parametrize("body", [DEEP_OBJECT, DEEP_ARRAY], ids=["object", "array"])
async def test_a_deep_stream_message_is_skipped_and_the_stream_goes_on(
    hub: HostileHub, client: HubClient, body: str, caplog: pytest.LogCaptureFixture
) -> None:
    hub.hostile, hub.body = 200, body
    seen: list[object] = []
    with caplog.at_level(logging.WARNING, logger="app.providers.hub.client"):
        async for message in client.stream(0):
            seen.append(message)
            if isinstance(message, CaughtUp):
                break
    assert [type(m) for m in seen] == [Hello, CaughtUp]
    assert any("skipped a message the hub sent" in r.getMessage() for r in caplog.records)
    assert all(len(r.getMessage()) < 400 for r in caplog.records)  # the brackets stay out of the log
