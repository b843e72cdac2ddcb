"""The desktop's hub link against a stub hub over real WebSockets on 127.0.0.1: backlog, live changes,
resuming after a drop (no duplicates, no gaps), a revoked token, and an idempotent local cache."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from app.core.accounts import Account, Provider
from app.core.errors import AuthError
from app.core.models import Contact, ContactPhone, Note
from app.core.views import CallChange, ContactChange, NoteChange
from app.providers.hub import HubClient
from app.services.hub import CallHub, CallUpdate, Change
from app.services.hub_link import HubLink, LinkBackoff, word_of
from app.store.calls import CallStore
from app.store.contacts import ContactStore
from app.store.db import Database
from app.store.hub_cache import HubCache
from app.store.notes import NoteStore
from tests.hubstub import TOKEN, TOKEN_BORIS, StubHub, answered, ended, ringing_call

FAST = LinkBackoff(base_s=0.01, max_s=0.05)


async def until(condition: Callable[[], Any], timeout: float = 5.0) -> None:
    async def wait() -> None:
        while not condition():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(wait(), timeout)


@pytest.fixture
async def client(stub: StubHub) -> AsyncIterator[HubClient]:
    made = HubClient(Account("team", Provider.HUB, base_url=stub.url, user="anna"), TOKEN)
    yield made
    await made.aclose()


class Link:
    def __init__(self, client: HubClient, db: Database) -> None:
        self.hub = CallHub()
        self.updates: list[CallUpdate] = []
        self.hub.subscribe(self.updates.append)
        self.cache = HubCache(db, "team")
        self.link = HubLink(client, self.cache, self.hub, backoff=FAST)
        self.states: list[tuple[bool, object]] = []
        self.link.listen(lambda link: self.states.append((link.connected, link.last_error)))

    def seqs(self) -> list[int]:
        return [u.seq for u in self.updates if u.call is not None]


@pytest.fixture
async def link(client: HubClient, db: Database) -> AsyncIterator[Link]:
    made = Link(client, db)
    yield made
    await made.link.stop()


async def test_backlog_then_live(stub: StubHub, link: Link, db: Database) -> None:
    call = ringing_call("c1", phone="+48221234567")
    stub.put_call(call, "ringing")
    stub.put_call(ended(ringing_call("c2", phone="+48227654321")), "ended")
    stub.put_contact(Contact("Zofia Wrona", [ContactPhone("+48221234567")], id=12))
    stub.backlog_change_word()
    link.link.start()
    await asyncio.wait_for(link.link.caught_up.wait(), 5)
    assert link.link.connected and link.link.since is not None and link.link.last_error is None
    assert link.link.me is not None and link.link.me.login == "anna"
    assert [(u.change, u.call.call_id if u.call else None) for u in link.updates] == [
        (Change.UPDATED, "c1"),
        (Change.UPDATED, "c2"),
    ]
    assert link.cache.last_seq() == 3
    calls = CallStore(db)
    stored = calls.get("office", "c1")
    assert stored is not None and stored.ringing == {"anna"}
    assert ContactStore(db).lookup("+48221234567") is not None
    row = calls.row("office", "c1")
    assert row is not None and row.contact_name == "Zofia Wrona"  # the card's name, from the shared contacts

    stub.put_call(answered(call), "answered")
    await until(lambda: len(link.updates) == 3)
    live = link.updates[-1]
    assert live.change is Change.ANSWERED and live.seq == 4 and live.call is not None
    assert live.call.answered_by == {"anna"}
    assert link.cache.last_seq() == 4
    assert calls.get("office", "c1") == live.call


async def test_resumes_after_a_drop_without_duplicates_or_gaps(stub: StubHub, link: Link) -> None:
    for n in range(3):
        stub.put_call(ringing_call(f"c{n}"), "ringing")
    link.link.start()
    await asyncio.wait_for(link.link.caught_up.wait(), 5)
    await stub.drop()
    await until(lambda: not link.link.connected)
    assert link.link.last_error is not None
    for n in range(3, 6):  # while this desktop is away
        stub.put_call(ringing_call(f"c{n}"), "ringing")
    await until(lambda: link.link.connected and len(link.seqs()) == 6)
    stub.put_call(answered(ringing_call("c0")), "answered")
    await until(lambda: len(link.seqs()) == 7)
    assert link.seqs() == [1, 2, 3, 4, 5, 6, 7]
    assert stub.stream_afters == [0, 3]  # asked after the last stored seq
    assert link.link.connections == 2
    assert (False, link.link.last_error) in link.states or any(not c for c, _ in link.states)


async def test_a_refused_token_stops_retrying(stub: StubHub, link: Link) -> None:
    link.link.start()
    await asyncio.wait_for(link.link.caught_up.wait(), 5)
    await stub.revoke()
    await until(lambda: link.link.stopped)
    assert not link.link.connected and isinstance(link.link.last_error, AuthError)
    assert "ask for a new invite" in link.link.last_error.message
    await asyncio.sleep(0.2)
    assert stub.stream_afters == [0]  # never asked again


async def test_a_token_refused_from_the_start(stub: StubHub, link: Link) -> None:
    stub.tokens.clear()
    await asyncio.wait_for(link.link.run(), 5)
    assert link.link.stopped and isinstance(link.link.last_error, AuthError)


async def test_an_unreachable_hub_is_retried_with_backoff(db: Database) -> None:
    client = HubClient(Account("team", Provider.HUB, base_url="http://127.0.0.1:9"), TOKEN)
    pauses: list[float] = []

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 4:
            raise asyncio.CancelledError

    link = HubLink(client, HubCache(db, "team"), CallHub(), sleep=sleep)
    with pytest.raises(asyncio.CancelledError):
        await link.run()
    await client.aclose()
    for failures, pause in enumerate(pauses, start=1):
        base = min(30.0, 0.5 * 2 ** (failures - 1))
        assert base * 0.5 <= pause <= base * 1.5
    assert not link.connected and link.last_error is not None


def test_backoff_bounds() -> None:
    backoff = LinkBackoff()
    import random

    rng = random.Random(1)
    assert all(15.0 <= backoff.delay(n, rng) <= 45.0 for n in range(7, 30))
    assert all(0.25 <= backoff.delay(1, rng) <= 0.75 for _ in range(100))


def test_change_words() -> None:
    assert word_of("ringing") is Change.RINGING and word_of("ended") is Change.ENDED
    assert word_of("") is Change.UPDATED and word_of("weird") is Change.UPDATED


def test_the_cache_is_idempotent(db: Database) -> None:
    cache = HubCache(db, "team")
    call = ringing_call("c1")
    changes = [
        CallChange(1, call, ""),
        NoteChange(2, Note("VIP", phone="+48221234567", account="office", call_id="c1", author="boris", id=7)),
        ContactChange(3, Contact("Zofia", [ContactPhone("+48221234567")], source="hub", source_id="12")),
        CallChange(4, answered(call), ""),
    ]
    assert len(cache.apply(changes)) == 4
    snapshot = _dump(db)
    assert cache.apply(changes) == []  # again: nothing changes
    assert cache.apply([CallChange(1, call, "")]) == []  # an older state never goes back
    assert _dump(db) == snapshot
    assert cache.last_seq() == 4
    stored = CallStore(db).get("office", "c1")
    assert stored is not None and stored.answered_by == {"anna"}
    assert [n.id for n in NoteStore(db).for_call("office", "c1")] == [7]
    assert ContactStore(db).count() == 1
    updated = ContactChange(5, Contact("Zofia Wrona", [ContactPhone("+48227654321")], source="hub", source_id="12"))
    assert cache.apply([updated]) == [updated]
    assert ContactStore(db).lookup("+48221234567") is None and ContactStore(db).count() == 1


def test_a_write_answer_does_not_move_the_number(db: Database) -> None:
    cache = HubCache(db, "team")
    cache.apply([CallChange(3, ringing_call("c1"), "")])
    note = NoteChange(9, Note("VIP", id=1))
    assert cache.apply([note], advance=False) == [note]
    assert cache.last_seq() == 3  # changes 4–8 may still be on the stream
    assert cache.apply([note]) == [] and cache.last_seq() == 9


async def test_notes_and_contacts_go_through_the_hub(stub: StubHub, link: Link, db: Database) -> None:
    link.link.start()
    await asyncio.wait_for(link.link.caught_up.wait(), 5)
    stored = await link.link.post_note(Note("call back", phone="+48221234567"))
    assert stored.author == "anna" and NoteStore(db).for_number("+48221234567")[0].text == "call back"
    await link.link.post_contact(Contact("Zofia", [ContactPhone("+48221234567")]))
    assert ContactStore(db).lookup("+48221234567") is not None
    await until(lambda: link.cache.last_seq() == 2)  # the stream brought both back: stored once
    assert ContactStore(db).count() == 1 and len(NoteStore(db).for_number("+48221234567")) == 1


def _dump(db: Database) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for table in ("calls", "notes", "contacts", "contact_phones", "sync_state"):
        rows += [(table, *tuple(r)) for r in db.conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
    return rows


async def test_the_runtime_in_hub_mode(stub: StubHub, ringdesk_home: object) -> None:
    from app.config.secrets import MemorySecretStore
    from app.config.settings import AccountSettings, Role
    from app.core.views import CallQuery
    from app.runtime import Runtime
    from app.services.context import Context

    context = Context.open()
    context.secrets = MemorySecretStore({("team", "token"): TOKEN})
    context.settings.general.role = Role.AGENT
    context.settings.accounts = [
        AccountSettings("office", Provider.CLOUDPBX, base_url="http://127.0.0.1:9", user="zed"),
        AccountSettings("team", Provider.HUB, base_url=stub.url, user="anna"),
    ]
    stub.put_call(ended(answered(ringing_call("c1", agent="boris"), agent="boris")), "ended")
    runtime = Runtime(context)
    updates: list[CallUpdate] = []
    runtime.hub.subscribe(updates.append)
    try:
        await runtime.start()
        assert runtime.receiver is None and runtime.address is None
        assert runtime.outbound is not None and list(runtime.outbound.clients) == ["team"]  # no provider clients
        link = runtime.hub_link
        assert link is not None
        await asyncio.wait_for(link.caught_up.wait(), 5)
        assert [u.call.call_id for u in updates if u.call] == ["c1"]
        # the hub filtered already: boris's call is in this agent's history (no second filter by role)
        assert [r.call_id for r in runtime.history.page(CallQuery())] == ["c1"]
        assert runtime.dialer is not None
        outcome = await runtime.dialer.call("+48 22 765 43 21")
        assert stub.dialled == [{"number": "+48227654321"}] and outcome.call_id == "dial-1"
        assert runtime.recordings is not None
        recording = await runtime.recordings.get("office", "c1")
        assert Path(recording.path).read_bytes().startswith(b"ID3")
        note = await runtime.notes.post(Note("VIP", phone="+48221234567"))
        assert note.author == "anna" and runtime.notes.for_number("+48221234567")[0].text == "VIP"
        runtime.contacts.save(Contact("Zofia", [ContactPhone("+48221234567")]))
        await until(lambda: runtime.contacts.lookup("+48221234567") is not None)
    finally:
        await runtime.stop()


def _calls(db: Database) -> dict[str, int]:
    return {str(r[0]): int(r[1]) for r in db.conn.execute("SELECT call_id, seq FROM calls")}


async def _fill_then_stop(stub: StubHub, link: Link) -> None:
    """The stub holds three calls, a note and a contact; the link stores them all, then stops."""
    for n in range(3):
        stub.put_call(ringing_call(f"c{n}"), "ringing")
    stub.put_note(Note("old hub", phone="+48221234567", account="office", call_id="c0", id=1))
    stub.put_note(Note("on the number", phone="+48221234567", id=2))
    stub.put_contact(Contact("Old Contact", [ContactPhone("+48220000000")], id=3))
    link.link.start()
    await until(lambda: link.cache.last_seq() == 6)
    await link.link.stop()
    link.link.caught_up.clear()


@pytest.mark.parametrize("new_hub_id", ["b0a7d", None])  # another database; the same id restored from a backup
async def test_a_replaced_hub_database_is_fetched_afresh(
    stub: StubHub, link: Link, db: Database, new_hub_id: str | None
) -> None:
    await _fill_then_stop(stub, link)
    assert link.cache.identity() == ("5eed1", "anna")
    await stub.replace_database(new_hub_id)
    stub.put_call(answered(ringing_call("c0")), "answered")  # the same call, numbered 1 by the new hub
    stub.put_call(ringing_call("n1"), "ringing")
    link.updates.clear()
    link.link.start()
    await asyncio.wait_for(link.link.caught_up.wait(), 5)
    assert _calls(db) == {"c0": 1, "n1": 2}  # the old copy is gone, the new hub's rows are stored
    stored = CallStore(db).get("office", "c0")
    assert stored is not None and stored.answered_by == {"anna"}
    assert NoteStore(db).for_number("+48221234567") == [] and ContactStore(db).count() == 0
    assert link.cache.last_seq() == 2 and link.cache.identity() == (new_hub_id or "5eed1", "anna")
    assert stub.stream_afters == [0, 6, 0]  # asked after its number, learnt, asked again from 0
    assert [u.seq for u in link.updates if u.call is not None] == [1, 2]
    assert any(u.change is Change.HISTORY_CHANGED for u in link.updates)  # views reload without the old rows
    stub.put_call(ringing_call("n2"), "ringing")  # and it keeps following the new hub live
    await until(lambda: link.cache.last_seq() == 3)


async def test_the_same_hub_joined_as_another_user_forgets_the_previous_users_copy(
    stub: StubHub, link: Link, db: Database
) -> None:
    await _fill_then_stop(stub, link)
    for n in range(3):  # anna's calls, which boris may not see
        stub.rows.pop(("call", f"office/c{n}"))
    stub.put_call(ringing_call("b1", agent="boris"), "ringing")
    boris = HubClient(Account("team", Provider.HUB, base_url=stub.url, user="boris"), TOKEN_BORIS)
    link.link.client = boris
    try:
        link.link.start()
        await asyncio.wait_for(link.link.caught_up.wait(), 5)
        assert _calls(db) == {"b1": 7}
        assert link.cache.identity() == ("5eed1", "boris") and link.cache.last_seq() == 7
        assert [n.text for n in NoteStore(db).for_number("+48221234567")] == ["on the number", "old hub"]
        assert stub.stream_afters == [0, 6, 0]
    finally:
        await link.link.stop()
        await boris.aclose()


def test_forgetting_the_copy_keeps_a_standalone_history(db: Database) -> None:
    from app.core.models import CallStatus

    db.ensure_account("mine", "cloudpbx", "")
    with db.transaction():
        db.conn.execute(
            "INSERT INTO calls (account, call_id, status, started_at, updated_at) VALUES ('mine', 'x', ?, 0, 0)",
            (CallStatus.MISSED.value,),
        )
    cache = HubCache(db, "team")
    assert cache.meet("h1", "anna", 0) == ""
    cache.apply([CallChange(5, ringing_call("c1"), ""), ContactChange(6, Contact("Z", [], source_id="9"))])
    assert cache.meet("h1", "anna", 6) == "" and cache.last_seq() == 6
    assert "another one" in cache.meet("h2", "anna", 1)
    assert _calls(db) == {"x": 0} and cache.last_seq() == 0 and ContactStore(db).count() == 0
    assert cache.identity() == ("h2", "anna")
    assert cache.meet("", "anna", 0) == "" and cache.identity() == ("h2", "anna")  # a hub without an id


async def test_a_change_it_cannot_read_is_asked_for_again_not_passed_by(
    stub: StubHub, link: Link, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    stub.put_call(ringing_call("c1"), "ringing")
    newer = stub.put_call(ended(ringing_call("c2")), "ended")
    newer["call"]["summary_status"] = "voicemail"  # a status value from a newer hub
    stub.put_call(ringing_call("c3"), "ringing")
    link.link.start()
    await asyncio.wait_for(link.link.caught_up.wait(), 5)
    assert _calls(db) == {"c1": 1, "c3": 3}  # what it can read is stored and shown
    assert link.cache.last_seq() == 1  # but the number stays before the one it skipped
    stub.put_call(ringing_call("c4"), "ringing")  # live changes too: stored, the number held
    await until(lambda: "c4" in _calls(db))
    assert link.cache.last_seq() == 1
    await stub.drop()  # the next connection asks for it again (an upgraded desktop would read it)
    await until(lambda: len(stub.stream_afters) == 2 and link.link.connected)
    assert stub.stream_afters == [0, 1]
    await until(lambda: link.link.caught_up.is_set() and link.cache.last_seq() == 1)
    assert [r.message for r in caplog.records if "cannot read change 2" in r.message] != []
    assert len([r for r in caplog.records if "cannot read change 2" in r.message]) == 1  # logged once

    newer["call"]["summary_status"] = "missed"  # the hub sends it in a form this desktop reads
    await stub.drop()
    await until(lambda: "c2" in _calls(db))
    await until(lambda: link.cache.last_seq() == 4)
    assert stub.stream_afters == [0, 1, 1]
    assert _calls(db) == {"c1": 1, "c2": 2, "c3": 3, "c4": 4}
