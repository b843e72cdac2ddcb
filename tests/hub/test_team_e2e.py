"""Team mode end to end over loopback: the provider sandbox plays calls and pushes its webhooks to one real hub
(``Runtime(serves_desktops=True)``), and real desktops joined to it (``Runtime`` over a ``provider = "hub"``
account, each in its own RINGDESK_HOME) show what their users would notice: a group ring on both agents'
desktops and "answered by a colleague" on the loser's, a colleague's private call nowhere near an agent, a
crashed desktop getting exactly what it missed, dialling as one's own identity with no provider secret on the
desktop, a removed user cut off, recordings by role, and a note shared with the next card for that number.

The company and its users: see :mod:`tests.hub.teamkit`.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.callstate import Call
from app.core.errors import AuthError, InvalidRequest
from app.core.hub_wire import decode
from app.core.models import CallStatus, Direction, Note
from app.core.views import CallChange
from app.services.caller_facts import caller_facts
from app.store.db import Database
from app.store.hub_cache import HubCache
from app.ui.cards.facts import CardState, Me, me_of, wants_card
from tests.hub.teamkit import ACCOUNT, GROUP, HUB_ACCOUNT, WAIT, Desktop, Team, finished, running_team
from tests.kit import until

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
async def team(tmp_path: Path) -> AsyncIterator[Team]:
    async with running_team(tmp_path) as running:
        yield running


async def desktops(team: Team, *logins: str) -> list[Desktop]:
    return list(await asyncio.gather(*(team.desktop(login) for login in logins)))


def facts(call: Call) -> Call:
    """A call's facts as a desktop can compare them with the hub's (the recording link is the hub's own API on a
    desktop, the provider's on the hub; the sources are the hub's bookkeeping)."""
    return call._replace(recording_url=None, sources=frozenset())


async def visible_to(team: Team, login: str) -> dict[str, Call]:
    """Every call the hub says ``login`` may see, in its latest state: ``/api/v1/changes`` from the start."""
    calls: dict[str, Call] = {}
    after = 0
    async with httpx.AsyncClient(base_url=team.url, trust_env=False) as http:
        while True:
            answer = await http.get(
                "/api/v1/changes",
                params={"after": str(after)},
                headers={"Authorization": f"Bearer {team.tokens[login]}"},
            )
            assert answer.status_code == 200, answer.text
            page = answer.json()
            for message in page["changes"]:
                change, _ = decode(message, recordings_base=team.url)
                if isinstance(change, CallChange):
                    calls[change.call.call_id] = change.call
            after = page["seq"]
            if not page["more"]:
                return calls


# -- 1. a group ring ---------------------------------------------------------------------------------------
async def test_a_group_ring_rings_both_agents_and_the_loser_reads_who_answered(team: Team) -> None:
    dasha, misha, sam = await desktops(team, "dasha", "misha", "sam")
    call_id = await team.place(group=GROUP, number="74957654321", outcome="answered")
    played = await team.played(call_id)
    assert sorted(played.ringing) == ["daria", "mike"]  # the group's other members are on do-not-disturb
    winner, loser = (dasha, misha) if played.answered_by == "daria" else (misha, dasha)
    for desktop in (dasha, misha, sam):
        await desktop.has(call_id, finished, "in its final state")

    for agent in (dasha, misha):
        ringing = [c for c in agent.seen(call_id) if c.status is CallStatus.RINGING and agent.identity in c.ringing]
        assert ringing, f"{agent.login}'s desktop never saw its own leg ring"
        assert wants_card(ringing[0], _me(agent)) and agent.status(ringing[0]).state is CardState.RINGING

    def first_answered(desktop: Desktop) -> Call:
        return next(c for c in desktop.seen(call_id) if c.answered_by)

    # The moment it is answered: the loser's card says who took it, the winner's that they are talking.
    assert loser.status(first_answered(loser)).state is CardState.ANSWERED_ELSEWHERE
    assert loser.status(first_answered(loser)).who == winner.identity
    assert winner.status(first_answered(winner)).state is CardState.TALKING
    # The latest update of each: still the colleague's for the loser; the winner's own, ended, for the winner.
    last_loser, last_winner = loser.latest(call_id), winner.latest(call_id)
    assert last_loser is not None and last_winner is not None
    assert (loser.status(last_loser).state, loser.status(last_loser).who) == (
        CardState.ANSWERED_ELSEWHERE,
        winner.identity,
    )
    assert (winner.status(last_winner).state, winner.status(last_winner).who) == (CardState.ENDED, "")
    assert last_winner.status is CallStatus.ANSWERED
    # The supervisor's card names who answered too.
    last_sam = sam.latest(call_id)
    assert last_sam is not None and sam.status(last_sam).who == winner.identity
    # Each desktop stores the call once, as the hub has it now.
    hub_call = team.hub_call(call_id)
    assert hub_call is not None
    for desktop in (dasha, misha, sam):
        assert desktop.stored_ids() == [call_id]
        stored = desktop.stored(call_id)
        assert stored is not None and facts(stored) == facts(hub_call)


def _me(desktop: Desktop) -> Me:
    me = me_of(desktop.runtime)
    assert me.login(ACCOUNT) == desktop.identity  # who "me" is came from the hub, not the desktop's settings
    return me


# -- 2. privacy --------------------------------------------------------------------------------------------
async def test_an_agent_never_receives_a_colleagues_private_call(team: Team, tmp_path: Path) -> None:
    dasha, misha, sam = await desktops(team, "dasha", "misha", "sam")
    private = await team.place(agent="daria", number="74951112233", outcome="answered")
    missed = await team.place(agent="daria", number="74951112244", outcome="missed")
    await team.played(private)
    await team.played(missed)
    for call_id in (private, missed):
        await sam.has(call_id, finished, "(the supervisor sees every call)")
        await dasha.has(call_id, finished, "(her own call)")
    # A later call of misha's own: the stream is in order, so once it is here, anything before it would be too.
    own = await team.place(agent="mike", number="74951112255", outcome="answered")
    await team.played(own)
    await misha.has(own, finished)

    assert misha.seen(private) == [] and misha.seen(missed) == []  # never announced on misha's CallHub
    assert misha.stored_ids() == [own]  # nor stored
    assert sorted(dasha.stored_ids()) == sorted([private, missed])
    assert sorted(sam.stored_ids()) == sorted([private, missed, own])
    # A desktop joining later reads the same filter from the hub's store (the backlog, not the live feed).
    late = await team.desktop("misha", tmp_path / "misha-second-computer")
    assert late.stored_ids() == [own] and [c.call_id for c in late.seen(own)] == [own]
    assert sorted(await visible_to(team, "misha")) == [own]


# -- 3. a desktop killed mid-stream ------------------------------------------------------------------------
async def test_a_killed_desktop_restarted_gets_exactly_what_it_missed(team: Team) -> None:
    dasha, misha, sam = await desktops(team, "dasha", "misha", "sam")
    early = await team.place(agent="daria", number="74952220001", outcome="answered")
    await team.played(early)
    await dasha.has(early, finished)
    # A long call is on when the desktop dies, and a group ring rings as it dies: both change while it is away.
    long_call = await team.place(agent="daria", number="74952220002", outcome="answered", wait=5, talk=150)
    await dasha.has(long_call, lambda c: c.status is CallStatus.TALKING, "talking")
    ring = await team.place(group=GROUP, number="74952220003", outcome="answered", wait=60)
    await dasha.has(ring, lambda c: "daria" in c.ringing, "ringing")
    await team.kill_desktop(dasha)

    database = Database.open(dasha.context.paths.database)  # what the dead desktop left on disk
    try:
        stored_seq = HubCache(database, HUB_ACCOUNT).last_seq()
        left = {str(r[0]): int(r[1]) for r in database.conn.execute("SELECT call_id, seq FROM calls")}
    finally:
        database.close()
    assert stored_seq > 0 and max(left.values()) <= stored_seq

    missed = await team.place(agent="daria", number="74952220004", outcome="missed")
    theirs = await team.place(agent="mike", number="74952220005", outcome="answered")  # not dasha's to see
    for call_id in (long_call, ring, missed, theirs):
        await team.played(call_id)
        await sam.has(call_id, finished, "(the supervisor, who stayed)")
    await misha.has(theirs, finished)
    hub_seqs = {str(r[0]): int(r[1]) for r in team.hub.context.db.conn.execute("SELECT call_id, seq FROM calls")}

    again = await team.desktop("dasha", dasha.home)
    assert team.stream_afters[-1] == ("dasha", stored_seq)  # resumed after the number it had stored
    hub_view = await visible_to(team, "dasha")
    assert sorted(hub_view) == sorted([early, long_call, ring, missed])
    stored = again.stored_ids()
    assert sorted(stored) == sorted(hub_view)  # every call it may see, once; nothing it may not
    for call_id, call in hub_view.items():
        mine = again.stored(call_id)
        assert mine is not None and facts(mine) == facts(call), call_id
        assert finished(mine) and _seqs(again)[call_id] == hub_seqs[call_id]
    # Announced on its CallHub: each call that changed while it was away — once, in its latest state, at its
    # latest number — and nothing else.
    changed_meanwhile = sorted(c for c in hub_view if hub_seqs[c] > stored_seq)
    assert {long_call, ring, missed} <= set(changed_meanwhile)
    announced = [u for u in again.updates if u.call is not None]
    assert sorted(u.call.call_id for u in announced if u.call) == changed_meanwhile
    for update in announced:
        assert update.call is not None and update.seq == hub_seqs[update.call.call_id]
        assert facts(update.call) == facts(hub_view[update.call.call_id])
    assert theirs not in stored and again.seen(theirs) == []
    assert again.stored_seq() >= max(hub_seqs[c] for c in hub_view)


def _seqs(desktop: Desktop) -> dict[str, int]:
    return {str(r[0]): int(r[1]) for r in desktop.context.db.conn.execute("SELECT call_id, seq FROM calls")}


# -- 4. dialling as oneself, and no provider secret on a desktop -------------------------------------------
async def test_dialling_goes_out_as_the_users_own_identity_and_no_desktop_holds_a_provider_secret(
    tmp_path: Path, memory_keyring: Any
) -> None:
    async with running_team(tmp_path, makecall_answer="uuid", time_scale=0.002) as team:  # talk drawn: up to minutes
        dasha, misha = await desktops(team, "dasha", "misha")
        assert dasha.runtime.dialer is not None and misha.runtime.dialer is not None
        dialled_a = await dasha.runtime.dialer.call("+7 916 555-12-34")
        dialled_b = await misha.runtime.dialer.call("8 (916) 555-56-78")
        made = team.makecalls()
        assert [(m["user"], m["phone"]) for m in made] == [("daria", "79165551234"), ("mike", "79165555678")]
        assert {m["token"] for m in made} == {team.credentials["cloudpbx_token"]}  # the hub's key, on the hub
        assert (dialled_a.result.user, dialled_b.result.user) == ("daria", "mike")
        # Each click-to-call comes back as the caller's own outgoing call, and only to them.
        call_a, call_b = dialled_a.call_id, dialled_b.call_id
        await team.played(call_a)
        await team.played(call_b)
        on_a = await dasha.has(call_a, finished)
        on_b = await misha.has(call_b, finished)
        assert on_a.direction is Direction.OUT and on_a.agent == "daria" and on_a.phone == "+79165551234"
        assert on_b.direction is Direction.OUT and on_b.agent == "mike"
        assert dasha.stored(call_b) is None and misha.stored(call_a) is None

        provider_secrets = [team.credentials["cloudpbx_token"], team.credentials["crm_token"]]
        for desktop in (dasha, misha):
            held = desktop.context.secrets.values  # type: ignore[attr-defined]
            assert held == {(HUB_ACCOUNT, "token"): desktop.token}
        for desktop in (dasha, misha):
            for path, data in _files(desktop.home):
                for secret in provider_secrets:
                    assert secret.encode() not in data, f"a provider secret is in {path}"
                assert desktop.token.encode() not in data, f"the hub token is written in {path} (keyring only)"
        assert memory_keyring.items == {}  # nothing went to the keyring either (the tests' secrets are in memory)
        # The hub holds them (that is where they belong) and nothing else does.
        hub_secrets = team.hub.context.secrets.values  # type: ignore[attr-defined]
        assert hub_secrets[(ACCOUNT, "token")] == team.credentials["cloudpbx_token"]


def _files(home: Path) -> list[tuple[Path, bytes]]:
    return [(path, path.read_bytes()) for path in sorted(home.rglob("*")) if path.is_file()]


# -- 5. a removed user is cut off --------------------------------------------------------------------------
async def test_a_removed_user_is_cut_off_and_the_others_stay_connected(team: Team) -> None:
    dasha, misha, sam = await desktops(team, "dasha", "misha", "sam")
    loop = asyncio.get_running_loop()

    removed_at = loop.time()
    team.hub.team.remove("dasha")  # ringdesk users remove, in the hub's own process
    await until(lambda: dasha.link.stopped, "dasha's desktop stops", 5.0)
    assert loop.time() - removed_at < 5.0
    assert isinstance(dasha.link.last_error, AuthError) and not dasha.link.connected
    assert "new invite" in dasha.link.last_error.message
    assert misha.link.connected and sam.link.connected

    # 'ringdesk users remove misha' in another process: another connection to the hub's database.
    env = {**os.environ, "RINGDESK_HOME": str(team.hub.context.paths.config_dir.parent)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "app",
        "users",
        "remove",
        "misha",
        env=env,
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), WAIT)
    assert process.returncode == 0, err.decode()
    assert "Removed misha" in out.decode()
    removed_at = loop.time()
    await until(lambda: misha.link.stopped, "misha's desktop stops", 5.0)
    assert loop.time() - removed_at < 5.0
    assert isinstance(misha.link.last_error, AuthError) and not misha.link.connected

    # The supervisor stayed on the same connection all along, and still gets calls.
    assert sam.link.connected and not sam.link.stopped and sam.link.connections == 1
    call_id = await team.place(agent="daria", number="74953330001", outcome="answered")
    await team.played(call_id)
    await sam.has(call_id, finished)
    assert dasha.seen(call_id) == [] and misha.seen(call_id) == []
    assert dasha.link.connections == 1 and misha.link.connections == 1  # a refused token is not retried


# -- 6. recordings by role ---------------------------------------------------------------------------------
async def test_a_recording_goes_to_the_agent_who_took_the_call_and_the_supervisor_only(team: Team) -> None:
    dasha, misha, sam = await desktops(team, "dasha", "misha", "sam")
    call_id = await team.place(agent="daria", number="74954440001", outcome="answered", talk=3)
    await team.played(call_id)
    on_dasha = await dasha.has(call_id, lambda c: finished(c) and bool(c.recording_url), "with its recording")
    url = on_dasha.recording_url
    assert url == f"{team.url}/api/v1/recordings/{ACCOUNT}/{call_id}"  # the hub's, never the provider's link

    # misha asks the hub for it anyway (he knows the call id): "not found", exactly as for a call that does
    # not exist, so a probe learns nothing.
    refused = await _refused(misha, url)
    assert refused.status == 404
    nothing = await _refused(misha, f"{team.url}/api/v1/recordings/{ACCOUNT}/NO-SUCH-CALL")
    assert (nothing.status, nothing.message) == (refused.status, refused.message)

    for desktop in (dasha, sam):
        assert await _audio(desktop, call_id), desktop.login

    # A group ring: the loser had the card, but the recording is the winner's (and the supervisor's).
    ring = await team.place(group=GROUP, number="74954440002", outcome="answered", talk=3)
    played = await team.played(ring)
    winner, loser = (dasha, misha) if played.answered_by == "daria" else (misha, dasha)
    on_loser = await loser.has(ring, lambda c: finished(c) and bool(c.recording_url), "with its recording")
    assert on_loser.recording_url is not None
    assert (await _refused(loser, on_loser.recording_url)).status == 404
    for desktop in (winner, sam):
        await desktop.has(ring, lambda c: finished(c) and bool(c.recording_url), "with its recording")
        assert await _audio(desktop, ring), desktop.login


async def _refused(desktop: Desktop, url: str) -> InvalidRequest:
    """What the hub answers ``desktop``'s user asking for the recording at ``url`` (it must refuse)."""
    client = desktop.runtime.outbound.hub_client if desktop.runtime.outbound else None
    assert client is not None
    with pytest.raises(InvalidRequest) as refused:
        async with client.open_recording(url.rsplit("/", 1)[-1], url):
            pass
    return refused.value


async def _audio(desktop: Desktop, call_id: str) -> bool:
    """Whether ``desktop`` plays the call's recording as its user would (through its recordings service): WAV
    audio arrived in its cache."""
    await desktop.has(call_id, lambda c: bool(c.recording_url), "with its recording")
    recordings = desktop.runtime.recordings
    assert recordings is not None
    found = await asyncio.wait_for(recordings.get(ACCOUNT, call_id), WAIT)
    audio = Path(found.path).read_bytes()
    return audio[:4] == b"RIFF" and audio[8:12] == b"WAVE" and len(audio) > 1000


# -- 7. a shared note --------------------------------------------------------------------------------------
async def test_a_note_reaches_a_colleague_and_shows_on_their_next_card_for_that_number(team: Team) -> None:
    dasha, misha = await desktops(team, "dasha", "misha")
    number = "+79161230077"
    text = "Wants the March invoice sent again"
    written = await dasha.runtime.notes.post(Note(text, phone=number))
    assert written.author == "dasha" and written.id is not None

    def notes_on_misha() -> list[tuple[str, str]]:
        return [(n.text, n.author) for n in misha.runtime.notes.for_number(number)]

    await until(lambda: notes_on_misha() == [(text, "dasha")], "misha's desktop has dasha's note", WAIT)

    call_id = await team.place(agent="mike", number="79161230077", outcome="answered")
    await until(lambda: misha.seen(call_id), "the call rings misha", WAIT)
    ringing = misha.seen(call_id)[0]
    assert ringing.status is CallStatus.RINGING and ringing.phone == number
    card = caller_facts(ringing, misha.runtime.contacts, misha.runtime.history, misha.runtime.notes)
    assert [(n.text, n.author) for n in card.notes] == [(text, "dasha")]
    assert dasha.runtime.notes.for_number(number)[0].id == misha.runtime.notes.for_number(number)[0].id  # one note
    await team.played(call_id)


# -- the card's rules run headless -------------------------------------------------------------------------
def test_the_card_rules_these_tests_read_load_no_qt() -> None:
    """The tests above judge cards with ``app.ui.cards.facts`` on plain asyncio, as a headless hub or CLI would:
    importing it must load no Qt at all (a fresh interpreter tells; this one may have Qt from other tests)."""
    probe = "import sys, app.ui.cards.facts; print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=WAIT, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
