"""TeleDiscount's webhooks over real HTTP: the document's examples (implausible ``setup_time`` included),
the path secret, and outcomes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from app.core.models import CallStatus, Direction
from app.services.hub import Change
from app.store.calls import CallQuery

DOC_INCOME = (
    "num_a=79039998877&num_m=79037778899&setup_time=98798798797897&api_call_id=c1f926a8f5727b77f9cbf39d8f35d061"
)
DOC_FINISHED = (
    "num_a=79039998877&num_m=79037778899&num_b=SIP/0000000672&setup_time=98798798797897"
    "&connection_time=12&waiting_time=5&api_call_id=c1f926a8f5727b77f9cbf39d8f35d061"
)


async def test_the_documents_examples_make_one_answered_call_started_on_arrival(receiver) -> None:
    before = datetime.now(UTC)
    income = await receiver.client.get(receiver.td_url("income") + "?" + DOC_INCOME)
    assert (income.status_code, income.content) == (200, b"")
    finished = await receiver.client.get(receiver.td_url("call_finished") + "?" + DOC_FINISHED)
    assert (finished.status_code, finished.content) == (200, b"")
    [row] = receiver.context.calls.page(CallQuery())
    assert (row.call_id, row.direction, row.status, row.phone, row.line, row.agent, row.talk_s, row.wait_s) == (
        "c1f926a8f5727b77f9cbf39d8f35d061",
        Direction.IN,
        CallStatus.ANSWERED,
        "+79039998877",
        "+79037778899",
        "SIP/0000000672",
        12,
        5,
    )
    assert row.duration_s == 17  # connection_time is the talk; the whole call is talk + wait
    assert before.replace(microsecond=0) <= row.started_at <= datetime.now(UTC)  # arrival, not the year 5000
    assert [u.change for u in receiver.updates] == [Change.RINGING, Change.ENDED]
    stored = receiver.context.db.conn.execute("SELECT payload FROM call_events ORDER BY id").fetchall()
    assert [json.loads(r["payload"])["setup_time"] for r in stored] == ["98798798797897"] * 2  # the raw value is kept


async def test_a_wrong_secret_or_account_is_a_404_that_reveals_nothing(receiver) -> None:
    answers = [
        await receiver.client.get(receiver.td_url("income", secret="wrong-secret-000") + "?" + DOC_INCOME),
        await receiver.client.get(receiver.td_url("income", account="nobody") + "?" + DOC_INCOME),
        await receiver.client.get(receiver.td_url("income", account="office") + "?" + DOC_INCOME),
        await receiver.client.get(f"/hooks/td/{receiver.td_secret}/somewhere_else?" + DOC_INCOME),
        await receiver.client.get("/no/such/page"),
    ]
    assert {(a.status_code, a.content) for a in answers} == {(404, b'{"error":"Not found"}')}
    assert receiver.context.calls.count() == 0


async def test_missing_ids_and_non_utf8_queries_are_400_and_store_nothing(receiver) -> None:
    for query in (
        "num_a=79039998877",
        "api_call_id=X1",
        "num_a=7903%FF&api_call_id=X2",
        "num_a=79039998877&api_call_id=X3&connection_time=-4",
    ):
        answer = await receiver.client.get(receiver.td_url("call_finished") + "?" + query)
        assert (answer.status_code, answer.json()) == (400, {"error": "Invalid parameters"}), query
    assert receiver.context.calls.count() == 0


async def test_plausible_setup_times_in_seconds_or_milliseconds_date_the_call(receiver) -> None:
    for call_id, setup in (("S", "1795000000"), ("MS", "1795000000000")):
        query = f"num_a=79039998877&num_m=79037778899&setup_time={setup}&api_call_id={call_id}&connection_time=0"
        assert (await receiver.client.get(receiver.td_url("call_finished") + "?" + query)).status_code == 200
        row = receiver.context.calls.row("td", call_id)
        assert row is not None and row.started_at == datetime.fromtimestamp(1795000000, UTC)
        assert (row.status, row.agent) == (CallStatus.MISSED, "")


async def test_outgoing_calls_are_told_by_our_sip_account_in_num_a(receiver) -> None:
    for call_id, talk in (("OUT-OK", "33"), ("OUT-NO", "0")):
        query = (
            f"num_a=SIP/0000000672&num_m=48221234500&num_b=48777888999&setup_time=1795000000"
            f"&connection_time={talk}&waiting_time=9&api_call_id={call_id}&price=1.95"
        )
        assert (await receiver.client.get(receiver.td_url("call_finished") + "?" + query)).status_code == 200
    ok, nothing = receiver.context.calls.row("td", "OUT-OK"), receiver.context.calls.row("td", "OUT-NO")
    assert ok is not None and nothing is not None
    assert (ok.direction, ok.status, ok.phone, ok.agent, ok.line, ok.talk_s) == (
        Direction.OUT,
        CallStatus.ANSWERED,
        "+48777888999",
        "SIP/0000000672",
        "+48221234500",
        33,
    )
    assert (nothing.direction, nothing.status, nothing.talk_s, nothing.wait_s) == (
        Direction.OUT,
        CallStatus.CANCELLED,
        0,
        9,
    )
