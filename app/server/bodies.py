"""Turning a webhook request (query string, form or JSON body) into plain ``{name: value}`` fields.

Why decode with ``surrogateescape`` first and judge the bytes later: the Cloud PBX check order is
account → token → parameters, so a request with a wrong token must get 401 even when other fields are
not UTF-8. Undecodable bytes survive as surrogates until :func:`require_text` refuses them (400).

Bodies are read under a cap (``client_max_size`` → 413) and a time-out (a half-sent body is dropped
after ``BODY_TIMEOUT`` without holding up anyone else: each connection is its own task).
"""

from __future__ import annotations

import asyncio
import json
from urllib.parse import parse_qsl

from aiohttp import web

MAX_BODY = 64 * 1024
BODY_TIMEOUT = 10.0


class BadBody(Exception):
    """The request cannot be read as fields; ``status`` is the answer (400, 408 or 413)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def query_fields(request: web.BaseRequest) -> dict[str, str]:
    """The query string's fields (first value wins), undecodable bytes kept as surrogates."""
    return _form(request.rel_url.raw_query_string)


async def body_fields(request: web.BaseRequest) -> dict[str, str]:
    """The body's fields: JSON object when the content type says JSON, else form-encoded."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise BadBody(413, f"body of {request.content_length} bytes is over the {MAX_BODY} byte cap")
    try:
        body = await asyncio.wait_for(request.read(), BODY_TIMEOUT)
    except web.HTTPRequestEntityTooLarge:
        raise BadBody(413, f"body over the {MAX_BODY} byte cap") from None
    except TimeoutError:
        raise BadBody(408, f"body not received within {BODY_TIMEOUT:.0f} s") from None
    if request.content_type == "application/json" or request.content_type.endswith("+json"):
        return _json(body)
    return _form(body.decode("utf-8", "surrogateescape"))


def require_text(fields: dict[str, str]) -> None:
    """Refuse fields that were not UTF-8 (they reached us as surrogates)."""
    for name, value in fields.items():
        if _has_surrogates(name) or _has_surrogates(value):
            raise BadBody(400, "the request is not UTF-8 text")


def _form(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for name, value in parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="surrogateescape"):
        fields.setdefault(name, value)
    return fields


def _json(body: bytes) -> dict[str, str]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # nesting 1,000 deep is RecursionError, not ValueError
        raise BadBody(400, "the body is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadBody(400, "the JSON body is not an object")
    fields: dict[str, str] = {}
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, bool):
            fields[name] = "true" if value else "false"
        elif isinstance(value, str | int | float):
            fields[name] = str(value)
        else:
            raise BadBody(400, f"JSON field {name[:40]!r} is not a plain value")
    return fields


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
