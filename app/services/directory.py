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

**People, not logins** (:func:`merge_persons`). One agent is ``andy`` at a Cloud PBX, extension ``103`` at
TeleCube and ``SIP/0000000672`` at TeleDiscount; the history, its agent filter and the cards show the person
once, by full name. The identities ``(account, login)`` are joined into one person when any of these holds
(the rule, in this order of trust):

1. an **explicit mapping** says so: the identities of one team-hub user (``users.identities``), and this
   desktop's own identities (the ``user`` of each of its accounts: all of them are the person at this
   desktop);
2. the provider lists the **same e-mail** for both (case-insensitive);
3. the provider lists the **same full name**, compared without case, diacritics, punctuation or word order
   (Cloud PBX writes "Петров Андрей", TeleCube "Андрей Петров");
4. an identity the agent lists do not name (seen only in calls) whose number is the **extension** a listed
   agent of the same account has.

TeleDiscount publishes no list of SIP accounts, so a SIP account stays under its own login unless a mapping
(1) names it. A person's name is the best-written full name any of their identities has (not in
capitals, with its diacritics, the longest); without one, the login.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import unicodedata
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.core.errors import Problem
from app.core.models import Agent, utcnow
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

Identity = tuple[str, str]  # (account id, login / SIP account / extension as calls name the agent)
PERSON_KEY_PREFIX = "person:"  # an agent filter value naming all of one person's identities


@dataclass(frozen=True, slots=True)
class Person:
    """One human behind one or more identities (see the module docstring for the rule that joins them)."""

    name: str  # the full name a provider lists, "" when none does
    identities: tuple[Identity, ...]  # sorted
    email: str = ""

    @property
    def label(self) -> str:
        """What a menu or a row shows: the full name, else the (first) login."""
        return self.name or self.identities[0][1]

    @property
    def key(self) -> str:
        """A text naming every identity of this person: the value of the history's agent filter
        (:meth:`app.services.history.CallHistory.scoped` expands it)."""
        return PERSON_KEY_PREFIX + json.dumps([list(pair) for pair in self.identities], ensure_ascii=False)


def identities_of_key(key: str) -> tuple[Identity, ...] | None:
    """The identities a :attr:`Person.key` names; None if ``key`` is not one (a plain login)."""
    if not key.startswith(PERSON_KEY_PREFIX):
        return None
    try:
        pairs = json.loads(key[len(PERSON_KEY_PREFIX) :])
        return tuple((str(account), str(login)) for account, login in pairs)
    except (ValueError, TypeError):
        return ()  # a broken key matches nobody rather than everybody


def name_key(name: str) -> str:
    """A full name compared without case, diacritics, punctuation or word order ("Łukasz  Nowak" = "nowak lukasz")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("ł", "l").replace("ø", "o"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(sorted(re.findall(r"\w+", plain)))


def merge_persons(
    agents: Iterable[Agent],
    seen: Iterable[Identity] = (),
    links: Iterable[tuple[str, Iterable[Identity]]] = (),
) -> list[Person]:
    """Join identities into persons (the rule is in the module docstring), sorted by label.

    ``agents``: the providers' lists (names, e-mails, extensions); ``seen``: identities the calls name;
    ``links``: explicit mappings, each a name (may be "") and the identities of one person."""
    parent: dict[Identity, Identity] = {}

    def find(node: Identity) -> Identity:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: Identity, b: Identity) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    names: dict[Identity, str] = {}
    emails: dict[Identity, str] = {}
    same: dict[tuple[str, str], list[Identity]] = {}  # ("email" | "name", value) → identities listing it
    by_extension: dict[tuple[str, str], Identity] = {}
    for agent in agents:
        node = (agent.account, _login(agent.login))
        find(node)
        if agent.name.strip():
            names[node] = agent.name.strip()
            if name_key(agent.name):
                same.setdefault(("name", name_key(agent.name)), []).append(node)
        email = agent.email.strip().lower()
        if email:
            emails[node] = email
            same.setdefault(("email", email), []).append(node)
        if _digits(agent.extension):
            by_extension.setdefault((agent.account, _digits(agent.extension)), node)
    for nodes in same.values():
        # Two users of one account are two people, whatever they share (two "Anna Nowak", a shared mailbox):
        # such a name or e-mail joins nobody.
        if len({account for account, _ in nodes}) == len(nodes):
            for node in nodes[1:]:
                union(node, nodes[0])
    for link_name, identities in links:
        members = [(account, _login(login)) for account, login in identities if login.strip()]
        for node in members:
            find(node)
            union(node, members[0])
            if link_name.strip() and node not in names:
                names[node] = link_name.strip()
    for account, login in seen:
        if not login:
            continue
        node = (account, login)  # as the calls name it: the filter compares it exactly
        if node in parent:
            continue
        find(node)
        stripped = (account, _login(login))
        if stripped in parent:  # "andy@tenant" in a call, "andy" in the list
            union(node, stripped)
        elif _digits(login) and (account, _digits(login)) in by_extension:
            union(node, by_extension[(account, _digits(login))])
    groups: dict[Identity, list[Identity]] = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    persons = []
    for members in groups.values():
        members.sort()
        known = sorted({names[m] for m in members if m in names}, key=_spelling_rank)
        email = next((emails[m] for m in members if m in emails), "")
        persons.append(Person(known[0] if known else "", tuple(members), email))
    persons.sort(key=lambda p: (p.label.casefold(), p.identities))
    return persons


def _spelling_rank(name: str) -> tuple[bool, int, int, str]:
    """Of a person's spellings, the best first: not in capitals, with its diacritics, the longest, then any
    (alphabetically, so the choice does not depend on the order the lists came in)."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return (name.isupper(), -(len(unicodedata.normalize("NFKD", name)) - len(stripped)), -len(name), name)


def _login(login: str) -> str:
    """A login as calls name it: ``andy@tenant`` → ``andy`` (case kept: the calls' agent is compared exactly)."""
    return login.strip().split("@", 1)[0]


def _digits(text: str) -> str:
    """An extension or SIP account as a number without leading zeros (``SIP/0000000672`` → ``672``)."""
    return "".join(c for c in text if c.isdigit()).lstrip("0")


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
