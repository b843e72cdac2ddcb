"""The receiver's answers, byte for byte as the providers' documents (and our OpenAPI) describe them."""

from __future__ import annotations

from typing import Any

from aiohttp import web

INVALID_PARAMETERS = "Invalid parameters"
INVALID_TOKEN = "Invalid token"
UNAVAILABLE = "Temporarily unavailable"  # 503: the push could not be stored now; the provider retries


def empty() -> web.Response:
    """200 with an empty body: what both providers expect for an accepted push."""
    return web.Response(status=200)


def json_answer(data: dict[str, Any], status: int = 200) -> web.Response:
    return web.json_response(data, status=status, dumps=_dumps)


def error(status: int, message: str) -> web.Response:
    """``{"error": message}`` — the Cloud PBX's error shape, used for every error we answer."""
    return json_answer({"error": message}, status)


_STATUS_TEXT = {400: INVALID_PARAMETERS, 408: "Request timeout", 413: "Request too large"}


def refused(status: int) -> web.Response:
    """The answer to a request whose body could not be read (400, 408 or 413)."""
    return error(status, _STATUS_TEXT.get(status, INVALID_PARAMETERS))


def not_found() -> web.Response:
    """The same 404 for an unknown route, account or secret, so probing reveals nothing."""
    return error(404, "Not found")


def _dumps(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
