"""The directory refresh against the sandbox: agents' names and CRM contacts reach the local stores the
cards read, at start and on schedule; a provider failure keeps what was stored and is retried."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from app.config.settings import GeneralSettings, Role, Settings
from app.core.accounts import Provider
from app.core.models import CallEvent, CallStatus, EventKind, utcnow
from app.core.views import CallQuery
from app.providers.base import ProviderClient
from app.sandbox import Sandbox
from app.services.budget import RequestBudget
from app.services.directory import BUDGET_RESERVE, DirectorySync
from app.services.history import CallHistory
from app.store.agents import AgentStore
from app.store.calls import CallStore
from app.store.contacts import ContactStore
from app.store.db import Database
from app.store.state import StateStore

Make = Callable[..., ProviderClient]


async def eventually(check: Callable[[], bool], timeout_s: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "not within the time limit"
        await asyncio.sleep(0.01)


async def test_agents_and_crm_people_are_stored_at_start(sandbox: Sandbox, make_client: Make, db: Database) -> None:
    clients = {p.value: make_client(p) for p in (Provider.CLOUDPBX, Provider.TELECUBE)}
    for account in clients:
        db.ensure_account(account, account)
    agents, contacts = AgentStore(db), ContactStore(db)
    directory = DirectorySync(clients, agents, contacts, StateStore(db))
    directory.start()
    try:
        await eventually(lambda: contacts.count() == 30 and {a.account for a in agents.list()} == set(clients))
    finally:
        await directory.stop()
    assert agents.name_of("cloudpbx", "andy") == "Петров Андрей"  # what a card and the history show
    assert len(agents.list("telecube")) == len(sandbox.roster.agents)


async def test_a_failed_refresh_keeps_the_list_and_is_retried(
    sandbox: Sandbox, make_client: Make, db: Database
) -> None:
    db.ensure_account("cloudpbx", "cloudpbx")
    agents = AgentStore(db)
    directory = DirectorySync(
        {"cloudpbx": make_client(Provider.CLOUDPBX)}, agents, ContactStore(db), StateStore(db), agents_interval_s=0.05
    )
    await directory.refresh_agents("cloudpbx")
    known = agents.list("cloudpbx")
    fault = sandbox.add_fault("cloudpbx.accounts:status:503:count=4")  # the client's retries see 503 too
    directory.start()
    try:
        await eventually(lambda: fault.fired >= 1)
        assert agents.list("cloudpbx") == known  # a failure never empties the directory
        andy = sandbox.roster.agent("andy")
        assert andy is not None
        andy.last_name = "Kowalski"  # renamed in the PBX: the next good refresh brings it
        await eventually(lambda: agents.name_of("cloudpbx", "andy") == "Kowalski Андрей")
    finally:
        await directory.stop()


async def test_a_telecube_refresh_waits_while_the_budget_is_low(
    sandbox: Sandbox, make_client: Make, db: Database
) -> None:
    db.ensure_account("telecube", "telecube")
    budget = RequestBudget(StateStore(db), "telecube", daily_limit=BUDGET_RESERVE + 10)
    client = make_client(Provider.TELECUBE, gate=budget)
    for _ in range(11):  # 199 left today
        budget.acquire()
    contacts = ContactStore(db)
    directory = DirectorySync(
        {"telecube": client},
        AgentStore(db),
        contacts,
        StateStore(db),
        budgets={"telecube": budget},
        people_interval_s=0.05,
        agents_interval_s=0.05,
    )
    directory.start()
    await asyncio.sleep(0.3)
    await directory.stop()
    assert contacts.count() == 0 and budget.status().remaining == BUDGET_RESERVE - 1  # not one request spent


async def test_a_restart_does_not_fetch_the_crm_again_before_its_day_is_up(
    sandbox: Sandbox, make_client: Make, db: Database
) -> None:
    db.ensure_account("telecube", "telecube")
    budget = RequestBudget(StateStore(db), "telecube")
    client = make_client(Provider.TELECUBE, gate=budget)
    contacts = ContactStore(db)
    first = DirectorySync({"telecube": client}, AgentStore(db), contacts, StateStore(db), budgets={"telecube": budget})
    first.start()
    state = StateStore(db)
    await eventually(lambda: all(state.get("telecube", f"directory.{what}.at") for what in ("people", "agents")))
    await first.stop()
    spent = budget.status().used_today
    assert contacts.count() == 30 and int(StateStore(db).get("telecube", "directory.people.cost") or 0) >= 1
    again = DirectorySync({"telecube": client}, AgentStore(db), contacts, StateStore(db), budgets={"telecube": budget})
    again.start()  # the app started again at once: neither list is due yet
    await asyncio.sleep(0.3)
    await again.stop()
    assert budget.status().used_today == spent


async def test_a_person_at_two_providers_is_one_name_in_the_history(
    sandbox: Sandbox, make_client: Make, db: Database
) -> None:
    """Andy is the Cloud PBX user ``andy`` ("Петров Андрей") and a TeleCube extension ("Андрей Петров", the
    same e-mail): after a refresh of both lists the history offers him once, by name, and his
    filter finds the calls of both identities."""
    clients = {p.value: make_client(p) for p in (Provider.CLOUDPBX, Provider.TELECUBE)}
    for account in clients:
        db.ensure_account(account, account)
    agents = AgentStore(db)
    directory = DirectorySync(clients, agents, ContactStore(db), StateStore(db))
    for account in clients:
        await directory.refresh_agents(account)
    cube_andy = next(a for a in agents.list("telecube") if a.email == "andy@ringdesk.example")
    calls = CallStore(db)
    at = utcnow()
    calls.ingest_many(
        [
            CallEvent(
                "cloudpbx", "P1", EventKind.SUMMARY, at, phone="+48601234567", agent="andy", status=CallStatus.ANSWERED
            ),
            CallEvent(
                "telecube",
                "C1",
                EventKind.SUMMARY,
                at,
                phone="+48601234568",
                agent=cube_andy.login,
                status=CallStatus.ANSWERED,
            ),
        ]
    )
    history = CallHistory(calls, agents, Settings(general=GeneralSettings(role=Role.SUPERVISOR)))
    choices = history.agent_choices()
    assert [label for label, _ in choices] == ["Андрей Петров"]  # one spelling of the two, whichever list came first
    assert history.agent_name("telecube", cube_andy.login) == history.agent_name("cloudpbx", "andy") == "Андрей Петров"
    assert {r.call_id for r in history.page(CallQuery(agent=choices[0][1]))} == {"P1", "C1"}
