"""Faults on demand, per route: what a flaky provider does to its clients, switched on by tests.

Why per route name rather than per URL: the Cloud PBX multiplexes every command on one URL (the
``cmd`` field picks it), so a route is ``<provider>.<command>``: ``cloudpbx.history``,
``telediscount.get_calls``, ``telecube.people``, ``telecube.web_call``, ``records.cloudpbx``, and for the
webhooks we send ``webhook.cloudpbx.event``, ``webhook.telediscount.call_finished``... Patterns use
shell wildcards (``cloudpbx.*``, ``*``).

Kinds on served routes: ``latency`` (sleep ``seconds``, then answer normally), ``timeout`` (hang
``seconds``, default 30, longer than a client time-out, then 504), ``status`` (answer ``status``, default
503), ``malformed`` (the normal answer, truncated/corrupted), ``unauthorized`` (the provider's own 401),
``rate_limit`` (CCRM: its 403; others: 429), ``not_ready`` (``records.cloudpbx``: 404 for ``seconds``
after the call ended). Kinds on webhooks: ``drop``, ``duplicate``, ``reorder`` (hold this webhook back
and send it after the call's next one), ``latency``.
A fault fires ``count`` times (None: until removed), each time with ``probability``.
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import random
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from aiohttp import web

SERVED_KINDS = ("latency", "timeout", "status", "malformed", "unauthorized", "rate_limit", "not_ready")
WEBHOOK_KINDS = ("drop", "duplicate", "reorder", "latency")
KINDS = (*SERVED_KINDS, "drop", "duplicate", "reorder")


@dataclass
class Fault:
    """One switched-on fault (see the module docstring for the kinds)."""

    route: str
    kind: str
    status: int | None = None
    seconds: float | None = None
    count: int | None = None
    probability: float = 1.0
    id: int = 0
    fired: int = 0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fault:
        """Build from control-API JSON; raises ``ValueError`` with a readable message."""
        unknown = set(data) - {"route", "kind", "status", "seconds", "count", "probability"}
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        route, kind = str(data.get("route") or ""), str(data.get("kind") or "")
        if not route or kind not in KINDS:
            raise ValueError(f"a fault needs a route and a kind in {KINDS}")
        if route.startswith("webhook.") and kind not in WEBHOOK_KINDS:
            raise ValueError(f"webhook faults are {WEBHOOK_KINDS}")
        fault = cls(
            route=route,
            kind=kind,
            status=int(data["status"]) if data.get("status") is not None else None,
            seconds=float(data["seconds"]) if data.get("seconds") is not None else None,
            count=int(data["count"]) if data.get("count") is not None else None,
            probability=float(data.get("probability", 1.0)),
        )
        if not 0.0 <= fault.probability <= 1.0 or (fault.count is not None and fault.count < 1):
            raise ValueError("probability must be in [0, 1] and count >= 1")
        return fault

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_fault(text: str) -> Fault:
    """Parse the CLI form ``ROUTE:KIND[:ARG][:count=N][:p=F]``.

    ARG is the status for ``status``, seconds for ``latency``/``timeout``/``not_ready``, else a probability.
    Examples: ``cloudpbx.history:status:503:count=3``, ``webhook.cloudpbx.event:drop:0.1``.
    """
    parts = text.split(":")
    if len(parts) < 2:
        raise ValueError(f"fault must be ROUTE:KIND[:ARG]: {text!r}")
    data: dict[str, Any] = {"route": parts[0], "kind": parts[1]}
    for extra in parts[2:]:
        key, sep, value = extra.partition("=")
        if sep:
            data[{"p": "probability", "count": "count", "n": "count"}.get(key, key)] = value
        elif parts[1] == "status":
            data["status"] = extra
        elif parts[1] in ("latency", "timeout", "not_ready"):
            data["seconds"] = extra
        else:
            data["probability"] = extra
    return Fault.from_dict(data)


class FaultBook:
    """The switched-on faults, consulted by every handler and by the webhook sender."""

    def __init__(self, seed: int) -> None:
        self._faults: list[Fault] = []
        self._rng = random.Random(f"{seed}:faults")
        self._next_id = 1
        self.stopping = asyncio.Event()

    def add(self, fault: Fault) -> Fault:
        fault.id = self._next_id
        self._next_id += 1
        self._faults.append(fault)
        return fault

    def remove(self, fault_id: int) -> bool:
        before = len(self._faults)
        self._faults = [f for f in self._faults if f.id != fault_id]
        return len(self._faults) != before

    def clear(self) -> None:
        self._faults.clear()

    def list(self) -> list[dict[str, Any]]:
        return [f.as_dict() for f in self._faults]

    def take(self, route: str, kinds: tuple[str, ...]) -> Fault | None:
        """The first fault matching ``route`` among ``kinds`` that fires now (spending one of its count)."""
        for fault in self._faults:
            if fault.kind in kinds and fnmatch.fnmatchcase(route, fault.route):
                if fault.probability < 1.0 and self._rng.random() >= fault.probability:
                    continue
                fault.fired += 1
                if fault.count is not None:
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                return fault
        return None

    def peek(self, route: str, kind: str) -> Fault | None:
        """A matching fault without spending it (for time-window faults such as ``not_ready``)."""
        return next((f for f in self._faults if f.kind == kind and fnmatch.fnmatchcase(route, f.route)), None)

    async def sleep(self, seconds: float) -> None:
        """Sleep, but wake at once when the sandbox stops (a hung handler must not delay shutdown)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), timeout=max(0.0, seconds))


Responder = Callable[[], Awaitable[web.StreamResponse]]


async def guarded(
    book: FaultBook,
    route: str,
    handler: Responder,
    unauthorized: Callable[[], web.Response],
    rate_limited: Callable[[], web.Response],
) -> web.StreamResponse:
    """Answer through ``handler`` unless a fault for ``route`` fires (the provider gives its own 401/403)."""
    fault = book.take(route, ("latency", "timeout", "status", "malformed", "unauthorized", "rate_limit"))
    if fault is None:
        return await handler()
    if fault.kind == "latency":
        await book.sleep(fault.seconds if fault.seconds is not None else 2.0)
        return await handler()
    if fault.kind == "timeout":
        await book.sleep(fault.seconds if fault.seconds is not None else 30.0)
        return web.Response(
            status=504, text="<html><body><h1>504 Gateway Time-out</h1></body></html>", content_type="text/html"
        )
    if fault.kind == "status":
        status = fault.status or 503
        return web.Response(
            status=status,
            content_type="text/html",
            text=f"<html><body><h1>{status} Server Error</h1>nginx</body></html>",
        )
    if fault.kind == "unauthorized":
        return unauthorized()
    if fault.kind == "rate_limit":
        return rate_limited()
    return corrupt(await handler())


def corrupt(response: web.StreamResponse) -> web.StreamResponse:
    """The same answer with a broken body: JSON cut in the middle, CSV with a torn line, audio cut short."""
    if not isinstance(response, web.Response) or response.body is None:
        return response
    body = bytes(response.body)  # type: ignore[arg-type]
    ctype = response.content_type
    if "csv" in ctype or ctype.startswith("text/"):
        broken = body + b'\n"unterminated,quote\nonly,three,fields\n'
    elif "json" in ctype:
        broken = body[: max(1, len(body) // 2)] + b',"'
    else:
        broken = body[: len(body) // 2]
    return web.Response(
        status=response.status,
        body=broken,
        content_type=ctype,
        charset=response.charset if "json" in ctype or ctype.startswith("text/") else None,
    )
