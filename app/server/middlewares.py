"""Cross-cutting rules of the receiver: who may call it, one error shape, and a redacted request log.

- IP allow-list (``[server] allow`` CIDRs; empty = anyone): others get 403 before anything is read.
- Errors: aiohttp's own 404/405/413 become our JSON ``{"error": …}``; a bug becomes a logged 500 with
  no detail in the body (the provider retries; the traceback goes to our log, never to the caller).
- Request log: one line per request (method, path, status, milliseconds), secrets masked: the
  TeleDiscount path secret by pattern (``app.config.logs``), tokens by value and by field name.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable, Sequence

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.typedefs import Middleware

from app.config.logs import redact
from app.server import replies

log = logging.getLogger(__name__)
access_log = logging.getLogger("ringdesk.server.access")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def allow_list(networks: Sequence[str]) -> Middleware:
    """A middleware admitting only clients inside ``networks`` (all of them when empty) to the webhooks.

    The team hub's desktop API (``/api/…``) is not restricted by it: ``[server] allow`` names the providers'
    senders, while desktops connect from wherever their agents are and prove who they are with a token.
    """
    allowed: list[Network] = [ipaddress.ip_network(cidr, strict=False) for cidr in networks]

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if allowed and not request.path.startswith("/api/") and not _admitted(request.remote, allowed):
            log.warning("refused %s: not in the allow-list", request.remote)
            return replies.error(403, "Forbidden")
        return await handler(request)

    return middleware


@web.middleware
async def error_shape(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPNotFound:
        return replies.not_found()
    except web.HTTPMethodNotAllowed as exc:
        response = replies.error(405, "Method not allowed")
        response.headers["Allow"] = ", ".join(sorted(exc.allowed_methods))
        return response
    except web.HTTPRequestEntityTooLarge:
        return replies.refused(413)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("bug while answering %s %s", request.method, redact(request.path))
        return replies.error(500, "Internal error")


class RedactedAccessLogger(AbstractAccessLogger):
    """``POST /hooks/office 200 0.84 ms`` — with every secret in the path or query masked."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        access_log.info("%s %s %d %.2f ms", request.method, redact(request.path_qs), response.status, time * 1000)

    @property
    def enabled(self) -> bool:
        return access_log.isEnabledFor(logging.INFO)


def _admitted(remote: str | None, allowed: list[Network]) -> bool:
    if not remote:
        return False
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in allowed)
