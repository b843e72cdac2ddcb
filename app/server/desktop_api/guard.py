"""The desktop API's middlewares, outermost first: one error shape, the HTTPS rule, the bearer token.

Why the HTTPS rule runs before the token is even looked at: a token that crossed a network in plain text
is already given away; refusing it with a sentence tells the operator how to fix the set-up. Failed
logins are limited per address (:mod:`.ratelimit`), after the token is checked: only failures count.

Tokens never reach a log: the refusal logs the address and the reason only, the access log prints no
headers, and ``app.config.logs`` masks ``Authorization: Bearer …`` and ``rd1.<login>.<secret>`` anywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from app.config.logs import redact
from app.core.errors import StorageError
from app.server.desktop_api.access import PLAIN_HTTP_REFUSED, limit_key, peer_of
from app.server.desktop_api.answers import ApiError, error, from_problem
from app.server.desktop_api.state import PEER, TOKEN, USER, api

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

NO_TOKEN = "This request needs the header Authorization: Bearer <token> (the token from the user's invite)."
BAD_TOKEN = "The token is not valid (it was reset or the user removed)."


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every error as ``{"error", "message"}``; a bug is logged and answered 500 without detail."""
    try:
        return await handler(request)
    except ApiError as exc:
        return exc.answer()
    except StorageError as exc:
        return from_problem(exc).answer()
    except web.HTTPNotFound:
        return error(404, "There is no such path in the hub's desktop API (see docs/hub-protocol.md).")
    except web.HTTPMethodNotAllowed as exc:
        response = error(405, f"{request.method} is not allowed here.")
        response.headers["Allow"] = ", ".join(sorted(exc.allowed_methods))
        return response
    except web.HTTPRequestEntityTooLarge:
        return error(413, "The body is too large.")
    except web.HTTPException:
        raise
    except Exception:
        log.exception("bug while answering %s %s", request.method, redact(request.path))
        return error(500, "The hub failed to answer (a bug: its log says more).")


@web.middleware
async def https_only(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Beyond loopback, HTTPS only (our own TLS, or a trusted proxy that says it terminated it)."""
    peer = peer_of(request, api(request).trusted_proxies())
    request[PEER] = peer
    if not peer.secure and not peer.loopback:
        log.warning("refused plain HTTP from %s to the desktop API", peer.address)
        raise ApiError(403, PLAIN_HTTP_REFUSED)
    return await handler(request)


@web.middleware
async def bearer_token(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The user of the request's token; else 401, or 429 once the address failed too often.

    The token is checked first: a valid token always passes, so the desktops behind one office NAT (or a
    proxy not in ``trusted_proxies``) keep working while a stale desktop among them keeps failing."""
    state, peer = api(request), request[PEER]
    token = token_of(request)
    user = state.services.users.authenticate(token) if token else None
    if user is not None and token is not None:
        request[USER] = user
        request[TOKEN] = token
        return await handler(request)
    key = limit_key(peer.address)
    wait = state.limiter.retry_after(key)
    if wait:
        raise ApiError(
            429,
            f"Too many failed logins from this address; try again in {wait} s.",
            headers={"Retry-After": str(wait)},
        )
    state.limiter.failed(key)
    log.warning(
        "refused %s %s from %s: %s",
        request.method,
        redact(request.path),
        peer.address,
        "no token" if token is None else "a token that is not valid",
    )
    raise ApiError(401, NO_TOKEN if token is None else BAD_TOKEN, headers={"WWW-Authenticate": "Bearer"})


def token_of(request: web.BaseRequest) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None
