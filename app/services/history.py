"""The call history as every front end reads it: pages, counts, filters' choices and single calls, always
within what this user may see.

Why here and not in each window: the history window, the cards, the tray's recent calls, ``ringdesk
history`` and (next) the hub's desktop API must agree on who sees what. A supervisor sees every call; an
agent sees the calls of their own PBX user / SIP account / extension at each account. The scope is applied
here, to every query, so no front end can forget it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from app.config.settings import Provider, Role, Settings
from app.core.views import CallQuery, CallRow, Cursor
from app.store.agents import AgentStore
from app.store.calls import CallStore


class CallHistory:
    """Read side of the calls store, scoped by the user's role (settings are read at each call: edits apply)."""

    def __init__(self, calls: CallStore, agents: AgentStore, settings: Settings) -> None:
        self._calls = calls
        self._agents = agents
        self._settings = settings

    # -- who sees what ---------------------------------------------------------------------------------
    def scope(self) -> CallQuery:
        """The calls this user may see: all for a supervisor, their own (per account) for an agent.

        On a desktop joined to a team hub, everything in the cache: the hub already sent only the calls this
        user may see (and by its rules, which also give an agent the missed calls of their lines)."""
        if self._settings.general.role is Role.SUPERVISOR or self.through_hub():
            return CallQuery()
        mine = [account.id for account in self._settings.accounts if account.user]
        pairs = tuple((account.id, account.user) for account in self._settings.accounts if account.user)
        # A call naming no agent (a TeleDiscount ring or missed call says not whose phone rang) belongs to
        # every agent of its line: the empty agent stands for it (see app.store.calls).
        return CallQuery(accounts_agents=pairs + tuple((account, "") for account in mine))

    def through_hub(self) -> bool:
        """Whether this desktop is joined to a team hub (an enabled ``provider = "hub"`` account)."""
        return any(a.provider is Provider.HUB and a.enabled for a in self._settings.accounts)

    def agent_without_identity(self) -> bool:
        """An agent who has not said who they are at any account (the history then cannot be narrowed)."""
        return self._settings.general.role is Role.AGENT and not self.through_hub() and not self.scope().accounts_agents

    def scoped(self, query: CallQuery) -> CallQuery:
        """``query`` narrowed to the user's scope (a supervisor's query is left as it is)."""
        scope = self.scope()
        if not scope.accounts_agents:
            return query
        return dataclasses.replace(query, accounts_agents=scope.accounts_agents)

    # -- reading ----------------------------------------------------------------------------------------
    def page(self, query: CallQuery, after: Cursor | None = None, limit: int = 100) -> list[CallRow]:
        """One page, newest first, strictly after ``after``."""
        return self._calls.page(self.scoped(query), after=after, limit=limit)

    def pages(self, query: CallQuery, size: int = 1000) -> Iterator[list[CallRow]]:
        """Every matching call, page by page (exports: a million rows never sit in memory at once)."""
        after: Cursor | None = None
        while True:
            rows = self.page(query, after=after, limit=size)
            if not rows:
                return
            yield rows
            if len(rows) < size:
                return
            after = rows[-1].cursor

    def count_up_to(self, query: CallQuery, limit: int) -> int:
        """How many calls match, counting no further than ``limit`` (a count of a million costs seconds)."""
        return self._calls.count_up_to(self.scoped(query), limit)

    def row(self, account: str, call_id: str) -> CallRow | None:
        """One call, if this user may see it."""
        row = self._calls.row(account, call_id)
        if row is None or not self.may_see(row):
            return None
        return row

    def may_see(self, row: CallRow) -> bool:
        pairs = self.scope().accounts_agents
        return not pairs or (row.account, row.agent or "") in pairs

    def recent(self, limit: int) -> list[CallRow]:
        """The newest calls (the tray menu)."""
        return self.page(CallQuery(), limit=limit)

    def recent_for_number(self, number: str, limit: int = 5) -> list[CallRow]:
        """The last calls with ``number`` that this user may see (the card's "last calls")."""
        return [row for row in self._calls.recent_for_number(number, limit=limit * 4) if self.may_see(row)][:limit]

    # -- what the filters offer ----------------------------------------------------------------------
    def agent_names(self) -> dict[tuple[str, str], str]:
        """(account, login) → the agent's name, where the provider told us one."""
        return {(agent.account, agent.login): agent.name for agent in self._agents.list() if agent.name}

    def agent_name(self, account: str, login: str) -> str:
        """The agent's real name, or the login if we do not know it."""
        return self._agents.name_of(account, login)

    def agent_choices(self) -> list[tuple[str, str]]:
        """(label, login) for each agent seen in the calls: "Name (login)" where a name is known."""
        names = {agent.login: agent.name for agent in self._agents.list()}
        return [(f"{names[a]} ({a})" if names.get(a) else a, a) for a in self._calls.distinct_values("agent")]

    def lines(self) -> list[str]:
        """Every line (our number) seen in the calls."""
        return self._calls.distinct_values("line")
