"""The receiver's aiohttp application: routes, middlewares, body cap. No socket here (see ``server``)."""

from __future__ import annotations

import time

from aiohttp import web

from app import __version__
from app.server import cloudpbx, openapi, replies, telediscount
from app.server.bodies import MAX_BODY
from app.server.edge import track_requests
from app.server.middlewares import allow_list, error_shape
from app.server.services import SERVICES, ReceiverServices
from app.services.webhook_urls import TELEDISCOUNT_HOOKS


def build_app(services: ReceiverServices) -> web.Application:
    """The application answering ``/hooks/…``, ``/healthz`` and ``/openapi.json``."""
    app = web.Application(
        client_max_size=MAX_BODY,
        middlewares=[track_requests, allow_list(services.settings.server.allow), error_shape],
    )
    app[SERVICES] = services
    telediscount_path = "/hooks/{account}/{secret}/{hook:(?:" + "|".join(TELEDISCOUNT_HOOKS) + ")}"
    app.router.add_post("/hooks/{account}", cloudpbx.handle)
    app.router.add_route("GET", telediscount_path, telediscount.handle)
    app.router.add_route("POST", telediscount_path, telediscount.handle)
    app.router.add_get("/healthz", health)
    app.router.add_get("/openapi.json", openapi_document)
    return app


async def health(request: web.Request) -> web.Response:
    """Liveness for monitoring: version, uptime, served accounts (ids and providers only, never secrets)."""
    services = request.app[SERVICES]
    accounts = [{"id": a.id, "provider": a.provider.value} for a in services.settings.accounts if a.enabled]
    return replies.json_answer(
        {
            "status": "ok",
            "version": __version__,
            "uptime_s": round(time.monotonic() - services.started, 1),
            "accounts": accounts,
        }
    )


async def openapi_document(request: web.Request) -> web.Response:
    return replies.json_answer(openapi.build())
