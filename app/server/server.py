"""Running the receiver on the current asyncio loop (plain asyncio for ``ringdesk serve``, qasync in the
desktop app): ``web.AppRunner`` + ``TCPSite``, never ``web.run_app`` (it would own the loop and signals).

Why aiohttp (measured by ``bench/receiver.py`` against a bare ``asyncio.start_server`` handler in the
same run): a fraction of a millisecond more per request buys robust HTTP/1.1 parsing, keep-alive, the
body cap (413), TLS, and one task per connection so a slow client never blocks another.

Why our own listener (``loop.create_server`` with :class:`~app.server.edge.EdgeHandler` as the protocol,
made the way ``web.Server`` makes aiohttp's): so that malformed HTTP gets our JSON answer, and every
connection is bounded (:mod:`app.server.connections`): a cap derived from the open-files limit, which is
raised to the hard limit first (:mod:`app.server.limits`), and time-outs for heads and idle sockets.

Stopping: the listening socket closes first, then requests in flight finish (their events are already
committed when they answer), then idle connections close.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
from dataclasses import dataclass

from aiohttp import web

from app.config.settings import ServerSettings
from app.core.errors import ConfigError, Problem
from app.server.connections import ConnectionTable, EdgePolicy
from app.server.edge import EdgeHandler
from app.server.limits import BACKLOG, connection_cap, raise_open_files_limit
from app.server.middlewares import RedactedAccessLogger
from app.services.webhook_urls import is_loopback

log = logging.getLogger(__name__)

# How long a stop waits for handlers in flight. Storing is synchronous, so a handler in flight is either
# done or still waiting for its body, and aiohttp reads no more data once stopping: a short grace suffices.
SHUTDOWN_GRACE_S = 3.0


@dataclass(frozen=True, slots=True)
class Address:
    host: str
    port: int
    tls: bool


class WebhookServer:
    """Serves one aiohttp application on ``settings.listen`` (port 0 picks a free port; see :attr:`address`)."""

    def __init__(self, app: web.Application, settings: ServerSettings, policy: EdgePolicy | None = None) -> None:
        """``policy``: the connection limits; by default a cap derived from the open-files limit and the
        time-outs of :class:`EdgePolicy`."""
        self.app = app
        self.settings = settings
        self.policy = policy
        self.address: Address | None = None
        self.connections: ConnectionTable | None = None
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.Server | None = None

    async def start(self) -> Address:
        host, port = self.settings.host, self.settings.port
        if not is_loopback(host):
            log.warning(
                "the webhook receiver listens on %s, beyond this machine: anyone who can reach it "
                "may call it (set [server] allow to restrict callers)",
                self.settings.listen,
            )
        context = tls_context(self.settings)
        policy = self.policy or EdgePolicy(connection_cap(raise_open_files_limit()))
        runner = web.AppRunner(
            self.app,
            access_log_class=RedactedAccessLogger,
            shutdown_timeout=SHUTDOWN_GRACE_S,
            handle_signals=False,
        )
        await runner.setup()
        server, loop = runner.server, asyncio.get_running_loop()
        assert server is not None  # set by setup()
        table = ConnectionTable(policy, loop)

        def connection() -> EdgeHandler:
            # as web.Server() makes aiohttp's handler; its keep-alive time-out is a backstop to the table's
            return EdgeHandler(
                server,
                table,
                loop=loop,
                access_log_class=RedactedAccessLogger,
                keepalive_timeout=policy.idle_timeout,
            )

        try:
            listener = await loop.create_server(
                connection,
                host or None,
                port,
                ssl=context,
                backlog=BACKLOG,
                reuse_address=True,
                ssl_handshake_timeout=policy.head_timeout if context else None,
            )
        except OSError as exc:
            await runner.cleanup()
            raise Problem(
                f"The webhook receiver cannot listen on {self.settings.listen}: {exc.strerror or exc}.",
                hint="Choose another port with [server] listen or --listen HOST:PORT.",
            ) from exc
        self._runner, self._listener, self.connections = runner, listener, table
        bound = _bound_port(listener, port)
        self.address = Address(host, bound, context is not None)
        log.info(
            "webhook receiver listening on %s://%s:%d (at most %d connections)",
            "https" if context else "http",
            host,
            bound,
            policy.max_connections,
        )
        return self.address

    async def stop(self) -> None:
        """Stop accepting, let requests in flight finish, close connections. Safe to call twice."""
        runner, self._runner = self._runner, None
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        if self.connections is not None:
            self.connections.close()
        if runner is not None:
            await runner.cleanup()
            log.info("webhook receiver stopped")


def tls_context(settings: ServerSettings) -> ssl.SSLContext | None:
    """The server TLS context when a certificate and key are configured, else None (plain HTTP)."""
    if not settings.tls_cert:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(settings.tls_cert, settings.tls_key)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            f"Cannot load the TLS certificate {settings.tls_cert} / key {settings.tls_key}: {exc}",
            hint="Check [server] tls_cert and tls_key.",
        ) from exc
    return context


def _bound_port(listener: asyncio.Server, asked: int) -> int:
    for sock in listener.sockets:
        address = sock.getsockname()
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
