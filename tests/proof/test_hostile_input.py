"""Hostile input to the receiver: whatever arrives, the answer is a documented status, never a 5xx, never
an unhandled exception, and a refused request leaves the store exactly as it was.

Every route is driven over real HTTP (a receiver on its own loop in a thread, so hypothesis can run
synchronous examples against it): the Cloud PBX CRM endpoint (form and JSON bodies, raw bytes, latin-1,
invalid UTF-8, NUL bytes, truncated and oversized bodies, type-confused JSON: numbers for strings,
arrays, nested objects, huge numbers, negative durations), the TeleDiscount GETs (percent-encoded junk in
the query, wrong secrets, unknown hooks), ``/healthz`` and unknown paths. Examples start from valid pushes
and damage them, so they reach the parsers and the store rather than stopping at the token check.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes, urlencode

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main
from app.server.bodies import MAX_BODY
from tests.kit import RECEIVER_CONFIG
from tests.proof.proofkit import BugLog, ThreadedReceiver

CRM_TOKEN = "hostile-crm-token-0a9b8c7d"
TD_SECRET = "hostile-td-secret-1f2e3d4c"
CONFIG = RECEIVER_CONFIG
EXAMPLES = 250
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Values a careless or hostile sender puts where a field belongs.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "-1",
    "-5",
    "0",
    "1e309",
    "-1e309",
    "nan",
    "inf",
    "1e-400",
    "9" * 30,
    "9" * 5000,
    "0x1F",
    "1_000",
    "²",
    "١٢٣",
    "𝟘𝟙",
    "\u202eevil",
    "\ufeff79101234567",
    "%00",
    "%ff",
    "a" * 3000,
    "79101234567",
    "+7 910 123-45-67",
    "SIP/0000000672",
    "g_9a8b@t",
    "pbx",
    "andy@tenant",
    "Success",
    "missed",
    "INCOMING",
    "COMPLETED",
    "in",
    "out",
    "history",
    "event",
    "contact",
    "rating",
    "20261123T101500Z",
    "2026-11-23T10:15:00+03:00",
    "98798798797897",
    "true",
    "null",
    "[]",
    "{}",
]
hostile_text = st.one_of(
    st.sampled_from(NASTY), st.text(max_size=40), st.integers(min_value=-(10**30), max_value=10**30).map(str)
)
json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)

PBX_FIELDS = [
    "cmd",
    "type",
    "status",
    "phone",
    "user",
    "diversion",
    "duration",
    "callid",
    "link",
    "start",
    "wait",
    "ext",
    "telnum",
    "group",
    "rating",
    "missedStatus",
    "direction",
    "second_callid",
    "crm_token",
]
PBX_VALID = [
    {
        "cmd": "history",
        "type": "in",
        "status": "Success",
        "phone": "79101234567",
        "user": "andy",
        "duration": "124",
        "callid": "H1",
        "link": "https://link/file.mp3",
    },
    {
        "cmd": "event",
        "type": "INCOMING",
        "phone": "79101234567",
        "user": "andy",
        "callid": "E1",
        "diversion": "74951234567",
    },
    {"cmd": "contact", "phone": "79101234567", "callid": "C1"},
    {"cmd": "rating", "callid": "R1", "user": "andy", "phone": "79101234567", "rating": "5"},
]
TD_FIELDS = [
    "num_a",
    "num_m",
    "num_b",
    "setup_time",
    "connection_time",
    "waiting_time",
    "api_call_id",
    "code_name_num_a",
    "code_name_num_b",
    "price",
]
TD_VALID = {
    "num_a": "79039998877",
    "num_m": "79037778899",
    "num_b": "SIP/0000000672",
    "setup_time": "1790000000",
    "connection_time": "12",
    "waiting_time": "5",
    "api_call_id": "c1f926a8f5727b77f9cbf39d8f35d061",
}
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/json",
    "text/plain",
    "",
    "application/octet-stream",
    "application/json; charset=latin-1",
    "application/x-www-form-urlencoded; charset=utf-16",
    "multipart/form-data; boundary=x",
    "application/vnd.api+json",
]


@pytest.fixture
def receiver(ringdesk_home: Path) -> Iterator[ThreadedReceiver]:
    bugs = BugLog()
    logging.getLogger().addHandler(bugs)
    try:
        with ThreadedReceiver(
            ringdesk_home, CONFIG, {("office", "crm_token"): CRM_TOKEN, ("td", "webhook_secret"): TD_SECRET}
        ) as running:
            running.bugs = bugs  # type: ignore[attr-defined]
            yield running
    finally:
        logging.getLogger().removeHandler(bugs)


@pytest.fixture
def http(receiver: ThreadedReceiver) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=receiver.url, timeout=30.0, trust_env=False) as client:
        yield client


@st.composite
def damaged(draw: st.DrawFn, valid: list[dict[str, str]], names: list[str]) -> dict[str, Any]:
    """A valid push with fields dropped, replaced by hostile values, and junk added."""
    fields: dict[str, Any] = dict(draw(st.sampled_from(valid)))
    for name in draw(st.sets(st.sampled_from(sorted(fields)), max_size=3)):
        del fields[name]
    fields.update(draw(st.dictionaries(st.sampled_from(names) | st.text(max_size=12), hostile_text, max_size=4)))
    return fields


@st.composite
def pbx_body(draw: st.DrawFn) -> tuple[bytes, str]:
    """A Cloud PBX request body and its content type: form, JSON (type-confused), raw bytes, truncated or huge."""
    fields = draw(damaged(PBX_VALID, PBX_FIELDS))
    token = draw(st.sampled_from([CRM_TOKEN] * 4 + ["wrong-token", None]))
    if token is not None:
        fields["crm_token"] = token
    shape = draw(st.sampled_from(["form", "latin-1 form", "json", "confused json", "bytes", "json junk"]))
    if shape == "form":
        body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
    elif shape == "latin-1 form":
        body = urlencode(fields, encoding="latin-1", errors="replace").encode()
        content_type = "application/x-www-form-urlencoded"
    elif shape == "json":
        body, content_type = json.dumps(fields).encode(), "application/json"
    elif shape == "confused json":
        confused = {**fields, **draw(st.dictionaries(st.sampled_from(PBX_FIELDS), json_value, max_size=3))}
        if token is not None and draw(st.booleans()):
            confused["crm_token"] = token
        body, content_type = json.dumps(confused).encode(), "application/json"
    elif shape == "json junk":
        body, content_type = json.dumps(draw(json_value)).encode(), "application/json"
    else:
        body, content_type = draw(st.binary(max_size=300)), draw(st.sampled_from(CONTENT_TYPES))
    if draw(st.integers(0, 9)) == 0:
        body = body[: draw(st.integers(0, len(body)))]
    if draw(st.integers(0, 19)) == 0:
        body += b"&pad=" + b"x" * draw(st.integers(MAX_BODY - 100, 2 * MAX_BODY))
    return body, draw(st.sampled_from([content_type] * 6 + CONTENT_TYPES))


def percent(value: str, encoding: str) -> str:
    return quote_from_bytes(value.encode(encoding, "replace"), safe="")


@st.composite
def td_query(draw: st.DrawFn) -> str:
    """A TeleDiscount query string: damaged fields in UTF-8 or latin-1, or raw bytes, all percent-encoded."""
    if draw(st.integers(0, 4)) == 0:
        return quote_from_bytes(draw(st.binary(max_size=200)), safe="=&")
    fields = draw(damaged([TD_VALID], TD_FIELDS))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "latin-1"]))
    return "&".join(f"{percent(k, encoding)}={percent(str(v), encoding)}" for k, v in fields.items())


def assert_well_answered(response: httpx.Response, allowed: set[int]) -> None:
    """A documented status, and every error in the receiver's one shape ``{"error": "..."}``."""
    assert response.status_code in allowed, (response.status_code, response.text[:300])
    if response.status_code != 200:
        body = response.json()
        assert isinstance(body, dict) and isinstance(body.get("error"), str), response.text[:300]


def assert_no_bugs(receiver: ThreadedReceiver) -> None:
    bugs: BugLog = receiver.bugs  # type: ignore[attr-defined]
    assert not bugs.texts(), bugs.texts()[:3]
    assert not receiver.loop_errors, receiver.loop_errors[:3]


def test_cloudpbx_endpoint_answers_every_body_with_a_documented_status(
    receiver: ThreadedReceiver, http: httpx.Client
) -> None:
    seen: dict[int, int] = {}

    @PROPERTY
    @given(pbx_body(), st.booleans())
    def check(request: tuple[bytes, str], chunked: bool) -> None:
        body, content_type = request
        before = receiver.counts()
        headers = {"Content-Type": content_type} if content_type else {}
        content: Any = iter([body[i : i + 8192] for i in range(0, len(body), 8192)]) if chunked else body
        response = http.post("/hooks/office", content=content, headers=headers)
        assert_well_answered(response, {200, 400, 401, 413})
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        if response.status_code != 200:
            assert receiver.counts() == before
        assert_no_bugs(receiver)

    check()
    assert {200, 400, 401, 413} <= set(seen), seen  # the examples did reach every branch


def test_telediscount_hooks_answer_every_query_with_a_documented_status(
    receiver: ThreadedReceiver, http: httpx.Client
) -> None:
    seen: dict[int, int] = {}

    @PROPERTY
    @given(
        td_query(),
        st.sampled_from([TD_SECRET] * 5 + ["guessed-secret", "%00", "x" * 300]),
        st.sampled_from(["income"] * 3 + ["call_finished"] * 3 + ["ringing", "income%00", "%ff"]),
        st.sampled_from(["GET"] * 4 + ["POST"]),
        st.binary(max_size=200),
    )
    def check(query: str, secret: str, hook: str, method: str, body: bytes) -> None:
        before = receiver.counts()
        url = f"/hooks/td/{secret}/{hook}?{query}"
        if method == "GET":
            response = http.get(url)
        else:
            response = http.post(url, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert_well_answered(response, {200, 400, 404, 413})
        if secret != TD_SECRET or hook not in ("income", "call_finished"):
            assert response.status_code == 404
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        if response.status_code != 200:
            assert receiver.counts() == before
        assert_no_bugs(receiver)

    check()
    assert {200, 400, 404} <= set(seen), seen


def test_health_and_unknown_paths_never_fail(receiver: ThreadedReceiver, http: httpx.Client) -> None:
    @PROPERTY
    @given(
        st.lists(st.binary(min_size=1, max_size=30), min_size=1, max_size=4),
        st.binary(max_size=100),
        st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]),
    )
    def check(segments: list[bytes], query: bytes, method: str) -> None:
        before = receiver.counts()
        health = http.get(f"/healthz?{quote_from_bytes(query)}")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        path = "/" + "/".join(quote_from_bytes(s, safe="") for s in segments)
        if path.startswith("/hooks/office") or path in ("/healthz", "/openapi.json"):
            return
        response = http.request(method, f"{path}?{quote_from_bytes(query)}")
        assert response.status_code in (404, 405), (path, response.status_code)
        if method != "HEAD":
            assert_well_answered(response, {404, 405})
        assert receiver.counts() == before
        assert_no_bugs(receiver)

    check()


def test_known_routes_refuse_other_methods_and_say_which_are_allowed(http: httpx.Client) -> None:
    response = http.get("/hooks/office")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    assert http.delete(f"/hooks/td/{TD_SECRET}/income").status_code == 405


@st.composite
def accepted_junk(draw: st.DrawFn) -> dict[str, str]:
    """Pushes the receiver accepts (a valid skeleton) whose free-text fields carry hostile values."""
    fields = dict(draw(st.sampled_from(PBX_VALID[:2] + PBX_VALID[3:])))
    fields["callid"] = draw(st.text(min_size=1, max_size=60).filter(lambda s: s.strip() and "\x00" not in s))
    for name in draw(
        st.sets(
            st.sampled_from(
                [
                    "phone",
                    "user",
                    "diversion",
                    "link",
                    "start",
                    "telnum",
                    "group",
                    "ext",
                    "groupRealName",
                    "second_callid",
                    "missedStatus",
                ]
            )
        )
    ):
        fields[name] = draw(hostile_text.filter(lambda s: len(s) <= 2048))
    return {**fields, "crm_token": CRM_TOKEN}


def test_accepted_junk_stays_readable_in_the_history(
    receiver: ThreadedReceiver, http: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the receiver accepted must never break what the user reads: the history in every format,
    searched by any text or number (NUL bytes, RTL marks, 3,000 characters, non-numbers for numbers)."""
    accepted = 0

    @settings(PROPERTY, max_examples=EXAMPLES // 2)
    @given(accepted_junk())
    def push(fields: dict[str, str]) -> None:
        nonlocal accepted
        response = http.post("/hooks/office", data=fields)
        assert_well_answered(response, {200, 400})
        accepted += response.status_code == 200

    push()
    assert accepted > EXAMPLES // 4, accepted
    assert_no_bugs(receiver)
    # (No NUL in a search: a command line cannot carry one. CallStore.page(CallQuery(text="a\x00b")) does
    # raise sqlite3.OperationalError today — reported to the lead, app/store/calls.py is being edited.)
    for args in (
        ["--format", "json"],
        ["--format", "csv"],
        ["--format", "table"],
        ["--search", "\u202eevil"],
        ["--search", '"*'],
        ["--search", "a" * 3000],
        ["--phone", "²"],
        ["--phone", "79101234567"],
        ["--missed"],
    ):
        assert main(["history", "--limit", "1000", *args]) == 0, args
    rows = [row for row in json.loads(run_history(capsys, "--format", "json")) if row["account"] == "office"]
    assert rows and all(row["call_id"] for row in rows)


def run_history(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["history", "--limit", "1000", *args]) == 0
    return capsys.readouterr().out
