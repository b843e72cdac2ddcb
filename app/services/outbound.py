"""The outbound half, assembled: one provider client per account, and the dialer, history sync, directory
(agents, CRM contacts) and recordings services over them — built and closed together by the runtime.

Why accounts without their secrets are skipped rather than fatal: the receiver (inbound webhooks) works
without the API token, and a user who has pasted only the webhook secret so far must still get cards.
Such an account simply has no click-to-call, sync or recordings until its token is set; the reason is
kept in :attr:`OutboundServices.unavailable` for the settings dialog.
"""

from __future__ import annotations

import logging

from app.config.settings import Provider
from app.core.errors import Problem
from app.providers.base import ProviderClient, client_for
from app.services.budget import RequestBudget
from app.services.calls import CallTracker
from app.services.context import Context
from app.services.dialer import Dialer
from app.services.directory import DirectorySync
from app.services.recordings import RecordingService
from app.services.sync import SyncService
from app.store.recordings import RecordingStore

log = logging.getLogger(__name__)


class OutboundServices:
    """Clients, budgets, dialer, sync and recordings of every enabled account."""

    def __init__(self, context: Context, tracker: CallTracker) -> None:
        settings = context.settings
        self.clients: dict[str, ProviderClient] = {}
        self.budgets: dict[str, RequestBudget] = {}
        self.unavailable: dict[str, Problem] = {}
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
                log.warning("account %s: no click-to-call, sync or recordings: %s", account.id, problem.user_text())
        self.dialer = Dialer(settings, self.clients, tracker)
        self.sync = SyncService.for_clients(self.clients, tracker, context.state, budgets=self.budgets)
        self.recordings = RecordingService(
            settings, self.clients, context.calls, RecordingStore(context.db), context.paths.recordings_dir
        )
        self.directory = DirectorySync(
            self.clients, context.agents, context.contacts, context.state, budgets=self.budgets
        )

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
