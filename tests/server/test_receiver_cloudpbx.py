"""The Cloud PBX's CRM endpoint over real HTTP: the document's example, its errors, and the extras seen
in public implementations."""

from __future__ import annotations

from datetime import UTC, datetime

from app.core.models import CallStatus, Contact, ContactPhone, Direction
from app.services.hub import Change
from app.store.calls import CallQuery

# The provider document's example request, byte for byte.
DOC_HISTORY = (
    "cmd=history&type=in&status=Success&phone=79101234567&user=user&duration=124&link=https://link/file.mp3"
    "&crm_token=76fsd7tfs-fhjdgdjfsfsk-hfgsdguuuwoeiweyl111&callid=B10D0EB124F4E64AF4EA-1511"
)
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def post(receiver, fields: dict[str, str], account: str = "office"):  # type: ignore[no-untyped-def]
    return await receiver.client.post(f"/hooks/{account}", data={**fields, "crm_token": receiver.crm_token})


def rows(receiver):  # type: ignore[no-untyped-def]
    return receiver.context.calls.page(CallQuery(), limit=100)


async def test_the_documents_history_example_is_stored_and_answered_with_an_empty_200(receiver) -> None:
    answer = await receiver.client.post("/hooks/office", content=DOC_HISTORY, headers=FORM)
    assert (answer.status_code, answer.content) == (200, b"")
    [row] = rows(receiver)
    assert (row.call_id, row.direction, row.status, row.phone, row.agent, row.duration_s, row.recording_url) == (
        "B10D0EB124F4E64AF4EA-1511",
        Direction.IN,
        CallStatus.ANSWERED,
        "+79101234567",
        "user",
        124,
        "https://link/file.mp3",
    )


async def test_a_bad_token_is_401_even_when_the_fields_are_bad_too_and_nothing_is_stored(receiver) -> None:
    for body in (
        DOC_HISTORY.replace("hfgsdguuuwoeiweyl111", "guess"),
        "cmd=nonsense&crm_token=guess",
        "cmd=history",
        b"cmd=history&phone=\xff\xfe&crm_token=x",
    ):
        answer = await receiver.client.post("/hooks/office", content=body, headers=FORM)
        assert (answer.status_code, answer.json()) == (401, {"error": "Invalid token"})
    assert rows(receiver) == []


async def test_missing_fields_unknown_commands_and_non_utf8_bodies_are_400_and_store_nothing(receiver) -> None:
    token = f"&crm_token={receiver.crm_token}"
    bodies = [
        DOC_HISTORY.replace("&callid=B10D0EB124F4E64AF4EA-1511", ""),  # missing callid
        DOC_HISTORY.replace("duration=124", "duration=long"),  # invalid number
        DOC_HISTORY.replace("status=Success", "status=Exploded"),  # unknown status
        "cmd=dance&phone=79101234567&callid=X" + token,  # unknown cmd
        "phone=79101234567&callid=X" + token,  # no cmd
        "cmd=event&type=RINGING_LOUDLY&phone=79101234567&user=andy&callid=X" + token,
        b"cmd=event&type=INCOMING&phone=7910\xff&user=andy&callid=X" + token.encode(),  # not UTF-8
    ]
    for body in bodies:
        answer = await receiver.client.post("/hooks/office", content=body, headers=FORM)
        assert (answer.status_code, answer.json()) == (400, {"error": "Invalid parameters"}), body
    assert rows(receiver) == []


async def test_json_bodies_are_understood_like_forms(receiver) -> None:
    answer = await receiver.client.post(
        "/hooks/office",
        json={
            "cmd": "event",
            "type": "INCOMING",
            "phone": 79101234567,
            "diversion": "74951234567",
            "user": "andy",
            "callid": "J1",
            "crm_token": receiver.crm_token,
        },
    )
    assert (answer.status_code, answer.content) == (200, b"")
    assert [u.change for u in receiver.updates] == [Change.RINGING]
    call = receiver.updates[0].call
    assert (call.phone, call.line, call.ringing_agents()) == ("+79101234567", "+74951234567", {"andy"})
    bad = await receiver.client.post(
        "/hooks/office", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert (bad.status_code, bad.json()) == (400, {"error": "Invalid parameters"})


async def test_unknown_accounts_and_accounts_of_other_providers_are_not_found(receiver) -> None:
    for account in ("nobody", "td", "cube"):
        answer = await receiver.client.post(f"/hooks/{account}", content=DOC_HISTORY, headers=FORM)
        assert (answer.status_code, answer.json()) == (404, {"error": "Not found"})


async def test_contact_answers_name_and_responsible_for_any_written_form_and_empty_for_unknown(receiver) -> None:
    receiver.context.contacts.upsert(
        Contact("Anna Petrova", [ContactPhone("+79101234567", "8 (910) 123-45-67")], responsible="anna")
    )
    known = await post(receiver, {"cmd": "contact", "phone": "79101234567", "callid": "C1"})
    assert (known.status_code, known.json()) == (200, {"contact_name": "Anna Petrova", "responsible": "anna"})
    unknown = await post(receiver, {"cmd": "contact", "phone": "79990001122", "callid": "C2"})
    assert (unknown.status_code, unknown.json()) == (200, {})
    assert receiver.context.contacts.lookup("+79990001122") is None  # leads are off by default
    missing = await post(receiver, {"cmd": "contact", "callid": "C3"})
    assert missing.status_code == 400


async def test_unknown_callers_become_leads_when_the_setting_is_on(receiver) -> None:
    receiver.context.settings.general.create_leads = True
    first = await post(receiver, {"cmd": "contact", "phone": "79990001122", "callid": "C1"})
    assert first.json() == {}
    lead = receiver.context.contacts.lookup("+79990001122")
    assert lead is not None and lead.name == "Lead +7 999 000-11-22"
    again = await post(receiver, {"cmd": "contact", "phone": "+7 999 000 11 22", "callid": "C2"})
    assert again.json() == {"contact_name": "Lead +7 999 000-11-22"}
    assert receiver.context.contacts.count() == 1


async def test_a_group_ring_with_public_extras_ends_as_one_answered_call(receiver) -> None:
    common = {
        "phone": "79101234567",
        "callid": "G1",
        "telnum": "74951234567",
        "direction": "in",
        "groupRealName": "Sales",
    }
    steps = [
        {"cmd": "event", "type": "INCOMING", "user": "andy@acme.megapbx.ru"},
        {"cmd": "event", "type": "INCOMING", "user": "bob@acme.megapbx.ru"},
        {"cmd": "event", "type": "INCOMING", "user": "g_5f2c9a@acme.megapbx.ru"},
        {"cmd": "event", "type": "ACCEPTED", "user": "bob@acme.megapbx.ru"},
        {"cmd": "event", "type": "CANCELLED", "user": "andy@acme.megapbx.ru"},
        {"cmd": "event", "type": "COMPLETED", "user": "bob@acme.megapbx.ru"},
        {
            "cmd": "history",
            "type": "in",
            "status": "success",
            "user": "bob@acme.megapbx.ru",
            "duration": "61",
            "start": "20261123T101500Z",
            "wait": "7",
            "ext": "702",
            "group": "sales",
            "missedStatus": "",
        },
        {"cmd": "rating", "user": "bob@acme.megapbx.ru", "ext": "702", "rating": "4"},
    ]
    for step in steps:
        answer = await post(receiver, {**common, **step})
        assert answer.status_code == 200, answer.text
    [row] = rows(receiver)
    assert (row.status, row.agent, row.line, row.duration_s, row.wait_s, row.rating) == (
        CallStatus.ANSWERED,
        "bob",
        "+74951234567",
        61,
        7,
        4,
    )
    assert row.started_at == datetime(2026, 11, 23, 10, 15, tzinfo=UTC)
    assert [u.change for u in receiver.updates][:4] == [Change.RINGING, Change.RINGING, Change.RINGING, Change.ANSWERED]


async def test_missed_and_outgoing_outcomes_in_every_casing(receiver) -> None:
    calls = {
        "M1": {"type": "in", "status": "missed", "user": "pbx", "duration": "0"},
        "M2": {"type": "in", "status": "Missed", "user": "g_77@acme", "duration": "0"},
        "O1": {"type": "out", "status": "BUSY", "user": "andy", "duration": "0"},
        "O2": {"type": "out", "status": "NotAvailable", "user": "andy", "duration": "0"},
        "O3": {"type": "out", "status": "notallowed", "user": "andy", "duration": "0"},
        "O4": {"type": "out", "status": "Cancel", "user": "andy", "duration": "0"},
        "O5": {"type": "out", "status": "NotFound", "user": "andy", "duration": "0"},
    }
    for call_id, fields in calls.items():
        answer = await post(receiver, {"cmd": "history", "phone": "48777888999", "callid": call_id, **fields})
        assert answer.status_code == 200, (call_id, answer.text)
    found = {row.call_id: (row.status, row.agent) for row in rows(receiver)}
    assert found == {
        "M1": (CallStatus.MISSED, ""),
        "M2": (CallStatus.MISSED, ""),
        "O1": (CallStatus.BUSY, "andy"),
        "O2": (CallStatus.UNAVAILABLE, "andy"),
        "O3": (CallStatus.BARRED, "andy"),
        "O4": (CallStatus.CANCELLED, "andy"),
        "O5": (CallStatus.FAILED, "andy"),
    }
