"""TeleCube / CCRM as the server: ``/publicApi/...`` (Bearer key, envelope, paging, limits) and the older
panel click-to-call ``POST /api/<login>/web_call/``.

From the documents: ``401 {"success": false, "message": "Unauthorized"}`` for a wrong key or a caller IP
not on the allow-list; ``403 {"success": false, "message": "Request limit has been exceeded"}`` once the
daily (1,000) or period (20,000) budget is spent. Every request with a valid key counts (including the
ones answered 400/404/403), as the panel's request log does; the day is the Polish calendar day.
Seen in public implementations: lists of at most 1,000 items, ``?page=N`` (1-based), total in
``otherData.totalCount``; ``callHistory`` needs ``dateFrom`` and ``dateTo`` (``YYYY-MM-DD HH:MM:SS``).
Chosen: a missing/garbled range or page answers ``400 {"success": false, "message": ...}``; an unknown
path ``404`` in the same envelope; ``web_call`` answers ``{"error": "OK", "id": ...}`` on success,
``401 {"error": "Unauthorized"}`` for a wrong login/key/IP and ``400 {"error": "Invalid parameters"}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web

from app.sandbox import telecube_data as data
from app.sandbox.engine import Engine
from app.sandbox.faults import guarded
from app.sandbox.httputil import json_response

PAGE_SIZE = 1000
Lister = Callable[[Engine], list[dict[str, Any]]]
LISTS: dict[str, tuple[Lister, bool]] = {  # path → (builder, whether otherData carries totalCount)
    "users": (data.users, True),
    "users/sipAccounts": (data.sip_accounts, False),
    "users/groupsType": (data.groups_type, True),
    "call/presentation/available": (data.call_presentations, True),
    "sms/presentation/available": (data.sms_presentations, True),
    "people": (data.people, True),
    "organisations": (data.organisations, True),
}


def unauthorized() -> web.Response:
    return json_response({"success": False, "message": "Unauthorized"}, status=401)


def limit_exceeded() -> web.Response:
    return json_response({"success": False, "message": "Request limit has been exceeded"}, status=403)


def failure(status: int, message: str) -> web.Response:
    return json_response({"success": False, "message": message}, status=status)


def envelope(items: list[dict[str, Any]], page: int, with_total: bool) -> web.Response:
    chunk = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    other = {"totalCount": len(items)} if with_total else {}
    return json_response({"success": True, "data": chunk, "otherData": other, "message": "OK"})


@dataclass
class Usage:
    """Requests counted against the budget: today's (Polish calendar day) and this month's."""

    day: str = ""
    today: int = 0
    month: str = ""
    period: int = 0

    def spend(self, daily_limit: int, period_limit: int) -> bool:
        """Count one request; False once either budget is spent."""
        now = datetime.now(data.WARSAW)
        day, month = now.strftime("%Y-%m-%d"), now.strftime("%Y-%m")
        if self.day != day:
            self.day, self.today = day, 0
        if self.month != month:
            self.month, self.period = month, 0
        self.today += 1
        self.period += 1
        return self.today <= daily_limit and self.period <= period_limit

    def reset(self) -> None:
        self.today = self.period = 0


class TeleCubeApi:
    """The CCRM public API and the panel's web_call."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.usage = Usage()

    def add_routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/publicApi/{path:.*}", self.handle)
        app.router.add_post("/api/{login}/web_call/", self.web_call)
        app.router.add_post("/api/{login}/web_call", self.web_call)

    def allowed(self, request: web.Request) -> bool:
        ips = self.engine.config.telecube_allowed_ips
        return ips is None or (request.remote or "") in ips

    def _spend(self) -> bool:
        """Count one request; False once the day's or the period's budget is spent."""
        cfg = self.engine.config
        return self.usage.spend(cfg.telecube_daily_limit, cfg.telecube_period_limit)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"].strip("/")

        async def answer() -> web.Response:
            auth = request.headers.get("Authorization", "")
            scheme, _, key = auth.partition(" ")
            good_key = scheme.lower() == "bearer" and key.strip() == self.engine.config.telecube_api_key
            if not self.allowed(request) or not good_key:
                return unauthorized()
            if not self._spend():
                return limit_exceeded()
            if request.method != "GET":
                return failure(405, "Method not allowed")
            return self.dispatch(path, request)

        known = path in LISTS or path == "callHistory"
        route = "telecube." + (path.replace("/", ".") if known else "unknown")
        return await guarded(self.engine.faults, route, answer, unauthorized, limit_exceeded)

    def dispatch(self, path: str, request: web.Request) -> web.Response:
        try:
            page = int(request.query.get("page", "1"))
        except ValueError:
            page = 0
        if page < 1:
            return failure(400, "Invalid page")
        if path == "callHistory":
            try:
                lo = data.parse_local(request.query["dateFrom"])
                hi = data.parse_local(request.query["dateTo"])
            except (KeyError, ValueError):
                return failure(400, "dateFrom and dateTo are required (YYYY-MM-DD HH:MM:SS)")
            calls = [c for c in self.engine.archive.for_provider("telecube") if lo <= c.started <= hi]
            return envelope([data.call_record(self.engine, c) for c in calls], page, True)
        if path not in LISTS:
            return failure(404, "Not found")
        builder, with_total = LISTS[path]
        return envelope(builder(self.engine), page, with_total)

    async def web_call(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}

        async def answer() -> web.Response:
            cfg = self.engine.config
            if (
                not self.allowed(request)
                or request.match_info["login"] != cfg.telecube_login
                or fields.get("api_key") != cfg.telecube_api_key
            ):
                return json_response({"error": "Unauthorized"}, status=401)
            contact_a = fields.get("contact_a", "").strip()
            roster = self.engine.roster
            agent = (roster.agent_by_ext(contact_a) or roster.agent_by_sip(contact_a)) if contact_a else None
            number = _pl_digits(fields.get("contact_b", ""))
            caller_id = _pl_digits(fields.get("caller_id", "")) if fields.get("caller_id") else ""
            if agent is None or not number or (fields.get("caller_id") and not caller_id):
                return json_response({"error": "Invalid parameters"}, status=400)
            spec = self.engine.control.fill(
                {
                    "provider": "telecube",
                    "direction": "out",
                    "number": number,
                    "agent": agent.login,
                    "outcome": cfg.click_to_call_outcome,
                    "line": caller_id or None,
                }
            )
            call = self.engine.place(spec)
            return json_response({"error": "OK", "id": call.id})

        return await guarded(
            self.engine.faults,
            "telecube.web_call",
            answer,
            lambda: json_response({"error": "Unauthorized"}, status=401),
            lambda: json_response({"error": "Request limit has been exceeded"}, status=403),
        )


def _pl_digits(text: str) -> str:
    """A number as the panel takes it: digits, ``+``/``00`` dropped, 9 national digits → ``48…``."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.strip().startswith("00"):
        digits = digits[2:]
    if len(digits) == 9:
        digits = "48" + digits
    return digits if 5 <= len(digits) <= 15 else ""
