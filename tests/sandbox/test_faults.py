"""Faults on demand: served routes (latency, time-out, 5xx, malformed, 401, rate limit) and webhooks
(dropped, duplicated, out of order), set from Python, the control API and the CLI form."""

from __future__ import annotations

import csv
import io
import json
import time

import httpx
import pytest

from app.sandbox import Sandbox, parse_fault
from app.sandbox.config import DOC_CLOUDPBX_TOKEN, DOC_TELECUBE_KEY, DOC_TELEDISCOUNT_KEY
from tests.sandbox.sandbox_kit import Receiver

PBX = "/sys/crm_api.wcgp"
HISTORY = {"cmd": "history", "period": "this_week", "token": DOC_CLOUDPBX_TOKEN}
ACCOUNTS = {"cmd": "accounts", "token": DOC_CLOUDPBX_TOKEN}
AUTH = {"Authorization": f"Bearer {DOC_TELECUBE_KEY}"}


async def test_status_fault_fires_count_times_on_its_route_only(client: httpx.AsyncClient) -> None:
    added = await client.post(
        "/_sandbox/faults", json={"route": "cloudpbx.history", "kind": "status", "status": 503, "count": 3}
    )
    assert added.status_code == 201
    assert (await client.post(PBX, data=ACCOUNTS)).status_code == 200  # another command of the same URL
    statuses = [(await client.post(PBX, data=HISTORY)).status_code for _ in range(4)]
    assert statuses == [503, 503, 503, 200]
    assert (await client.get("/_sandbox/faults")).json() == []  # spent


async def test_latency_and_timeout(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.add_fault("telecube.users:latency:0.3:count=1")
    began = time.monotonic()
    assert (await client.get("/publicApi/users", headers=AUTH)).status_code == 200
    assert time.monotonic() - began >= 0.3
    sandbox.add_fault("telediscount.get_calls:timeout:30:count=1")
    with pytest.raises(httpx.ReadTimeout):
        await client.get("/api.php/telephony/get_calls", params={"abonent_api_key": DOC_TELEDISCOUNT_KEY}, timeout=0.3)


async def test_malformed_answers(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.add_fault("cloudpbx.accounts:malformed:count=1")
    broken = await client.post(PBX, data=ACCOUNTS)
    assert broken.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(broken.text)
    sandbox.add_fault("cloudpbx.history:malformed:count=1")
    text = (await client.post(PBX, data=HISTORY)).text
    widths = {len(row) for row in csv.reader(io.StringIO(text))}
    assert len(widths) > 1  # a torn line among the 10-column rows
    sandbox.add_fault("telecube.people:malformed:count=1")
    with pytest.raises(json.JSONDecodeError):
        (await client.get("/publicApi/people", headers=AUTH)).json()


async def test_unauthorized_and_rate_limit_faults(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.add_fault("cloudpbx.*:unauthorized:count=1")
    answer = await client.post(PBX, data=ACCOUNTS)
    assert (answer.status_code, answer.json()) == (401, {"error": "Invalid token"})
    sandbox.add_fault("telecube.*:rate_limit:count=1")
    answer = await client.get("/publicApi/users", headers=AUTH)
    assert (answer.status_code, answer.json()) == (
        403,
        {"success": False, "message": "Request limit has been exceeded"},
    )
    sandbox.add_fault({"route": "telediscount.*", "kind": "rate_limit", "count": 1})
    answer = await client.get("/api.php/telephony/get_calls", params={"abonent_api_key": DOC_TELEDISCOUNT_KEY})
    assert answer.status_code == 429


async def test_probability_fault(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.add_fault({"route": "cloudpbx.accounts", "kind": "status", "status": 500, "probability": 0.5})
    statuses = [(await client.post(PBX, data=ACCOUNTS)).status_code for _ in range(40)]
    assert 5 < statuses.count(500) < 35 and statuses.count(200) == 40 - statuses.count(500)


async def test_dropped_duplicated_and_reordered_webhooks(sandbox: Sandbox, receiver: Receiver) -> None:
    sandbox.add_fault("webhook.cloudpbx.history:drop:count=1")
    sandbox.add_fault("webhook.cloudpbx.event:duplicate:count=1")
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="out", number="48221234567", agent="serg", outcome="busy"
    )
    await sandbox.wait_call(call_id, 5)
    assert [h.fields.get("type") for h in receiver.of_call(call_id)] == ["OUTGOING", "OUTGOING", "CANCELLED"]
    assert [w["outcome"] for w in sandbox.sender.log if w["call_id"] == call_id][-1] == "dropped"

    sandbox.add_fault("webhook.cloudpbx.event:reorder:count=1")
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="out", number="48221234567", agent="serg", outcome="busy"
    )
    await sandbox.wait_call(call_id, 5)
    assert [h.fields.get("type") for h in receiver.of_call(call_id)] == ["CANCELLED", "OUTGOING", "out"]

    sandbox.add_fault("webhook.telediscount.income:drop:count=1")
    call_id = await sandbox.place_call(
        provider="telediscount", direction="in", number="79101234567", agent="andy", outcome="missed"
    )
    await sandbox.wait_call(call_id, 5)
    assert [h.path for h in receiver.of_call(call_id)] == ["/td/finished"]


async def test_webhook_gives_up_after_retries(sandbox: Sandbox, receiver: Receiver) -> None:
    receiver.fail_first = 100
    call_id = await sandbox.place_call(
        provider="telediscount", direction="out", number="74951234567", agent="andy", outcome="busy"
    )
    await sandbox.wait_call(call_id, 5)
    (entry,) = [w for w in sandbox.sender.log if w["call_id"] == call_id]
    assert entry["outcome"] == "failed" and len(entry["attempts"]) == 1 + sandbox.config.webhook_retries
    assert sandbox.state()["webhooks"]["failed"] >= 1


async def test_control_api_fault_management(client: httpx.AsyncClient) -> None:
    bad = await client.post("/_sandbox/faults", json={"route": "cloudpbx.history", "kind": "explode"})
    assert bad.status_code == 400
    bad = await client.post("/_sandbox/faults", json={"route": "webhook.cloudpbx.event", "kind": "status"})
    assert bad.status_code == 400
    first = (await client.post("/_sandbox/faults", json={"route": "a.*", "kind": "latency", "seconds": 1})).json()
    await client.post("/_sandbox/faults", json={"route": "b", "kind": "status"})
    assert len((await client.get("/_sandbox/faults")).json()) == 2
    assert (await client.delete(f"/_sandbox/faults/{first['id']}")).status_code == 200
    assert (await client.delete(f"/_sandbox/faults/{first['id']}")).status_code == 404
    await client.delete("/_sandbox/faults")
    assert (await client.get("/_sandbox/faults")).json() == []


def test_cli_fault_syntax() -> None:
    fault = parse_fault("cloudpbx.history:status:503:count=3")
    assert (fault.route, fault.kind, fault.status, fault.count) == ("cloudpbx.history", "status", 503, 3)
    assert parse_fault("telecube.*:latency:2.5").seconds == 2.5
    assert parse_fault("webhook.cloudpbx.event:drop:0.1").probability == 0.1
    assert parse_fault("records.cloudpbx:not_ready:10").seconds == 10
    assert parse_fault("cloudpbx.*:malformed:p=0.5:n=2").count == 2
    for bad in ("cloudpbx.history", "x:unknown", "webhook.x:timeout", "x:status:p=2"):
        with pytest.raises(ValueError):
            parse_fault(bad)
