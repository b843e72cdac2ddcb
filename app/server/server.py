"""Running the receiver on the current asyncio loop (plain asyncio for ``ringdesk serve``, qasync in the
desktop app): ``web.AppRunner`` + ``TCPSite``, never ``web.run_app`` (it would own the loop and signals).

Why aiohttp (measured by ``bench/receiver.py`` against a bare ``asyncio.start_server`` handler in the
same run): a fraction of a millisecond more per request buys robust HTTP/1.1 parsing, keep-alive, the
body cap (413), TLS, and one task per connection so a slow client never blocks another.

Stopping: the listening socket closes first, then requests in flight finish (their events are already
committed when they answer), then idle connections close.
"""

from __future__ import annotations

import logging
import ssl
from dataclasses import dataclass

from aiohttp import web

from app.config.settings import ServerSettings
from app.core.errors import ConfigError, Problem
from app.server.middlewares import RedactedAccessLogger
from app.services.webhook_urls import is_loopback

log = logging.getLogger(__name__)

# How long a stop waits for handlers in flight. Storing is synchronous, so a handler in flight is either
# done or still waiting for its body, and aiohttp reads no more data once stopping: a short grace suffices.
SHUTDOWN_GRACE_S = 3.0
KEEPALIVE_S = 75.0


@dataclass(frozen=True, slots=True)
class Address:
    host: str
    port: int
    tls: bool


class WebhookServer:
    """Serves one aiohttp application on ``settings.listen`` (port 0 picks a free port; see :attr:`address`)."""

    def __init__(self, app: web.Application, settings: ServerSettings) -> None:
        self.app = app
        self.settings = settings
        self.address: Address | None = None
        self._runner: web.AppRunner | None = None

    async def start(self) -> Address:
        host, port = self.settings.host, self.settings.port
        if not is_loopback(host):
            log.warning(
                "the webhook receiver listens on %s, beyond this machine: anyone who can reach it "
                "may call it (set [server] allow to restrict callers)",
                self.settings.listen,
            )
        context = tls_context(self.settings)
        runner = web.AppRunner(
            self.app,
            access_log_class=RedactedAccessLogger,
            shutdown_timeout=SHUTDOWN_GRACE_S,
            keepalive_timeout=KEEPALIVE_S,
            handle_signals=False,
        )
        await runner.setup()
        site = web.TCPSite(runner, host, port, ssl_context=context, reuse_address=True)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise Problem(
                f"The webhook receiver cannot listen on {self.settings.listen}: {exc.strerror or exc}.",
                hint="Choose another port with [server] listen or --listen HOST:PORT.",
            ) from exc
        self._runner = runner
        bound = _bound_port(runner, port)
        self.address = Address(host, bound, context is not None)
        log.info("webhook receiver listening on %s://%s:%d", "https" if context else "http", host, bound)
        return self.address

    async def stop(self) -> None:
        """Stop accepting, let requests in flight finish, close connections. Safe to call twice."""
        runner, self._runner = self._runner, None
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


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
