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

**Hub mode.** When the settings hold an enabled ``provider = "hub"`` account, this desktop is joined to a team
hub (``ringdesk join``): :meth:`Runtime.start` opens no webhook receiver and builds no provider client for
the other accounts. It starts :attr:`Runtime.hub_link` (the stream of the hub's changes into the local cache
and onto :attr:`hub`) and outbound services that dial and fetch recordings through the hub; notes and
contacts are written to the hub, and the history is not narrowed again by role (the hub sent only what this
user may see).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from app.config.settings import AccountSettings, Provider, Settings
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
from app.services.team_users import TeamUsers
from app.services.webhook_urls import base_url, ensure_webhook_secrets, webhook_urls

if TYPE_CHECKING:  # imported in start(): aiohttp and httpx cost ~0.4 s, and the tray must show first
    from aiohttp import web

    from app.server.desktop_api.state import DesktopApi
    from app.server.server import Address, WebhookServer
    from app.services.dialer import Dialer
    from app.services.hub_link import HubLink
    from app.services.outbound import OutboundServices
    from app.services.recordings import RecordingService
    from app.services.sync import SyncService

log = logging.getLogger(__name__)

_LISTEN = re.compile(r"^(\[[0-9a-fA-F:]+\]|[^:\s\[\]]+):(\d{1,5})$")


class Runtime:
    """The app without a UI. ``await start()`` opens the store and the receiver; ``await stop()`` closes them."""

    def __init__(self, context: Context, *, listen: str | None = None, serves_desktops: bool = False) -> None:
        """``serves_desktops``: this is the team hub (``ringdesk serve``): the desktop API is mounted on the
        webhooks' listener for the users in :attr:`team`."""
        self.context = context
        self.serves_desktops = serves_desktops
        if listen is not None:
            check_listen(listen)
            context.settings.server.listen = listen
        self.hub = CallHub()
        self.tracker = CallTracker(context.calls, self.hub)
        self.lookup = ContactLookup(context.contacts, context.settings.general)
        self.history = CallHistory(context.calls, context.agents, context.settings)
        self.notes = NoteBook(context.notes)
        self.contacts = ContactBook(context.contacts)
        self.settings = SettingsService(context)
        self.team = TeamUsers(context.users, context.settings)  # the hub's users (``ringdesk users``)
        self.desktop_api: DesktopApi | None = None
        # The receiver caches secrets; a saved change must reach it at once.
        self.webhook_accounts = WebhookAccounts(context.settings, context.secrets)
        self.settings.on_saved(self.webhook_accounts.forget_secrets)
        self.receiver: WebhookServer | None = None
        self.outbound: OutboundServices | None = None
        self.hub_account = hub_account(context.settings)
        self.hub_link: HubLink | None = None  # hub mode, once started: the tray shows its state
        if self.hub_account is not None:
            self.notes.write_through(None)  # until the link exists, a write says "not connected yet"
            self.contacts.write_through(None)

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

        if self.hub_account is not None:
            return await self._start_hub(self.hub_account)
        self.context.db.checkpoint_in_background()  # the event loop writes; it should never also checkpoint
        settings, secrets = self.context.settings, self.context.secrets
        for account in ensure_webhook_secrets(settings, secrets):
            log.info("account %s: generated a new webhook secret (paste the new URLs into the cabinet)", account)
        self.outbound = OutboundServices(self.context, self.tracker)  # click-to-call, history sync, recordings
        self.outbound.start()
        services = ReceiverServices(settings, self.webhook_accounts, self.tracker, self.lookup)
        app = build_app(services)
        if self.serves_desktops:
            self._add_desktop_api(app)
        self.receiver = WebhookServer(app, settings.server)
        return await self.receiver.start()

    def _add_desktop_api(self, app: web.Application) -> None:
        """The team hub's desktop API (docs/hub-protocol.md) on the webhooks' listener."""
        from app.server.desktop_api import DesktopApiServices, add_desktop_api
        from app.services.change_feed import StoreChangeReader

        self.desktop_api = add_desktop_api(
            app,
            DesktopApiServices(
                self.context.settings,
                self.team,
                StoreChangeReader(self.context.changes, self.context.calls),
                self.notes,
                self.contacts,
                self.hub,
                dialer=lambda: self.dialer,
                recordings=lambda: self.recordings,
            ),
        )

    async def _start_hub(self, hub: AccountSettings) -> Address:
        """Hub mode: the link to the hub and the outbound services through it; no receiver, no other clients.

        Returns the hub's address (where this desktop's calls come from). A missing token is not fatal: the
        desktop still shows its cached history, and ``outbound.unavailable`` says why nothing is live."""
        from app.providers.hub.client import HubClient
        from app.server.server import Address
        from app.services.hub_link import HubLink
        from app.services.outbound import OutboundServices
        from app.store.hub_cache import HubCache

        self.context.db.checkpoint_in_background()
        self.outbound = OutboundServices.for_hub(self.context, self.tracker, hub)
        client = self.outbound.hub_client
        if isinstance(client, HubClient):
            self.hub_link = HubLink(client, HubCache(self.context.db, hub.id), self.hub)
            self.notes.write_through(self.hub_link)
            self.contacts.write_through(self.hub_link)
            self.hub_link.start()
        parts = urlsplit(hub.base_url)
        tls = parts.scheme == "https"
        return Address(parts.hostname or "", parts.port or (443 if tls else 80), tls)

    async def stop(self) -> None:
        """Stop the receiver (requests in flight finish and are committed), then close the store."""
        if self.hub_link is not None:
            await self.hub_link.stop()
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


def hub_account(settings: Settings) -> AccountSettings | None:
    """The enabled ``provider = "hub"`` account, if this desktop is joined to a team hub."""
    return next((a for a in settings.accounts if a.provider is Provider.HUB and a.enabled), None)


def check_listen(listen: str) -> None:
    """``--listen HOST:PORT`` (port 0: any free port, printed at start)."""
    match = _LISTEN.match(listen)
    if not match or int(match.group(2)) > 65535:
        raise ConfigError(f"--listen must be HOST:PORT (e.g. 127.0.0.1:8765), not {listen!r}")
