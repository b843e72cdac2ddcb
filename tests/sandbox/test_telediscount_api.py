"""TeleDiscount server side: the document's example requests, the record fields, the chosen errors."""

from __future__ import annotations

import httpx

from app.sandbox import Sandbox
from app.sandbox.config import DOC_TELEDISCOUNT_KEY
from tests.sandbox.sandbox_kit import Receiver

BASE = "/api.php/telephony"
RECORD_FIELDS = [
    "abonent_id",
    "setup_time",
    "service_name",
    "num_a",
    "code_name_num_a",
    "num_m",
    "num_b",
    "code_name_num_b",
    "num_a_connection_time",
    "num_b_connection_time",
    "connection_time",
    "num_a_waiting_time",
    "num_b_waiting_time",
    "recorder_file",
    "price",
    "api_call_id",
]


async def test_outcome_document_example(client: httpx.AsyncClient, sandbox: Sandbox, receiver: Receiver) -> None:
    # https://my.telediscount.ru/api.php/telephony/outcome?num_a=SIP/00000000672&num_b=74951234567&abonent_api_key=…
    answer = await client.get(
        f"{BASE}/outcome",
        params={"num_a": "SIP/00000000672", "num_b": "74951234567", "abonent_api_key": DOC_TELEDISCOUNT_KEY},
    )
    assert answer.status_code == 200
    call_id = answer.json()["api_call_id"]
    assert answer.json() == {"status": "ok", "api_call_id": call_id}
    call = await sandbox.wait_call(call_id, 5)
    assert call.spec.agent == "andy" and call.spec.number == "74951234567"  # SIP/…0672 is andy's account
    (finished,) = receiver.of_call(call_id)
    assert finished.path == "/td/finished" and finished.fields["num_a"] == "SIP/0000000672"

    # get_calls?abonent_api_key=…&api_call_id=xxx: the record with every documented field, in order.
    rows = (
        await client.get(f"{BASE}/get_calls", params={"abonent_api_key": DOC_TELEDISCOUNT_KEY, "api_call_id": call_id})
    ).json()
    assert len(rows) == 1 and list(rows[0]) == RECORD_FIELDS
    row = rows[0]
    assert row["service_name"] == "sip_outcome" and row["num_b"] == "74951234567"
    assert row["connection_time"] == str(call.spec.talk) and row["setup_time"] == str(int(call.started))
    assert row["recorder_file"] == f"{sandbox.base_url}/records/{call_id}.wav"
    assert float(row["price"]) > 0

    # get_record?abonent_api_key=…&api_call_id=xxx: the audio of that call.
    audio = await client.get(
        f"{BASE}/get_record", params={"abonent_api_key": DOC_TELEDISCOUNT_KEY, "api_call_id": call_id}
    )
    assert audio.status_code == 200 and audio.headers["content-type"] == "audio/wav"
    assert audio.content[:4] == b"RIFF"
    assert audio.content == (await client.get(f"/records/{call_id}.wav")).content


async def test_get_calls_filters(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    first = await sandbox.place_call(
        provider="telediscount",
        direction="in",
        number="79039998877",
        agent="daria",
        outcome="answered",
        talk=20,
        line="79037778899",
    )
    second = await sandbox.place_call(
        provider="telediscount",
        direction="in",
        number="79039998866",
        agent="daria",
        outcome="missed",
        line="74997001020",
    )
    await sandbox.wait_idle(5)

    async def ids(**filters: str) -> set[str]:
        got = await client.get(f"{BASE}/get_calls", params={"abonent_api_key": DOC_TELEDISCOUNT_KEY, **filters})
        assert got.status_code == 200
        return {r["api_call_id"] for r in got.json()}

    everything = await ids()
    assert {first, second} <= everything and len(everything) > 2  # prefilled calls too
    assert await ids(num_a="79039998877") == {first}
    assert second in await ids(num_m="74997001020") and first not in await ids(num_m="74997001020")
    daria = sandbox.roster.agent("daria")
    assert daria is not None
    assert first in await ids(num_b=daria.sip) and second not in await ids(num_b=daria.sip)
    assert await ids(api_call_id=second, num_a="79039998877") == set()
    missed = (
        await client.get(f"{BASE}/get_calls", params={"abonent_api_key": DOC_TELEDISCOUNT_KEY, "api_call_id": second})
    ).json()[0]
    assert (missed["service_name"], missed["num_b"], missed["recorder_file"]) == ("ivr", "", "")


async def test_errors(client: httpx.AsyncClient) -> None:
    key = {"abonent_api_key": DOC_TELEDISCOUNT_KEY}
    cases = [
        ("get_calls", {"abonent_api_key": "wrong"}, 401, {"error": "Invalid abonent_api_key"}),
        (
            "outcome",
            {"num_a": "SIP/00000000672", "num_b": "74951234567"},
            401,
            {"error": "Invalid abonent_api_key"},
        ),
        ("outcome", {**key, "num_a": "SIP/00000000672"}, 400, {"error": "Invalid parameters"}),
        (
            "outcome",
            {**key, "num_a": "SIP/99999", "num_b": "74951234567"},
            400,
            {"error": "Invalid parameters"},
        ),
        (
            "outcome",
            {**key, "num_a": "SIP/00000000672", "num_b": "+7 495"},
            400,
            {"error": "Invalid parameters"},
        ),
        ("get_record", key, 400, {"error": "Invalid parameters"}),
        ("get_record", {**key, "api_call_id": "nope"}, 404, {"error": "Record not found"}),
        ("whatever", key, 404, {"error": "Unknown method"}),
    ]
    for method, params, status, body in cases:
        answer = await client.get(f"{BASE}/{method}", params=params)
        assert (answer.status_code, answer.json()) == (status, body), (method, params)
        assert answer.headers["content-type"].startswith("application/json")
