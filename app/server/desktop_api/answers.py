"""The desktop API's answers: JSON bodies, and every error as ``{"error": code, "message": sentence}``.

Why a sentence in every error: the desktop shows it to the agent as it is (or the operator reads it in a
log), so it says what went wrong and, where there is one, how to fix it. A provider's problem also carries
its template and fields (``problem``), so the desktop can show it in the agent's language.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from app.core.errors import ConfigError, InvalidNumber, NotPermitted, Problem, RateLimited, StorageError

CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
    500: "internal",
    502: "provider",
    503: "unavailable",
}


class ApiError(Exception):
    """An error answer, raised anywhere below a handler and shaped by the API's error middleware."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})

    def answer(self) -> web.Response:
        response = error(self.status, self.message, **self.extra)
        response.headers.update(self.headers)
        return response


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_answer(data: Mapping[str, Any], status: int = 200) -> web.Response:
    return web.json_response(dict(data), status=status, dumps=dumps)


def error(status: int, message: str, **extra: Any) -> web.Response:
    return json_answer({"error": CODES.get(status, "error"), "message": message, **extra}, status)


def not_found(message: str = "There is no such call, or it is not one this user may see.") -> ApiError:
    """The same 404 for "no such thing" and "not yours": a probe learns nothing."""
    return ApiError(404, message)


def from_problem(problem: Problem) -> ApiError:
    """A :class:`Problem` as its answer: the status by kind, the English sentence, and the template and
    fields for the desktop to translate."""
    if isinstance(problem, InvalidNumber):
        status = 400
    elif isinstance(problem, NotPermitted):
        status = 403
    elif isinstance(problem, ConfigError):
        status = 409
    elif isinstance(problem, StorageError):
        status = 503
    else:
        status = 502
    detail: dict[str, Any] = {
        "type": type(problem).__name__,  # the desktop rebuilds the same class (e.g. RateLimited, AuthError)
        "template": problem.template,
        "fields": {name: _plain(value) for name, value in problem.fields.items()},
        "hint": problem.hint_template,
    }
    if isinstance(problem, RateLimited) and problem.retry_after is not None:
        detail["retry_after"] = problem.retry_after
    return ApiError(status, problem.user_text(), extra={"problem": detail})


def _plain(value: object) -> object:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)
