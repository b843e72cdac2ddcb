"""Who may use the hub's desktop API: a bearer token on every route (401 JSON otherwise), failed logins
limited per client address (429 with Retry-After), HTTPS beyond loopback (a trusted proxy's word counts,
nobody else's), and tokens never in the log."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from app.server.desktop_api.access import PLAIN_HTTP_REFUSED
from tests.server.hubkit import Hub, hub_settings, running_hub

ROUTES = [
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/changes?after=0"),
    ("GET", "/api/v1/stream?after=0"),
    ("POST", "/api/v1/dial"),
    ("GET", "/api/v1/recordings/office/X1"),
    ("POST", "/api/v1/notes"),
    ("POST", "/api/v1/contacts"),
]


@pytest.fixture
async def hub(ringdesk_home: Path) -> AsyncIterator[Hub]:
    async with running_hub(ringdesk_home) as running:
        yield running


async def test_every_route_needs_a_token_and_says_so_in_json(hub: Hub) -> None:
    for method, path in ROUTES:
        answer = await hub.http.request(method, path, json={})
        assert answer.status_code == 401, (method, path, answer.text)
        assert answer.json()["error"] == "unauthorized" and "Authorization: Bearer" in answer.json()["message"]
        assert answer.headers["WWW-Authenticate"] == "Bearer"


async def test_a_wrong_token_a_forged_login_or_another_scheme_is_401(hub: Hub) -> None:
    anna = hub.tokens["anna"]
    for header in (
        "Bearer rd1.anna.not-the-secret",
        "Bearer " + anna.replace("rd1.anna.", "rd1.boris."),  # anna's secret under boris's login
        "Bearer " + anna + "x",
        "Basic " + anna,
        anna,
    ):
        answer = await hub.http.get("/api/v1/me", headers={"Authorization": header})
        assert (answer.status_code, answer.json()["error"]) == (401, "unauthorized"), header
    assert (await hub.get("anna", "/api/v1/me")).status_code == 200


async def test_ten_failures_a_minute_then_429_with_retry_after_but_a_right_token_always_passes(hub: Hub) -> None:
    for _ in range(10):
        assert (await hub.http.get("/api/v1/me", headers={"Authorization": "Bearer rd1.x.guess"})).status_code == 401
    limited = await hub.http.get("/api/v1/me", headers={"Authorization": "Bearer rd1.x.guess"})
    assert (limited.status_code, limited.json()["error"]) == (429, "rate_limited")
    assert 1 <= int(limited.headers["Retry-After"]) <= 6  # one more try is earned every 6 s
    # the other desktops behind the same address (an office NAT) keep working, the stream too
    assert (await hub.get("anna", "/api/v1/me")).status_code == 200
    assert (await (await hub.stream("boris")).next())["type"] == "hello"
    assert (await hub.http.get("/api/v1/me")).status_code == 429  # and the failing one is still limited


async def test_an_untrusted_x_forwarded_for_does_not_dodge_the_limit(hub: Hub) -> None:
    for n in range(11):
        answer = await hub.http.get(
            "/api/v1/me", headers={"Authorization": "Bearer rd1.x.guess", "X-Forwarded-For": f"203.0.113.{n}"}
        )
    assert answer.status_code == 429  # all eleven came from 127.0.0.1, whatever the header said


async def test_the_token_never_reaches_the_log(hub: Hub, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await hub.get("anna", "/api/v1/me")
    await hub.get("anna", "/api/v1/changes", params={"after": "0"})
    wrong = hub.tokens["boris"] + "x"
    await hub.http.get("/api/v1/me", headers={"Authorization": f"Bearer {wrong}"})
    await hub.http.get("/api/v1/me", params={"token": hub.tokens["sam"]})
    lines = "\n".join(logging.Formatter().format(r) for r in caplog.records)
    from app.config.logs import redact

    text = redact(lines)  # what the log file gets (RedactingFormatter)
    assert "/api/v1/me" in text and "refused GET /api/v1/me from 127.0.0.1" in text
    for token in (hub.tokens["anna"], wrong, hub.tokens["sam"], hub.tokens["sam"].rsplit(".", 1)[1]):
        assert token not in text
    secret = hub.tokens["anna"].rsplit(".", 1)[1]
    assert secret not in redact(f"Authorization: Bearer {hub.tokens['anna']} and {hub.tokens['anna']}")


# -- HTTPS beyond loopback ----------------------------------------------------------------------------
@pytest.fixture
async def proxied(ringdesk_home: Path) -> AsyncIterator[Hub]:
    """A hub behind a TLS-terminating proxy on this machine."""
    async with running_hub(ringdesk_home, hub_settings('\n[server]\ntrusted_proxies = ["127.0.0.1/32"]\n')) as hub:
        yield hub


async def test_through_a_trusted_proxy_plain_http_beyond_loopback_is_refused_with_how_to_fix_it(proxied: Hub) -> None:
    answer = await proxied.get("anna", "/api/v1/me", headers={"X-Forwarded-For": "198.51.100.7"})
    assert (answer.status_code, answer.json()) == (403, {"error": "forbidden", "message": PLAIN_HTTP_REFUSED})
    spoofed = await proxied.get(
        "anna", "/api/v1/me", headers={"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https, http"}
    )
    assert spoofed.status_code == 403  # the proxy's own (last) word is http


async def test_a_trusted_proxy_that_terminated_tls_is_believed(proxied: Hub) -> None:
    https = {"X-Forwarded-For": "10.9.8.7, 198.51.100.7", "X-Forwarded-Proto": "https"}
    answer = await proxied.get("anna", "/api/v1/me", headers=https)
    assert answer.status_code == 200, answer.text
    stream = await proxied.stream("anna", headers=https)
    assert (await stream.next())["type"] == "hello"


async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit(proxied: Hub) -> None:
    https = {"X-Forwarded-Proto": "https", "Authorization": "Bearer rd1.x.guess"}
    for _ in range(11):
        answer = await proxied.http.get("/api/v1/me", headers={**https, "X-Forwarded-For": "198.51.100.7"})
    assert answer.status_code == 429
    other = await proxied.http.get("/api/v1/me", headers={**https, "X-Forwarded-For": "198.51.100.8"})
    assert other.status_code == 401


async def test_behind_a_trusted_proxy_an_ipv6_client_is_limited_by_its_64_and_a_hops_port_is_ignored(
    proxied: Hub,
) -> None:
    https = {"X-Forwarded-Proto": "https", "Authorization": "Bearer rd1.x.guess"}

    async def status(forwarded: str) -> int:
        return (await proxied.http.get("/api/v1/me", headers={**https, "X-Forwarded-For": forwarded})).status_code

    for n in range(10):  # ten addresses of one /64, one of them written with a port
        assert await status(f"2001:db8:1:2::{n + 1:x}" if n else "[2001:db8:1:2::1]:443") == 401
    assert await status("2001:db8:1:2:ffff::9") == 429  # the same /64
    assert await status("2001:db8:1:3::1") == 401  # the next /64 is another subscriber
    for port in range(10):  # one IPv4 client through a proxy that writes the port of each connection
        assert await status(f"198.51.100.9:{40000 + port}") == 401
    assert await status("198.51.100.9") == 429
    assert await status("10.9.8.7:1234, 198.51.100.9:5555") == 429
    good = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "[2001:db8:1:2::1]:443", **proxied.auth("anna")}
    assert (await proxied.http.get("/api/v1/me", headers=good)).status_code == 200


def _own_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: only the route is chosen
            address: str = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


async def test_a_client_beyond_loopback_without_tls_gets_403_and_the_webhooks_still_work(ringdesk_home: Path) -> None:
    address = _own_address()
    if address is None:
        pytest.skip("this machine has no network address besides loopback")
    settings = hub_settings()
    settings.server.listen = "0.0.0.0:0"
    async with running_hub(ringdesk_home, settings) as hub:
        port = hub.url.rsplit(":", 1)[1]
        async with httpx.AsyncClient(base_url=f"http://{address}:{port}", trust_env=False) as outside:
            answer = await outside.get("/api/v1/me", headers=hub.auth("anna"))
            assert (answer.status_code, answer.json()["message"]) == (403, PLAIN_HTTP_REFUSED)
            assert (await outside.get("/healthz")).status_code == 200
