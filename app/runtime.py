"""The composition root: one :class:`Runtime` builds the app's object graph — stores, the call hub, the
call tracker, the use cases every front end calls, the webhook receiver and the outbound services — for
``ringdesk serve``, the desktop app, the command line and tests.

Why it sits above the layers (``app/runtime.py``, not in ``app/services``): it is the one place that knows
both the services and the HTTP server, so neither has to know the other (the layer test in
``tests/test_architecture.py`` holds that). Why one place: every front end must build the same graph in
the same order (secrets before the receiver opens its URLs, the store open before the first push).

What a front end gets, typed:

- :attr:`Runtime.hub`: every call update, to subscribe to (cards, history, alerts);
- the use cases: :attr:`history` (scoped by role), :attr:`notes`, :attr:`contacts`, :attr:`settings`;
- once started, the outbound services: :attr:`dialer`, :attr:`sync`, :attr:`recordings` (None before
  :meth:`start`, and for the desktop whose receiver could not start they still exist);
- :attr:`receiver` and :attr:`address`: where the webhooks are received.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from app.core.errors import ConfigError
from app.server.accounts import WebhookAccounts
from app.services.calls import CallTracker
from app.services.contact_book import ContactBook
from app.services.context import Context
from app.services.history import CallHistory
from app.services.hub import CallHub
from app.services.lookup import ContactLookup
from app.services.notes import NoteBook
from app.services.settings_apply import SettingsService
from app.services.webhook_urls import base_url, ensure_webhook_secrets, webhook_urls

if TYPE_CHECKING:  # imported in start(): aiohttp and httpx cost ~0.4 s, and the tray must show first
    from app.server.server import Address, WebhookServer
    from app.services.dialer import Dialer
    from app.services.outbound import OutboundServices
    from app.services.recordings import RecordingService
    from app.services.sync import SyncService

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
        self.history = CallHistory(context.calls, context.agents, context.settings)
        self.notes = NoteBook(context.notes)
        self.contacts = ContactBook(context.contacts)
        self.settings = SettingsService(context)
        # The receiver caches secrets; a saved change must reach it at once.
        self.webhook_accounts = WebhookAccounts(context.settings, context.secrets)
        self.settings.on_saved(self.webhook_accounts.forget_secrets)
        self.receiver: WebhookServer | None = None
        self.outbound: OutboundServices | None = None

    @property
    def address(self) -> Address | None:
        return self.receiver.address if self.receiver else None

    @property
    def dialer(self) -> Dialer | None:
        """Click-to-call, once started."""
        return self.outbound.dialer if self.outbound else None

    @property
    def sync(self) -> SyncService | None:
        """The history pull of every account, once started."""
        return self.outbound.sync if self.outbound else None

    @property
    def recordings(self) -> RecordingService | None:
        """Recordings (cached downloads), once started."""
        return self.outbound.recordings if self.outbound else None

    async def start(self) -> Address:
        """Generate missing webhook secrets, then serve the webhooks. Returns where the receiver listens.

        The outbound services start even when the receiver cannot (a port taken): the desktop still dials,
        syncs and plays recordings, and says why cards may be late.
        """
        from app.server.app import build_app
        from app.server.server import WebhookServer
        from app.server.services import ReceiverServices
        from app.services.outbound import OutboundServices

        self.context.db.checkpoint_in_background()  # the event loop writes; it should never also checkpoint
        settings, secrets = self.context.settings, self.context.secrets
        for account in ensure_webhook_secrets(settings, secrets):
            log.info("account %s: generated a new webhook secret (paste the new URLs into the cabinet)", account)
        self.outbound = OutboundServices(self.context, self.tracker)  # click-to-call, history sync, recordings
        self.outbound.start()
        services = ReceiverServices(settings, self.webhook_accounts, self.tracker, self.lookup)
        self.receiver = WebhookServer(build_app(services), settings.server)
        return await self.receiver.start()

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
