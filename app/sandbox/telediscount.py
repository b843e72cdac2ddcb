"""TeleDiscount as the server: ``GET /api.php/telephony/outcome|get_calls|get_record``, ``abonent_api_key``.

The document gives the paths and parameters only. Chosen here and documented: a wrong or missing key
answers ``401 {"error": "Invalid abonent_api_key"}``; a missing/invalid parameter ``400 {"error":
"Invalid parameters"}``; an unknown method 404 ``{"error": "Unknown method"}``; ``outcome`` answers
``200 {"status": "ok", "api_call_id": "<id>"}`` (the document's text about the answer was lost in
extraction; it mentions a call ID); ``get_calls`` answers a JSON list of records (all values strings,
oldest first, exact-match filters ``api_call_id``, ``num_a``, ``num_m``, ``num_b``); ``get_record``
answers ``audio/wav`` with Range support, 404 ``{"error": "Record not found"}`` when there is none.
``num_a`` in ``outcome`` is matched with or without ``SIP/`` and zero padding (the document writes both
``SIP/00000000672`` and ``SIP/0000000672``).
"""

from __future__ import annotations

from aiohttp import web

from app.sandbox import telediscount_flow
from app.sandbox.engine import Engine
from app.sandbox.faults import guarded
from app.sandbox.httputil import json_response
from app.sandbox.recordings import Recordings

FILTERS = ("api_call_id", "num_a", "num_m", "num_b")


def bad_key() -> web.Response:
    return json_response({"error": "Invalid abonent_api_key"}, status=401)


def invalid() -> web.Response:
    return json_response({"error": "Invalid parameters"}, status=400)


def too_many() -> web.Response:
    return json_response({"error": "Too many requests"}, status=429, headers={"Retry-After": "60"})


class TeleDiscountApi:
    """The provider's click-to-call, call records and recordings."""

    def __init__(self, engine: Engine, recordings: Recordings) -> None:
        self.engine = engine
        self.recordings = recordings

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/api.php/telephony/{method}", self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        query = request.query

        async def answer() -> web.Response:
            if query.get("abonent_api_key") != self.engine.config.telediscount_api_key:
                return bad_key()
            if method == "outcome":
                return self.outcome(query.get("num_a", ""), query.get("num_b", ""))
            if method == "get_calls":
                return self.get_calls({k: query[k] for k in FILTERS if query.get(k)})
            if method == "get_record":
                return self.get_record(request, query.get("api_call_id", ""))
            return json_response({"error": "Unknown method"}, status=404)

        route = f"telediscount.{method if method in ('outcome', 'get_calls', 'get_record') else 'unknown'}"
        return await guarded(self.engine.faults, route, answer, bad_key, too_many)

    def outcome(self, num_a: str, num_b: str) -> web.Response:
        agent = self.engine.roster.agent_by_sip(num_a) if num_a else None
        number = num_b.strip()
        if agent is None or not number.isdigit() or not 3 <= len(number) <= 15:
            return invalid()
        spec = self.engine.control.fill(
            {
                "provider": "telediscount",
                "direction": "out",
                "number": number,
                "agent": agent.login,
                "outcome": self.engine.config.click_to_call_outcome,
            }
        )
        call = self.engine.place(spec)
        return json_response({"status": "ok", "api_call_id": call.id})

    def get_calls(self, filters: dict[str, str]) -> web.Response:
        rows = []
        for call in self.engine.archive.for_provider("telediscount"):
            row = telediscount_flow.record(self.engine, call)
            if all(row[k] == v for k, v in filters.items()):
                rows.append(row)
        return json_response(rows)

    def get_record(self, request: web.Request, call_id: str) -> web.Response:
        if not call_id:
            return invalid()
        call = self.engine.archive.get(call_id)
        if call is None or call.spec.provider != "telediscount" or call.talk <= 0 or not call.answered_by:
            return json_response({"error": "Record not found"}, status=404)
        return self.recordings.serve(request, call)
