"""The directory: who each account's agents are (names, extensions, presence) and, for TeleCube, the CRM's
people — fetched at start-up, then refreshed on a schedule, into the local stores that cards and the history
read. A card never waits for a provider: it reads what the last refresh stored.

Schedule, per account:

- agents every :data:`AGENTS_INTERVAL_S` (one request; keeps names, extensions and the presence the
  provider reports current to the hour — the cards show names, not live presence);
- TeleCube CRM people every :data:`PEOPLE_INTERVAL_S` (every page is a request of the 1,000-a-day budget,
  and the history sync adapts its own pace to what is left).

A TeleCube refresh is skipped while the account's request budget could not pay for it (as many requests as
its last run took) and still keep :data:`BUDGET_RESERVE` for the history sync and click-to-call, which
matter more. When each list was last refreshed, and what it cost, is kept in the state store: restarting
the app does not fetch the CRM again before its day is up.

A failed refresh is logged and tried again at the next interval; the stores keep what they had.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime

from app.core.errors import Problem
from app.core.models import utcnow
from app.providers.base import Capability, ProviderClient
from app.providers.telecube.client import TeleCubeClient
from app.services.budget import RequestBudget
from app.services.contacts_sync import sync_contacts
from app.store.agents import AgentStore
from app.store.contacts import ContactStore
from app.store.state import StateStore

log = logging.getLogger(__name__)

AGENTS_INTERVAL_S = 3600.0
PEOPLE_INTERVAL_S = 24 * 3600.0
BUDGET_RESERVE = 200

_Refresh = Callable[[str], Awaitable[int]]


class DirectorySync:
    """Keeps :class:`AgentStore` and the CRM contacts of every account that offers them up to date."""

    def __init__(
        self,
        clients: Mapping[str, ProviderClient],
        agents: AgentStore,
        contacts: ContactStore,
        state: StateStore,
        *,
        budgets: Mapping[str, RequestBudget] | None = None,
        agents_interval_s: float = AGENTS_INTERVAL_S,
        people_interval_s: float = PEOPLE_INTERVAL_S,
    ) -> None:
        self.clients = clients
        self.state = state
        self.budgets = budgets or {}
        self.agents = agents
        self.contacts = contacts
        self.agents_interval_s = agents_interval_s
        self.people_interval_s = people_interval_s
        self._tasks: list[asyncio.Task[None]] = []

    async def refresh_agents(self, account: str) -> int:
        """Fetch one account's agents and replace the stored list; returns how many there are."""
        agents = await self.clients[account].agents()
        self.agents.replace_all(account, agents)
        log.info("%s: %d agent(s) refreshed", account, len(agents))
        return len(agents)

    async def refresh_people(self, account: str) -> int:
        """Fetch one TeleCube account's CRM people into the contacts; returns how many were stored."""
        report = await sync_contacts(self.clients[account], self.contacts)
        return report.created + report.updated

    def start(self) -> None:
        """One loop per account and list: each refreshes when due (at once if never, or if its interval has
        passed since the last refresh the state store kept), then on its interval."""
        loop = asyncio.get_running_loop()
        for account, client in self.clients.items():
            if Capability.AGENTS in client.capabilities:
                self._tasks.append(
                    loop.create_task(
                        self._every(self.agents_interval_s, self.refresh_agents, account, "agents"),
                        name=f"agents-{account}",
                    )
                )
            if isinstance(client, TeleCubeClient):
                self._tasks.append(
                    loop.create_task(
                        self._every(self.people_interval_s, self.refresh_people, account, "people"),
                        name=f"people-{account}",
                    )
                )

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()

    async def _every(self, interval_s: float, refresh: _Refresh, account: str, what: str) -> None:
        await asyncio.sleep(self._until_due(account, what, interval_s))
        while True:
            try:
                await self._refresh_if_affordable(refresh, account, what)
            except Problem as problem:
                log.warning(
                    "%s: the %s could not be refreshed (%s); next try in %.0f min",
                    account,
                    what,
                    problem.user_text(),
                    interval_s / 60,
                )
            except Exception:  # a bug must not end the loop for good: logged, tried again next time
                log.exception("%s: refreshing the %s hit a bug", account, what)
            await asyncio.sleep(interval_s)

    def _until_due(self, account: str, what: str, interval_s: float) -> float:
        """Seconds until the list is due (0 if never refreshed), from the last refresh the state store kept."""
        stamp = self.state.get(account, f"directory.{what}.at") or ""
        try:
            age = (utcnow() - datetime.fromisoformat(stamp)).total_seconds()
        except (ValueError, TypeError):  # never refreshed (or an unreadable stamp): due now
            return 0.0
        return min(interval_s, max(0.0, interval_s - age))

    async def _refresh_if_affordable(self, refresh: _Refresh, account: str, what: str) -> None:
        budget = self.budgets.get(account)
        if budget is None:
            await refresh(account)
        else:
            cost = int(self.state.get(account, f"directory.{what}.cost") or 1)
            left = budget.status().remaining
            if left < BUDGET_RESERVE + cost:
                log.info(
                    "%s: the %s refresh (~%d request(s)) waits: %d left today are kept for calls and history",
                    account,
                    what,
                    cost,
                    left,
                )
                return
            await refresh(account)
            self.state.set(account, f"directory.{what}.cost", str(max(1, left - budget.status().remaining)))
        self.state.set(account, f"directory.{what}.at", utcnow().isoformat())
