"""Complete, correctly ordered webhook sequences, as a CRM endpoint of our own receives them."""

from __future__ import annotations

import asyncio

import pytest

from app.sandbox import Sandbox
from app.sandbox.config import DOC_CRM_TOKEN
from tests.sandbox.sandbox_kit import Hit, Receiver, fast_config

EVENT_FIELDS = {"cmd", "type", "phone", "diversion", "user", "callid", "crm_token"}
HISTORY_FIELDS = {
    "cmd",
    "type",
    "status",
    "phone",
    "user",
    "diversion",
    "duration",
    "callid",
    "crm_token",
    "start",
    "wait",
}


def steps(hits: list[Hit]) -> list[tuple[str, str, str]]:
    """(cmd, type, user) of each Cloud PBX webhook."""
    return [(h.cmd, h.fields.get("type", ""), h.fields.get("user", "")) for h in hits]


async def test_cloudpbx_answered_incoming(sandbox: Sandbox, receiver: Receiver) -> None:
    call_id = await sandbox.place_call(
        provider="cloudpbx",
        direction="in",
        number="+48 601 234 567",
        agent="andy",
        outcome="answered",
        wait=4,
        talk=95,
        rating=None,
    )
    await sandbox.wait_call(call_id, 5)
    hits = receiver.of_call(call_id)
    assert steps(hits) == [
        ("contact", "", ""),
        ("event", "INCOMING", "andy"),
        ("event", "ACCEPTED", "andy"),
        ("event", "COMPLETED", "andy"),
        ("history", "in", "andy"),
    ]
    assert hits[0].fields == {
        "cmd": "contact",
        "phone": "48601234567",
        "callid": call_id,
        "crm_token": DOC_CRM_TOKEN,
    }
    for hit in hits[1:4]:
        assert set(hit.fields) >= EVENT_FIELDS
        assert hit.fields["phone"] == "48601234567" and hit.fields["crm_token"] == DOC_CRM_TOKEN
        assert not {"time", "timestamp", "start"} & set(hit.fields)  # events carry no timestamp
    history = hits[-1].fields
    assert set(history) >= HISTORY_FIELDS
    # duration is the whole call, the wait included ("общая длительность звонка"): 4 s ringing + 95 s talk
    assert (history["status"], history["duration"], history["wait"]) == ("Success", "99", "4")
    assert history["link"] == f"{sandbox.base_url}/records/{call_id}.wav"
    assert len(history["start"]) == 16 and history["start"].endswith("Z")


async def test_cloudpbx_missed_group_ring(sandbox: Sandbox, receiver: Receiver) -> None:
    members = next(g for g in sandbox.roster.groups if g.id == "support").members
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="in", number="79161234567", group="support", outcome="missed", wait=30
    )
    await sandbox.wait_call(call_id, 5)
    got = steps(receiver.of_call(call_id))
    assert got[0][0] == "contact"
    incoming = [s for s in got if s[1] == "INCOMING"]
    cancelled = [s for s in got if s[1] == "CANCELLED"]
    assert [s[2] for s in incoming] == list(members)
    assert sorted(s[2] for s in cancelled) == sorted(members)  # one CANCELLED per ringing agent
    assert not [s for s in got if s[1] in ("ACCEPTED", "COMPLETED")]
    assert got.index(incoming[-1]) < got.index(cancelled[0])
    assert got[-1][:2] == ("history", "in")
    history = receiver.of_call(call_id)[-1].fields
    # nobody talked: the whole call was the 30 s of ringing
    assert (history["status"], history["duration"], history["wait"]) == ("Missed", "30", "30")
    assert "link" not in history
    assert history["groupRealName"]


async def test_cloudpbx_answered_group_ring_cancels_the_losers(sandbox: Sandbox, receiver: Receiver) -> None:
    members = next(g for g in sandbox.roster.groups if g.id == "sales").members
    call_id = await sandbox.place_call(
        provider="cloudpbx",
        direction="in",
        number="79161234568",
        group="sales",
        outcome="answered",
        talk=20,
        rating=None,
    )
    call = await sandbox.wait_call(call_id, 5)
    got = steps(receiver.of_call(call_id))
    accepted = [s[2] for s in got if s[1] == "ACCEPTED"]
    assert accepted == [call.answered_by]
    assert sorted(s[2] for s in got if s[1] == "CANCELLED") == sorted(set(members) - {call.answered_by})
    assert [s[2] for s in got if s[1] == "COMPLETED"] == [call.answered_by]
    assert got[-1] == ("history", "in", call.answered_by)


async def test_cloudpbx_outgoing_busy(sandbox: Sandbox, receiver: Receiver) -> None:
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="out", number="48221234567", agent="serg", outcome="busy", wait=7
    )
    await sandbox.wait_call(call_id, 5)
    hits = receiver.of_call(call_id)
    assert steps(hits) == [
        ("event", "OUTGOING", "serg"),
        ("event", "CANCELLED", "serg"),
        ("history", "out", "serg"),
    ]
    fields = hits[-1].fields  # the whole call was the 7 s wait for the client
    assert (fields["status"], fields["duration"], fields["wait"]) == ("Busy", "7", "7")
    assert "link" not in hits[-1].fields


@pytest.mark.parametrize(
    ("outcome", "status"),
    [("not_available", "NotAvailable"), ("not_allowed", "NotAllowed"), ("answered", "Success")],
)
async def test_cloudpbx_outgoing_statuses(sandbox: Sandbox, receiver: Receiver, outcome: str, status: str) -> None:
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="out", number="48221234567", agent="serg", outcome=outcome, talk=12
    )
    await sandbox.wait_call(call_id, 5)
    assert receiver.of_call(call_id)[-1].fields["status"] == status


async def test_cloudpbx_transfer(sandbox: Sandbox, receiver: Receiver) -> None:
    call_id = await sandbox.place_call(
        provider="cloudpbx",
        direction="in",
        number="48601234569",
        agent="andy",
        outcome="transferred",
        transfer_to="mike",
        talk=60,
        rating=4,
    )
    await sandbox.wait_call(call_id, 5)
    assert steps(receiver.of_call(call_id)) == [
        ("contact", "", ""),
        ("event", "INCOMING", "andy"),
        ("event", "ACCEPTED", "andy"),
        ("event", "TRANSFERRED", "andy"),
        ("event", "INCOMING", "mike"),
        ("event", "ACCEPTED", "mike"),
        ("event", "COMPLETED", "mike"),
        ("history", "in", "mike"),
        ("rating", "", "mike"),
    ]
    rating = receiver.of_call(call_id)[-1].fields
    assert rating["rating"] == "4" and rating["phone"] == "48601234569"


async def test_contact_answer_routes_a_group_call_to_the_responsible(sandbox: Sandbox, receiver: Receiver) -> None:
    receiver.contact_answer = {"contact_name": "Менеджер ЗАО Рога и копыта", "responsible": "serg"}
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="in", number="79101234567", group="sales", outcome="answered", talk=5
    )
    call = await sandbox.wait_call(call_id, 5)
    assert call.contact_name == "Менеджер ЗАО Рога и копыта"
    first_event = next(s for s in steps(receiver.of_call(call_id)) if s[0] == "event")
    assert first_event == ("event", "INCOMING", "serg")


async def test_slow_contact_answer_falls_back_to_the_group(receiver: Receiver) -> None:
    receiver.contact_answer = {"contact_name": "Late", "responsible": "serg"}
    receiver.contact_delay = 0.5
    async with Sandbox(fast_config(receiver, contact_timeout=0.1)) as sb:
        call_id = await sb.place_call(
            provider="cloudpbx", direction="in", number="79101234567", group="sales", outcome="missed"
        )
        call = await sb.wait_call(call_id, 5)
    ringing = [s[2] for s in steps(receiver.of_call(call_id)) if s[1] == "INCOMING"]
    assert ringing == list(next(g for g in sb.roster.groups if g.id == "sales").members)
    assert call.contact_name is None


async def test_cloudpbx_quirk_switches(receiver: Receiver) -> None:
    config = fast_config(
        receiver,
        user_format="tenant",
        mixed_status_case=True,
        missed_user_pbx=True,
        extra_fields=False,
        send_missed_history=True,
    )
    async with Sandbox(config) as sb:
        ids = [
            await sb.place_call(
                provider="cloudpbx",
                direction="in",
                number=f"4860123450{i}",
                agent="andy",
                outcome="answered",
                talk=3,
            )
            for i in range(6)
        ]
        missed = await sb.place_call(
            provider="cloudpbx", direction="in", number="48601234599", agent="andy", outcome="missed"
        )
        await sb.wait_idle(5)
    event = receiver.of_call(ids[0])[1].fields
    assert event["user"] == "andy@ringdesk.megapbx.ru" and "direction" not in event
    statuses = {receiver.of_call(i)[-1].fields["status"] for i in ids}
    assert statuses == {"Success", "success"}
    assert receiver.of_call(missed)[-1].fields["user"] == "pbx"
    async with Sandbox(fast_config(receiver, send_missed_history=False)) as sb:
        quiet = await sb.place_call(
            provider="cloudpbx", direction="in", number="48601234598", agent="andy", outcome="missed"
        )
        await sb.wait_call(quiet, 5)
    assert [h.cmd for h in receiver.of_call(quiet)] == ["contact", "event", "event"]


async def test_webhooks_are_retried_until_acknowledged(sandbox: Sandbox, receiver: Receiver) -> None:
    receiver.fail_first = 2
    call_id = await sandbox.place_call(
        provider="cloudpbx", direction="out", number="48221234567", agent="serg", outcome="busy"
    )
    await sandbox.wait_call(call_id, 5)
    assert [s[1] for s in steps(receiver.of_call(call_id))] == ["OUTGOING", "CANCELLED", "out"]
    first = next(w for w in sandbox.sender.log if w["call_id"] == call_id)
    assert [a["status"] for a in first["attempts"]] == [500, 500, 200]
    assert first["outcome"] == "delivered"


async def test_telediscount_answered_incoming(sandbox: Sandbox, receiver: Receiver) -> None:
    call_id = await sandbox.place_call(
        provider="telediscount",
        direction="in",
        number="79039998877",
        agent="andy",
        outcome="answered",
        wait=5,
        talk=12,
        line="79037778899",
    )
    call = await sandbox.wait_call(call_id, 5)
    income, finished = receiver.of_call(call_id)
    assert (income.path, finished.path) == ("/td/income", "/td/finished")
    assert income.method == finished.method == "GET"
    assert income.fields == {
        "num_a": "79039998877",
        "num_m": "79037778899",
        "setup_time": str(int(call.started)),
        "api_call_id": call_id,
    }
    agent = sandbox.roster.agent("andy")
    assert agent is not None
    assert finished.fields == {
        "num_a": "79039998877",
        "num_m": "79037778899",
        "num_b": agent.sip,
        "setup_time": str(int(call.started)),
        "connection_time": "12",
        "waiting_time": "5",
        "api_call_id": call_id,
        "code_name_num_a": "Билайн",
        "code_name_num_b": "SIP",
        "price": "0.00",
    }


async def test_telediscount_missed_group_call(sandbox: Sandbox, receiver: Receiver) -> None:
    call_id = await sandbox.place_call(
        provider="telediscount",
        direction="in",
        number="74991234567",
        group="sales",
        outcome="missed",
        wait=40,
    )
    await sandbox.wait_call(call_id, 5)
    income, finished = receiver.of_call(call_id)
    assert income.path == "/td/income" and finished.path == "/td/finished"
    assert (
        finished.fields["num_b"],
        finished.fields["connection_time"],
        finished.fields["waiting_time"],
    ) == ("", "0", "40")
    assert finished.fields["code_name_num_a"] == "Москва"


async def test_telediscount_outgoing_busy_sends_only_call_finished(sandbox: Sandbox, receiver: Receiver) -> None:
    call_id = await sandbox.place_call(
        provider="telediscount", direction="out", number="74951234567", agent="mike", outcome="busy"
    )
    await sandbox.wait_call(call_id, 5)
    (finished,) = receiver.of_call(call_id)
    agent = sandbox.roster.agent("mike")
    assert agent is not None
    assert finished.path == "/td/finished"
    assert (finished.fields["num_a"], finished.fields["num_b"], finished.fields["connection_time"]) == (
        agent.sip,
        "74951234567",
        "0",
    )


async def test_calls_overlap_without_mixing_sequences(sandbox: Sandbox, receiver: Receiver) -> None:
    ids = await asyncio.gather(
        *(
            sandbox.place_call(
                provider="cloudpbx",
                direction="in",
                number=f"4860000000{i}",
                agent="andy",
                outcome="answered",
                talk=30,
                rating=None,
            )
            for i in range(8)
        )
    )
    await sandbox.wait_idle(5)
    for call_id in ids:
        assert [s[1] for s in steps(receiver.of_call(call_id))] == [
            "",
            "INCOMING",
            "ACCEPTED",
            "COMPLETED",
            "in",
        ]


async def test_history_webhook_matches_the_document_example(sandbox: Sandbox, receiver: Receiver) -> None:
    # cmd=history&type=in&status=Success&phone=79101234567&user=user&duration=124&link=…&crm_token=…&callid=…
    sandbox.configure(extra_fields=False)
    call_id = await sandbox.place_call(
        provider="cloudpbx",
        direction="in",
        number="79101234567",
        agent="andy",
        outcome="answered",
        wait=5,
        talk=119,  # the example's duration=124 is the whole call: 5 s ringing + 119 s talk
        rating=None,
    )
    await sandbox.wait_call(call_id, 5)
    history = receiver.of_call(call_id)[-1].fields
    documented = {"cmd", "type", "status", "phone", "user", "duration", "link", "crm_token", "callid"}
    assert documented | {"diversion"} | {"start", "wait"} == set(history)
    assert (history["cmd"], history["type"], history["status"], history["phone"], history["duration"]) == (
        "history",
        "in",
        "Success",
        "79101234567",
        "124",
    )
    assert history["crm_token"] == DOC_CRM_TOKEN and history["callid"] == call_id
