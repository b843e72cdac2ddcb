"""The log of requests the providers received, for ``GET /_sandbox/requests`` (newest last, bounded).

Why: an integration test asserts what Ringdesk *sent* (the form fields of a ``makeCall``, the Bearer
header of a CCRM call, the number of CCRM requests against the daily budget) the way a provider's own
request log would show it. Control-API requests are not logged (they are the test talking to us).
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from typing import Any

from aiohttp import web

HEADERS = ("Authorization", "Content-Type", "User-Agent", "Range", "Accept", "X-Forwarded-For")


class RequestLog:
    """A bounded deque of request summaries, and the aiohttp middleware that fills it."""

    def __init__(self, size: int) -> None:
        self.entries: deque[dict[str, Any]] = deque(maxlen=size)
        self.total = 0
        self._ids = itertools.count(1)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/_sandbox"):
            return await handler(request)
        entry: dict[str, Any] = {
            "id": next(self._ids),
            "time": time.time(),
            "method": request.method,
            "path": request.path,
            "query": dict(request.query),
            "form": None,
            "headers": {h: request.headers[h] for h in HEADERS if h in request.headers},
            "remote": request.remote,
            "status": None,
        }
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            form = await request.post()  # aiohttp caches it: the handler reads it again for free
            entry["form"] = {k: v for k, v in form.items() if isinstance(v, str)}
        elif request.method == "POST" and request.can_read_body:
            entry["body"] = (await request.text())[:2000]
        self.entries.append(entry)
        self.total += 1
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            entry["status"] = exc.status
            raise
        entry["status"] = response.status
        return response

    def list(self, limit: int | None = None, path: str | None = None) -> list[dict[str, Any]]:
        items = [e for e in self.entries if path is None or e["path"].startswith(path)]
        return items[-limit:] if limit else items

    def clear(self) -> None:
        self.entries.clear()
