"""Helpers shared by the proof tests: ``ringdesk serve`` as a child process, webhook pushes as a provider
sends them, and read-only views of what the store holds.

Why a child process for the crash test: only a real process can be killed with SIGKILL mid-write, which
is the promise under test ("a 200 means the event is on disk"). Secrets reach it through the documented
``RINGDESK_SECRET_<ACCOUNT>_<NAME>`` variables because a child has no keyring.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from app.config.paths import resolve
from app.config.secrets import MemorySecretStore
from app.config.settings import parse
from app.runtime import Runtime
from app.sandbox import Sandbox
from app.server.server import Address
from app.services.context import Context
from app.store.db import Database
from tests.kit import RECEIVER_CONFIG

REPO = Path(__file__).resolve().parents[2]
CRM_TOKEN = "proof-crm-token-5b1e0c7d9a"
TD_SECRET = "proof-td-secret-8c2f4a61e3"
SERVE_CONFIG = RECEIVER_CONFIG


def free_port() -> int:
    """A loopback port nobody listens on now (the server binds it with SO_REUSEADDR, also after a kill)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Push:
    """One webhook exactly as the provider sends it, and the event it must become in the store."""

    account: str
    call_id: str
    kind: str  # the stored event kind (ringing, answered, completed, summary)
    method: str
    path: str
    fields: dict[str, str]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.account, self.call_id, self.kind)

    @property
    def stored_payload(self) -> dict[str, str]:
        """What the store keeps of the push: every field but the secret."""
        return {k: v for k, v in self.fields.items() if k != "crm_token"}

    async def send(self, session: aiohttp.ClientSession) -> int:
        """The HTTP status the receiver answered (raises ``aiohttp.ClientError`` on a connection failure).

        aiohttp rather than httpx for bursts: a tenth of the client CPU per request, which on a shared
        two-core machine is the difference between seconds and a minute for 10,000 pushes."""
        if self.method == "GET":
            request = session.get(self.path, params=self.fields)
        else:
            request = session.post(self.path, data=self.fields)
        async with request as response:
            await response.read()
            return response.status


def cloudpbx_call(n: int) -> list[Push]:
    """An answered incoming Cloud PBX call: INCOMING, ACCEPTED, COMPLETED, then its ``history``."""
    call_id, phone = f"PBX-{n:06d}", f"7910{n:07d}"
    base = {"phone": phone, "user": "andy", "callid": call_id, "diversion": "74951234567", "crm_token": CRM_TOKEN}
    pushes = [
        Push("office", call_id, kind, "POST", "/hooks/office", {"cmd": "event", "type": kind_type, **base})
        for kind, kind_type in (("ringing", "INCOMING"), ("answered", "ACCEPTED"), ("completed", "COMPLETED"))
    ]
    history = {
        "cmd": "history",
        "type": "in",
        "status": "Success",
        "duration": str(10 + n % 300),
        "link": f"https://records.example/{call_id}.mp3",
        **base,
    }
    return [*pushes, Push("office", call_id, "summary", "POST", "/hooks/office", history)]


def telediscount_call(n: int) -> list[Push]:
    """An incoming TeleDiscount call: ``income``, then ``call_finished`` (every third one missed)."""
    call_id = f"td{n:030x}"
    base = {
        "num_a": f"7903{n:07d}",
        "num_m": "79037778899",
        "setup_time": str(1_790_000_000 + n),
        "api_call_id": call_id,
    }
    answered = n % 3 != 0
    finished = {
        **base,
        "num_b": "SIP/0000000672" if answered else "",
        "connection_time": str(5 + n % 90) if answered else "0",
        "waiting_time": str(n % 20),
    }
    return [
        Push("td", call_id, "ringing", "GET", f"/hooks/td/{TD_SECRET}/income", base),
        Push("td", call_id, "summary", "GET", f"/hooks/td/{TD_SECRET}/call_finished", finished),
    ]


@dataclass
class ServeProcess:
    """``python -m app serve`` on a fixed port, its output in files (a pipe left unread would block it).

    ``limits`` maps ``resource.RLIMIT_*`` to (soft, hard): set in the child before it runs (``preexec_fn``),
    so the server lives under them from its first instruction and, with soft = hard, cannot lift them (the
    flood under 256 descriptors); the test process keeps its own."""

    home: Path
    port: int
    env: dict[str, str] = field(default_factory=dict)
    limits: dict[int, tuple[int, int]] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30.0) -> None:
        self.starts += 1
        with (
            (self.home / f"serve-{self.starts}.out").open("wb") as out,
            (self.home / f"serve-{self.starts}.err").open("wb") as err,
        ):
            self.process = subprocess.Popen(
                [sys.executable, "-m", "app", "serve", "--listen", f"127.0.0.1:{self.port}"],
                env={**os.environ, **self.env},
                stdout=out,
                stderr=err,
                cwd=REPO,
                preexec_fn=self._apply_limits if self.limits else None,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"ringdesk serve exited with {self.process.returncode}: {self.stderr()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/healthz", timeout=1.0, trust_env=False).status_code == 200:
                    return
            time.sleep(0.05)
        raise AssertionError(f"ringdesk serve did not answer within {timeout} s: {self.stderr()[-2000:]}")

    def _apply_limits(self) -> None:
        """In the child, between fork and exec: nothing but setrlimit calls belongs here."""
        for which, (soft, hard) in self.limits.items():
            resource.setrlimit(which, (soft, hard))

    def open_files(self) -> int:
        """How many descriptors the server holds now (Linux: /proc)."""
        assert self.process is not None
        return len(os.listdir(f"/proc/{self.process.pid}/fd"))

    def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed or closed."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> int:
        """SIGTERM and wait: the clean way out (its exit code)."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def stderr(self) -> str:
        return "".join(
            (self.home / f"serve-{n}.err").read_text("utf-8", "replace")
            for n in range(1, self.starts + 1)
            if (self.home / f"serve-{n}.err").exists()
        )


def write_config(home: Path, text: str) -> Path:
    paths = resolve(home).ensure()
    paths.config_file.write_text(text, encoding="utf-8")
    return paths.config_file


@dataclass(frozen=True)
class StoredEvents:
    """Every stored event as (account, call id, kind) → payloads, plus the calls' rows."""

    events: dict[tuple[str, str, str], list[dict[str, Any]]]
    calls: Counter[tuple[str, str]]
    statuses: dict[tuple[str, str], str]


def stored_events(home: Path) -> StoredEvents:
    """Read the store as it is on disk now (opening it also replays a WAL left by a killed process)."""
    db = Database.open(resolve(home).database)
    try:
        events: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for account, call_id, kind, payload in db.conn.execute(
            "SELECT c.account, c.call_id, e.kind, e.payload FROM call_events e JOIN calls c ON c.id = e.call"
        ):
            events.setdefault((account, call_id, kind), []).append(json.loads(payload))
        calls: Counter[tuple[str, str]] = Counter()
        statuses: dict[tuple[str, str], str] = {}
        for account, call_id, status in db.conn.execute("SELECT account, call_id, status FROM calls"):
            calls[(account, call_id)] += 1
            statuses[(account, call_id)] = status
        return StoredEvents(events, calls, statuses)
    finally:
        db.close()


def table_counts(db: Database) -> dict[str, int]:
    """Row counts of every table of the store (to show a rejected request changed nothing)."""
    names = [
        r[0]
        for r in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'"
        )
    ]
    return {name: db.conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


class BugLog(logging.Handler):
    """Collects every ERROR a component logs (the receiver logs each bug it turns into a 500 here), so a
    test can assert that hostile input caused none."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def texts(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()}" for r in self.records]


class ThreadedReceiver:
    """The webhook receiver of ``Runtime`` running on its own asyncio loop in a thread, on a free loopback
    port: property tests (hypothesis runs synchronous examples) talk real HTTP to it with a plain client.

    Everything of the receiver — including its SQLite connection — lives in that thread; the test reads the
    store through its own connection (WAL lets both see committed data).
    """

    def __init__(self, home: Path, config: str, secrets: dict[tuple[str, str], str]) -> None:
        self.home = home
        self.config = config
        self.secrets = secrets
        self.url = ""
        self.loop_errors: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="proof-receiver", daemon=True)
        self._runtime: Runtime | None = None

    def __enter__(self) -> ThreadedReceiver:
        self._loop.set_exception_handler(lambda _loop, ctx: self.loop_errors.append(str(ctx.get("message"))))
        self._thread.start()
        address = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(30)
        self.url = f"http://127.0.0.1:{address.port}"
        return self

    async def _start(self) -> Address:
        settings = parse(self.config)
        settings.server.listen = "127.0.0.1:0"
        self._runtime = Runtime(Context(resolve(self.home).ensure(), settings, MemorySecretStore(self.secrets)))
        return await self._runtime.start()

    def __exit__(self, *exc: object) -> None:
        if self._runtime is not None:
            asyncio.run_coroutine_threadsafe(self._runtime.stop(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
        self._loop.close()

    def counts(self) -> dict[str, int]:
        """Rows in every table of the store, read through a connection of the test's own."""
        db = Database.open(resolve(self.home).database)
        try:
            return table_counts(db)
        finally:
            db.close()


def config_for(sandbox: Sandbox) -> str:
    """A config.toml with one account of each provider, every URL at the sandbox; a supervisor sees all."""
    base = sandbox.base_url
    return f"""
[general]
region = "PL"
role = "supervisor"

[[accounts]]
id = "pbx"
provider = "cloudpbx"
base_url = "{base}"
user = "andy"

[[accounts]]
id = "td"
provider = "telediscount"
base_url = "{base}"
user = "SIP/00000000672"

[[accounts]]
id = "cube"
provider = "telecube"
base_url = "{base}"
panel_url = "{base}"
login = "{sandbox.config.telecube_login}"
user = "103"
"""
