"""The :class:`Sandbox`: all three providers, the recordings and the control API on one aiohttp server.

Why one port: the providers' paths do not collide (``/sys/crm_api.wcgp``, ``/api.php/telephony/``,
``/publicApi/``, ``/api/<login>/web_call/``, ``/records/``, ``/_sandbox/``), and one port is one thing
for a user, a test or the demo to configure. The class is the in-process API (the desktop demo and the
tests run it on their own loop, qasync included): no threads, no signal handlers; ``stop()`` cancels
every task it started.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Any

from aiohttp import web

from app.sandbox import cloudpbx_flow, telediscount_flow
from app.sandbox.calls import Call, CallSpec
from app.sandbox.cloudpbx import CloudPbxApi
from app.sandbox.config import SandboxConfig
from app.sandbox.control import ControlApi
from app.sandbox.engine import Engine
from app.sandbox.faults import Fault, FaultBook, parse_fault
from app.sandbox.people import build_roster
from app.sandbox.recordings import Recordings
from app.sandbox.reqlog import RequestLog
from app.sandbox.telecube import TeleCubeApi
from app.sandbox.telediscount import TeleDiscountApi
from app.sandbox.traffic import Burst, Traffic
from app.sandbox.webhooks import WebhookSender

CALL_FIELDS = {
    "provider",
    "direction",
    "number",
    "agent",
    "group",
    "outcome",
    "wait",
    "talk",
    "transfer_to",
    "line",
    "rating",
    "call_id",
}


async def _play_telecube(engine: Engine, call: Call) -> None:
    """TeleCube publishes no webhooks: its calls only ring, talk and land in ``callHistory``."""
    await engine.ring_and_talk(call)


class Sandbox:
    """A running (after :meth:`start`) simulator of Cloud PBX, TeleDiscount and TeleCube/CCRM.

    >>> sb = Sandbox(SandboxConfig(seed=7, time_scale=0.001))   # doctest: +SKIP
    >>> base_url = await sb.start("127.0.0.1", 0)                # doctest: +SKIP
    >>> call_id = await sb.place_call(provider="cloudpbx", direction="in", number="48777888999",
    ...                               agent="andy", outcome="answered", talk=30)  # doctest: +SKIP
    >>> await sb.stop()                                          # doctest: +SKIP
    """

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.config.validate()
        cfg = self.config
        self.roster = build_roster(cfg.seed, cfg.extra_agents, cfg.contacts)
        self.faults = FaultBook(cfg.seed)
        self.sender = WebhookSender(cfg, self.faults)
        self.engine = Engine(cfg, self.roster, self.faults, self.sender)
        self.engine.players = {
            "cloudpbx": cloudpbx_flow.play,
            "telediscount": telediscount_flow.play,
            "telecube": _play_telecube,
        }
        self.requests = RequestLog(cfg.request_log_size)
        self.recordings = Recordings(self.engine)
        self.cloudpbx = CloudPbxApi(self.engine)
        self.telediscount = TeleDiscountApi(self.engine, self.recordings)
        self.telecube = TeleCubeApi(self.engine)
        self.traffic = Traffic(self.engine)
        self.app = web.Application(middlewares=[self.requests.middleware])
        for part in (self.cloudpbx, self.telediscount, self.telecube, self.recordings, ControlApi(self)):
            part.add_routes(self.app)
        self.engine.prefill(cfg.prefill_calls)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # --- life cycle -----------------------------------------------------------------------------------
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on ``host:port`` (0: any free port) and start the background traffic; the base URL."""
        if self._runner is not None:
            raise RuntimeError("sandbox already started")
        self.faults.stopping.clear()
        await self.sender.start()
        runner = web.AppRunner(self.app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
        except BaseException:  # port taken, bad address: leave nothing open behind
            await runner.cleanup()
            await self.sender.close()
            raise
        self._runner = runner
        bound = runner.addresses[0]
        shown = f"[{bound[0]}]" if ":" in bound[0] else bound[0]
        self.base_url = self.engine.base_url = f"http://{shown}:{bound[1]}"
        self.traffic.start()
        return self.base_url

    async def stop(self) -> None:
        """Stop traffic, cancel playing calls, close the server and the webhook client."""
        self.faults.stopping.set()
        await self.traffic.stop()
        await self.engine.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.sender.close()

    async def __aenter__(self) -> Sandbox:
        if self._runner is None:
            await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # --- calls ----------------------------------------------------------------------------------------
    async def place_call(self, **fields: Any) -> str:
        """Place a call; fields left out are drawn from the seeded ``control`` stream. The call id.

        Fields: ``provider`` (cloudpbx|telediscount|telecube), ``direction`` (in|out), ``number`` (any
        written form; alias ``from``), ``agent`` (login; alias ``to``, which may also name a group),
        ``group``, ``outcome`` (in: answered|missed|transferred; out: answered|busy|not_available|
        not_allowed|missed), ``wait`` and ``talk`` (simulated seconds), ``transfer_to``, ``line``,
        ``rating``, ``call_id``.
        """
        given = dict(fields)
        if "from" in given:
            given.setdefault("number", given.pop("from"))
        if "to" in given:
            target = str(given.pop("to"))
            key = "group" if any(g.id == target for g in self.roster.groups) else "agent"
            given.setdefault(key, target)
        unknown = set(given) - CALL_FIELDS
        if unknown:
            raise ValueError(f"unknown call fields: {sorted(unknown)}")
        if given.get("agent") and self.roster.agent(str(given["agent"])) is None:
            raise ValueError(f"unknown agent: {given['agent']}")
        if given.get("group") and not any(g.id == given["group"] for g in self.roster.groups):
            raise ValueError(f"unknown group: {given['group']}")
        if given.get("agent"):
            given["agent"] = self.roster.agent(str(given["agent"])).login  # type: ignore[union-attr]
        return self.place(self.engine.control.fill(given)).id

    def place(self, spec: CallSpec) -> Call:
        """Play a fully specified call."""
        return self.engine.place(spec)

    async def wait_call(self, call_id: str, timeout: float | None = None) -> Call:
        return await self.engine.wait_call(call_id, timeout)

    async def wait_idle(self, timeout: float | None = None) -> None:
        await self.engine.wait_idle(timeout)

    def start_burst(
        self, count: int, rate: float | None = None, concurrency: int = 200, provider: str | None = None
    ) -> Burst:
        return self.traffic.start_burst(count, rate, concurrency, provider)

    async def burst(
        self, count: int, rate: float | None = None, concurrency: int = 200, provider: str | None = None
    ) -> dict[str, Any]:
        """Run a burst to the end; its statistics."""
        burst = self.start_burst(count, rate, concurrency, provider)
        await burst.done.wait()
        return burst.as_dict()

    # --- configuration and faults ---------------------------------------------------------------------
    def configure(self, **options: Any) -> list[str]:
        """Change options at run time (webhook targets, time scale, rate, quirks); the names changed."""
        return self.config.update(options)

    def add_fault(self, fault: Fault | str | dict[str, Any]) -> Fault:
        """Switch a fault on: a :class:`Fault`, its JSON form, or the CLI form ``ROUTE:KIND[:ARG]``."""
        if isinstance(fault, str):
            fault = parse_fault(fault)
        elif isinstance(fault, dict):
            fault = Fault.from_dict(fault)
        return self.faults.add(fault)

    def clear_faults(self) -> None:
        self.faults.clear()

    # --- what it can tell -----------------------------------------------------------------------------
    def urls(self) -> dict[str, str]:
        """Where each provider API lives on this sandbox."""
        base = self.base_url
        return {
            "base": base,
            "cloudpbx": f"{base}/sys/crm_api.wcgp",
            "telediscount": f"{base}/api.php/telephony/",
            "ccrm": f"{base}/publicApi/",
            "telecube_web_call": f"{base}/api/{self.config.telecube_login}/web_call/",
            "recordings": f"{base}/records/",
            "control": f"{base}/_sandbox/",
        }

    def credentials(self) -> dict[str, str]:
        cfg = self.config
        return {
            "cloudpbx_token": cfg.cloudpbx_token,
            "crm_token": cfg.crm_token,
            "telediscount_api_key": cfg.telediscount_api_key,
            "telecube_api_key": cfg.telecube_api_key,
            "telecube_login": cfg.telecube_login,
        }

    def webhook_targets(self) -> dict[str, str | None]:
        cfg = self.config
        return {"crm_url": cfg.crm_url, "td_income_url": cfg.td_income_url, "td_finished_url": cfg.td_finished_url}

    def state(self) -> dict[str, Any]:
        return {
            "urls": self.urls(),
            "credentials": self.credentials(),
            "webhook_targets": self.webhook_targets(),
            "calls": self.engine.state(),
            "requests": {"total": self.requests.total, "kept": len(self.requests.entries)},
            "webhooks": dict(self.sender.counts),
            "telecube_usage": asdict(self.telecube.usage),
            "recordings": {"cached_bytes": self.recordings.cache.size_bytes, "renders": self.recordings.cache.renders},
            "faults": self.faults.list(),
            "bursts": [b.as_dict() for b in self.traffic.bursts.values()],
            "config": self.config.public(),
        }

    def agents(self) -> list[dict[str, Any]]:
        return [
            {
                "login": a.login,
                "realName": a.real_name,
                "ext": a.ext,
                "sip": a.sip,
                "email": a.email,
                "groups": a.groups,
                "online": a.online,
                "dnd": self.engine.dnd.get(a.login, False),
            }
            for a in self.roster.agents
        ]

    def contacts_csv(self) -> str:
        """The contact book as CSV ``name,phone,responsible,company,email,note`` (phones as written)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("name", "phone", "responsible", "company", "email", "note"))
        for c in self.roster.contacts:
            writer.writerow((c.name, c.phones[0][0], c.responsible, c.company, c.email, c.note))
        return out.getvalue()
