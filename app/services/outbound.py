"""The outbound half, assembled: one provider client per account, and the dialer, history sync, directory
(agents, CRM contacts) and recordings services over them — built and closed together by the runtime.

Why accounts without their secrets are skipped rather than fatal: the receiver (inbound webhooks) works
without the API token, and a user who has pasted only the webhook secret so far must still get cards.
Such an account simply has no click-to-call, sync or recordings until its token is set; the reason is
kept in :attr:`OutboundServices.unavailable` for the settings dialog. The log says it in words that work
where no dialog is (``ringdesk serve`` on a server): the variable and the keyring entry to set.

A desktop joined to a team hub (:meth:`OutboundServices.for_hub`) has one client, the hub's: it dials and
fetches recordings for every account the hub serves (the cache names calls by the hub's account ids, so
every id maps to that one client), and neither syncs history nor refreshes directories — the hub does,
and streams the result (:mod:`app.services.hub_link`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from app.config.secrets import where_to_set
from app.config.settings import AccountSettings, Provider, Settings
from app.core.errors import Problem, SecretStoreError
from app.core.models import utcnow
from app.core.phone import display
from app.providers.base import Capability, ProviderClient, client_for
from app.providers.hub.client import HubClient
from app.services.budget import RequestBudget
from app.services.calls import CallTracker
from app.services.context import Context
from app.services.dialer import Dialer, DialOutcome
from app.services.directory import DirectorySync
from app.services.recordings import RecordingService
from app.services.sync import SyncService
from app.store.recordings import RecordingStore

log = logging.getLogger(__name__)


class OutboundServices:
    """Clients, budgets, dialer, sync and recordings of every enabled account."""

    def __init__(self, context: Context, tracker: CallTracker, *, hub: AccountSettings | None = None) -> None:
        settings = context.settings
        self.clients: dict[str, ProviderClient] = {}
        self.budgets: dict[str, RequestBudget] = {}
        self.unavailable: dict[str, Problem] = {}
        self.hub_client: ProviderClient | None = None
        if hub is not None:
            self._for_hub(context, tracker, hub)
            return
        for account in settings.accounts:
            if not account.enabled:
                continue
            if account.provider is Provider.TELECUBE:
                self.budgets[account.id] = RequestBudget(
                    context.state,
                    account.id,
                    daily_limit=account.daily_request_limit,
                    period_limit=account.period_request_limit,
                )
            try:
                self.clients[account.id] = client_for(
                    account, context.secrets, region=settings.general.region, gate=self.budgets.get(account.id)
                )
            except Problem as problem:
                self.unavailable[account.id] = problem
                log.warning("account %s: no click-to-call, sync or recordings: %s", account.id, _log_text(problem))
        self.dialer = Dialer(settings, self.clients, tracker)
        self.sync = SyncService.for_clients(self.clients, tracker, context.state, budgets=self.budgets)
        self.recordings = RecordingService(
            settings, self.clients, context.calls, RecordingStore(context.db), context.paths.recordings_dir
        )
        self.directory = DirectorySync(
            self.clients, context.agents, context.contacts, context.state, budgets=self.budgets
        )

    @classmethod
    def for_hub(cls, context: Context, tracker: CallTracker, hub: AccountSettings) -> OutboundServices:
        """The outbound half of a desktop joined to the hub account ``hub``: everything goes through the hub."""
        return cls(context, tracker, hub=hub)

    def _for_hub(self, context: Context, tracker: CallTracker, hub: AccountSettings) -> None:
        settings = context.settings
        try:
            self.hub_client = client_for(hub, context.secrets, region=settings.general.region)
            self.clients[hub.id] = self.hub_client
        except Problem as problem:
            self.unavailable[hub.id] = problem
            log.warning("hub account %s: no connection: %s", hub.id, _log_text(problem))

        def client(account_id: str) -> ProviderClient:
            if self.hub_client is None:
                raise self.unavailable[hub.id]
            return self.hub_client  # every account the hub serves goes through the hub

        self.dialer = HubDialer(settings, client, tracker, hub)
        self.sync = SyncService.for_clients({}, tracker, context.state)
        self.recordings = RecordingService(
            settings, client, context.calls, RecordingStore(context.db), context.paths.recordings_dir
        )
        self.directory = DirectorySync({}, context.agents, context.contacts, context.state)

    def start(self) -> None:
        """Start the history syncs (each begins with a gap fill) and the agent / CRM contact refreshes."""
        self.sync.start()
        self.directory.start()

    async def stop(self) -> None:
        """Stop the syncs and downloads, then close every account's HTTP client."""
        await self.sync.stop()
        await self.directory.stop()
        await self.recordings.aclose()
        for client in self.clients.values():
            await client.aclose()


def _log_text(problem: Problem) -> str:
    """The problem for the log: a missing secret's hint names the environment variable and the keyring entry
    (the settings dialog's "Settings › Accounts" means nothing on a server); others as they are."""
    account, name = problem.fields.get("account"), problem.fields.get("name")
    if isinstance(problem, SecretStoreError) and isinstance(account, str) and isinstance(name, str):
        return f"{problem.message} To give it, {where_to_set(account, name)}."
    return problem.user_text()


class HubDialer(Dialer):
    """Click-to-call on a desktop joined to a hub: the hub dials with this user's own identity.

    Nothing is recorded locally: the hub records the attempt and streams it back like any call, under the
    hub's account id and call id, so the history shows one row, not an attempt beside the real call.
    """

    def __init__(
        self, settings: Settings, clients: Callable[[str], ProviderClient], tracker: CallTracker, hub: AccountSettings
    ) -> None:
        super().__init__(settings, clients, tracker)
        self.hub = hub

    def account_for(self, account_id: str | None) -> AccountSettings:
        """The hub account, whichever hub-side account (or none) is named."""
        return self.hub

    async def call(
        self, number: str, account: str | None = None, caller_id: str | None = None, *, as_user: str | None = None
    ) -> DialOutcome:
        """Dial through the hub (``account``: the hub's account to dial from; None: the hub chooses)."""
        parsed = self.normalize(number, self.line_of(account, caller_id))  # the line's country first
        client = self._client(self.hub.id)
        client.require(Capability.CLICK_TO_CALL)
        hub_account = account if account and account != self.hub.id else ""
        if isinstance(client, HubClient):
            result = await client.make_call(parsed, caller_id or None, as_user=as_user, account=hub_account)
        else:  # a stand-in client (tests)
            result = await client.make_call(parsed, caller_id or None, as_user=as_user)
        shown = replace(self.hub, name=f"{self.hub.display_name} › {result.account}")
        outcome = DialOutcome(result, result.provider_call_id or f"hub-{utcnow().timestamp():.0f}", shown)
        log.info("dialled %s through the hub (%s)", display(parsed.value), result.account)
        return outcome
