"""``ringdesk demo``: the whole app wired to the in-process sandbox, so a new user sees it work at once.

What it sets up, in a folder of its own (never the user's real config, history or keyring):

- the sandbox on a free loopback port, playing all three providers;
- one account per provider pointing at it (Cloud PBX ``demo-pbx``, TeleDiscount ``demo-td``, TeleCube
  ``demo-cube``), all for the agent ``andy`` (the provider documents' own example user), with the
  sandbox's keys in a :class:`MemorySecretStore` — they never reach the keyring;
- the receiver on a free loopback port, and the sandbox told to send its webhooks there;
- the sandbox's contact book imported, so most callers have names;
- a feeder that rings ``andy`` every ``interval_s`` seconds (first call one second after start), plus
  the sandbox's background traffic for the history. The first card appears within a few seconds.

``ringdesk demo --team`` shows team mode the same way: the sandbox feeds a team hub (a headless
``Runtime(serves_desktops=True)`` on a free loopback port, in ``<demo folder>/hub``), the hub invites ``andy``
as an agent, and this desktop joins it with that invite — so cards, history and click-to-call all go
through the hub, as on an agent's desktop in a call centre.

Part of the composition root (beside :mod:`app.runtime`): it wires the sandbox, which no other layer may
import, into a context. No Qt here: the desktop app and the tests run it the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.config import paths as paths_module
from app.config.secrets import MemorySecretStore
from app.config.settings import AccountSettings, Provider, Role, Settings
from app.core.models import Contact
from app.services.contacts_import import read_csv
from app.services.context import Context

if TYPE_CHECKING:
    from app.runtime import Runtime

log = logging.getLogger(__name__)

ME = "andy"
PROVIDERS = ("cloudpbx", "telediscount", "telecube")
OUTCOMES = ("answered", "answered", "answered", "missed")


@dataclass(frozen=True, slots=True)
class DemoOptions:
    interval_s: float = 6.0  # a call to the demo agent this often
    first_call_s: float = 1.0
    rate_per_minute: float = 4.0  # background traffic for the history (other agents)
    time_scale: float = 0.4  # ringing 6-12 s simulated plays in 2-5 s
    seed: int | None = None  # None: a new seed each run, so a second demo in the same folder rings fresh calls
    team: bool = False  # a team hub between the sandbox and this desktop


def default_home() -> Path:
    """The demo's own folder: ``<platform data folder>/demo`` (or ``$RINGDESK_HOME/demo``)."""
    return paths_module.resolve().data_dir / "demo"


def demo_context(home: Path | None = None) -> Context:
    """A context in the demo folder with in-memory secrets and the receiver on a free loopback port."""
    paths = paths_module.resolve(home or default_home()).ensure()
    context = Context(paths, Settings(), MemorySecretStore())
    context.settings.server.listen = "127.0.0.1:0"
    return context


class Demo:
    """The sandbox and its wiring into one context and runtime."""

    def __init__(self, options: DemoOptions = DemoOptions()) -> None:
        self.options = options
        # The sandbox names calls from its seed: a fixed seed would replay the call ids of the last run,
        # which this folder's history already holds as finished — and no card would ever show again.
        self.seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1, 2**31)
        self.hub: Runtime | None = None  # team mode: the hub between the sandbox and this desktop
        self.sandbox: Any = None
        self._feeder: asyncio.Task[None] | None = None
        self.placed = 0

    async def prepare(self, context: Context) -> None:
        """Start the sandbox and configure the accounts (before the runtime starts its receiver)."""
        from app.sandbox import Sandbox, SandboxConfig

        options = self.options
        self.sandbox = Sandbox(
            SandboxConfig(seed=self.seed, time_scale=options.time_scale, rate=options.rate_per_minute, prefill_calls=40)
        )
        base = await self.sandbox.start("127.0.0.1", 0)
        agent = self.sandbox.roster.agent(ME)
        keys = self.sandbox.credentials()
        context.settings.accounts = [
            AccountSettings(id="demo-pbx", provider=Provider.CLOUDPBX, name="Cloud PBX (demo)", base_url=base, user=ME),
            AccountSettings(
                id="demo-td", provider=Provider.TELEDISCOUNT, name="TeleDiscount (demo)", base_url=base, user=agent.sip
            ),
            AccountSettings(
                id="demo-cube",
                provider=Provider.TELECUBE,
                name="TeleCube (demo)",
                base_url=base,
                user=agent.ext,
                panel_url=base,
                login=keys["telecube_login"],
            ),
        ]
        secrets = context.secrets
        secrets.set("demo-pbx", "token", keys["cloudpbx_token"])
        secrets.set("demo-pbx", "crm_token", keys["crm_token"])
        secrets.set("demo-td", "api_key", keys["telediscount_api_key"])
        secrets.set("demo-cube", "api_key", keys["telecube_api_key"])
        secrets.set("demo-cube", "panel_api_key", keys["telecube_api_key"])
        for account in context.settings.accounts:
            context.db.ensure_account(account.id, account.provider.value, account.name)
        region = context.settings.general.region
        contacts = [c for c in read_csv(self.sandbox.contacts_csv(), region) if isinstance(c, Contact)]
        context.contacts.upsert_many(contacts)

    async def prepare_team(self, context: Context) -> None:
        """Team mode: the sandbox's accounts on a hub of their own, and ``context`` joined to it as ``andy``."""
        from app.runtime import Runtime

        hub_context = Context(
            paths_module.resolve(context.paths.data_dir / "hub").ensure(), Settings(), MemorySecretStore()
        )
        hub_context.settings.server.listen = "127.0.0.1:0"
        await self.prepare(hub_context)
        self.hub = Runtime(hub_context, serves_desktops=True)
        address = await self.hub.start()
        self._connect(self.hub.webhook_urls())
        agent = self.sandbox.roster.agent(ME)
        identities = {"demo-pbx": ME, "demo-td": agent.sip, "demo-cube": agent.ext}
        team = self.hub.team
        if team.get(ME) is None:
            invite = team.add(ME, Role.AGENT, name=agent.real_name, identities=identities)
        else:
            invite = team.reset(ME)  # a new run of the same folder: a fresh token, the same user
        hub_url = f"http://{address.host}:{address.port}"
        context.settings.accounts = [
            AccountSettings(id="team", provider=Provider.HUB, name="Team hub (demo)", base_url=hub_url, user=ME)
        ]
        context.secrets.set("team", "token", invite.token)

    def connect(self, webhook_urls: dict[str, list[str]]) -> None:
        """Point the sandbox's webhooks at our receiver (its URLs are known once it listens); in team mode the
        hub receives them, and it is connected already."""
        if self.hub is None:
            self._connect(webhook_urls)

    def _connect(self, webhook_urls: dict[str, list[str]]) -> None:
        pbx = webhook_urls.get("demo-pbx", [])
        td = {url.rsplit("/", 1)[-1]: url for url in webhook_urls.get("demo-td", [])}
        self.sandbox.configure(
            crm_url=pbx[0] if pbx else None, td_income_url=td.get("income"), td_finished_url=td.get("call_finished")
        )

    def start_calls(self) -> None:
        """Ring the demo agent now and then, through each provider in turn."""
        self._feeder = asyncio.get_running_loop().create_task(self._feed(), name="demo-feeder")

    async def _feed(self) -> None:
        rng = random.Random(self.seed)
        await asyncio.sleep(self.options.first_call_s)
        while True:
            provider = ("cloudpbx", "telediscount")[self.placed % 2]  # TeleCube pushes no live events
            try:
                await self.sandbox.place_call(
                    provider=provider,
                    direction="in",
                    agent=ME,
                    outcome=rng.choice(OUTCOMES),
                    wait=rng.randint(6, 12),
                    talk=rng.randint(15, 60),
                )
                self.placed += 1
            except Exception:  # the demo must keep going; the sandbox shows its own errors in its state
                log.exception("demo call could not be placed")
            await asyncio.sleep(self.options.interval_s)

    async def stop(self) -> None:
        if self._feeder is not None:
            self._feeder.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._feeder
        if self.hub is not None:
            await self.hub.stop()
        if self.sandbox is not None:
            await self.sandbox.stop()
