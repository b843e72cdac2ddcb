"""A small team hub for tests, served by aiohttp on 127.0.0.1, speaking docs/hub-protocol.md.

It holds changes as the hub's messages (``app.core.hub_wire.encode``), numbered by one sequence; "after N"
gives each row once in its latest state, oldest first. Tests push calls, notes and contacts, drop every
connection (a hub restart), revoke a token (close code 4001, then 401), and read what was dialled.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSCloseCode, web

from app.core.callstate import Call
from app.core.hub_wire import encode
from app.core.models import CallStatus, Contact, ContactPhone, Direction, Note
from app.core.views import CallChange, ContactChange, NoteChange

TOKEN = "rd1.anna.c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC1zZWM"
TOKEN_BORIS = "rd1.boris.Ym9yaXMtc2VjcmV0LWJvcmlzLXNlY3JldC1ib3Jpcy1zZWNyZXQ"
AUDIO = b"ID3" + bytes(range(256)) * 40


def ringing_call(call_id: str, *, account: str = "office", phone: str = "+48221234567", agent: str = "anna") -> Call:
    return Call(
        account=account,
        call_id=call_id,
        first_seen=datetime(2026, 12, 6, 10, 15, tzinfo=UTC),
        direction=Direction.IN,
        phone=phone,
        line="+48221234500",
        ringing=frozenset({agent}),
        sources=frozenset({"push"}),
    )


def answered(call: Call, agent: str = "anna") -> Call:
    return call._replace(answered_by=frozenset({agent}), answered_at=datetime(2026, 12, 6, 10, 15, 5, tzinfo=UTC))


def ended(call: Call) -> Call:
    return call._replace(
        completed=True,
        ended_at=datetime(2026, 12, 6, 10, 17, tzinfo=UTC),
        summary_status=CallStatus.ANSWERED if call.answered_by else CallStatus.MISSED,
        recording_url="https://pbx.example/rec.mp3" if call.answered_by else None,
    )


@dataclass
class StubHub:
    tokens: dict[str, str] = field(default_factory=lambda: {TOKEN: "anna", TOKEN_BORIS: "boris"})
    role: str = "agent"
    hub_id: str = "5eed1"  # the hub's identity, sent in /me and in the hello (a replaced database: another)
    seq: int = 0
    rows: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # latest message per row
    dialled: list[dict[str, Any]] = field(default_factory=list)
    dial_answer: tuple[int, dict[str, Any]] | None = None  # (status, body) instead of success
    connections: list[web.WebSocketResponse] = field(default_factory=list)
    queues: list[asyncio.Queue[dict[str, Any] | None]] = field(default_factory=list)
    stream_afters: list[int] = field(default_factory=list)  # the ``after`` of each stream request
    runner: web.AppRunner | None = None
    url: str = ""
    next_id: int = 0

    # -- server ----------------------------------------------------------------------------------------
    async def start(self) -> StubHub:
        app = web.Application()
        app.router.add_get("/api/v1/me", self.me)
        app.router.add_get("/api/v1/changes", self.changes)
        app.router.add_post("/api/v1/dial", self.dial)
        app.router.add_get("/api/v1/recordings/{account}/{call_id}", self.recording)
        app.router.add_post("/api/v1/notes", self.notes)
        app.router.add_post("/api/v1/contacts", self.contacts)
        app.router.add_get("/api/v1/stream", self.stream)
        self.runner = web.AppRunner(app, shutdown_timeout=0.5)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        await self.drop()
        if self.runner is not None:
            await self.runner.cleanup()

    def _user(self, request: web.Request) -> str | None:
        header = request.headers.get("Authorization", "")
        return self.tokens.get(header.removeprefix("Bearer ")) if header.startswith("Bearer ") else None

    def _unauthorized(self) -> web.Response:
        return web.json_response(
            {"error": "unauthorized", "message": "The token is not valid (it was reset or the user removed)."},
            status=401,
        )

    def _me(self, login: str) -> dict[str, Any]:
        return {
            "login": login,
            "name": login.title(),
            "role": self.role,
            "identities": {"office": login},
            "accounts": [{"id": "office", "provider": "cloudpbx", "name": "Office"}],
            "seq": self.seq,
            "hub_id": self.hub_id,
        }

    def _after(self, after: int, limit: int = 5000) -> list[dict[str, Any]]:
        return sorted((m for m in self.rows.values() if m["seq"] > after), key=lambda m: m["seq"])[:limit]

    async def me(self, request: web.Request) -> web.Response:
        login = self._user(request)
        return self._unauthorized() if login is None else web.json_response(self._me(login))

    async def changes(self, request: web.Request) -> web.Response:
        if self._user(request) is None:
            return self._unauthorized()
        after, limit = int(request.query.get("after", "0")), int(request.query.get("limit", "500"))
        found = self._after(after, limit + 1)
        page = found[:limit]
        return web.json_response(
            {"changes": page, "seq": page[-1]["seq"] if len(found) > limit else self.seq, "more": len(found) > limit}
        )

    async def dial(self, request: web.Request) -> web.Response:
        login = self._user(request)
        if login is None:
            return self._unauthorized()
        body = await request.json()
        self.dialled.append(body)
        if self.dial_answer is not None:
            return web.json_response(self.dial_answer[1], status=self.dial_answer[0])
        return web.json_response(
            {
                "account": body.get("account") or "office",
                "call_id": f"dial-{len(self.dialled)}",
                "number": body["number"],
                "caller_id": body.get("caller_id"),
                "user": login,
            }
        )

    async def recording(self, request: web.Request) -> web.StreamResponse:
        if self._user(request) is None:
            return self._unauthorized()
        key = ("call", f"{request.match_info['account']}/{request.match_info['call_id']}")
        if key not in self.rows or not self.rows[key]["call"]["has_recording"]:
            return web.json_response({"error": "not_found", "message": "No such call."}, status=404)
        return web.Response(body=AUDIO, content_type="audio/mpeg")

    async def notes(self, request: web.Request) -> web.Response:
        login = self._user(request)
        if login is None:
            return self._unauthorized()
        body = await request.json()
        self.next_id += 1
        note = Note(
            text=body["text"],
            phone=body.get("phone", ""),
            account=body.get("account", ""),
            call_id=body.get("call_id", ""),
            author=login,
            id=self.next_id,
        )
        return web.json_response(self.put_note(note))

    async def contacts(self, request: web.Request) -> web.Response:
        if self._user(request) is None:
            return self._unauthorized()
        body = await request.json()
        self.next_id += 1
        contact = Contact(
            name=body["name"],
            phones=[ContactPhone(p) for p in body.get("phones", [])],
            company=body.get("company", ""),
            id=self.next_id,
        )
        return web.json_response(self.put_contact(contact))

    async def stream(self, request: web.Request) -> web.StreamResponse:
        login = self._user(request)
        if login is None:
            return self._unauthorized()
        after = int(request.query.get("after", "0"))
        self.stream_afters.append(after)
        ws = web.WebSocketResponse(heartbeat=4.0)
        await ws.prepare(request)
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.connections.append(ws)
        self.queues.append(queue)
        try:
            await ws.send_json({"type": "hello", "seq": self.seq, "hub_id": self.hub_id, "me": self._me(login)})
            for message in self._after(after):
                await ws.send_json(message)
            await ws.send_json({"type": "caught_up", "seq": self.seq})
            receiving = asyncio.ensure_future(ws.receive())  # notices the client closing
            while True:
                getting = asyncio.ensure_future(queue.get())
                done, _ = await asyncio.wait({getting, receiving}, return_when=asyncio.FIRST_COMPLETED)
                if receiving in done:
                    getting.cancel()
                    break
                message = getting.result()
                if message is None:
                    break
                await ws.send_json(message)
        finally:
            self.connections.remove(ws)
            self.queues.remove(queue)
        return ws

    # -- what tests do ---------------------------------------------------------------------------------
    def _publish(self, key: tuple[str, str], message: dict[str, Any]) -> dict[str, Any]:
        self.rows[key] = message
        for queue in list(self.queues):
            queue.put_nowait(message)
        return message

    def put_call(self, call: Call, change: str, contact_name: str = "") -> dict[str, Any]:
        self.seq += 1
        return self._publish(
            ("call", f"{call.account}/{call.call_id}"),
            encode(CallChange(self.seq, call, contact_name), what=change),
        )

    def put_note(self, note: Note) -> dict[str, Any]:
        self.seq += 1
        return self._publish(("note", str(note.id)), encode(NoteChange(self.seq, note)))

    def put_contact(self, contact: Contact) -> dict[str, Any]:
        self.seq += 1
        return self._publish(("contact", str(contact.id)), encode(ContactChange(self.seq, contact)))

    def backlog_change_word(self) -> None:
        """As a real hub resumes from its store: the backlog's call changes carry no word."""
        for message in self.rows.values():
            if message["type"] == "call":
                message["change"] = ""

    async def drop(self, code: int = WSCloseCode.GOING_AWAY) -> None:
        """Close every connection (a restart: ``GOING_AWAY``; a revoked user: 4001)."""
        for ws in list(self.connections):
            with contextlib.suppress(Exception):
                await ws.close(code=code)

    async def replace_database(self, hub_id: str | None = "b0a7d") -> None:
        """The hub's database replaced: every connection dropped, nothing stored, numbers from 1 again, and
        (unless ``hub_id`` is None: a backup restored) another identity."""
        await self.drop()
        self.rows.clear()
        self.seq = self.next_id = 0
        if hub_id is not None:
            self.hub_id = hub_id

    async def revoke(self, token: str = TOKEN) -> None:
        self.tokens.pop(token, None)
        await self.drop(code=4001)
