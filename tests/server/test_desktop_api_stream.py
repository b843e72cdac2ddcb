"""The hub's stream over a real WebSocket: hello, the backlog, caught_up, then live changes as webhooks
arrive; a resume gets exactly what was missed (from memory or from the store); notes, contacts and sync
batches reach every connection; a removed or reset user is cut at once."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from app.config.paths import resolve
from app.core.callstate import Call
from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind, EventSource, utcnow
from app.core.views import Change, NoteChange
from app.services.change_feed import ChangeReader
from app.services.team_users import TeamUsers
from app.store.contacts import ContactStore
from app.store.db import Database
from app.store.users import UserStore
from tests.server.hubkit import Hub, Stream, group_ring, missed_by_nobody, private_call, running_hub


@pytest.fixture
async def hub(ringdesk_home: Path) -> AsyncIterator[Hub]:
    async with running_hub(ringdesk_home) as running:
        yield running


def ids(messages: list[dict[str, Any]]) -> list[str]:
    return [m["call"]["call_id"] if m["type"] == "call" else m["type"] for m in messages]


async def test_hello_backlog_caught_up_then_a_live_change_from_a_webhook(hub: Hub) -> None:
    await missed_by_nobody(hub, "M1")
    await private_call(hub, "P1", "boris")
    stream = await hub.stream("anna")
    hello, backlog, caught_up = await stream.opening()
    newest = hub.context.changes.last_seq()
    assert (hello["seq"], hello["me"]["login"], hello["me"]["seq"]) == (newest, "anna", newest)
    assert hello["hub_id"] == hello["me"]["hub_id"] == hub.context.db.hub_id() != ""
    assert ids(backlog) == ["M1"] and caught_up == {"type": "caught_up", "seq": newest}
    await group_ring(hub, "G1", answer=False)
    first = await stream.next()
    assert (first["type"], first["change"], first["call"]["call_id"]) == ("call", "ringing", "G1")
    assert first["seq"] == newest + 1 and first["call"]["ringing"] == ["anna"]
    second = await stream.next()
    assert second["call"]["ringing"] == ["anna", "boris"] and second["seq"] == newest + 2


async def test_a_group_ring_reaches_both_agents_and_the_losers_update_says_who_answered(hub: Hub) -> None:
    anna, boris = await hub.stream("anna"), await hub.stream("boris")
    await anna.opening()
    await boris.opening()
    await group_ring(hub, "G1")
    got_anna = [await anna.next() for _ in range(4)]
    got_boris = [await boris.next() for _ in range(3)]  # the first change rang anna only: not boris's yet
    assert [m["change"] for m in got_anna] == ["ringing", "ringing", "answered", "updated"]
    assert got_boris == got_anna[1:]  # the same bytes to both
    last = got_anna[-1]["call"]
    assert (last["answered_by"], last["cancelled"], last["status"]) == (["boris"], ["anna"], "talking")


async def test_an_agent_never_gets_a_colleagues_private_call_live(hub: Hub) -> None:
    anna, sam = await hub.stream("anna"), await hub.stream("sam")
    await anna.opening()
    await sam.opening()
    await private_call(hub, "P1", "boris")
    await missed_by_nobody(hub, "M1")
    assert ids([await anna.next()]) == ["M1"]  # P1's three changes went to sam only
    assert ids([await sam.next() for _ in range(4)]) == ["P1", "P1", "P1", "M1"]


async def resume_after_a_gap(hub: Hub) -> None:
    stream = await hub.stream("anna")
    await stream.opening()
    await missed_by_nobody(hub, "M1")
    last = (await stream.next())["seq"]
    await stream.ws.close()
    await group_ring(hub, "G1")  # four changes of one call while anna is away
    await private_call(hub, "P1", "boris")
    await missed_by_nobody(hub, "M2")
    again = await hub.stream("anna", after=last)
    hello, backlog, caught_up = await again.opening()
    newest = hub.context.changes.last_seq()
    assert [(m["call"]["call_id"], m["seq"]) for m in backlog][-1] == ("M2", newest)
    assert "M1" not in ids(backlog) and "P1" not in ids(backlog)
    assert caught_up["seq"] == newest and hello["seq"] == newest
    g1 = [m for m in backlog if m["call"]["call_id"] == "G1"]
    assert g1[-1]["call"]["answered_by"] == ["boris"]  # the call as it is now comes last
    await again.nothing_within(0.3)


async def test_a_resume_gets_exactly_what_was_missed_from_memory(hub: Hub) -> None:
    await resume_after_a_gap(hub)


async def test_a_resume_from_before_memory_reads_the_store_and_gets_each_call_once(hub: Hub) -> None:
    hub.api.feed.ring_size = 1
    await resume_after_a_gap(hub)
    stream = await hub.stream("anna")
    _, backlog, _ = await stream.opening()
    assert ids(backlog) == ["M1", "G1", "M2"]  # from the store: each call once, as it is now, by number


async def test_notes_and_contacts_written_through_the_api_reach_every_connection(hub: Hub) -> None:
    streams = [await hub.stream(login) for login in ("anna", "boris", "tess", "sam")]
    for stream in streams:
        await stream.opening()
    note = (await hub.post("tess", "/api/v1/notes", {"phone": "+79101234567", "text": "VIP"})).json()
    contact = (await hub.post("anna", "/api/v1/contacts", {"name": "Zofia", "phones": ["+79101234567"]})).json()
    for stream in streams:
        assert [await stream.next(), await stream.next()] == [note, contact]


def notes(messages: list[dict[str, Any]]) -> list[str]:
    return [m["note"]["text"] for m in messages if m["type"] == "note"]


async def test_a_note_about_a_call_reaches_only_who_may_see_the_call_live_in_a_backlog_and_in_changes(
    hub: Hub,
) -> None:
    await private_call(hub, "P1", "boris")
    streams = {login: await hub.stream(login) for login in ("anna", "boris", "sam")}
    for stream in streams.values():
        await stream.opening()
    private = await hub.post("boris", "/api/v1/notes", {"account": "office", "call_id": "P1", "text": "sold"})
    public = await hub.post("boris", "/api/v1/notes", {"phone": "+79101234567", "text": "VIP"})
    assert private.status_code == public.status_code == 200, private.text
    assert notes([await streams["anna"].next()]) == ["VIP"]  # the note about boris's call was skipped
    for login in ("boris", "sam"):
        assert notes([await streams[login].next(), await streams[login].next()]) == ["sold", "VIP"]
    expected = {"anna": ["VIP"], "tess": ["VIP"], "boris": ["sold", "VIP"], "sam": ["sold", "VIP"]}
    assert {login: notes((await hub.changes(login))["changes"]) for login in expected} == expected
    for source in ("memory", "store"):
        if source == "store":
            hub.api.feed.floor = hub.api.feed.seq  # the ring no longer covers 0: the backlog comes from the store
        for login, texts in expected.items():
            _, backlog, _ = await (await hub.stream(login)).opening()
            assert notes(backlog) == texts, (source, login)


async def test_a_sync_batch_and_another_processs_writes_reach_the_streams(hub: Hub, ringdesk_home: Path) -> None:
    stream = await hub.stream("anna")
    await stream.opening()
    at = utcnow() - timedelta(hours=1)
    pulled = [
        CallEvent(
            "office",
            f"H{n}",
            EventKind.SUMMARY,
            at,
            started_at=at,
            direction=Direction.IN,
            status=CallStatus.MISSED,
            phone="+79101234567",
            source=EventSource.PULL,
        )
        for n in range(3)
    ]
    hub.runtime.tracker.record_many(pulled)  # announced once, as HISTORY_CHANGED without numbers
    assert ids([await stream.next() for _ in range(3)]) == ["H0", "H1", "H2"]
    other = Database.open(resolve(ringdesk_home).database)  # e.g. 'ringdesk contacts import' meanwhile
    try:
        ContactStore(other).upsert(Contact("Imported", [ContactPhone("+79101234567")]))
    finally:
        other.close()
    imported = await stream.next(timeout=5)
    assert (imported["type"], imported["contact"]["name"]) == ("contact", "Imported")


async def cut_within(stream: Stream, seconds: float) -> int | None:
    started = time.monotonic()
    code = await stream.closed(timeout=seconds + 1)
    assert time.monotonic() - started < seconds
    return code


async def test_a_user_removed_by_another_process_is_cut_within_2_s_and_then_refused(
    hub: Hub, ringdesk_home: Path
) -> None:
    anna, boris = await hub.stream("anna"), await hub.stream("boris")
    await anna.opening()
    await boris.opening()
    other = Database.open(resolve(ringdesk_home).database)  # as 'ringdesk users remove anna' does
    try:
        TeamUsers(UserStore(other), hub.context.settings).remove("anna")
    finally:
        other.close()
    assert await cut_within(anna, 2.0) == 4001
    assert (await hub.get("anna", "/api/v1/me")).status_code == 401
    await missed_by_nobody(hub, "M1")
    assert ids([await boris.next()]) == ["M1"]  # nobody else was touched


async def test_a_reset_user_is_cut_and_the_new_token_works(hub: Hub) -> None:
    stream = await hub.stream("boris")
    await stream.opening()
    old = hub.tokens["boris"]
    hub.tokens["boris"] = hub.users.reset("boris").token
    assert await cut_within(stream, 2.0) == 4001
    refused = await hub.http.get("/api/v1/me", headers={"Authorization": f"Bearer {old}"})
    assert refused.status_code == 401
    again = await hub.stream("boris")
    assert (await again.next())["type"] == "hello"


async def test_a_stream_without_a_token_is_refused_before_the_upgrade(hub: Hub) -> None:
    answer = await hub.http.get("/api/v1/stream", headers={"Connection": "Upgrade", "Upgrade": "websocket"})
    assert (answer.status_code, answer.json()["error"]) == (401, "unauthorized")


async def test_stopping_the_hub_closes_every_stream_going_away(ringdesk_home: Path) -> None:
    async with running_hub(ringdesk_home) as hub:
        stream = await hub.stream("anna")
        await stream.opening()
        stopping = asyncio.create_task(hub.runtime.receiver.stop())  # type: ignore[union-attr]
        assert await stream.closed() == 1001
        await stopping


class FailingReader:
    """The hub's reader with faults: a change that cannot be encoded (``broken``), pages that cannot be
    read (``unreadable``), each as the store would fail."""

    def __init__(self, reader: ChangeReader) -> None:
        self.reader = reader
        self.broken: set[int] = set()
        self.unreadable = False

    def last_seq(self) -> int:
        return self.reader.last_seq() + (1 if self.unreadable else 0)

    def after(self, seq: int, limit: int = 500) -> list[Change]:
        if self.unreadable:
            raise ValueError("the store cannot decode this page")
        changes = self.reader.after(seq, limit)
        return [NoteChange(c.seq, None) if c.seq in self.broken else c for c in changes]  # type: ignore[arg-type]

    def call(self, account: str, call_id: str) -> Call | None:
        return self.reader.call(account, call_id)

    def hub_id(self) -> str:
        return self.reader.hub_id()


@pytest.fixture
def faults(hub: Hub) -> FailingReader:
    reader = FailingReader(hub.api.services.changes)
    hub.api.services.changes = reader
    return reader


async def test_a_change_that_cannot_be_encoded_is_skipped_and_the_feed_moves_on(
    hub: Hub, faults: FailingReader
) -> None:
    stream = await hub.stream("anna")
    await stream.opening()
    faults.broken = {hub.context.changes.last_seq() + 2}  # the second call of the batch
    at = utcnow() - timedelta(hours=1)
    pulled = [
        CallEvent("office", f"H{n}", EventKind.SUMMARY, at, started_at=at, direction=Direction.IN,
                  status=CallStatus.MISSED, phone="+79101234567", source=EventSource.PULL)
        for n in range(3)
    ]  # fmt: skip
    hub.runtime.tracker.record_many(pulled)
    assert ids([await stream.next(), await stream.next()]) == ["H0", "H2"]
    await missed_by_nobody(hub, "M1")  # live changes flow on after it
    assert ids([await stream.next()]) == ["M1"]
    assert hub.api.feed.seq == hub.context.changes.last_seq()


async def test_a_store_that_cannot_be_read_does_not_keep_a_removed_user_connected(
    hub: Hub, faults: FailingReader
) -> None:
    stream = await hub.stream("anna")
    await stream.opening()
    faults.unreadable = True  # every catch-up of the watch fails from now on
    hub.users.remove("anna")
    assert await cut_within(stream, 2.0) == 4001


async def test_a_stream_that_fails_unexpectedly_is_closed_1011_so_the_desktop_resumes(
    hub: Hub, faults: FailingReader
) -> None:
    await missed_by_nobody(hub, "M1")
    hub.api.feed.floor = hub.api.feed.seq  # the backlog from 0 comes from the store
    faults.unreadable = True
    stream = await hub.stream("anna")
    assert (await stream.next())["type"] == "hello"
    assert await stream.closed(timeout=5) == 1011


async def test_a_stream_attaching_while_the_hub_stops_is_closed_going_away(hub: Hub) -> None:
    await hub.api.feed.stop()  # the feed has closed the streams; the listener is not closed yet
    late = await hub.stream("anna")
    assert await late.closed(timeout=5) == 1001
