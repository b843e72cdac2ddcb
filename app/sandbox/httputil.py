"""Small HTTP helpers shared by the provider modules: JSON answers and byte-range serving.

Why our own Range code: recordings live in memory (rendered on demand), and aiohttp's FileResponse
only serves files. Media players seek with ``Range: bytes=…``; a recording server that ignores it makes
the player download the whole call before it can jump. One range per request is what players send;
multi-range requests are answered whole (which RFC 9110 allows).
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """Compact JSON as ``application/json``, non-ASCII kept readable (as the providers send it)."""
    return web.Response(
        status=status,
        text=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        content_type="application/json",
        headers=headers,
    )


def parse_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """``(first, last)`` inclusive for a single satisfiable range; ``False`` if unsatisfiable;
    ``None`` if the header is absent, malformed or multi-range (then the whole body is served)."""
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first_text, dash, last_text = spec.strip().partition("-")
    if not dash:
        return None
    try:
        if first_text == "":
            suffix = int(last_text)
            if suffix <= 0 or size == 0:
                return False
            return max(0, size - suffix), size - 1
        first = int(first_text)
        last = int(last_text) if last_text else size - 1
    except ValueError:
        return None
    if first >= size:
        return False
    if first < 0 or last < first:
        return None
    return first, min(last, size - 1)


def bytes_response(
    request: web.Request, data: bytes | bytearray, content_type: str, etag: str, filename: str | None = None
) -> web.Response:
    """Serve ``data`` with ``Accept-Ranges``, answering a Range request with 206 (or 416)."""
    headers = {"Accept-Ranges": "bytes", "ETag": f'"{etag}"', "Cache-Control": "private, max-age=604800"}
    if filename:
        headers["Content-Disposition"] = f'inline; filename="{filename}"'
    header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if header and (if_range is None or if_range.strip() == headers["ETag"]):
        span = parse_range(header, len(data))
        if span is False:
            headers["Content-Range"] = f"bytes */{len(data)}"
            return web.Response(status=416, headers=headers)
        if isinstance(span, tuple):
            first, last = span
            headers["Content-Range"] = f"bytes {first}-{last}/{len(data)}"
            return web.Response(status=206, body=data[first : last + 1], content_type=content_type, headers=headers)
    return web.Response(body=data, content_type=content_type, headers=headers)


def error_text(status: int) -> web.Response:
    """A bare HTML error page, as a front-end proxy would answer."""
    return web.Response(status=status, content_type="text/html", text=f"<html><body><h1>{status}</h1></body></html>")
