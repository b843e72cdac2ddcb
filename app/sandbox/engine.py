"""The switchboard: plays calls in the background and keeps what the provider APIs report.

Why one engine for three providers: agents, their DND and presence, the archive of finished calls and
the recordings are shared facts; each provider module only renders them in its own wire format. Calls
play as asyncio tasks (referenced here, so none is lost), their ring and talk phases scaled by
``config.time_scale``; on stop every task is cancelled and awaited.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from app.sandbox.calls import Archive, Call, CallSpec
from app.sandbox.config import SandboxConfig
from app.sandbox.faults import FaultBook
from app.sandbox.people import Roster
from app.sandbox.scenario import Scenario
from app.sandbox.webhooks import WebhookSender

Player = Callable[["Engine", Call], Awaitable[None]]


class Engine:
    """Places and plays calls; owns the shared state of the simulated company."""

    def __init__(self, config: SandboxConfig, roster: Roster, faults: FaultBook, sender: WebhookSender) -> None:
        self.config = config
        self.roster = roster
        self.faults = faults
        self.sender = sender
        self.archive = Archive(config.archive_size)
        self.active: dict[str, Call] = {}
        self.players: dict[str, Player] = {}
        self.base_url = ""
        self.dnd: dict[str, bool] = {a.login: False for a in roster.agents}
        self.subscribed: dict[tuple[str, str], bool] = {}
        self.talking: Counter[str] = Counter()
        self.counts = Counter[str]()
        self.traffic = Scenario(roster, config.seed, "traffic", config.traffic_providers, config.rating_share)
        self.control = Scenario(roster, config.seed, "control", rating_share=config.rating_share)
        self._tasks: set[asyncio.Task[None]] = set()
        self._waiters: dict[str, asyncio.Future[Call]] = {}
        self._on_done: dict[str, Callable[[Call], None]] = {}
        self._idle = asyncio.Event()
        self._idle.set()

    # --- placing and playing ----------------------------------------------------------------------------
    def place(self, spec: CallSpec, on_done: Callable[[Call], None] | None = None) -> Call:
        """Start playing ``spec`` in the background; returns at once with the live call.

        ``on_done`` is called when the call has played out (bursts count with it, without a task per call).
        """
        spec.check()
        if spec.call_id in self.active or self.archive.get(spec.call_id):
            raise ValueError(f"call id already used: {spec.call_id}")
        call = Call(spec)
        self.active[call.id] = call
        self.counts["placed"] += 1
        self._idle.clear()
        task = asyncio.get_running_loop().create_task(self._play(call), name=f"sandbox-call-{call.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        if on_done is not None:
            self._on_done[call.id] = on_done
        return call

    async def _play(self, call: Call) -> None:
        try:
            await self.players[call.spec.provider](self, call)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in a flow must not kill the sandbox; show it in state
            self.counts["errors"] += 1
            call.error = f"{type(exc).__name__}: {exc}"
        finally:
            self._finish(call)

    def _finish(self, call: Call) -> None:
        if call.phase == "talking" and call.answered_by:
            self.talking[call.answered_by] -= 1
            if self.talking[call.answered_by] <= 0:
                del self.talking[call.answered_by]
        call.phase = "done"
        call.ended_real = time.monotonic()
        self.active.pop(call.id, None)
        self.archive.add(call)
        self.counts["finished"] += 1
        waiter = self._waiters.pop(call.id, None)
        if waiter is not None and not waiter.done():
            waiter.set_result(call)
        callback = self._on_done.pop(call.id, None)
        if callback is not None:
            callback(call)
        if not self.active:
            self._idle.set()

    async def wait_call(self, call_id: str, timeout: float | None = None) -> Call:
        """Wait until the call has played out (at once if it already has)."""
        done = self.archive.get(call_id)
        if done is not None and call_id not in self.active:
            return done
        if call_id not in self.active:
            raise KeyError(call_id)
        waiter = self._waiters.get(call_id)
        if waiter is None:
            waiter = self._waiters[call_id] = asyncio.get_running_loop().create_future()
        return await asyncio.wait_for(asyncio.shield(waiter), timeout)

    async def wait_idle(self, timeout: float | None = None) -> None:
        """Wait until no call is playing."""
        await asyncio.wait_for(self._idle.wait(), timeout)

    async def stop(self) -> None:
        """Cancel every playing call and wait for the tasks to end."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # --- helpers the flows use ------------------------------------------------------------------------
    async def sleep_sim(self, seconds: float) -> None:
        """Let ``seconds`` of simulated time pass (scaled by ``time_scale``)."""
        await asyncio.sleep(max(0.0, seconds * self.config.time_scale))

    def ring_targets(self, spec: CallSpec, responsible: str | None) -> list[str]:
        """Whose phones ring: the responsible agent (group calls, when the CRM names one), the direct
        agent, or the group's members who are neither on DND nor unsubscribed from its queue."""
        if responsible and spec.agent is None and self.config.route_by_responsible:
            agent = self.roster.agent(responsible)
            if agent is not None and not self.dnd.get(agent.login):
                return [agent.login]
        if spec.agent is not None:
            return [] if self.dnd.get(spec.agent.split("@")[0]) else [spec.agent.split("@")[0]]
        group = next((g for g in self.roster.groups if g.id == spec.group), self.roster.groups[0])
        return [m for m in group.members if not self.dnd.get(m) and self.subscribed.get((m, group.id), True)]

    def answerer(self, call: Call) -> str:
        """Who picks up a group ring (drawn from the call id, so it is reproducible)."""
        return random.Random(call.id).choice(call.ringing)

    def start_talking(self, call: Call, login: str) -> None:
        if call.phase == "talking" and call.answered_by:
            self.talking[call.answered_by] -= 1
        call.answered_by = login
        call.phase = "talking"
        self.talking[login] += 1

    async def ring_and_talk(self, call: Call) -> None:
        """The part of a call that sends no webhooks: ring, then (if answered) talk, with a transfer a
        third of the way in. TeleDiscount plays this between its two webhooks, TeleCube alone."""
        spec = call.spec
        if spec.direction == "in":
            call.ringing = self.ring_targets(spec, None)
        else:
            call.ringing = [(spec.agent or self.roster.agents[0].login).split("@")[0]]
        await self.sleep_sim(spec.wait)
        if not call.ringing or not spec.answered:
            return
        self.start_talking(call, spec.agent if spec.agent in call.ringing else self.answerer(call))
        if spec.outcome == "transferred" and spec.transfer_to:
            before = max(1, spec.talk // 3)
            await self.sleep_sim(before)
            self.start_talking(call, spec.transfer_to.split("@")[0])
            await self.sleep_sim(max(0, spec.talk - before))
        else:
            await self.sleep_sim(spec.talk)

    def recording_url(self, call_id: str) -> str:
        return f"{self.base_url}/records/{call_id}.wav"

    # --- history prefill -------------------------------------------------------------------------------
    def prefill(self, count: int, now: float | None = None) -> None:
        """Put ``count`` finished calls of the last two days in the archive (no webhooks for those)."""
        now = time.time() if now is None else now
        scenario = Scenario(self.roster, self.config.seed, "prefill", rating_share=self.config.rating_share)
        rng = random.Random(f"{self.config.seed}:prefill-times")
        starts = sorted(now - rng.uniform(600, 2 * 86400) for _ in range(count))
        for started in starts:
            spec = scenario.next_call()
            call = Call(spec, started=started, phase="done")
            call.ringing = self.ring_targets(spec, None) or [spec.agent or self.roster.agents[1].login]
            if spec.answered:
                call.answered_by = spec.transfer_to or (
                    spec.agent if spec.agent in call.ringing else self.answerer(call)
                )
            self.archive.add(call)

    def state(self) -> dict[str, Any]:
        return {
            "active_calls": len(self.active),
            "archived_calls": len(self.archive),
            "evicted_calls": self.archive.evicted,
            "tasks": len(self._tasks),
            **self.counts,
            "talking": dict(self.talking),
            "dnd": {k: v for k, v in self.dnd.items() if v},
        }
