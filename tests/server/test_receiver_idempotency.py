"""Retried, duplicated and out-of-order pushes (sent with httpx over real HTTP) leave one correct row."""

from __future__ import annotations

import asyncio

from app.core.errors import StorageError
from app.core.models import CallStatus, Direction
from app.store.calls import CallQuery

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def test_cloudpbx_pushes_in_reverse_order_and_twice_make_one_answered_call(receiver) -> None:
    common = {"phone": "48777888999", "callid": "DUP-1", "diversion": "48221234500", "crm_token": receiver.crm_token}
    pushes = [
        {"cmd": "event", "type": "INCOMING", "user": "anna"},
        {"cmd": "event", "type": "ACCEPTED", "user": "anna"},
        {"cmd": "event", "type": "COMPLETED", "user": "anna"},
        {
            "cmd": "history",
            "type": "in",
            "status": "Success",
            "user": "anna",
            "duration": "95",
            "link": "https://pbx.example/rec/DUP-1.mp3",
        },
    ]
    for fields in [*reversed(pushes), *pushes]:
        answer = await receiver.client.post("/hooks/office", data={**common, **fields})
        assert answer.status_code == 200
    [row] = receiver.context.calls.page(CallQuery())
    assert (row.status, row.direction, row.agent, row.line, row.duration_s, row.recording_url) == (
        CallStatus.ANSWERED,
        Direction.IN,
        "anna",
        "+48221234500",
        95,
        "https://pbx.example/rec/DUP-1.mp3",
    )
    assert len(receiver.updates) == 4  # the four distinct pushes, each announced once; retries are silent
    events = receiver.context.db.conn.execute("SELECT count(*) FROM call_events").fetchone()[0]
    assert events == 4


async def test_concurrent_retries_of_one_push_are_stored_once(receiver) -> None:
    fields = {
        "cmd": "history",
        "type": "out",
        "status": "Busy",
        "phone": "48777888999",
        "user": "anna",
        "duration": "0",
        "callid": "DUP-2",
        "crm_token": receiver.crm_token,
    }
    answers = await asyncio.gather(*(receiver.client.post("/hooks/office", data=fields) for _ in range(10)))
    assert {a.status_code for a in answers} == {200}
    [row] = receiver.context.calls.page(CallQuery())
    assert (row.status, row.direction) == (CallStatus.BUSY, Direction.OUT)
    assert len(receiver.updates) == 1


async def test_telediscount_end_before_start_and_repeated_keeps_one_answered_call(receiver) -> None:
    income = "num_a=79039998877&num_m=79037778899&setup_time=1795000000&api_call_id=TD-1"
    finished = income.replace("&api", "&num_b=SIP/0000000672&connection_time=40&waiting_time=3&api")
    for hook, query in (
        ("call_finished", finished),
        ("income", income),
        ("call_finished", finished),
        ("income", income),
    ):
        assert (await receiver.client.get(receiver.td_url(hook) + "?" + query)).status_code == 200
    [row] = receiver.context.calls.page(CallQuery())
    # connection_time is the talk: the whole call is talk + wait
    assert (row.status, row.agent, row.talk_s, row.wait_s, row.duration_s) == (
        CallStatus.ANSWERED,
        "SIP/0000000672",
        40,
        3,
        43,
    )
    assert len(receiver.updates) == 2


async def test_concurrent_pushes_share_commits_and_each_is_announced_once(receiver) -> None:
    batches: list[int] = []
    record_each = receiver.runtime.tracker.record_each

    def counting(events):  # type: ignore[no-untyped-def]
        batches.append(len(events))
        return record_each(events)

    receiver.runtime.tracker.record_each = counting
    pushes = [
        {
            "cmd": "history",
            "type": "in",
            "status": "Success",
            "phone": "48777888999",
            "user": "anna",
            "duration": str(i),
            "callid": f"B{i}",
            "crm_token": receiver.crm_token,
        }
        for i in range(30)
    ]
    answers = await asyncio.gather(*(receiver.client.post("/hooks/office", data=p) for p in pushes))
    assert {a.status_code for a in answers} == {200}
    assert receiver.context.calls.count() == 30 and len(receiver.updates) == 30
    assert sum(batches) == 30 and len(batches) < 30  # some pushes shared a disk flush


async def test_a_failing_disk_answers_503_keeps_nothing_and_the_retry_succeeds(receiver, monkeypatch) -> None:
    push = {
        "cmd": "history",
        "type": "in",
        "status": "Success",
        "phone": "48777888999",
        "user": "anna",
        "duration": "12",
        "callid": "DISK-1",
        "crm_token": receiver.crm_token,
    }

    def disk_full(events):  # type: ignore[no-untyped-def]
        raise StorageError("The disk is full: Ringdesk cannot save calls.")

    monkeypatch.setattr(receiver.context.calls, "ingest_many", disk_full)
    answer = await receiver.client.post("/hooks/office", data=push)
    assert (answer.status_code, answer.json()) == (503, {"error": "Temporarily unavailable"})
    monkeypatch.undo()
    assert receiver.context.calls.count() == 0 and receiver.updates == []
    assert (await receiver.client.post("/hooks/office", data=push)).status_code == 200
    assert receiver.context.calls.count() == 1


async def test_a_bug_in_a_batch_falls_back_to_one_push_at_a_time(receiver, monkeypatch) -> None:
    def broken(events):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug in batch storage")

    monkeypatch.setattr(receiver.runtime.tracker, "record_each", broken)
    pushes = [
        {
            "cmd": "event",
            "type": "INCOMING",
            "phone": "48777888999",
            "user": "anna",
            "callid": f"F{i}",
            "crm_token": receiver.crm_token,
        }
        for i in range(5)
    ]
    answers = await asyncio.gather(*(receiver.client.post("/hooks/office", data=p) for p in pushes))
    assert {a.status_code for a in answers} == {200}
    assert receiver.context.calls.count() == 5
