"""The headless composition root: one :class:`Runtime` wires the stores, the call hub, the call tracker,
the contact look-up and the webhook receiver — for ``ringdesk serve``, the desktop app and tests.

Why one place: every front end must build the same graph in the same order (secrets before the
receiver opens its URLs, the store open before the first push). The desktop app subscribes to
:attr:`Runtime.hub`; the dialer, sync and recordings services attach to the named attributes below.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from app.core.errors import ConfigError
from app.server.accounts import WebhookAccounts, base_url, ensure_webhook_secrets, webhook_urls
from app.services.calls import CallTracker
from app.services.context import Context
from app.services.hub import CallHub
from app.services.lookup import ContactLookup

if TYPE_CHECKING:  # imported in start(): aiohttp and httpx cost ~0.4 s, and the tray must show first
    from app.server.server import Address, WebhookServer
    from app.services.outbound import OutboundServices

log = logging.getLogger(__name__)

_LISTEN = re.compile(r"^(\[[0-9a-fA-F:]+\]|[^:\s\[\]]+):(\d{1,5})$")


class Runtime:
    """The app without a UI. ``await start()`` opens the store and the receiver; ``await stop()`` closes them."""

    def __init__(self, context: Context, *, listen: str | None = None) -> None:
        self.context = context
        if listen is not None:
            _check_listen(listen)
            context.settings.server.listen = listen
        self.hub = CallHub()
        self.tracker = CallTracker(context.calls, self.hub)
        self.lookup = ContactLookup(context.contacts, context.settings.general)
        self.receiver: WebhookServer | None = None
        # Secrets are cached by the receiver; the settings dialog calls ``webhook_accounts.forget_secrets()``.
        self.webhook_accounts = WebhookAccounts(context.settings, context.secrets)
        # Attached by the providers' services when they exist (click-to-call, history pull, recordings):
        self.dialer: object | None = None
        self.sync: object | None = None
        self.recordings: object | None = None
        self.outbound: OutboundServices | None = None

    @property
    def address(self) -> Address | None:
        return self.receiver.address if self.receiver else None

    async def start(self) -> Address:
        """Generate missing webhook secrets, then serve the webhooks. Returns where the receiver listens."""
        from app.server.app import build_app
        from app.server.server import WebhookServer
        from app.server.services import ReceiverServices
        from app.services.outbound import OutboundServices

        self.context.db.checkpoint_in_background()  # the event loop writes; it should never also checkpoint
        settings, secrets = self.context.settings, self.context.secrets
        for account in ensure_webhook_secrets(settings, secrets):
            log.info("account %s: generated a new webhook secret (paste the new URLs into the cabinet)", account)
        services = ReceiverServices(settings, self.webhook_accounts, self.tracker, self.lookup)
        self.receiver = WebhookServer(build_app(services), settings.server)
        address = await self.receiver.start()
        self.outbound = OutboundServices(self.context, self.tracker)  # click-to-call, history sync, recordings
        self.dialer, self.sync, self.recordings = self.outbound.dialer, self.outbound.sync, self.outbound.recordings
        self.outbound.start()
        return address

    async def stop(self) -> None:
        """Stop the receiver (requests in flight finish and are committed), then close the store."""
        if self.outbound is not None:
            await self.outbound.stop()
        if self.receiver is not None:
            await self.receiver.stop()
        self.context.close()

    def webhook_urls(self) -> dict[str, list[str]]:
        """For each account, the URL(s) to paste into the provider's cabinet (the actual port once started)."""
        server = self.context.settings.server
        base = base_url(server, self.address.port if self.address else None)
        return webhook_urls(self.context.settings, self.context.secrets, base)


def _check_listen(listen: str) -> None:
    """``--listen HOST:PORT`` (port 0: any free port, printed at start)."""
    match = _LISTEN.match(listen)
    if not match or int(match.group(2)) > 65535:
        raise ConfigError(f"--listen must be HOST:PORT (e.g. 127.0.0.1:8765), not {listen!r}")
