"""Cloud PBX (ITooLabs API) as the server: ``POST /sys/crm_api.wcgp``, form body, ``token``, ``cmd``.

Document commands: ``accounts``, ``makeCall``. Seen in public implementations, not in the provider
document: ``groups``, ``history`` (CSV pull, see :mod:`cloudpbx_history`), ``subscribeOnCalls``,
``subscriptionStatus``, ``set_dnd``, ``get_dnd``, ``makeCall``'s ``clid`` and its answer variants.
Errors are exactly ``400 {"error": "Invalid parameters"}`` and ``401 {"error": "Invalid token"}``; the
token is checked first. Chosen: a ``phone`` with a leading ``+`` is rejected with 400 (as the deployments
that reject it do) unless ``accept_plus_in_phone``; an unknown ``user`` is a 400; ``set_dnd`` and
``subscribeOnCalls`` answer ``OK`` as text; ``get_dnd`` answers ``{"state": true|false}``. A JSON body
is accepted too (tolerant on input).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from app.sandbox import cloudpbx_history as history
from app.sandbox.engine import Engine
from app.sandbox.faults import guarded
from app.sandbox.httputil import json_response

Fields = dict[str, str]


def invalid() -> web.Response:
    return json_response({"error": "Invalid parameters"}, status=400)


def bad_token() -> web.Response:
    return json_response({"error": "Invalid token"}, status=401)


def too_many() -> web.Response:
    return json_response({"error": "Too many requests"}, status=429, headers={"Retry-After": "60"})


class CloudPbxApi:
    """The PBX's side of the CRM integration."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.commands: dict[str, Callable[[Fields], Awaitable[web.Response]]] = {
            "accounts": self.accounts,
            "groups": self.groups,
            "makeCall": self.make_call,
            "history": self.history,
            "subscribeOnCalls": self.subscribe,
            "subscriptionStatus": self.subscription,
            "set_dnd": self.set_dnd,
            "get_dnd": self.get_dnd,
        }

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/sys/crm_api.wcgp", self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        fields = await read_fields(request)
        cmd = fields.get("cmd", "")

        async def answer() -> web.Response:
            if fields.get("token") != self.engine.config.cloudpbx_token:
                return bad_token()
            command = self.commands.get(cmd)
            return await command(fields) if command else invalid()

        route = f"cloudpbx.{cmd if cmd in self.commands else 'unknown'}"
        return await guarded(self.engine.faults, route, answer, bad_token, too_many)

    def _login(self, fields: Fields) -> str | None:
        agent = self.engine.roster.agent(fields.get("user", ""))
        return agent.login if agent else None

    async def accounts(self, fields: Fields) -> web.Response:
        extra = self.engine.config.extra_fields
        items: list[dict[str, Any]] = []
        for agent in self.engine.roster.agents:
            item: dict[str, Any] = {"name": agent.login, "realName": agent.real_name}
            if extra:
                item.update(ext=agent.ext, telnum=agent.mobile, email=agent.email)
            items.append(item)
        return json_response(items)

    async def groups(self, fields: Fields) -> web.Response:
        login = None
        if fields.get("user"):
            login = self._login(fields)
            if login is None:
                return invalid()
        return json_response(
            [
                {"id": g.id, "realName": g.real_name, "ext": g.ext}
                for g in self.engine.roster.groups
                if login is None or login in g.members
            ]
        )

    async def make_call(self, fields: Fields) -> web.Response:
        cfg = self.engine.config
        phone, login = fields.get("phone", "").strip(), self._login(fields)
        clid = fields.get("clid", "").strip()
        if phone.startswith("+") and cfg.accept_plus_in_phone:
            phone = phone[1:]
        bad_clid = bool(clid) and not clid.lstrip("+").isdigit()
        if login is None or not phone.isdigit() or not 3 <= len(phone) <= 15 or bad_clid:
            return invalid()
        spec = self.engine.control.fill(
            {
                "provider": "cloudpbx",
                "direction": "out",
                "number": phone,
                "agent": login,
                "outcome": cfg.click_to_call_outcome,
                "line": clid.lstrip("+") or None,
            }
        )
        call = self.engine.place(spec)
        if cfg.makecall_answer == "uuid":
            return json_response({"uuid": call.id})
        if cfg.makecall_answer == "CallID":
            return json_response({"CallID": call.id})
        return web.Response(status=200, body=b"")

    async def history(self, fields: Fields) -> web.Response:
        cfg = self.engine.config
        kind = fields.get("type", "all") or "all"
        try:
            if fields.get("period"):
                if fields["period"] not in history.PERIODS:
                    return invalid()
                start, end = history.period_bounds(fields["period"], datetime.now(UTC), cfg.history_utc_offset_hours)
            elif fields.get("start"):
                start = history.parse_stamp(fields["start"])
                end = history.parse_stamp(fields["end"]) if fields.get("end") else datetime.now(UTC)
            else:
                return invalid()
            limit = int(fields["limit"]) if fields.get("limit") else None
        except ValueError:
            return invalid()
        if kind not in history.TYPES or end < start or (limit is not None and limit < 1):
            return invalid()
        calls = history.select(self.engine.archive.for_provider("cloudpbx"), kind, start, end, limit)
        body = history.render(
            calls, f"{self.engine.base_url}/records/{{id}}.wav", cfg.history_utc_offset_hours, cfg.history_csv_header
        )
        return web.Response(text=body, content_type="text/csv", charset="utf-8")

    async def subscribe(self, fields: Fields) -> web.Response:
        login, status, group_id = self._login(fields), fields.get("status", ""), fields.get("group_id", "")
        groups = [g for g in self.engine.roster.groups if not group_id or g.id == group_id]
        if login is None or status not in ("on", "off") or not groups:
            return invalid()
        for group in groups:
            self.engine.subscribed[(login, group.id)] = status == "on"
        return web.Response(text="OK", content_type="text/plain")

    async def subscription(self, fields: Fields) -> web.Response:
        login, group_id = self._login(fields), fields.get("group_id", "")
        if login is None or not any(g.id == group_id for g in self.engine.roster.groups):
            return invalid()
        on = self.engine.subscribed.get((login, group_id), True)
        return json_response({"status": "on" if on else "off"})

    async def set_dnd(self, fields: Fields) -> web.Response:
        login, state = self._login(fields), fields.get("state", "").lower()
        if login is None or state not in ("true", "false"):
            return invalid()
        self.engine.dnd[login] = state == "true"
        return web.Response(text="OK", content_type="text/plain")

    async def get_dnd(self, fields: Fields) -> web.Response:
        login = self._login(fields)
        if login is None:
            return invalid()
        return json_response({"state": self.engine.dnd.get(login, False)})


async def read_fields(request: web.Request) -> Fields:
    """The request's fields: a form body (the API's own), or a JSON object (tolerated)."""
    if request.content_type == "application/json":
        try:
            data = json.loads(await request.text() or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    form = await request.post()
    return {k: v for k, v in form.items() if isinstance(v, str)}
