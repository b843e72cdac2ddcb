"""The receiver's cross-cutting rules over real HTTP: size cap, slow clients, allow-list, TLS, health,
OpenAPI, redacted request log, and a clean stop that loses no accepted push."""

from __future__ import annotations

import asyncio
import logging
import subprocess
from pathlib import Path

import httpx
import pytest

from app.server import bodies
from app.store.calls import CallStore
from app.store.db import Database

HISTORY = "cmd=history&type=in&status=Success&phone=79101234567&user=andy&duration=5&callid={}&crm_token={}"


async def raw_request(port: int, head: str, body: bytes = b"") -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head.encode() + b"\r\n\r\n" + body)
    await writer.drain()
    return reader, writer


def port_of(receiver) -> int:  # type: ignore[no-untyped-def]
    return receiver.runtime.address.port


async def test_bodies_over_64_kib_are_413_with_or_without_a_length(receiver) -> None:
    big = "cmd=history&pad=" + "x" * (64 * 1024)
    answer = await receiver.client.post(
        "/hooks/office", content=big, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert (answer.status_code, answer.json()) == (413, {"error": "Request too large"})

    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(70):
            yield b"x" * 1024

    chunked = await receiver.client.post(
        "/hooks/office", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert chunked.status_code == 413
    assert receiver.context.calls.count() == 0


async def test_a_half_sent_body_neither_blocks_others_nor_lives_forever(receiver, monkeypatch) -> None:
    monkeypatch.setattr(bodies, "BODY_TIMEOUT", 0.3)
    head = (
        "POST /hooks/office HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 500"
    )
    reader, writer = await raw_request(port_of(receiver), head, b"cmd=history&")
    meanwhile = await receiver.client.post(
        "/hooks/office",
        content=HISTORY.format("FAST", receiver.crm_token),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert meanwhile.status_code == 200
    status_line = await reader.readline()
    assert status_line.startswith(b"HTTP/1.1 408")
    writer.close()
    assert [r.call_id for r in receiver.context.calls.page()] == ["FAST"]


async def test_only_addresses_in_the_allow_list_are_served(start_with) -> None:
    refused = await start_with('\n[server]\nallow = ["10.0.0.0/8"]\n')
    answer = await refused.client.post("/hooks/office", content=HISTORY.format("A1", refused.crm_token))
    assert (answer.status_code, answer.json()) == (403, {"error": "Forbidden"})
    assert refused.context.calls.count() == 0
    admitted = await start_with('\n[server]\nallow = ["10.0.0.0/8", "127.0.0.1/32"]\n')
    answer = await admitted.client.post(
        "/hooks/office",
        content=HISTORY.format("A2", admitted.crm_token),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status_code == 200


async def test_health_names_accounts_but_no_secret(receiver) -> None:
    answer = await receiver.client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"
    assert {a["id"] for a in answer.json()["accounts"]} == {"office", "td", "cube"}
    assert receiver.crm_token not in answer.text and receiver.td_secret not in answer.text


async def test_openapi_describes_every_route_and_answer(receiver) -> None:
    spec = (await receiver.client.get("/openapi.json")).json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {"/hooks/{account}", "/hooks/{account}/{secret}/{hook}", "/healthz", "/openapi.json"}
    cloud = spec["paths"]["/hooks/{account}"]["post"]
    assert {"200", "400", "401", "404", "413"} <= set(cloud["responses"])
    assert cloud["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]["properties"]["cmd"][
        "enum"
    ] == ["history", "event", "contact", "rating"]
    validator = pytest.importorskip("openapi_spec_validator")
    validator.validate(spec)  # a valid OpenAPI 3 document, so fuzzers (schemathesis) can load it
    td = spec["paths"]["/hooks/{account}/{secret}/{hook}"]["get"]
    assert {p["name"] for p in td["parameters"]} >= {"account", "secret", "hook", "num_a", "setup_time", "api_call_id"}


async def test_request_lines_are_logged_with_secrets_masked(receiver, caplog) -> None:
    caplog.set_level(logging.INFO, logger="ringdesk.server.access")
    await receiver.client.get(receiver.td_url("income") + "?num_a=79039998877&api_call_id=L1")
    await receiver.client.post(
        f"/hooks/office?crm_token={receiver.crm_token}",
        content="cmd=contact&phone=79101234567&callid=L2",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    lines = [r.getMessage() for r in caplog.records if r.name == "ringdesk.server.access"]
    assert lines[0].startswith("GET /hooks/td/***/income?num_a=79039998877&api_call_id=L1 200 ")
    assert lines[1].startswith("POST /hooks/office?crm_token=*** 200 ")
    assert all(receiver.td_secret not in line and receiver.crm_token not in line for line in lines)


async def test_tls_when_a_certificate_is_configured(start_with, tmp_path: Path) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    running = await start_with(f'\n[server]\ntls_cert = "{cert}"\ntls_key = "{key}"\n')
    port = port_of(running)
    async with httpx.AsyncClient(verify=False, trust_env=False) as client:
        assert (await client.get(f"https://127.0.0.1:{port}/healthz")).status_code == 200
    assert running.runtime.webhook_urls()["office"] == [f"https://127.0.0.1:{port}/hooks/office"]
    with pytest.raises(httpx.HTTPError):
        await running.client.get("/healthz")  # plain HTTP is not served


async def test_stop_answers_200_only_for_pushes_it_committed(receiver) -> None:
    """Pushes racing a stop either get 200 and are on disk, or get no 200 (the provider retries)."""
    database = receiver.context.paths.database
    first_stored = asyncio.Event()
    receiver.runtime.hub.subscribe(lambda update: first_stored.set())
    limits = httpx.Limits(max_connections=40, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=receiver.url, limits=limits, trust_env=False) as client:

        async def push(i: int) -> int | None:
            try:
                answer = await client.post(
                    "/hooks/office",
                    content=HISTORY.format(f"R{i}", receiver.crm_token),
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
            except httpx.HTTPError:
                return None
            return answer.status_code

        pushes = [asyncio.create_task(push(i)) for i in range(40)]
        await first_stored.wait()
        await receiver.runtime.stop()
        statuses = await asyncio.gather(*pushes)
    answered = {f"R{i}" for i, status in enumerate(statuses) if status == 200}
    assert answered and set(statuses) <= {200, None}
    db = Database.open(database)
    try:
        stored = {row.call_id for row in CallStore(db).page(limit=100)}
    finally:
        db.close()
    assert answered <= stored
