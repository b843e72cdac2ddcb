"""What ``ringdesk serve`` prints at start, read as an administrator (and journald) sees it: a real process,
its stdout and stderr captured, real HTTP to the addresses it prints.

- The TeleDiscount URL carries its secret: at every start it landed in stdout, hence in journald. It is
  masked as the logs mask it; ``--show-urls`` and ``ringdesk urls`` show it on request.
- ``--listen 0.0.0.0:PORT`` printed 127.0.0.1 URLs to paste into a provider's cabinet.
- A Cloud PBX account without its CRM key: every push got 401 and the log blamed the PBX.
"""

from __future__ import annotations

import ipaddress
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from app.cli import main
from app.config.secrets import env_name
from tests.kit import RECEIVER_CONFIG, free_port

REPO = Path(__file__).resolve().parents[2]
TD_SECRET = "td-path-secret-7c41e09b55"
CRM_TOKEN = "crm-token-for-office-93ab"


@dataclass
class Served:
    """The output of one ``ringdesk serve`` run, after it stopped."""

    out: str
    err: str
    code: int
    log: str


def write_config(home: Path, text: str) -> None:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def serve(
    home: Path,
    *args: str,
    listen: str,
    env: dict[str, str],
    probe: str = "127.0.0.1",
    while_up: object = None,
) -> Served:
    """Run ``ringdesk serve`` until it answers ``/healthz``, call ``while_up(port)``, then SIGTERM it."""
    port = int(listen.rsplit(":", 1)[1])
    out_path, err_path = home / "serve.out", home / "serve.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--listen", listen, *args],
            cwd=REPO,
            stdout=out,
            stderr=err,
            env={**os.environ, "RINGDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **env},
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, err_path.read_text("utf-8", "replace")
            assert time.monotonic() < deadline, "ringdesk serve did not come up"
            try:
                if httpx.get(f"http://{probe}:{port}/healthz", timeout=1.0, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        # The banner is printed right after the listener is up: wait for its last line, not for a time.
        while "Desktops join at" not in out_path.read_text("utf-8", "replace"):
            assert time.monotonic() < deadline, out_path.read_text("utf-8", "replace")
            time.sleep(0.02)
        if callable(while_up):
            while_up(port)
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    log = (home / "logs" / "ringdesk.log").read_text("utf-8", "replace")
    return Served(out_path.read_text("utf-8"), err_path.read_text("utf-8"), code, log)


@pytest.fixture
def secrets_env() -> Iterator[dict[str, str]]:
    yield {env_name("td", "webhook_secret"): TD_SECRET, env_name("office", "crm_token"): CRM_TOKEN}


# -- 9. the secret URL stays off stdout --------------------------------------------------------------------
def test_serve_masks_the_secret_url_on_stdout(ringdesk_home: Path, secrets_env: dict[str, str]) -> None:
    write_config(ringdesk_home, RECEIVER_CONFIG)
    done = serve(ringdesk_home, listen=f"127.0.0.1:{free_port()}", env=secrets_env)
    assert done.code == 0, done.err
    assert TD_SECRET not in done.out and TD_SECRET not in done.err and TD_SECRET not in done.log
    assert re.search(r"td: http://127\.0\.0\.1:\d+/hooks/td/\*\*\*/income$", done.out, re.MULTILINE), done.out
    assert "--show-urls" in done.out and "ringdesk urls" in done.out  # says how to see them in full


def test_serve_show_urls_prints_them_in_full(ringdesk_home: Path, secrets_env: dict[str, str]) -> None:
    write_config(ringdesk_home, RECEIVER_CONFIG)
    done = serve(ringdesk_home, "--show-urls", listen=f"127.0.0.1:{free_port()}", env=secrets_env)
    assert done.code == 0, done.err
    assert re.search(rf"td: http://127\.0\.0\.1:\d+/hooks/td/{TD_SECRET}/call_finished$", done.out, re.MULTILINE)
    assert TD_SECRET not in done.err and TD_SECRET not in done.log  # only the explicit request shows it


def test_ringdesk_urls_prints_the_urls_to_paste(
    ringdesk_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    write_config(
        ringdesk_home, RECEIVER_CONFIG.replace("[general]", f'[server]\nlisten = "127.0.0.1:{port}"\n\n[general]')
    )
    monkeypatch.setenv(env_name("td", "webhook_secret"), TD_SECRET)
    assert main(["urls"]) == 0
    out = capsys.readouterr().out
    assert f"http://127.0.0.1:{port}/hooks/office" in out
    assert f"http://127.0.0.1:{port}/hooks/td/{TD_SECRET}/income" in out
    assert f"http://127.0.0.1:{port}/hooks/td/{TD_SECRET}/call_finished" in out


# -- 14. URLs the provider can reach -----------------------------------------------------------------------
def test_a_wildcard_listen_prints_urls_that_reach_this_receiver(
    ringdesk_home: Path, secrets_env: dict[str, str]
) -> None:
    """Every URL printed for ``0.0.0.0`` names this machine by an address others can use, and the receiver
    answers there; with no such address, a placeholder and a sentence saying what to put there."""
    write_config(ringdesk_home, RECEIVER_CONFIG)
    port = free_port()
    answers: dict[str, int] = {}

    def check(port: int) -> None:
        text = (ringdesk_home / "serve.out").read_text("utf-8")
        for host in set(re.findall(r"http://(\[[^\]]+\]|[^/:\s]+):\d+/hooks/office", text)):
            answers[host] = httpx.get(f"http://{host}:{port}/healthz", timeout=5, trust_env=False).status_code

    done = serve(ringdesk_home, listen=f"0.0.0.0:{port}", env=secrets_env, while_up=check)
    assert done.code == 0, done.err
    office = re.findall(r"^  office: (\S+)$", done.out, re.MULTILINE)
    assert office, done.out
    for url in office:
        host = urlsplit(url).hostname or ""
        assert host not in ("127.0.0.1", "0.0.0.0", "localhost"), done.out
    if "<" in office[0]:  # no usable address on this machine: say what to put there
        assert "replace" in done.out.lower() and "public_url" in done.out, done.out
    else:
        assert answers and all(status == 200 for status in answers.values()), (answers, done.out)
        for host in answers:
            assert not ipaddress.ip_address(host.strip("[]")).is_loopback


def test_public_url_wins_over_the_listening_address(ringdesk_home: Path, secrets_env: dict[str, str]) -> None:
    write_config(
        ringdesk_home,
        RECEIVER_CONFIG.replace(
            "[general]",
            '[server]\npublic_url = "https://hub.example.com"\ntrusted_proxies = ["127.0.0.1/32"]\n\n[general]',
        ),
    )
    done = serve(ringdesk_home, listen=f"0.0.0.0:{free_port()}", env=secrets_env)
    assert re.search(r"^  office: https://hub\.example\.com/hooks/office$", done.out, re.MULTILINE), done.out
    assert re.search(r"^  td: https://hub\.example\.com/hooks/td/\*\*\*/income$", done.out, re.MULTILINE), done.out


def test_a_loopback_listen_says_who_can_reach_it(ringdesk_home: Path, secrets_env: dict[str, str]) -> None:
    write_config(ringdesk_home, RECEIVER_CONFIG)
    done = serve(ringdesk_home, listen=f"127.0.0.1:{free_port()}", env=secrets_env)
    assert "only this machine" in done.out and "public_url" in done.out, done.out


# -- 12. a missing CRM key is named, at start and on the 401 -------------------------------------------------
def test_a_missing_crm_token_is_named_at_start_and_on_each_refused_push(ringdesk_home: Path) -> None:
    write_config(ringdesk_home, RECEIVER_CONFIG)
    env = {env_name("td", "webhook_secret"): TD_SECRET}
    statuses: list[int] = []

    def push(port: int) -> None:
        for _ in range(3):
            response = httpx.post(
                f"http://127.0.0.1:{port}/hooks/office",
                data={"cmd": "event", "type": "INCOMING", "phone": "79101234567", "callid": "c1", "crm_token": "x"},
                trust_env=False,
            )
            statuses.append(response.status_code)

    done = serve(ringdesk_home, listen=f"127.0.0.1:{free_port()}", env=env, while_up=push)
    assert statuses == [401, 401, 401]
    variable, entry = env_name("office", "crm_token"), "keyring entry ringdesk office/crm_token"
    at_start = [line for line in done.err.splitlines() if "account office: no CRM_TOKEN secret" in line]
    assert len(at_start) == 1, done.err  # once, at start, where journald sees it
    assert variable in at_start[0] and entry in at_start[0] and "401" in at_start[0]
    refused = [line for line in done.log.splitlines() if "refused a push (401)" in line]
    assert len(refused) == 1, done.log  # three refusals, one line: repeated failures are rate-limited
    assert "this receiver has no CRM_TOKEN" in refused[0] and variable in refused[0]
    assert not [line for line in done.log.splitlines() if "invalid crm_token" in line], done.log  # not the PBX's fault


def _can_unshare_network() -> bool:
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.skipif(not _can_unshare_network(), reason="needs 'unshare -n' (root, or user namespaces)")
def test_with_no_network_address_a_placeholder_says_what_to_put_there(ringdesk_home: Path) -> None:
    """In a network namespace with loopback only, this machine has no address a provider could use: the
    URL names a placeholder and a sentence says what replaces it (never a 127.0.0.1 URL to paste)."""
    write_config(ringdesk_home, RECEIVER_CONFIG)
    done = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "app", "urls", "--listen", "0.0.0.0:8765"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, "RINGDESK_HOME": str(ringdesk_home), env_name("td", "webhook_secret"): TD_SECRET},
    )
    assert done.returncode == 0, done.stderr
    assert "  office: http://<this machine's address>:8765/hooks/office\n" in done.stdout, done.stdout
    assert "127.0.0.1" not in done.stdout
    assert "replace <this machine's address> with the address the provider reaches it at" in done.stdout
    assert "public_url" in done.stdout


def test_a_secret_with_url_characters_gives_urls_that_work(ringdesk_home: Path) -> None:
    """A webhook secret made with ``openssl rand -base64`` holds "/", "+" and "="; printed raw in the path,
    the URL pasted into the cabinet made every push a 404."""
    secret = "ab+c/de=Qx9 z?#%"
    write_config(ringdesk_home, RECEIVER_CONFIG)
    env = {env_name("td", "webhook_secret"): secret, env_name("office", "crm_token"): CRM_TOKEN}
    statuses: dict[str, int] = {}

    def push_to_the_printed_urls(port: int) -> None:
        text = (ringdesk_home / "serve.out").read_text("utf-8")
        for url in re.findall(r"^  td: (\S+/income)$", text, re.MULTILINE):
            query = "num_a=79039998877&num_m=79037778899&setup_time=1700000000&api_call_id=quoted-1"
            statuses[url] = httpx.get(f"{url}?{query}", timeout=5, trust_env=False).status_code

    done = serve(
        ringdesk_home, "--show-urls", listen=f"127.0.0.1:{free_port()}", env=env, while_up=push_to_the_printed_urls
    )
    assert done.code == 0, done.err
    assert statuses and set(statuses.values()) == {200}, (statuses, done.out)
    assert secret not in done.out  # printed quoted, as it must be pasted


def test_an_ipv6_listener_is_printed_as_a_url(ringdesk_home: Path, secrets_env: dict[str, str]) -> None:
    write_config(ringdesk_home, RECEIVER_CONFIG)
    port = free_port()
    try:
        done = serve(ringdesk_home, listen=f"[::1]:{port}", env=secrets_env, probe="[::1]")
    except AssertionError as error:  # no IPv6 loopback on this machine
        pytest.skip(f"no IPv6 loopback: {error}")
    assert done.code == 0, done.err
    assert f"listening on http://[::1]:{port}" in done.out, done.out
