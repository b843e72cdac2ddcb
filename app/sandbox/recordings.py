"""Serving recordings: ``GET /records/<call id>.wav`` (Cloud PBX ``link``, TeleDiscount ``recorder_file``)
and TeleDiscount's ``get_record``.

Why the 404 window: real Cloud PBX links are sent in ``history`` before the file exists, and a client
that does not retry loses the recording. With ``recording_404_seconds`` (or a ``records.cloudpbx``
``not_ready`` fault) a Cloud PBX link answers 404 for that many real seconds after the call ended.
Links are unauthenticated (as the real ones are); a call that fell out of the bounded archive answers 404,
like a link past the provider's retention.
"""

from __future__ import annotations

import time

from aiohttp import web

from app.sandbox.audio import RecordingCache
from app.sandbox.calls import Call
from app.sandbox.engine import Engine
from app.sandbox.faults import guarded
from app.sandbox.httputil import bytes_response, error_text

CONTENT_TYPE = "audio/wav"


class Recordings:
    """Renders (through a small LRU cache) and serves call recordings with Range support."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.cache = RecordingCache(max_items=engine.config.recording_cache_size)

    def add_routes(self, app: web.Application) -> None:
        app.router.add_get("/records/{name}", self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        call = self.engine.archive.get(name.removesuffix(".wav")) if name.endswith(".wav") else None
        route = f"records.{call.spec.provider if call else 'unknown'}"

        async def answer() -> web.Response:
            if call is None or call.talk <= 0 or not call.answered_by:
                return error_text(404)
            if call.spec.provider == "cloudpbx" and not self.ready(call):
                return error_text(404)
            return self.serve(request, call)

        return await guarded(self.engine.faults, route, answer, lambda: error_text(401), lambda: error_text(429))

    def ready(self, call: Call) -> bool:
        """False while a Cloud PBX recording is still "being written" (the 404 window)."""
        window = self.engine.config.recording_404_seconds
        fault = self.engine.faults.peek("records.cloudpbx", "not_ready")
        if fault is not None:
            window = max(window, fault.seconds if fault.seconds is not None else 5.0)
        return window <= 0 or call.ended_real is None or time.monotonic() - call.ended_real >= window

    def serve(self, request: web.Request, call: Call) -> web.Response:
        data = self.cache.get(call.id, call.talk)
        return bytes_response(request, data, CONTENT_TYPE, etag=f"{call.id}-{call.talk}", filename=f"{call.id}.wav")
