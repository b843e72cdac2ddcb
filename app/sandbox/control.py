"""The control API under ``/_sandbox/``: how tests, benchmarks and the demo drive the sandbox over HTTP.

Why HTTP as well as Python: a benchmark or a second process (the desktop app against a standalone
``ringdesk sandbox``) cannot call methods. Every route is a thin wrapper over a :class:`Sandbox` method.
No authentication: the sandbox listens on 127.0.0.1 and holds only invented data.

Routes: ``GET state``; ``POST config``; ``POST calls`` / ``GET calls`` / ``GET calls/<id>``;
``GET|DELETE requests``; ``GET|DELETE webhooks``; ``GET|POST|DELETE faults``, ``DELETE faults/<id>``;
``POST burst``, ``GET burst/<id>``; ``GET contacts`` (CSV); ``GET agents``; ``POST telecube/reset``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from app.sandbox.faults import Fault
from app.sandbox.httputil import json_response

if TYPE_CHECKING:
    from app.sandbox.server import Sandbox

PREFIX = "/_sandbox"


class ControlApi:
    """Routes of the control API, bound to one sandbox."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sb = sandbox

    def add_routes(self, app: web.Application) -> None:
        r = app.router
        r.add_get(f"{PREFIX}/state", self.state)
        r.add_post(f"{PREFIX}/config", self.config)
        r.add_post(f"{PREFIX}/calls", self.place_call)
        r.add_get(f"{PREFIX}/calls", self.calls)
        r.add_get(f"{PREFIX}/calls/{{call_id}}", self.call)
        r.add_get(f"{PREFIX}/requests", self.requests)
        r.add_delete(f"{PREFIX}/requests", self.clear_requests)
        r.add_get(f"{PREFIX}/webhooks", self.webhooks)
        r.add_delete(f"{PREFIX}/webhooks", self.clear_webhooks)
        r.add_get(f"{PREFIX}/faults", self.faults)
        r.add_post(f"{PREFIX}/faults", self.add_fault)
        r.add_delete(f"{PREFIX}/faults", self.clear_faults)
        r.add_delete(f"{PREFIX}/faults/{{fault_id}}", self.remove_fault)
        r.add_post(f"{PREFIX}/burst", self.burst)
        r.add_get(f"{PREFIX}/burst/{{burst_id}}", self.burst_status)
        r.add_get(f"{PREFIX}/contacts", self.contacts)
        r.add_get(f"{PREFIX}/agents", self.agents)
        r.add_post(f"{PREFIX}/telecube/reset", self.telecube_reset)

    async def state(self, request: web.Request) -> web.Response:
        return json_response(self.sb.state())

    async def config(self, request: web.Request) -> web.Response:
        body = await _json(request)
        try:
            changed = self.sb.configure(**body)
        except (TypeError, ValueError) as exc:
            return json_response({"error": str(exc)}, status=400)
        return json_response({"changed": changed, "config": self.sb.config.public()})

    async def place_call(self, request: web.Request) -> web.Response:
        body = await _json(request)
        wait = bool(body.pop("wait_done", False))
        try:
            call_id = await self.sb.place_call(**body)
        except (TypeError, ValueError) as exc:
            return json_response({"error": str(exc)}, status=400)
        if wait:
            call = await self.sb.wait_call(call_id, timeout=float(request.query.get("timeout", "60")))
            return json_response(call.as_dict(), status=201)
        return json_response(
            self.sb.engine.active[call_id].as_dict() if call_id in self.sb.engine.active else {"call_id": call_id},
            status=201,
        )

    async def calls(self, request: web.Request) -> web.Response:
        limit = int(request.query.get("limit", "100"))
        done = [c.as_dict() for c in self.sb.engine.archive][-limit:]
        return json_response({"active": [c.as_dict() for c in self.sb.engine.active.values()], "done": done})

    async def call(self, request: web.Request) -> web.Response:
        call_id = request.match_info["call_id"]
        call = self.sb.engine.active.get(call_id) or self.sb.engine.archive.get(call_id)
        if call is None:
            return json_response({"error": "no such call"}, status=404)
        data = call.as_dict()
        data["webhooks"] = [w for w in self.sb.sender.log if w["call_id"] == call_id]
        return json_response(data)

    async def requests(self, request: web.Request) -> web.Response:
        limit = int(request.query["limit"]) if "limit" in request.query else None
        return json_response(self.sb.requests.list(limit, request.query.get("path")))

    async def clear_requests(self, request: web.Request) -> web.Response:
        self.sb.requests.clear()
        return json_response({"ok": True})

    async def webhooks(self, request: web.Request) -> web.Response:
        items = list(self.sb.sender.log)
        if "call_id" in request.query:
            items = [w for w in items if w["call_id"] == request.query["call_id"]]
        if "limit" in request.query:
            items = items[-int(request.query["limit"]) :]
        return json_response(items)

    async def clear_webhooks(self, request: web.Request) -> web.Response:
        self.sb.sender.log.clear()
        return json_response({"ok": True})

    async def faults(self, request: web.Request) -> web.Response:
        return json_response(self.sb.faults.list())

    async def add_fault(self, request: web.Request) -> web.Response:
        try:
            fault = self.sb.add_fault(Fault.from_dict(await _json(request)))
        except (TypeError, ValueError) as exc:
            return json_response({"error": str(exc)}, status=400)
        return json_response(fault.as_dict(), status=201)

    async def clear_faults(self, request: web.Request) -> web.Response:
        self.sb.faults.clear()
        return json_response({"ok": True})

    async def remove_fault(self, request: web.Request) -> web.Response:
        removed = self.sb.faults.remove(int(request.match_info["fault_id"]))
        return json_response({"ok": removed}, status=200 if removed else 404)

    async def burst(self, request: web.Request) -> web.Response:
        body = await _json(request)
        try:
            burst = self.sb.start_burst(
                int(body.get("count", 100)),
                rate=body.get("rate"),
                concurrency=int(body.get("concurrency", 200)),
                provider=body.get("provider"),
            )
        except (TypeError, ValueError) as exc:
            return json_response({"error": str(exc)}, status=400)
        return json_response(burst.as_dict(), status=202)

    async def burst_status(self, request: web.Request) -> web.Response:
        burst = self.sb.traffic.bursts.get(int(request.match_info["burst_id"]))
        if burst is None:
            return json_response({"error": "no such burst"}, status=404)
        return json_response(burst.as_dict())

    async def contacts(self, request: web.Request) -> web.Response:
        return web.Response(text=self.sb.contacts_csv(), content_type="text/csv", charset="utf-8")

    async def agents(self, request: web.Request) -> web.Response:
        return json_response(self.sb.agents())

    async def telecube_reset(self, request: web.Request) -> web.Response:
        self.sb.telecube.usage.reset()
        return json_response({"ok": True})


async def _json(request: web.Request) -> dict[str, Any]:
    """The JSON object body (empty body → ``{}``); a 400 for anything else."""
    text = await request.text()
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise web.HTTPBadRequest(
            text=json.dumps({"error": f"invalid JSON: {exc}"}), content_type="application/json"
        ) from exc
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(text=json.dumps({"error": "expected a JSON object"}), content_type="application/json")
    return data
