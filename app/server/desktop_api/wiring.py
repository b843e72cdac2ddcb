"""Mounting the desktop API on the receiver's application, under ``/api/v1/``.

Why a sub-application: its middlewares (HTTPS rule, bearer token, its own error shape) apply to the
desktop API only; the providers' webhooks keep theirs. Its start and stop ride on the main application's
(``on_startup``/``on_shutdown``): the feed subscribes to the call hub when the listener opens, and every
stream is closed (1001) before the listener closes, so a stopping hub never waits on idle sockets.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from app.server.bodies import MAX_BODY
from app.server.desktop_api import guard, reads, stream, writes
from app.server.desktop_api.answers import error
from app.server.desktop_api.feed import HubFeed
from app.server.desktop_api.ratelimit import FailureLimiter
from app.server.desktop_api.services import DesktopApiServices
from app.server.desktop_api.state import API, DesktopApi

PREFIX = "/api/v1"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
ROUTES: dict[str, dict[str, Handler]] = {
    "/me": {"GET": reads.me},
    "/changes": {"GET": reads.changes},
    "/stream": {"GET": stream.stream},
    "/dial": {"POST": writes.dial},
    "/recordings/{account}/{call_id}": {"GET": reads.recording},
    "/notes": {"POST": writes.add_note},
    "/contacts": {"POST": writes.add_contact},
}


def add_desktop_api(app: web.Application, services: DesktopApiServices) -> DesktopApi:
    """Serve the hub's desktop API (docs/hub-protocol.md) on ``app``'s listener; returns its state."""
    api = web.Application(client_max_size=MAX_BODY, middlewares=[guard.errors, guard.https_only, guard.bearer_token])
    state = DesktopApi(services, HubFeed(services), FailureLimiter(clock=services.clock))
    api[API] = state
    for path, methods in ROUTES.items():
        for method, handler in methods.items():
            api.router.add_route(method, path, handler)
    api.router.add_route("*", "/{tail:.*}", _unknown)  # so a wrong path gets this API's error shape

    async def start(_: web.Application) -> None:
        state.feed.start()

    async def stop(_: web.Application) -> None:
        await state.feed.stop()

    api.on_startup.append(start)
    api.on_shutdown.append(stop)
    app.add_subapp(PREFIX, api)
    return state


async def _unknown(request: web.Request) -> web.Response:
    return error(404, "There is no such path in the hub's desktop API (see docs/hub-protocol.md).")
