"""Malformed HTTP is a 4xx with our JSON body, never a 5xx, and never an echo of the request.

Real bytes over a raw socket to the running receiver (with the hub's desktop API mounted), because these
requests are exactly what an HTTP client library refuses to send. aiohttp's parser rejects them before any
middleware runs; its own 400 page quotes the offending bytes back (and logs them with a traceback).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.server import bodies
from tests.server.hubkit import CRM_TOKEN, Hub, running_hub

MARKER = "Zq7MarkerXw"  # the request's own bytes: never in the answer, never in a log
PROVIDER_BODY = {"error": "Invalid parameters"}


@pytest.fixture
async def hub(ringdesk_home: Path) -> AsyncIterator[Hub]:
    async with running_hub(ringdesk_home) as running:
        yield running


def _port(hub: Hub) -> int:
    return int(hub.url.rsplit(":", 1)[1])


async def exchange(hub: Hub, *parts: bytes, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """Send ``parts`` (a part after ``100 Continue`` when the request asked for it) and read one answer:
    status, headers, body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", _port(hub))
    try:
        writer.write(parts[0])
        await writer.drain()
        for part in parts[1:]:
            line = await asyncio.wait_for(reader.readline(), timeout)
            assert line.startswith(b"HTTP/1.1 100"), line
            await asyncio.wait_for(reader.readline(), timeout)  # the blank line after it
            writer.write(part)
            await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        status_line, *header_lines = head.decode("latin-1").strip().split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, v in (h.split(":", 1) for h in header_lines if ":" in h)}
        body = await asyncio.wait_for(reader.readexactly(int(headers.get("content-length", "0"))), timeout)
    finally:
        writer.close()
    return int(status_line.split()[1]), headers, body


def request(path: str, *headers: str, body: bytes = b"", method: str = "POST") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def malformed(path: str) -> dict[str, tuple[bytes, ...]]:
    m = MARKER
    return {
        "a bad method": (request(path, method=f"G@T{m}"),),
        "a header without a colon": (request(path, f"Bad Header {m}"),),
        "a control character in a header": (request(path, f"X-Note: a\x01{m}"),),
        "an oversized header": (request(path, f"X-Note: {m * 1_000}"),),
        "too many headers": (request(path, *(f"X-{n}: {m}" for n in range(200))),),
        "a bad chunk size": (request(path, "Transfer-Encoding: chunked", body=f"zz{m}\r\n".encode()),),
        "both Content-Length and chunked": (
            request(path, "Content-Length: 5", f"Transfer-Encoding: chunked, {m}", body=b"0\r\n\r\n"),
        ),
    }


PROVIDER_CASES = malformed("/hooks/office") | {"not HTTP at all": (f"{MARKER} {MARKER}\r\n\r\n".encode(),)}
API_CASES = malformed("/api/v1/notes")


def _no_echo(body: bytes, caplog: pytest.LogCaptureFixture) -> None:
    assert MARKER.encode() not in body
    assert MARKER not in caplog.text, "the request's bytes reached the log"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "a malformed request is no bug"


@pytest.mark.parametrize("case", sorted(PROVIDER_CASES))
async def test_malformed_http_to_a_webhook_gets_the_providers_400(
    hub: Hub, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    status, headers, body = await exchange(hub, *PROVIDER_CASES[case])
    assert status == 400, body
    assert headers["content-type"].startswith("application/json")
    assert json.loads(body) == PROVIDER_BODY
    _no_echo(body, caplog)


@pytest.mark.parametrize("case", sorted(API_CASES))
async def test_malformed_http_to_the_desktop_api_gets_a_sentence(
    hub: Hub, case: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    status, headers, body = await exchange(hub, *API_CASES[case])
    assert status == 400, body
    assert headers["content-type"].startswith("application/json")
    answer = json.loads(body)
    assert answer["error"] == "invalid" and answer["message"].endswith("."), answer
    _no_echo(body, caplog)


@pytest.mark.slow
async def test_a_bad_chunk_after_the_handler_started_ends_with_the_body_time_out(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    """aiohttp does not tell a handler already reading the body that the framing broke: the body never
    completes, so the body's time-out answers (408, the documented body), not a 5xx."""
    caplog.set_level(logging.DEBUG)
    head = request("/hooks/office", "Transfer-Encoding: chunked", "Expect: 100-continue")
    status, _, body = await exchange(
        hub, head, f"4\r\ncmd=\r\nzz{MARKER}\r\n".encode(), timeout=bodies.BODY_TIMEOUT + 20
    )
    assert (status, json.loads(body)) == (408, {"error": "Request timeout"})
    _no_echo(body, caplog)


def _deep(levels: int) -> bytes:
    return b'{"a":' * levels + b"1" + b"}" * levels


async def test_deeply_nested_json_to_a_webhook_is_400_before_any_token(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    """Nesting 1,000 deep once answered 500 with no token needed (``RecursionError`` is no ``ValueError``)."""
    for body in (_deep(1_000), b"[" * 30_000 + b"]" * 30_000):
        assert len(body) <= bodies.MAX_BODY
        answer = await hub.http.post("/hooks/office", content=body, headers={"Content-Type": "application/json"})
        assert (answer.status_code, answer.json()) == (400, PROVIDER_BODY)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_deeply_nested_json_to_the_desktop_api_is_400_with_a_sentence(
    hub: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    for body in (_deep(1_000), b"[" * 30_000 + b"]" * 30_000):
        answer = await hub.http.post(
            "/api/v1/notes", content=body, headers={**hub.auth("anna"), "Content-Type": "application/json"}
        )
        assert answer.status_code == 400, answer.text
        assert answer.json()["error"] == "invalid" and "JSON" in answer.json()["message"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_history_push_with_a_start_out_of_range_is_stored_without_it(hub: Hub) -> None:
    """``start`` is optional: a value that converts to before year 1 (``OverflowError``, once a 500) is
    ignored; the call itself is kept."""
    answer = await hub.http.post(
        "/hooks/office",
        data={
            "cmd": "history",
            "type": "in",
            "status": "Success",
            "phone": "79101234567",
            "user": "anna",
            "duration": "60",
            "callid": "C-OVERFLOW",
            "start": "0001-01-01T00:00:00+05:00",
            "crm_token": CRM_TOKEN,
        },
    )
    assert answer.status_code == 200, answer.text
    call = hub.context.calls.get("office", "C-OVERFLOW")
    assert call is not None and call.duration_s == 60


async def test_a_well_formed_request_still_works_on_the_same_server(hub: Hub) -> None:
    status, _, body = await exchange(hub, request("/healthz", "Connection: close", method="GET"))
    assert status == 200 and json.loads(body)["status"] == "ok"
