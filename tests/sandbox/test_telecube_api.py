"""TeleCube / CCRM server side: envelope, documented shapes and quirks, paging, 401/403, web_call."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx

from app.sandbox import Sandbox
from app.sandbox.config import DOC_TELECUBE_KEY
from app.sandbox.telecube_data import WARSAW
from tests.sandbox.sandbox_kit import fast_config

AUTH = {"Authorization": f"Bearer {DOC_TELECUBE_KEY}"}
UNAUTHORIZED = {"success": False, "message": "Unauthorized"}
LIMIT = {"success": False, "message": "Request limit has been exceeded"}


async def test_document_curl_example(client: httpx.AsyncClient) -> None:
    # curl --location 'my-crm.ccrm.pl/publicApi/people' --header 'Authorization: Bearer 1234567890abc…'
    answer = await client.get("/publicApi/people", headers=AUTH)
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"success", "data", "otherData", "message"}
    assert body["success"] is True and body["message"] == "OK"
    assert body["otherData"]["totalCount"] == len(body["data"]) == 200
    person = body["data"][0]
    for name in (
        "uuid",
        "firstName",
        "middleName",
        "lastName",
        "description",
        "phone1",
        "phone2",
        "phone3",
        "phone1Name",
        "phone2Name",
        "phone3Name",
        "email1",
        "email2",
        "email3",
        "organisations",
    ):
        assert name in person


async def test_sip_accounts_as_documented(client: httpx.AsyncClient) -> None:
    body = (await client.get("/publicApi/users/sipAccounts", headers=AUTH)).json()
    assert body["success"] is True and body["otherData"] == {} and body["message"] == "OK"
    keys = {"extensionId", "extensionType", "extension", "serverId", "name", "callerId", "assigned"}
    assert all(set(item) == keys for item in body["data"])
    assert {item["extensionType"] for item in body["data"]} == {"VOICE", "FAX", "SIPT"}
    voice = body["data"][0]
    assert isinstance(voice["extensionId"], int) and isinstance(voice["extension"], int)
    assert voice["callerId"] == 777888999  # a number where the document declares a string, as its example
    assert voice["assigned"] in (0, 1) and voice["serverId"] == "SIP8"


async def test_presentations_as_documented(client: httpx.AsyncClient) -> None:
    calls = (await client.get("/publicApi/call/presentation/available", headers=AUTH)).json()
    assert calls["otherData"]["totalCount"] == len(calls["data"]) == 2
    assert calls["data"][0] == {
        "presentation": 48777888999,
        "name": "",
        "clipPrefix": "",
        "intlFormat": "+48 777 888 999",
    }
    sms = (await client.get("/publicApi/sms/presentation/available", headers=AUTH)).json()
    assert sms["otherData"]["totalCount"] == 2
    assert [item["presentation"] for item in sms["data"]] == [48777888999, "Pozdrawiamy"]


async def test_users_with_presence(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    call_id = await sandbox.place_call(
        provider="telecube",
        direction="in",
        number="48601234567",
        agent="mike",
        outcome="answered",
        wait=0,
        talk=100_000,
    )
    users = (await client.get("/publicApi/users", headers=AUTH)).json()["data"]
    keys = {
        "uuid",
        "firstName",
        "lastName",
        "email",
        "extensionId",
        "extension",
        "dnd",
        "workNumber",
        "status",
        "callTalking",
        "callPresentation",
        "smsPresentation",
    }
    assert all(keys <= set(u) for u in users)
    mike = sandbox.roster.agent("mike")
    assert mike is not None
    by_uuid = {u["uuid"]: u for u in users}
    for _ in range(100):
        if by_uuid[mike.uid]["callTalking"] == 1:
            break
        by_uuid = {u["uuid"]: u for u in (await client.get("/publicApi/users", headers=AUTH)).json()["data"]}
    assert by_uuid[mike.uid]["callTalking"] == 1
    assert {u["status"] for u in users} <= {"online", "offline"}
    groups = (await client.get("/publicApi/users/groupsType", headers=AUTH)).json()
    assert groups["success"] and len(groups["data"]) == 2
    assert call_id in sandbox.engine.active


async def test_errors(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": DOC_TELECUBE_KEY}):
        answer = await client.get("/publicApi/people", headers=headers)
        assert (answer.status_code, answer.json()) == (401, UNAUTHORIZED)
    no_range = await client.get("/publicApi/callHistory", headers=AUTH)
    assert no_range.status_code == 400 and no_range.json()["success"] is False
    half = await client.get("/publicApi/callHistory", headers=AUTH, params={"dateFrom": "2024-01-01 00:00:00"})
    assert half.status_code == 400
    assert (await client.get("/publicApi/people", headers=AUTH, params={"page": "0"})).status_code == 400
    assert (await client.get("/publicApi/nothing", headers=AUTH)).status_code == 404
    sandbox.configure(telecube_allowed_ips=["192.0.2.10"])  # our 127.0.0.1 is no longer authorised
    answer = await client.get("/publicApi/people", headers=AUTH)
    assert (answer.status_code, answer.json()) == (401, UNAUTHORIZED)


async def test_daily_limit(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.configure(telecube_daily_limit=3)
    statuses = [(await client.get("/publicApi/users", headers=AUTH)).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    over = await client.get("/publicApi/users", headers=AUTH)
    assert (over.status_code, over.json()) == (403, LIMIT)
    assert sandbox.state()["telecube_usage"]["today"] == 4
    await client.post("/_sandbox/telecube/reset")
    assert (await client.get("/publicApi/users", headers=AUTH)).status_code == 200


async def test_paging_of_2500_people() -> None:
    async with Sandbox(fast_config(contacts=2500)) as sb, httpx.AsyncClient(base_url=sb.base_url) as http:
        pages = []
        for page in (1, 2, 3, 4):
            body = (await http.get("/publicApi/people", headers=AUTH, params={"page": page})).json()
            assert body["success"] is True and body["otherData"]["totalCount"] == 2500
            pages.append(body["data"])
    assert [len(p) for p in pages] == [1000, 1000, 500, 0]
    uuids = [p["uuid"] for page in pages for p in page]
    assert len(set(uuids)) == 2500


async def test_call_history_and_web_call(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    form = {
        "api_key": DOC_TELECUBE_KEY,
        "caller_id": "48777888999",
        "contact_a": "103",
        "contact_b": "+48 601 234 567",
        "set_caller_id_leg": "ab",
    }
    answer = await client.post(f"/api/{sandbox.config.telecube_login}/web_call/", data=form)
    assert answer.status_code == 200 and answer.json()["error"] == "OK"
    call = await sandbox.wait_call(answer.json()["id"], 5)
    assert (call.spec.agent, call.spec.number, call.spec.line) == ("andy", "48601234567", "48777888999")
    now = datetime.now(WARSAW)
    params = {
        "dateFrom": (now - timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S"),
        "dateTo": (now + timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S"),
    }
    body = (await client.get("/publicApi/callHistory", headers=AUTH, params=params)).json()
    assert body["success"] is True and body["otherData"]["totalCount"] == len(body["data"]) > 1
    mine = next(r for r in body["data"] if r["uuid"] == call.id)
    assert mine["callDirection"] == "out" and mine["service"] == "CALL"
    assert mine["externalNumber"] == {"numberNotFormatted": "48601234567"}
    assert set(mine["userTalk"]) == {"status", "receivers"}
    for key in ("callDate", "duration", "destination", "cost", "from", "to", "note"):
        assert key in mine

    bad_key = await client.post(f"/api/{sandbox.config.telecube_login}/web_call/", data={**form, "api_key": "x"})
    assert bad_key.status_code == 401 and bad_key.json()["error"] != "OK"
    bad_login = await client.post("/api/someone/web_call/", data=form)
    assert bad_login.status_code == 401
    no_agent = await client.post(f"/api/{sandbox.config.telecube_login}/web_call/", data={**form, "contact_a": "9"})
    assert no_agent.status_code == 400 and no_agent.json()["error"] != "OK"
