"""Cloud PBX (ITooLabs API) server side: the document's example requests and every documented error."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import httpx

from app.sandbox import Sandbox
from app.sandbox.config import DOC_CLOUDPBX_TOKEN
from tests.sandbox.sandbox_kit import Receiver

API = "/sys/crm_api.wcgp"
DOC_ACCOUNTS = [
    {"name": "test", "realName": "Тестовый пользователь"},
    {"name": "daria", "realName": "Иванова Дария"},
    {"name": "andy", "realName": "Петров Андрей"},
    {"name": "mike", "realName": "Семенов Михаил"},
    {"name": "serg", "realName": "Чижиков Сергей"},
]


async def test_accounts_document_example(client: httpx.AsyncClient) -> None:
    # POST https://domain/sys/crm_api.wcgp  cmd=accounts token=5f317b9f-e86c-41f7-a6fc-c76eb0da0000
    answer = await client.post(API, data={"cmd": "accounts", "token": "5f317b9f-e86c-41f7-a6fc-c76eb0da0000"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/json")
    items = answer.json()
    assert [{"name": i["name"], "realName": i["realName"]} for i in items[:5]] == DOC_ACCOUNTS
    assert len(items) == 10  # the document's five and five seeded Polish/Russian agents
    assert all({"ext", "telnum", "email"} <= set(i) for i in items)


async def test_make_call_document_example(client: httpx.AsyncClient, sandbox: Sandbox, receiver: Receiver) -> None:
    form = {"cmd": "makeCall", "phone": "79101234567", "user": "andy", "token": DOC_CLOUDPBX_TOKEN}
    answer = await client.post(API, data=form)
    assert answer.status_code == 200
    assert answer.content == b""
    await sandbox.wait_idle(5)
    call = next(
        c
        for c in sandbox.engine.archive
        if c.spec.provider == "cloudpbx"
        and c.spec.direction == "out"
        and c.started > datetime.now(UTC).timestamp() - 60
    )
    assert call.spec.number == "79101234567" and call.spec.agent == "andy"
    types = [h.fields.get("type") for h in receiver.of_call(call.id)]
    assert types == ["OUTGOING", "ACCEPTED", "COMPLETED", "out"]


async def test_make_call_answer_variants_and_clid(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    form = {"cmd": "makeCall", "phone": "48777888999", "user": "mike", "token": DOC_CLOUDPBX_TOKEN}
    sandbox.configure(makecall_answer="uuid")
    uuid_answer = (await client.post(API, data=form)).json()
    sandbox.configure(makecall_answer="CallID")
    callid_answer = (await client.post(API, data={**form, "clid": "74951500100"})).json()
    assert set(uuid_answer) == {"uuid"} and set(callid_answer) == {"CallID"}
    call = await sandbox.wait_call(callid_answer["CallID"], 5)
    assert call.spec.line == "74951500100"


async def test_make_call_plus_is_rejected_unless_switched_on(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    form = {"cmd": "makeCall", "phone": "+79101234567", "user": "andy", "token": DOC_CLOUDPBX_TOKEN}
    rejected = await client.post(API, data=form)
    assert (rejected.status_code, rejected.json()) == (400, {"error": "Invalid parameters"})
    sandbox.configure(accept_plus_in_phone=True)
    assert (await client.post(API, data=form)).status_code == 200


async def test_documented_errors(client: httpx.AsyncClient) -> None:
    cases = [
        ({"cmd": "accounts", "token": "wrong"}, 401, {"error": "Invalid token"}),
        ({"cmd": "accounts"}, 401, {"error": "Invalid token"}),
        (
            {"cmd": "makeCall", "user": "andy", "token": DOC_CLOUDPBX_TOKEN},
            400,
            {"error": "Invalid parameters"},
        ),
        (
            {"cmd": "makeCall", "phone": "79101234567", "token": DOC_CLOUDPBX_TOKEN},
            400,
            {"error": "Invalid parameters"},
        ),
        (
            {"cmd": "makeCall", "phone": "79101234567", "user": "nobody", "token": DOC_CLOUDPBX_TOKEN},
            400,
            {"error": "Invalid parameters"},
        ),
        ({"cmd": "noSuchCommand", "token": DOC_CLOUDPBX_TOKEN}, 400, {"error": "Invalid parameters"}),
        ({"token": DOC_CLOUDPBX_TOKEN}, 400, {"error": "Invalid parameters"}),
    ]
    for form, status, body in cases:
        answer = await client.post(API, data=form)
        assert (answer.status_code, answer.json()) == (status, body), form
        assert answer.headers["content-type"].startswith("application/json")


async def test_json_body_is_tolerated(client: httpx.AsyncClient) -> None:
    answer = await client.post(API, json={"cmd": "accounts", "token": DOC_CLOUDPBX_TOKEN})
    assert answer.status_code == 200 and answer.json()[2]["name"] == "andy"


async def test_groups(client: httpx.AsyncClient) -> None:
    groups = (await client.post(API, data={"cmd": "groups", "token": DOC_CLOUDPBX_TOKEN})).json()
    assert [g["id"] for g in groups] == ["sales", "support"]
    assert all(set(g) == {"id", "realName", "ext"} and isinstance(g["ext"], int) for g in groups)
    daria = (await client.post(API, data={"cmd": "groups", "user": "daria", "token": DOC_CLOUDPBX_TOKEN})).json()
    assert [g["id"] for g in daria] == ["sales"]
    bad = await client.post(API, data={"cmd": "groups", "user": "ghost", "token": DOC_CLOUDPBX_TOKEN})
    assert bad.status_code == 400


async def test_dnd_and_queue_subscription(client: httpx.AsyncClient, sandbox: Sandbox, receiver: Receiver) -> None:
    async def cmd(**fields: str) -> httpx.Response:
        return await client.post(API, data={**fields, "token": DOC_CLOUDPBX_TOKEN})

    assert (await cmd(cmd="get_dnd", user="andy")).json() == {"state": False}
    assert (await cmd(cmd="set_dnd", user="andy", state="true")).text == "OK"
    assert (await cmd(cmd="get_dnd", user="andy")).json() == {"state": True}
    assert (await cmd(cmd="set_dnd", user="andy", state="maybe")).status_code == 400
    # A direct call to an agent on DND does not ring: no INCOMING, a missed history.
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="in", number="48601234567", agent="andy", outcome="answered", talk=10
    )
    await sandbox.wait_call(call_id, 5)
    assert [h.fields.get("type") for h in receiver.of_call(call_id) if h.cmd != "contact"] == ["in"]
    assert receiver.of_call(call_id)[-1].fields["status"] == "Missed"

    assert (await cmd(cmd="subscriptionStatus", user="daria", group_id="sales")).json() == {"status": "on"}
    assert (await cmd(cmd="subscribeOnCalls", user="daria", status="off", group_id="sales")).text == "OK"
    assert (await cmd(cmd="subscriptionStatus", user="daria", group_id="sales")).json() == {"status": "off"}
    assert (await cmd(cmd="subscriptionStatus", user="daria")).status_code == 400
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="in", number="48601234568", group="sales", outcome="missed"
    )
    await sandbox.wait_call(call_id, 5)
    ringing = {h.fields["user"] for h in receiver.of_call(call_id) if h.fields.get("type") == "INCOMING"}
    assert ringing and "daria" not in ringing


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


async def test_history_pull_csv(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    ids = [
        await sandbox.place_call(
            provider="cloudpbx",
            direction="in",
            number="48601111111",
            agent="mike",
            outcome="answered",
            talk=42,
            wait=3,
            rating=5,
        ),
        await sandbox.place_call(
            provider="cloudpbx", direction="in", number="48601111112", agent="mike", outcome="missed", wait=12
        ),
        await sandbox.place_call(
            provider="cloudpbx", direction="out", number="48601111113", agent="serg", outcome="busy", wait=8
        ),
    ]
    await sandbox.wait_idle(5)
    answer = await client.post(API, data={"cmd": "history", "period": "today", "token": DOC_CLOUDPBX_TOKEN})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = {r[0]: r for r in _rows(answer.text)}
    assert all(len(r) == 10 for r in rows.values())
    answered, missed, busy = rows[ids[0]], rows[ids[1]], rows[ids[2]]
    assert answered[1:5] == ["in", "48601111111", "mike", answered[4]] and answered[6:8] == [
        "3",
        "45",
    ]  # the whole call
    assert answered[8].endswith(f"/records/{ids[0]}.wav") and answered[9] == "5"
    assert datetime.fromisoformat(answered[5]).utcoffset() == timedelta(hours=3)
    assert missed[1] == "missed" and missed[6:9] == ["12", "12", ""]  # all of it ringing
    assert busy[1] == "out" and busy[3] == "serg" and busy[6:9] == ["8", "8", ""]

    async def pull(**fields: str) -> list[list[str]]:
        got = await client.post(API, data={"cmd": "history", "token": DOC_CLOUDPBX_TOKEN, **fields})
        assert got.status_code == 200, got.text
        return _rows(got.text)

    assert {r[1] for r in await pull(period="today", type="missed")} == {"missed"}
    assert {r[1] for r in await pull(period="this_week", type="out")} == {"out"}
    start = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%Y%m%dT%H%M%SZ")
    recent = await pull(start=start)
    assert {r[0] for r in recent} >= set(ids)
    assert len(await pull(start=start, limit="2")) == 2
    sandbox.configure(history_csv_header=True)
    assert (await pull(start=start))[0] == [
        "UID",
        "type",
        "client",
        "account",
        "via",
        "start",
        "wait",
        "duration",
        "record",
        "rating",
    ]
    for bad in (
        {},
        {"period": "fortnight"},
        {"start": "2024-01-01"},
        {"period": "today", "type": "lost"},
        {"period": "today", "limit": "x"},
        {"start": "20240102T000000Z", "end": "20240101T000000Z"},
    ):
        got = await client.post(API, data={"cmd": "history", "token": DOC_CLOUDPBX_TOKEN, **bad})
        assert (got.status_code, got.json()) == (400, {"error": "Invalid parameters"}), bad


async def test_prefilled_history_spans_two_days(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    start = (datetime.now(UTC) - timedelta(days=3)).strftime("%Y%m%dT%H%M%SZ")
    rows = _rows((await client.post(API, data={"cmd": "history", "start": start, "token": DOC_CLOUDPBX_TOKEN})).text)
    assert rows, "prefilled calls give a history pull something to return"
    assert rows == sorted(rows, key=lambda r: r[5])
