"""Reading the desktop API's query parameters and JSON bodies, each refusal a sentence (400/413)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from app.server.bodies import BODY_TIMEOUT, MAX_BODY
from app.server.desktop_api.answers import ApiError


def int_param(
    request: web.BaseRequest, name: str, default: int, *, minimum: int = 0, maximum: int | None = None
) -> int:
    text = request.query.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ApiError(400, f"The parameter {name!r} must be a whole number, not {text[:40]!r}.") from None
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum:,}" if maximum is not None else f"at least {minimum}"
        raise ApiError(400, f"The parameter {name!r} must be {bounds}.")
    return value


async def json_body(request: web.BaseRequest) -> dict[str, Any]:
    """The body as a JSON object, read under the cap and a time-out."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise ApiError(413, f"The body is over the {MAX_BODY:,} byte cap.")
    try:
        body = await asyncio.wait_for(request.read(), BODY_TIMEOUT)
    except web.HTTPRequestEntityTooLarge:
        raise ApiError(413, f"The body is over the {MAX_BODY:,} byte cap.") from None
    except TimeoutError:
        raise ApiError(400, f"The body did not arrive within {BODY_TIMEOUT:.0f} s.") from None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # nesting 1,000 deep is RecursionError, not ValueError
        raise ApiError(400, "The body is not valid JSON (or nested too deeply).") from None
    if not isinstance(data, dict):
        raise ApiError(400, "The body must be a JSON object.")
    return data


def text_field(body: dict[str, Any], name: str, *, required: bool = False, max_len: int = 1_000) -> str:
    value = body.get(name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ApiError(400, f"The field {name!r} must be a string.")
    value = value.strip()
    if required and not value:
        raise ApiError(400, f"The field {name!r} is required.")
    if len(value) > max_len:
        raise ApiError(400, f"The field {name!r} is longer than {max_len:,} characters.")
    return value
