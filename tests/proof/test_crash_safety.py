"""Crash safety: a 200 from the receiver means the event is on disk, even if the process dies at once.

A provider sends 10,000 webhook events (Cloud PBX form POSTs and TeleDiscount GETs, from concurrent
senders) to ``ringdesk serve``; when 4,000 have been answered 200 the server is killed with SIGKILL, in
the middle of the burst. Then, before anything else opens the store, every event answered 200 must be in
it. The server restarts on the same port, the provider re-sends everything that did not get a 200 plus a
share of what did (as a provider whose answer got lost would), in shuffled order; at the end every event
is stored exactly once and every call has one row with the right outcome.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from app.cli import main
from tests.proof.proofkit import (
    CRM_TOKEN,
    SERVE_CONFIG,
    TD_SECRET,
    Push,
    ServeProcess,
    cloudpbx_call,
    free_port,
    stored_events,
    telediscount_call,
    write_config,
)

pytestmark = pytest.mark.slow

CLOUDPBX_CALLS = 1500  # x 4 pushes
TELEDISCOUNT_CALLS = 2000  # x 2 pushes
KILL_AFTER = 4000  # pushes answered 200 before the SIGKILL
SENDERS = 24
RESEND_ACKED_SHARE = 0.1


def all_pushes() -> list[Push]:
    """10,000 pushes; calls interleaved, each call's pushes in the provider's order."""
    calls = [cloudpbx_call(n) for n in range(CLOUDPBX_CALLS)]
    calls += [telediscount_call(n) for n in range(TELEDISCOUNT_CALLS)]
    random.Random(8).shuffle(calls)
    return [push for call in calls for push in call]


async def deliver(
    url: str, pushes: list[Push], *, kill_after: int | None = None, on_threshold: Callable[[], None] | None = None
) -> tuple[set[int], int]:
    """Send ``pushes`` once each from ``SENDERS`` concurrent senders; the indexes answered 200 and the number
    of attempts that got no answer at all. ``on_threshold`` runs once, when ``kill_after`` were answered."""
    answered: set[int] = set()
    unanswered = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for index in range(len(pushes)):
        queue.put_nowait(index)

    async def sender(session: aiohttp.ClientSession) -> None:
        nonlocal unanswered
        while not queue.empty():
            index = queue.get_nowait()
            try:
                status = await pushes[index].send(session)
            except (aiohttp.ClientError, TimeoutError):
                unanswered += 1
                continue
            if status == 200:
                answered.add(index)
                if on_threshold is not None and len(answered) == kill_after:
                    on_threshold()
            else:
                unanswered += 1

    connector = aiohttp.TCPConnector(limit=SENDERS)
    async with aiohttp.ClientSession(url, connector=connector, timeout=aiohttp.ClientTimeout(total=10.0)) as session:
        await asyncio.gather(*(sender(session) for _ in range(SENDERS)))
    return answered, unanswered


async def test_every_push_answered_200_survives_sigkill_and_retries_store_nothing_twice(
    ringdesk_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_config(ringdesk_home, SERVE_CONFIG)
    server = ServeProcess(
        ringdesk_home,
        free_port(),
        {"RINGDESK_SECRET_OFFICE_CRM_TOKEN": CRM_TOKEN, "RINGDESK_SECRET_TD_WEBHOOK_SECRET": TD_SECRET},
    )
    pushes = all_pushes()
    assert len(pushes) == 10_000
    try:
        await asyncio.to_thread(server.start)
        acked, lost = await deliver(server.url, pushes, kill_after=KILL_AFTER, on_threshold=server.kill)
        assert server.process is not None and server.process.returncode is not None, "the kill did not happen"
        assert KILL_AFTER <= len(acked) < len(pushes) and lost > 0, (len(acked), lost)

        on_disk = stored_events(ringdesk_home)
        missing = [pushes[i].key for i in acked if pushes[i].key not in on_disk.events]
        assert not missing, f"{len(missing)} pushes answered 200 were lost by the kill, e.g. {missing[:3]}"
        for i in acked:
            assert on_disk.events[pushes[i].key] == [pushes[i].stored_payload]

        await asyncio.to_thread(server.start)
        unacked = [i for i in range(len(pushes)) if i not in acked]
        again = unacked + random.Random(9).sample(sorted(acked), int(len(acked) * RESEND_ACKED_SHARE))
        random.Random(10).shuffle(again)  # retries come in any order, a call's end before its start
        acked_now, lost_now = await deliver(server.url, [pushes[i] for i in again])
        assert (len(acked_now), lost_now) == (len(again), 0)
        assert await asyncio.to_thread(server.stop) == 0
    finally:
        server.kill()

    final = stored_events(ringdesk_home)
    per_event = Counter({key: len(payloads) for key, payloads in final.events.items()})
    assert set(per_event) == {p.key for p in pushes}
    assert max(per_event.values()) == 1, per_event.most_common(3)
    call_keys = {(p.account, p.call_id) for p in pushes}
    assert set(final.calls) == call_keys and max(final.calls.values()) == 1
    statuses = Counter(final.statuses.values())
    missed_td = sum(1 for n in range(TELEDISCOUNT_CALLS) if n % 3 == 0)
    assert statuses == {"answered": len(call_keys) - missed_td, "missed": missed_td}

    capsys.readouterr()
    assert main(["history", "--format", "json", "--limit", "100000"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(call_keys) and len({(r["account"], r["call_id"]) for r in rows}) == len(rows)
    log = server.stderr()
    assert "Traceback" not in log and "bug while answering" not in log
