"""Hostile answers from the providers: whatever a provider (or something pretending to be it) answers,
our clients return a clean result or raise one of our typed ``ProviderError``s — never a raw exception
that would kill the sync loop or reach the user as a crash dialog. What they return must also be
storable: pulled history goes straight into the store, so it is ingested here too.

Answers come from an ``httpx.MockTransport`` (unit level: the parsers are under test, not the network):
random statuses and ``Retry-After`` values, truncated / type-confused / wrongly encoded bodies built
from valid samples of each wire format (Cloud PBX ``history`` CSV and JSON answers, TeleDiscount
``get_calls`` JSON, CCRM envelopes, the TeleCube panel's ``web_call`` answer).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.config.paths import resolve
from app.config.settings import AccountSettings, Provider
from app.core.errors import ProviderError
from app.core.models import CallEvent, Contact
from app.core.phone import normalize
from app.providers.base import ProviderClient
from app.providers.cloudpbx.client import CloudPbxClient
from app.providers.telecube.client import TeleCubeClient
from app.providers.telediscount.client import TeleDiscountClient
from app.store.calls import CallStore
from app.store.contacts import ContactStore
from app.store.db import Database

EXAMPLES = 200
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
DAY = datetime(2026, 11, 23, tzinfo=UTC)
NUMBER = normalize("+48 777 888 999", "PL")

NASTY = [
    "",
    " ",
    "\x00",
    "-1",
    "-5",
    "1e309",
    "nan",
    "inf",
    "9" * 30,
    "9" * 5000,
    "²",
    "١٢٣",
    "𝟘",
    "0x1F",
    "\u202e",
    "a" * 3000,
    "null",
    "true",
    "2026-13-45 99:99:99",
    "2026-11-23 10:15:00",
    "20261123T101500Z",
    "2026-11-23T10:15:00+03:00",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01T00:00:00-14:00",
    "SIP/",
    "\ufeff",
]
hostile_text = st.one_of(
    st.sampled_from(NASTY), st.text(max_size=30), st.integers(min_value=-(10**30), max_value=10**30).map(str)
)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**19),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


@st.composite
def confused(draw: st.DrawFn, sample: dict[str, Any]) -> dict[str, Any]:
    """``sample`` with some values replaced by any JSON value (numbers for strings, arrays, objects…),
    some keys dropped, and junk keys added."""
    item = dict(sample)
    for key in draw(st.sets(st.sampled_from(sorted(item)), max_size=2)):
        del item[key]
    for key in draw(st.sets(st.sampled_from(sorted(sample)), max_size=4)):
        item[key] = draw(json_value)
    item.update(draw(st.dictionaries(st.text(max_size=8), json_value, max_size=2)))
    return item


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """``text`` as UTF-8 or latin-1, maybe truncated, maybe with bytes of noise spliced in."""
    body = text.encode(draw(st.sampled_from(["utf-8", "utf-8", "latin-1"])), "replace")
    if draw(st.integers(0, 4)) == 0:
        body = body[: draw(st.integers(0, len(body)))]
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(body)))
        body = body[:at] + draw(st.binary(min_size=1, max_size=20)) + body[at:]
    return body


@st.composite
def json_answer(draw: st.DrawFn, sample: Any) -> bytes:
    """A JSON answer shaped like ``sample`` (a list of items or an object), confused, or plain junk."""
    if draw(st.integers(0, 5)) == 0:
        return draw(encoded(json.dumps(draw(json_value))))
    if isinstance(sample, list):
        data: Any = [draw(confused(item)) for item in sample for _ in range(draw(st.integers(0, 2)))]
    else:
        data = draw(confused(sample))
    return draw(encoded(json.dumps(data, ensure_ascii=draw(st.booleans()))))


CSV_ROW = [
    "PBX-1",
    "in",
    "79101234567",
    "andy",
    "74951234567",
    "2026-11-23T10:15:00+03:00",
    "5",
    "124",
    "https://records.example/PBX-1.mp3",
    "4",
]


@st.composite
def history_csv(draw: st.DrawFn) -> bytes:
    """A Cloud PBX ``history`` CSV: rows with hostile cells, missing or extra columns, torn quotes."""
    lines = ["UID,type,client,account,via,start,wait,duration,record,rating"] if draw(st.booleans()) else []
    for n in range(draw(st.integers(0, 6))):
        cells = [
            draw(hostile_text) if draw(st.integers(0, 3)) == 0 else c.replace("PBX-1", f"PBX-{n}") for c in CSV_ROW
        ]
        if draw(st.integers(0, 4)) == 0:  # a torn line or extra columns, now and then
            cells = cells[: draw(st.integers(0, len(cells)))] + draw(st.lists(hostile_text, max_size=2))
        quote = draw(st.sampled_from(["", '"']))
        lines.append(",".join(f"{quote}{c}{quote}" for c in cells))
    return draw(encoded(draw(st.sampled_from(["\n", "\r\n"])).join(lines)))


RETRY_AFTERS = [
    "1",
    "0",
    "-1",
    "²",
    "9" * 400,
    "soon",
    "",
    "Wed, 21 Oct 2015 07:28:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
]
ANSWER_TYPES = [
    "application/json",
    "text/csv",
    "text/html",
    "text/plain; charset=latin-1",
    "application/json; charset=utf-16",
]
ME = {Provider.TELECUBE: "103", Provider.TELEDISCOUNT: "SIP/0000000672"}


@st.composite
def answer(draw: st.DrawFn, body: st.SearchStrategy[bytes]) -> tuple[int, dict[str, str], bytes]:
    """A whole answer: mostly 200, sometimes any error status, with hostile ``Retry-After`` / type headers."""
    status = draw(st.sampled_from([200] * 8 + [201, 204, 301, 302, 400, 401, 403, 404, 429, 500, 502, 503, 504]))
    headers: dict[str, str] = {}
    if draw(st.booleans()):
        headers["Retry-After"] = draw(st.sampled_from(RETRY_AFTERS))
    if status in (301, 302) and draw(st.booleans()):
        headers["Location"] = draw(st.sampled_from(["https://portal.example/", "", "//", "javascript:x"]))
    headers["Content-Type"] = draw(st.sampled_from(ANSWER_TYPES))
    return status, headers, draw(body)


def account(provider: Provider, **extra: Any) -> AccountSettings:
    return AccountSettings(
        id=provider.value,
        provider=provider,
        base_url="https://provider.example",
        user=ME.get(provider, "andy"),
        **extra,
    )


async def no_sleep(seconds: float) -> None:
    """Retries wait for nothing here: the parsers are under test, not the pauses."""


Operation = Callable[[ProviderClient], Awaitable[Any]]


@pytest.fixture
def store(ringdesk_home: Path) -> Iterator[tuple[CallStore, ContactStore]]:
    db = Database.open(resolve(ringdesk_home).ensure().database)
    for provider in (Provider.CLOUDPBX, Provider.TELEDISCOUNT, Provider.TELECUBE):
        db.ensure_account(provider.value, provider.value, provider.value)
    yield CallStore(db), ContactStore(db)
    db.close()


def run_against(
    make: Callable[[httpx.MockTransport], ProviderClient],
    operation: Operation,
    reply: tuple[int, dict[str, str], bytes],
    stores: tuple[CallStore, ContactStore],
) -> None:
    """Run ``operation`` with every request answered by ``reply``: a result (stored if it is history or
    contacts) or a ``ProviderError``; anything else fails the test."""
    status, headers, body = reply

    def handler(request: httpx.Request) -> httpx.Response:
        # Header values go on the wire as bytes (latin-1), as a real server's odd bytes would arrive.
        return httpx.Response(status, headers=[(k, v.encode("latin-1")) for k, v in headers.items()], content=body)

    async def go() -> Any:
        client = make(httpx.MockTransport(handler))
        try:
            return await operation(client)
        finally:
            await client.aclose()

    try:
        result = asyncio.run(go())
    except ProviderError as error:
        assert error.user_text(), "a provider error must say something to the user"
        return
    calls, contacts = stores
    if isinstance(result, list) and result and isinstance(result[0], CallEvent):
        calls.ingest_many(result)
    if isinstance(result, list) and result and isinstance(result[0], Contact):
        contacts.upsert_many(result)


def cloudpbx(transport: httpx.MockTransport) -> ProviderClient:
    return CloudPbxClient(account(Provider.CLOUDPBX), "token", transport=transport, sleep=no_sleep)


def telediscount(transport: httpx.MockTransport) -> ProviderClient:
    return TeleDiscountClient(account(Provider.TELEDISCOUNT), "key", transport=transport, sleep=no_sleep)


def telecube(transport: httpx.MockTransport) -> ProviderClient:
    return TeleCubeClient(
        account(Provider.TELECUBE, login="claudeict", panel_url="https://panel.example"),
        "key",
        transport=transport,
        sleep=no_sleep,
    )


CLOUDPBX_JSON: list[tuple[Operation, Any]] = [
    (lambda c: c.agents(), [{"name": "andy", "realName": "Петров Андрей", "ext": 101, "email": "a@x"}]),
    (lambda c: c.groups(), [{"id": "sales", "realName": "Sales", "ext": 701}]),  # type: ignore[attr-defined]
    (lambda c: c.get_dnd(), {"state": True}),  # type: ignore[attr-defined]
    (lambda c: c.subscription_status("sales"), {"status": "on"}),  # type: ignore[attr-defined]
    (lambda c: c.make_call(NUMBER), {"uuid": "c-1", "CallID": "c-2"}),
]
TD_RECORD = {
    "abonent_id": "1",
    "setup_time": "1795000000",
    "service_name": "ivr",
    "num_a": "79039998877",
    "code_name_num_a": "Москва",
    "num_m": "79037778899",
    "num_b": "SIP/0000000672",
    "connection_time": "12",
    "num_a_waiting_time": "5",
    "recorder_file": "https://x/r.wav",
    "price": "0.00",
    "api_call_id": "c1f926a8f5727b77f9cbf39d8f35d061",
}
CCRM_ITEMS = {
    "people": {
        "uuid": "p-1",
        "firstName": "Jan",
        "lastName": "Nowak",
        "phone1": "+48 777 888 999",
        "phone2": 48601234567,
        "phone1Name": "work",
        "email1": "j@x",
        "description": "VIP",
        "organisations": [{"name": "Firma"}],
    },
    "users": {"uuid": "u-1", "firstName": "Anna", "lastName": "K", "extension": 103, "status": "online", "dnd": 0},
    "callHistory": {
        "uuid": "h-1",
        "callDirection": "in",
        "callDate": "2026-11-23 10:15:00",
        "duration": 42,
        "service": "CALL",
        "from": "48777888999",
        "to": "48221234500",
        "userTalk": {"status": "ANSWERED", "receivers": [{"uuid": "u-1", "extension": 103}]},
        "externalNumber": {"numberNotFormatted": "48777888999"},
    },
    "call/presentation/available": {"presentation": 48777888999, "name": "Biuro", "intlFormat": "+48 777 888 999"},
    "sms/presentation/available": {"presentation": "Pozdrawiamy", "id": 7},
}
CCRM_OPERATIONS: dict[str, Operation] = {
    "people": lambda c: c.people(),  # type: ignore[attr-defined]
    "users": lambda c: c.agents(),
    "callHistory": lambda c: c.pull_history(DAY - timedelta(days=3650), DAY + timedelta(days=3650)),
    "call/presentation/available": lambda c: c.caller_ids(),
    "sms/presentation/available": lambda c: c.sms_senders(),  # type: ignore[attr-defined]
}


@st.composite
def ccrm_envelope(draw: st.DrawFn, item: dict[str, Any]) -> bytes:
    """``{"success", "data", "otherData": {"totalCount"}, "message"}`` with any part confused."""
    envelope = {
        "success": True,
        "data": [item] * draw(st.integers(0, 3)),
        "otherData": {"totalCount": 3},
        "message": "OK",
    }
    return draw(json_answer(envelope))


def csv_reply(rating: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/csv"}, ",".join([*CSV_ROW[:-1], rating]).encode()


@pytest.mark.slow
def test_cloudpbx_history_csv_of_any_shape_is_read_or_refused_cleanly(store) -> None:
    @settings(PROPERTY, max_examples=EXAMPLES * 3)
    @given(answer(history_csv()))
    @example(csv_reply("²"))  # found here: "²".isdigit() is true, int("²") raises
    @example(csv_reply("9" * 5000))  # int() refuses over 4,300 digits
    @example(csv_reply("9" * 30))  # found here: SQLite cannot store it (OverflowError)
    def check(reply: tuple[int, dict[str, str], bytes]) -> None:
        run_against(cloudpbx, lambda c: c.pull_history(DAY, DAY + timedelta(hours=1)), reply, store)

    check()


@pytest.mark.parametrize(
    "index", range(len(CLOUDPBX_JSON)), ids=["accounts", "groups", "get_dnd", "subscription_status", "makeCall"]
)
def test_cloudpbx_json_answers_of_any_shape_are_read_or_refused_cleanly(store, index: int) -> None:
    operation, sample = CLOUDPBX_JSON[index]

    @settings(PROPERTY, max_examples=EXAMPLES // 4)
    @given(answer(json_answer(sample)))
    def check(reply: tuple[int, dict[str, str], bytes]) -> None:
        run_against(cloudpbx, operation, reply, store)

    check()


def test_telediscount_get_calls_of_any_shape_is_read_or_refused_cleanly(store) -> None:
    operations: list[Operation] = [
        lambda c: c.pull_history(DAY - timedelta(days=3650), DAY + timedelta(days=3650)),
        lambda c: c.make_call(NUMBER),
    ]

    @PROPERTY
    @given(
        answer(
            st.one_of(
                json_answer([TD_RECORD, TD_RECORD]),
                json_answer({"calls": [TD_RECORD]}),
                json_answer({"status": "ok", "api_call_id": "x", "error": ""}),
            )
        ),
        st.sampled_from(operations),
    )
    def check(reply: tuple[int, dict[str, str], bytes], operation: Operation) -> None:
        run_against(telediscount, operation, reply, store)

    check()


@pytest.mark.parametrize("path", sorted(CCRM_ITEMS))
def test_ccrm_envelopes_of_any_shape_are_read_or_refused_cleanly(store, path: str) -> None:
    @settings(PROPERTY, max_examples=EXAMPLES // 4)
    @given(answer(ccrm_envelope(CCRM_ITEMS[path])))
    def check(reply: tuple[int, dict[str, str], bytes]) -> None:
        run_against(telecube, CCRM_OPERATIONS[path], reply, store)

    check()


def test_telecube_web_call_answers_of_any_shape_are_read_or_refused_cleanly(store) -> None:
    @settings(PROPERTY, max_examples=EXAMPLES // 2)
    @given(answer(json_answer({"error": "OK", "id": 12345})))
    def check(reply: tuple[int, dict[str, str], bytes]) -> None:
        run_against(telecube, lambda c: c.make_call(NUMBER), reply, store)

    check()


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ((429, {"Retry-After": "²"}, b""), "a Retry-After of a superscript digit"),
        ((503, {"Content-Type": "text/html; charset=utf-16"}, b"<html>down</html>"), "UTF-16 declared, no BOM"),
        ((302, {"Location": "javascript:x"}, b""), "a redirect httpx cannot parse"),
    ],
)
def test_answers_that_once_crashed_the_clients_are_provider_errors(
    reply: tuple[int, dict[str, str], bytes], why: str
) -> None:
    """Found by the properties above (fixed in app/providers/http.py): each raised a raw exception."""

    async def go() -> None:
        client = cloudpbx(
            httpx.MockTransport(
                lambda request: httpx.Response(
                    reply[0], headers=[(k, v.encode("latin-1")) for k, v in reply[1].items()], content=reply[2]
                )
            )
        )
        try:
            await client.agents()
        finally:
            await client.aclose()

    with pytest.raises(ProviderError) as raised:
        asyncio.run(go())
    assert raised.value.user_text(), why
