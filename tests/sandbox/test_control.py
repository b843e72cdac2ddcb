"""The control API: placing calls, reading the request and webhook logs, configuring, state."""

from __future__ import annotations

import httpx
import pytest

from app.sandbox import Sandbox
from app.sandbox.config import DOC_CLOUDPBX_TOKEN, DOC_TELECUBE_KEY
from tests.sandbox.sandbox_kit import Receiver


async def test_place_call_over_http(client: httpx.AsyncClient, receiver: Receiver) -> None:
    placed = await client.post(
        "/_sandbox/calls",
        json={
            "provider": "cloudpbx",
            "direction": "in",
            "from": "+48 601 234 567",
            "to": "andy",
            "outcome": "answered",
            "talk": 30,
            "wait": 2,
            "wait_done": True,
        },
    )
    assert placed.status_code == 201
    call = placed.json()
    assert call["phase"] == "done" and call["answered_by"] == "andy"
    assert call["spec"]["number"] == "48601234567" and call["spec"]["talk"] == 30
    detail = (await client.get(f"/_sandbox/calls/{call['call_id']}")).json()
    assert [w["name"] for w in detail["webhooks"]][:2] == ["contact", "event"]
    assert all(w["outcome"] == "delivered" for w in detail["webhooks"])
    group = await client.post(
        "/_sandbox/calls",
        json={"provider": "telediscount", "direction": "in", "to": "support", "outcome": "missed"},
    )
    assert group.status_code == 201 and group.json()["spec"]["group"] == "support"
    listed = (await client.get("/_sandbox/calls", params={"limit": 5})).json()
    assert len(listed["done"]) == 5 and "active" in listed
    assert (await client.get("/_sandbox/calls/nothing")).status_code == 404


async def test_place_call_rejects_nonsense(client: httpx.AsyncClient) -> None:
    for body in (
        {"provider": "skype"},
        {"direction": "sideways"},
        {"agent": "ghost"},
        {"direction": "in", "outcome": "busy"},
        {"direction": "in", "outcome": "answered", "talk": -1},
        {"colour": "blue"},
        {"to": "nobody"},
    ):
        answer = await client.post("/_sandbox/calls", json=body)
        assert answer.status_code == 400 and "error" in answer.json(), body
    assert (await client.post("/_sandbox/calls", content=b"[1, 2]")).status_code == 400
    assert (await client.post("/_sandbox/calls", content=b"{nope")).status_code == 400


async def test_request_log_newest_last(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    await client.delete("/_sandbox/requests")
    await client.post("/sys/crm_api.wcgp", data={"cmd": "accounts", "token": DOC_CLOUDPBX_TOKEN})
    await client.get("/publicApi/users", headers={"Authorization": f"Bearer {DOC_TELECUBE_KEY}"}, params={"page": 1})
    log = (await client.get("/_sandbox/requests")).json()
    assert [e["path"] for e in log] == ["/sys/crm_api.wcgp", "/publicApi/users"]
    pbx, ccrm = log
    assert pbx["method"] == "POST" and pbx["form"] == {"cmd": "accounts", "token": DOC_CLOUDPBX_TOKEN}
    assert pbx["status"] == 200 and pbx["headers"]["Content-Type"] == "application/x-www-form-urlencoded"
    assert ccrm["query"] == {"page": "1"} and ccrm["headers"]["Authorization"] == f"Bearer {DOC_TELECUBE_KEY}"
    only = (await client.get("/_sandbox/requests", params={"path": "/publicApi", "limit": 1})).json()
    assert [e["path"] for e in only] == ["/publicApi/users"]


async def test_request_log_is_bounded() -> None:
    from tests.sandbox.sandbox_kit import fast_config

    async with (
        Sandbox(fast_config(request_log_size=10)) as sb,
        httpx.AsyncClient(base_url=sb.base_url) as http,
    ):
        for _ in range(25):
            await http.post("/sys/crm_api.wcgp", data={"cmd": "accounts", "token": "x"})
        log = (await http.get("/_sandbox/requests")).json()
        assert len(log) == 10 and sb.requests.total == 25
        assert log[-1]["id"] == 25 and log[-1]["status"] == 401


async def test_config_and_state(client: httpx.AsyncClient, sandbox: Sandbox, receiver: Receiver) -> None:
    changed = await client.post(
        "/_sandbox/config",
        json={
            "crm_url": "http://127.0.0.1:1/crm",
            "crm_token": "T",
            "time_scale": 0.5,
            "user_format": "tenant",
        },
    )
    assert changed.status_code == 200 and set(changed.json()["changed"]) == {
        "crm_url",
        "crm_token",
        "time_scale",
        "user_format",
    }
    assert sandbox.config.crm_token == "T" and sandbox.config.time_scale == 0.5
    for bad in (
        {"nonsense": 1},
        {"seed": 3},
        {"time_scale": -1},
        {"user_format": "weird"},
        {"time_scale": "fast"},
    ):
        assert (await client.post("/_sandbox/config", json=bad)).status_code == 400, bad
    state = (await client.get("/_sandbox/state")).json()
    assert state["credentials"] == {
        "cloudpbx_token": DOC_CLOUDPBX_TOKEN,
        "crm_token": "T",
        "telediscount_api_key": sandbox.config.telediscount_api_key,
        "telecube_api_key": DOC_TELECUBE_KEY,
        "telecube_login": "claudeict",
    }
    assert state["webhook_targets"]["crm_url"] == "http://127.0.0.1:1/crm"
    assert state["urls"]["cloudpbx"] == f"{sandbox.base_url}/sys/crm_api.wcgp"
    assert state["calls"]["archived_calls"] == 20  # prefilled
    agents = (await client.get("/_sandbox/agents")).json()
    assert agents[2]["login"] == "andy" and agents[2]["sip"] == "SIP/0000000672"


async def test_webhook_log(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    call_id = await sandbox.place_call(
        provider="telediscount",
        direction="in",
        number="79039998877",
        agent="andy",
        outcome="answered",
        talk=5,
    )
    await sandbox.wait_call(call_id, 5)
    log = (await client.get("/_sandbox/webhooks", params={"call_id": call_id})).json()
    assert [w["name"] for w in log] == ["income", "call_finished"]
    assert log[0]["method"] == "GET" and log[0]["attempts"][0]["status"] == 200
    await client.delete("/_sandbox/webhooks")
    assert (await client.get("/_sandbox/webhooks")).json() == []


async def test_sandbox_runs_without_webhook_targets() -> None:
    from tests.sandbox.sandbox_kit import fast_config

    async with Sandbox(fast_config()) as sb:
        call_id = await sb.place_call(provider="cloudpbx", direction="in", outcome="answered")
        call = await sb.wait_call(call_id, 5)
        assert call.phase == "done" and sb.sender.counts["no_target"] >= 4


async def test_a_taken_port_raises_and_leaves_nothing_open() -> None:
    from tests.sandbox.sandbox_kit import fast_config

    async with Sandbox(fast_config()) as first:
        port = int(first.base_url.rsplit(":", 1)[1])
        second = Sandbox(fast_config())
        with pytest.raises(OSError):
            await second.start("127.0.0.1", port)
        assert second.sender._client is None
