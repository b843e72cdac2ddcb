"""The hub's desktop REST API over real HTTP: who the user is, pages of changes filtered by who may see
what, dialling as the user, notes and contacts, recordings."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.hubkit import WAV, Hub, group_ring, missed_by_nobody, private_call, running_hub


@pytest.fixture
async def hub(ringdesk_home: Path) -> AsyncIterator[Hub]:
    async with running_hub(ringdesk_home) as running:
        yield running


async def test_me_says_who_the_user_is_and_where_they_work(hub: Hub) -> None:
    answer = await hub.get("anna", "/api/v1/me")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "login": "anna",
        "name": "Anna",
        "role": "agent",
        "identities": {"office": "anna"},
        "accounts": [{"id": "office", "provider": "cloudpbx", "name": "office"}],
        "seq": 0,
        "hub_id": hub.context.db.hub_id(),
    }
    assert len(answer.json()["hub_id"]) >= 8  # random, made with the store
    sam = (await hub.get("sam", "/api/v1/me")).json()
    assert (sam["role"], [a["id"] for a in sam["accounts"]]) == ("supervisor", ["office", "td"])


def call_ids(changes: list[dict[str, Any]]) -> list[str]:
    return [c["call"]["call_id"] for c in changes if c["type"] == "call"]


async def everyone_s_calls(hub: Hub) -> None:
    await group_ring(hub, "G1")
    await private_call(hub, "P1", "boris")
    await missed_by_nobody(hub, "M1")
    await hub.td_income("T1")


async def test_changes_are_filtered_by_who_may_see_each_call(hub: Hub) -> None:
    await everyone_s_calls(hub)
    newest = hub.context.changes.last_seq()
    seen = {login: await hub.changes(login) for login in ("anna", "boris", "tess", "sam")}
    assert {login: sorted(call_ids(page["changes"])) for login, page in seen.items()} == {
        "anna": ["G1", "M1"],  # boris's private call never reaches her
        "boris": ["G1", "M1", "P1"],
        "tess": ["T1"],  # TeleDiscount's income names nobody: everyone at td, nobody else
        "sam": ["G1", "M1", "P1", "T1"],
    }
    for page in seen.values():
        assert (page["seq"], page["more"]) == (newest, False)
        seqs = [c["seq"] for c in page["changes"]]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    g1 = next(c for c in seen["anna"]["changes"] if c["call"]["call_id"] == "G1")
    assert (g1["change"], g1["call"]["answered_by"], g1["call"]["ringing"]) == ("updated", ["boris"], ["anna", "boris"])
    assert "recording_url" not in json.dumps(seen["sam"]) and "megapbx.ru/records" not in json.dumps(seen["sam"])


async def test_paging_walks_forward_past_filtered_changes_and_never_repeats_a_window(hub: Hub) -> None:
    for n in range(6):
        await private_call(hub, f"B{n}", "boris")  # nothing for anna
    await missed_by_nobody(hub, "M1")
    await private_call(hub, "B6", "boris")
    newest = hub.context.changes.last_seq()
    after, pages, got = 0, 0, []
    while True:
        page = await hub.changes("anna", after=after, limit=1)
        assert page["seq"] > after or not page["more"], page  # always forward
        got += page["changes"]
        after, pages = page["seq"], pages + 1
        if not page["more"]:
            break
    assert call_ids(got) == ["M1"] and after == newest and pages >= 2
    again = await hub.changes("anna", after=after)
    assert again == {"changes": [], "seq": newest, "more": False}
    boris = await hub.changes("boris", limit=3)
    assert (call_ids(boris["changes"]), boris["more"]) == (["B0", "B1", "B2"], True)
    assert boris["seq"] == boris["changes"][-1]["seq"]


async def test_bad_paging_parameters_are_400_with_a_sentence(hub: Hub) -> None:
    for query in ("after=-1", "after=soon", "limit=0", "limit=5001"):
        answer = await hub.get("anna", f"/api/v1/changes?{query}")
        assert (answer.status_code, answer.json()["error"]) == (400, "invalid"), query
        assert "parameter" in answer.json()["message"]


# -- dialling --------------------------------------------------------------------------------------------
async def test_an_agent_dials_as_their_own_identity_and_the_attempt_is_a_change(hub: Hub) -> None:
    answer = await hub.post("anna", "/api/v1/dial", {"number": "+7 (910) 765-43-21"})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "account": "office",
        "call_id": "dial-1",
        "number": "+79107654321",
        "caller_id": None,
        "user": "anna",
    }
    [sent] = hub.pbx.dialled()
    assert (sent["user"], sent["phone"]) == ("anna", "79107654321")  # anna's phone rings, not the account's andy
    [change] = (await hub.changes("anna"))["changes"]
    assert (change["call"]["call_id"], change["call"]["direction"], change["call"]["agent"]) == (
        "dial-1",
        "out",
        "anna",
    )
    assert (await hub.changes("boris"))["changes"] == []


async def test_dialling_where_the_user_is_nobody_is_refused_before_any_request(hub: Hub) -> None:
    elsewhere = await hub.post("anna", "/api/v1/dial", {"number": "+79107654321", "account": "td"})
    assert (elsewhere.status_code, elsewhere.json()["error"]) == (403, "forbidden")
    nowhere = await hub.post("sam", "/api/v1/dial", {"number": "+79107654321"})
    assert (nowhere.status_code, nowhere.json()["error"]) == (409, "conflict")
    for body in ({}, {"number": 79107654321}, [1]):
        bad = await hub.post("anna", "/api/v1/dial", body)
        assert (bad.status_code, bad.json()["error"]) == (400, "invalid"), body
    assert hub.pbx.dialled() == []


async def test_a_providers_refusal_is_502_with_the_problem_to_translate(hub: Hub) -> None:
    hub.pbx.refuse = httpx.Response(401, json={"error": "Invalid token"})
    answer = await hub.post("anna", "/api/v1/dial", {"number": "+79107654321"})
    assert (answer.status_code, answer.json()["error"]) == (502, "provider"), answer.text
    problem = answer.json()["problem"]
    assert set(problem) == {"type", "template", "fields", "hint"} and problem["template"]
    assert problem["type"] == "AuthError"
    assert answer.json()["message"].startswith(problem["template"].split("{")[0].strip()[:20])
    typo = await hub.post("anna", "/api/v1/dial", {"number": "call me"})
    refused = typo.json()["problem"]
    assert typo.status_code == 400 and "{number}" in refused["template"]
    # The desktop translates the sentence and its hint (which region the hub read the number in, and how to
    # change it), then fills both: every field either names is sent, with the hub's values.
    named = set(re.findall(r"{(\w+)}", refused["template"] + refused["hint"]))
    assert {"number", "region", "code"} <= named
    assert refused["fields"] == {"number": "call me", "region": "RU", "code": 7}


# -- notes and contacts ----------------------------------------------------------------------------------
async def test_a_note_is_the_users_and_the_whole_teams(hub: Hub) -> None:
    answer = await hub.post(
        "anna", "/api/v1/notes", {"phone": "+7 910 123-45-67", "text": " Calls back at 5 ", "author": "sam"}
    )
    assert answer.status_code == 200, answer.text
    note = answer.json()
    assert note["type"] == "note" and note["seq"] == hub.context.changes.last_seq()
    assert {k: note["note"][k] for k in ("phone", "text", "author", "account", "call_id")} == {
        "phone": "+79101234567",
        "text": "Calls back at 5",
        "author": "anna",
        "account": "",
        "call_id": "",
    }
    assert (await hub.changes("tess"))["changes"] == [note]


async def test_a_note_about_a_call_the_user_may_not_see_is_404(hub: Hub) -> None:
    await private_call(hub, "P1", "boris")
    hidden = await hub.post("anna", "/api/v1/notes", {"account": "office", "call_id": "P1", "text": "hm"})
    assert (hidden.status_code, hidden.json()["error"]) == (404, "not_found")
    mine = await hub.post("boris", "/api/v1/notes", {"account": "office", "call_id": "P1", "text": "sold"})
    assert mine.json()["note"]["phone"] == "+79161112233"
    for body in (
        {"phone": "+79101234567"},
        {"text": "x"},
        {"text": "x", "phone": "not a number"},
        {"text": "x", "call_id": "P1"},
    ):
        bad = await hub.post("boris", "/api/v1/notes", body)
        assert (bad.status_code, bad.json()["error"]) == (400, "invalid"), body


async def test_a_contact_is_stored_and_names_the_next_call(hub: Hub) -> None:
    body = {"name": "Zofia Wrona", "phones": ["+7 910 123-45-67"], "company": "Acme", "email": "z@acme.example"}
    answer = await hub.post("boris", "/api/v1/contacts", body)
    assert answer.status_code == 200, answer.text
    contact = answer.json()
    assert contact["type"] == "contact" and contact["contact"]["phones"] == ["+79101234567"]
    assert (contact["contact"]["name"], contact["contact"]["company"]) == ("Zofia Wrona", "Acme")
    await missed_by_nobody(hub, "M1")
    [stored, call] = (await hub.changes("anna"))["changes"]
    assert stored == contact and call["call"]["contact_name"] == "Zofia Wrona"
    for bad_body in (
        {"name": "X"},
        {"name": "X", "phones": "+79101234567"},
        {"name": "", "phones": ["+79101234567"]},
        {"name": "X", "phones": ["nope"]},
    ):
        bad = await hub.post("boris", "/api/v1/contacts", bad_body)
        assert (bad.status_code, bad.json()["error"]) == (400, "invalid"), bad_body


async def test_bodies_are_capped_and_must_be_json_objects(hub: Hub) -> None:
    huge = await hub.post("anna", "/api/v1/notes", {"phone": "+79101234567", "text": "x" * 70_000})
    assert (huge.status_code, huge.json()["error"]) == (413, "too_large")
    garbage = await hub.http.post("/api/v1/notes", content=b"{not json", headers=hub.auth("anna"))
    assert (garbage.status_code, garbage.json()["error"]) == (400, "invalid")


# -- recordings ------------------------------------------------------------------------------------------
async def test_a_recording_is_served_to_whoever_may_see_the_call_and_404_to_anyone_else(hub: Hub) -> None:
    await private_call(hub, "P1", "boris")
    mine = await hub.get("boris", "/api/v1/recordings/office/P1")
    assert (mine.status_code, mine.headers["Content-Type"], mine.content) == (200, "audio/wav", WAV)
    hidden = await hub.get("anna", "/api/v1/recordings/office/P1")
    missing = await hub.get("anna", "/api/v1/recordings/office/NOPE")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()  # a probe learns nothing
    assert (await hub.get("sam", "/api/v1/recordings/office/P1")).content == WAV
    assert len([r for r in hub.pbx.requests if r.url.path.endswith(".wav")]) == 1  # the hub's cache served sam


async def test_a_group_rings_loser_sees_the_call_but_never_gets_its_recording(hub: Hub) -> None:
    await group_ring(hub, "G1")  # anna's leg rang, boris answered
    await hub.webhook(
        cmd="history",
        type="in",
        status="Success",
        user="boris",
        duration="30",
        callid="G1",
        phone="79101234567",
        link="https://office.megapbx.ru/records/G1.wav",
    )
    assert "G1" in call_ids((await hub.changes("anna"))["changes"])  # she sees the card, who answered
    loser = await hub.get("anna", "/api/v1/recordings/office/G1")
    missing = await hub.get("anna", "/api/v1/recordings/office/NOPE")
    assert loser.status_code == 404 and loser.json() == missing.json()
    assert (await hub.get("boris", "/api/v1/recordings/office/G1")).content == WAV
    assert (await hub.get("sam", "/api/v1/recordings/office/G1")).content == WAV


async def test_an_unknown_path_or_method_gets_this_apis_error_shape(hub: Hub) -> None:
    unknown = await hub.get("anna", "/api/v1/nothing")
    assert (unknown.status_code, unknown.json()["error"]) == (404, "not_found")
    assert "message" in unknown.json()
