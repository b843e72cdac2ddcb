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
from datetime import datetime

from app.config.settings import Provider, Role, Settings
from app.core.models import utcnow
from app.core.views import CallQuery, CallRow, Cursor
from app.services.calls import STALE_AFTER
from app.services.directory import Person, identities_of_key, merge_persons
from app.store.agents import AgentStore
from app.store.calls import CallStore
from app.store.users import UserStore


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
        """``query`` narrowed to the user's scope (a supervisor's query is left as it is), with a person chosen
        in the agent filter (a :attr:`~app.services.directory.Person.key`) as all of that person's identities."""
        person = identities_of_key(query.agent)
        if person is not None:
            query = dataclasses.replace(query, agent="", accounts_agents=_both(query.accounts_agents, person))
        scope = self.scope()
        if not scope.accounts_agents:
            return query
        if person is not None:
            return dataclasses.replace(query, accounts_agents=_both(scope.accounts_agents, query.accounts_agents))
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

    def outcome_unknown(self, row: CallRow, *, now: datetime | None = None) -> bool:
        """Whether the row's call is still ringing or talking with no news for
        :data:`app.services.calls.STALE_AFTER`: show it as "outcome unknown", not as ringing or talking."""
        if not row.status.is_live:
            return False
        news = self._calls.last_news(row.account, row.call_id)
        return news is not None and news < (now or utcnow()) - STALE_AFTER

    def recent(self, limit: int) -> list[CallRow]:
        """The newest calls (the tray menu)."""
        return self.page(CallQuery(), limit=limit)

    def recent_for_number(self, number: str, limit: int = 5) -> list[CallRow]:
        """The last calls with ``number`` that this user may see (the card's "last calls")."""
        return [row for row in self._calls.recent_for_number(number, limit=limit * 4) if self.may_see(row)][:limit]

    # -- who the agents are ------------------------------------------------------------------------------
    def persons(self, *, with_calls: bool = False) -> list[Person]:
        """The agents as people: each person's identities at every account joined by the directory's rule
        (:func:`app.services.directory.merge_persons`). ``with_calls``: also every identity the calls name,
        and only the persons who have calls."""
        agents = self._agents.list()
        seen = self._calls.agent_identities((a.account, a.login) for a in agents) if with_calls else []
        persons = merge_persons(agents, seen, self._links())
        if with_calls:
            named = set(seen)
            persons = [p for p in persons if named.intersection(p.identities)]
        return persons

    def _links(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The explicit mappings: this desktop's own identities, and each team-hub user's."""
        links: list[tuple[str, list[tuple[str, str]]]] = []
        mine = [
            (a.id, a.user.strip()) for a in self._settings.accounts if a.user.strip() and a.provider is not Provider.HUB
        ]
        if len(mine) > 1:
            links.append(("", mine))
        for user in UserStore(self._calls.db).list():
            links.append((user.name, [(account, who) for account, who in user.identities.items() if who.strip()]))
        return links

    def agent_names(self) -> dict[tuple[str, str], str]:
        """(account, login) → the person's full name, for every identity of a person who has one."""
        return {identity: p.name for p in self.persons() if p.name for identity in p.identities}

    def agent_name(self, account: str, login: str) -> str:
        """The agent's full name (of the person behind this identity at any account), or the login if unknown."""
        short = login.split("@", 1)[0]
        for person in self.persons():
            if person.name and ((account, login) in person.identities or (account, short) in person.identities):
                return person.name
        return self._agents.name_of(account, login)

    def agent_choices(self) -> list[tuple[str, str]]:
        """(label, value) for each person seen in the calls, once however many identities they have: the label
        is the full name (the login when no provider names them); the value, set as ``CallQuery.agent``,
        selects the calls of all that person's identities (:meth:`scoped` expands it)."""
        persons = self.persons(with_calls=True)
        labels = [p.label for p in persons]
        return [
            # Two people with one name (at one account, so never joined) are told apart by their logins.
            (p.label if labels.count(p.label) == 1 else f"{p.label} ({', '.join(i[1] for i in p.identities)})", p.key)
            for p in persons
        ]

    def lines(self) -> list[str]:
        """Every line (our number) seen in the calls."""
        return self._calls.distinct_values("line")


def _both(given: tuple[tuple[str, str], ...], wanted: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """(account, agent) pairs in both restrictions (no restriction given: ``wanted``); none in common gives a
    pair no call has, so the query matches nothing rather than everything."""
    both = wanted if not given else tuple(pair for pair in wanted if pair in given)
    return both or (("", "\x00nobody"),)
