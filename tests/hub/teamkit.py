"""Team mode end to end over loopback: the provider sandbox, one real hub (``Runtime(serves_desktops=True)``, as
``ringdesk serve`` runs it) and real desktops joined to it (``Runtime`` over a ``provider = "hub"`` account),
each in a RINGDESK_HOME of its own.

The company (the sandbox's seeded roster): two agents of the ring group ``sales`` are our users — hub login
``dasha`` is the PBX user ``daria``, ``misha`` is ``mike`` (logins that differ from the PBX users, so a test
can tell "the hub used the identity" from "the hub used the login") — and ``sam`` supervises, with no
identity. The group's other members are put on do-not-disturb, so a group ring rings exactly our two agents.

The hub's Cloud PBX account ``office`` holds the sandbox's API token and CRM key; the sandbox posts its
webhooks to the hub's receiver. Desktops hold their user's hub token only.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.config.paths import resolve
from app.config.secrets import MemorySecretStore
from app.config.settings import AccountSettings, Provider, Role, Settings
from app.core.callstate import Call
from app.core.models import CallStatus
from app.runtime import Runtime
from app.sandbox import Sandbox, SandboxConfig
from app.sandbox.calls import Call as SandboxCall
from app.services.context import Context
from app.services.hub import CallUpdate
from app.services.hub_link import HubLink
from app.ui.cards.facts import CardStatus, card_status, me_of
from tests.kit import until

ACCOUNT = "office"  # the hub's Cloud PBX account
HUB_ACCOUNT = "team"  # the desktops' hub account
GROUP = "sales"
REGION = "RU"
# hub login -> (role, PBX user at ``office`` or None, name)
USERS: dict[str, tuple[Role, str | None, str]] = {
    "dasha": (Role.AGENT, "daria", "Daria Ivanova"),
    "misha": (Role.AGENT, "mike", "Mikhail Semenov"),
    "sam": (Role.SUPERVISOR, None, "Sam Supervisor"),
}
TIME_SCALE = 0.01  # a 10 s ring plays in 0.1 s, a 20 s talk in 0.2 s
WAIT = 30.0  # generous deadlines: they stop a hang, they are no speed requirement


@dataclass
class Desktop:
    """One joined desktop: its runtime, and every update its CallHub published (in order)."""

    login: str
    home: Path
    token: str
    runtime: Runtime
    updates: list[CallUpdate] = field(default_factory=list)

    @property
    def link(self) -> HubLink:
        link = self.runtime.hub_link
        assert link is not None, f"{self.login}'s desktop has no hub link"
        return link

    @property
    def context(self) -> Context:
        return self.runtime.context

    @property
    def identity(self) -> str | None:
        return USERS[self.login][1]

    def seen(self, call_id: str) -> list[Call]:
        """Every state of ``call_id`` this desktop's CallHub announced, oldest first."""
        return [u.call for u in self.updates if u.call is not None and u.call.call_id == call_id]

    def latest(self, call_id: str) -> Call | None:
        seen = self.seen(call_id)
        return seen[-1] if seen else None

    def status(self, call: Call) -> CardStatus:
        """What this user's card says about ``call`` (who "me" is comes from the hub)."""
        return card_status(call, me_of(self.runtime))

    def stored(self, call_id: str) -> Call | None:
        return self.context.calls.get(ACCOUNT, call_id)

    def stored_ids(self) -> list[str]:
        """Every call id in this desktop's local store (a duplicate would show twice)."""
        return [str(r[0]) for r in self.context.db.conn.execute("SELECT call_id FROM calls ORDER BY call_id")]

    def stored_seq(self) -> int:
        return self.link.cache.last_seq()

    async def has(self, call_id: str, done: Callable[[Call], bool] = lambda c: True, what: str = "") -> Call:
        """Wait until this desktop's store holds ``call_id`` in a state ``done`` accepts; that state."""

        def ready() -> bool:
            call = self.stored(call_id)
            return call is not None and done(call)

        await until(ready, f"{self.login}'s desktop stores {call_id} {what}".strip(), WAIT)
        call = self.stored(call_id)
        assert call is not None
        return call


def finished(call: Call) -> bool:
    """The call's last state as the sandbox plays it: its summary (the ``history`` webhook, sent last) is in."""
    return call.summary_status is not None


def over(call: Call) -> bool:
    """Ended (answered and hung up, or missed): nothing but the summary may follow."""
    return call.status not in (CallStatus.RINGING, CallStatus.TALKING)


@dataclass
class Team:
    """The sandbox, the hub and its users' tokens; desktops started with :meth:`desktop` are stopped at the end."""

    root: Path
    sandbox: Sandbox
    hub: Runtime
    url: str
    tokens: dict[str, str]
    desktops: list[Desktop] = field(default_factory=list)
    stream_afters: list[tuple[str, int]] = field(default_factory=list)  # (login, after) of each stream opened

    @property
    def credentials(self) -> dict[str, str]:
        return self.sandbox.credentials()

    def hub_call(self, call_id: str) -> Call | None:
        return self.hub.context.calls.get(ACCOUNT, call_id)

    async def desktop(self, login: str, home: Path | None = None, *, connected: bool = True) -> Desktop:
        """Start ``login``'s desktop over ``home`` (default: its own folder under the test's tmp dir) and, when
        ``connected``, wait until it has caught up with the hub."""
        home = home or self.root / f"desktop-{login}"
        settings = Settings()
        settings.general.region = REGION
        settings.accounts = [
            AccountSettings(HUB_ACCOUNT, Provider.HUB, name="Team hub", base_url=self.url, user=login),
        ]
        context = Context(
            resolve(home).ensure(), settings, MemorySecretStore({(HUB_ACCOUNT, "token"): self.tokens[login]})
        )
        context.save_settings()  # as 'ringdesk join' leaves it: config.toml names the hub, the keyring keeps the token
        runtime = Runtime(context)
        desktop = Desktop(login, home, self.tokens[login], runtime)
        runtime.hub.subscribe(desktop.updates.append)
        self.desktops.append(desktop)
        await runtime.start()
        if connected:
            await asyncio.wait_for(desktop.link.caught_up.wait(), WAIT)
        return desktop

    async def stop_desktop(self, desktop: Desktop) -> None:
        if desktop in self.desktops:
            self.desktops.remove(desktop)
            await desktop.runtime.stop()

    async def kill_desktop(self, desktop: Desktop) -> None:
        """Stop a desktop as a crash would: its link task is cancelled wherever it is (mid-batch, mid-read), its
        connections and store are dropped without the link's clean stop (no last state change, nothing flushed
        beyond what each transaction committed)."""
        self.desktops.remove(desktop)
        runtime = desktop.runtime
        link = desktop.link
        task = link._task
        assert task is not None and not task.done()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        link._task = None
        if runtime.outbound is not None:
            await runtime.outbound.stop()  # the sockets a dying process leaves go away with it
        runtime.context.close()

    # -- calls -----------------------------------------------------------------------------------------
    async def place(self, **spec: object) -> str:
        """Have the sandbox play a Cloud PBX call; its call id (the hub's too)."""
        fields: dict[str, object] = {"provider": "cloudpbx", "direction": "in", "wait": 10, "talk": 20} | spec
        return await self.sandbox.place_call(**fields)

    async def played(self, call_id: str) -> SandboxCall:
        """Wait until the sandbox has played ``call_id`` out (every webhook sent)."""
        return await self.sandbox.wait_call(call_id, timeout=WAIT)

    async def hub_has(self, call_id: str, done: Callable[[Call], bool] = finished) -> Call:
        def ready() -> bool:
            call = self.hub_call(call_id)
            return call is not None and done(call)

        await until(ready, f"the hub stores {call_id} in its final state", WAIT)
        call = self.hub_call(call_id)
        assert call is not None
        return call

    def makecalls(self) -> list[dict[str, str]]:
        """The click-to-call requests the sandbox's Cloud PBX received (their form fields), oldest first."""
        return [
            dict(entry["form"])
            for entry in self.sandbox.requests.list(path="/sys/crm_api.wcgp")
            if entry["form"] and entry["form"].get("cmd") == "makeCall"
        ]


def hub_context(home: Path, sandbox_url: str, credentials: dict[str, str]) -> Context:
    """The hub's context, as ``ringdesk serve`` would open it: config.toml with the Cloud PBX account at the
    sandbox (dialling as nobody in particular by default), the provider's keys in its secret store."""
    settings = Settings()
    settings.general.region = REGION
    settings.accounts = [
        AccountSettings(ACCOUNT, Provider.CLOUDPBX, name="Office PBX", base_url=sandbox_url, user="test"),
    ]
    secrets = MemorySecretStore(
        {(ACCOUNT, "token"): credentials["cloudpbx_token"], (ACCOUNT, "crm_token"): credentials["crm_token"]}
    )
    context = Context(resolve(home).ensure(), settings, secrets)
    context.save_settings()
    return context


def sandbox_config(**overrides: object) -> SandboxConfig:
    base: dict[str, object] = {
        "seed": 11,
        "time_scale": TIME_SCALE,
        "rate": 0.0,  # no background traffic: every call is one a test placed
        "prefill_calls": 0,  # nothing for the hub's history sync to pull but the tests' calls
        "rating_share": 0.0,
        "webhook_retries": 2,
        "webhook_backoff": 0.05,
        "click_to_call_outcome": "answered",
    }
    return SandboxConfig(**(base | overrides))  # type: ignore[arg-type]


@contextlib.asynccontextmanager
async def running_team(root: Path, **sandbox_options: object) -> AsyncIterator[Team]:
    """The sandbox, the hub wired to it, the three users; every desktop started meanwhile is stopped after."""
    sandbox = Sandbox(sandbox_config(**sandbox_options))
    sandbox_url = await sandbox.start("127.0.0.1", 0)
    members = next(g for g in sandbox.roster.groups if g.id == GROUP).members
    ours = {pbx for _, pbx, _ in USERS.values() if pbx}
    assert ours <= set(members), f"the roster changed: {sorted(ours)} are not all in {GROUP} {members}"
    for login in members:
        if login not in ours:
            sandbox.engine.dnd[login] = True  # a group ring rings our two agents only
    # As 'ringdesk serve --listen 127.0.0.1:0': config.toml keeps its own listen address (port 0 is no config).
    hub = Runtime(
        hub_context(root / "hub", sandbox_url, sandbox.credentials()), listen="127.0.0.1:0", serves_desktops=True
    )
    try:
        address = await hub.start()
        sandbox.configure(crm_url=hub.webhook_urls()[ACCOUNT][0])
        tokens = {
            login: hub.team.add(login, role, name=name, identities={ACCOUNT: pbx} if pbx else {}).token
            for login, (role, pbx, name) in USERS.items()
        }
        team = Team(root, sandbox, hub, f"http://127.0.0.1:{address.port}", tokens)
        api = hub.desktop_api
        assert api is not None
        attach = api.feed.attach

        def recording_attach(connection, after):  # type: ignore[no-untyped-def]
            team.stream_afters.append((connection.user.login, after))
            attach(connection, after)

        api.feed.attach = recording_attach  # type: ignore[method-assign]
        try:
            yield team
        finally:
            for desktop in list(team.desktops):
                await team.stop_desktop(desktop)
    finally:
        await sandbox.stop()
        await hub.stop()
