"""Cloud PBX (ITooLabs API) as the PBX: the webhooks it posts to the CRM URL while a call plays.

Incoming: ``contact`` (asked once, ``contact_timeout`` to answer; its ``responsible`` routes a group call
to that agent), ``event`` INCOMING to each ringing agent, then ACCEPTED to the one who picks up and one
CANCELLED per agent who lost the group ring (or CANCELLED to every ringing agent when nobody answers),
COMPLETED at hang-up, then ``history`` and, for some calls, ``rating``. A transfer sends TRANSFERRED to
the first agent, then INCOMING/ACCEPTED/COMPLETED to the second; one ``history`` names the agent who
finished the call. Outgoing: OUTGOING, then ACCEPTED + COMPLETED, or CANCELLED when the client is
busy/unreachable/barred, then ``history`` type=out with Success, Busy, NotAvailable, NotAllowed (or
Cancel: no answer, seen in deployments).

``history``'s ``duration`` is the whole call, waiting included, as the document defines it ("общая
длительность звонка"): ``wait`` + ``talk`` of the call asked for, the ``wait`` alone when nobody talked
(so talk = duration − wait is the ``talk`` asked for; a transfer's second ring is not counted).

Fields beyond the document (``direction``, ``ext``, ``telnum``, ``groupRealName``, ``start``, ``wait``,
``missedStatus``, missed-call ``history``, ``rating``) are "seen in public implementations, not in the
provider document"; ``extra_fields``/``send_missed_history`` switch them off. Events carry no timestamp.
"""

from __future__ import annotations

import time
import zlib

from app.sandbox.calls import Call
from app.sandbox.config import SandboxConfig
from app.sandbox.engine import Engine
from app.sandbox.webhooks import CallChannel

OUT_STATUS = {
    "answered": "Success",
    "busy": "Busy",
    "not_available": "NotAvailable",
    "not_allowed": "NotAllowed",
    "missed": "Cancel",
}


def wire_user(config: SandboxConfig, login: str) -> str:
    """``andy`` or, with ``user_format="tenant"``, ``andy@<tenant>`` (seen in deployments)."""
    return f"{login}@{config.tenant}" if config.user_format == "tenant" else login


def wire_status(config: SandboxConfig, call_id: str, status: str) -> str:
    """The status, lower-cased for about a third of the calls when ``mixed_status_case`` is on."""
    if config.mixed_status_case and zlib.crc32(call_id.encode()) % 3 == 0:
        return status.lower()
    return status


def utc_stamp(ts: float) -> str:
    """``YYYYmmddTHHMMSSZ``, the PBX's time format."""
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(ts))


class _Hooks:
    """Builds and sends the webhooks of one call."""

    def __init__(self, engine: Engine, call: Call) -> None:
        self.engine = engine
        self.cfg = engine.config
        self.call = call
        self.channel = CallChannel(engine.sender, "cloudpbx", call.id)

    def _extras(self, params: dict[str, str], login: str | None) -> None:
        spec = self.call.spec
        agent = self.engine.roster.agent(login) if login else None
        if agent is not None:
            params["ext"] = agent.ext
        params["telnum"] = spec.line
        if spec.group and spec.agent is None:
            group = next((g for g in self.engine.roster.groups if g.id == spec.group), None)
            if group is not None:
                params["group"] = group.id
                params["groupRealName"] = group.real_name

    async def event(self, kind: str, login: str) -> None:
        spec = self.call.spec
        params = {
            "cmd": "event",
            "type": kind,
            "phone": spec.number,
            "diversion": spec.line,
            "user": wire_user(self.cfg, login),
            "callid": self.call.id,
        }
        if self.cfg.extra_fields:
            params["direction"] = spec.direction
            self._extras(params, login)
        params["crm_token"] = self.cfg.crm_token
        await self.channel.send("event", "POST", self.cfg.crm_url, params)

    async def history(self, status: str, login: str, duration: int, link: str | None) -> None:
        spec = self.call.spec
        params = {
            "cmd": "history",
            "type": spec.direction,
            "status": wire_status(self.cfg, self.call.id, status),
            "phone": spec.number,
            "user": login if login == "pbx" else wire_user(self.cfg, login),
            "diversion": spec.line,
            "duration": str(duration),
            "callid": self.call.id,
            "start": utc_stamp(self.call.started),
            "wait": str(spec.wait),
        }
        if link:
            params["link"] = link
        if self.cfg.extra_fields:
            self._extras(params, None if login == "pbx" else login)
            if status == "Missed":
                params["missedStatus"] = "3"  # not called back (yet)
        params["crm_token"] = self.cfg.crm_token
        await self.channel.send("history", "POST", self.cfg.crm_url, params)

    async def rating(self, login: str, value: int) -> None:
        agent = self.engine.roster.agent(login)
        params = {
            "cmd": "rating",
            "callid": self.call.id,
            "user": wire_user(self.cfg, login),
            "ext": agent.ext if agent else "",
            "phone": self.call.spec.number,
            "rating": str(value),
            "crm_token": self.cfg.crm_token,
        }
        await self.channel.send("rating", "POST", self.cfg.crm_url, params)

    async def contact(self) -> str | None:
        """Ask the CRM who calls; the ``responsible`` it names, if any (``{}`` means unknown)."""
        params = {
            "cmd": "contact",
            "phone": self.call.spec.number,
            "callid": self.call.id,
            "crm_token": self.cfg.crm_token,
        }
        answer = await self.engine.sender.send(
            "cloudpbx",
            "contact",
            self.call.id,
            "POST",
            self.cfg.crm_url,
            params,
            once=True,
            timeout=self.cfg.contact_timeout,
        )
        if answer is None or answer.status_code != 200:
            return None
        try:
            data = answer.json()
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        name, responsible = data.get("contact_name"), data.get("responsible")
        self.call.contact_name = str(name) if name else None
        return str(responsible) if responsible else None


async def play(engine: Engine, call: Call) -> None:
    """Play one Cloud PBX call, sending its webhooks in order."""
    hooks = _Hooks(engine, call)
    if call.spec.direction == "in":
        await _incoming(engine, call, hooks)
    else:
        await _outgoing(engine, call, hooks)
    await hooks.channel.flush()


async def _incoming(engine: Engine, call: Call, hooks: _Hooks) -> None:
    spec = call.spec
    responsible = await hooks.contact() if engine.config.crm_url else None
    call.ringing = engine.ring_targets(spec, responsible)
    for login in call.ringing:
        await hooks.event("INCOMING", login)
    await engine.sleep_sim(spec.wait)
    if not call.ringing or not spec.answered:
        for login in call.ringing:
            await hooks.event("CANCELLED", login)
        if engine.config.send_missed_history:
            user = "pbx" if engine.config.missed_user_pbx else _fallback_user(engine, call)
            await hooks.history("Missed", user, spec.wait, None)
        return
    first = spec.agent if spec.agent in call.ringing else engine.answerer(call)
    engine.start_talking(call, first)
    await hooks.event("ACCEPTED", first)
    for login in call.ringing:
        if login != first:
            await hooks.event("CANCELLED", login)
    final = first
    if spec.outcome == "transferred" and spec.transfer_to:
        before = max(1, spec.talk // 3)
        await engine.sleep_sim(before)
        await hooks.event("TRANSFERRED", first)
        final = spec.transfer_to.split("@")[0]
        await hooks.event("INCOMING", final)
        await engine.sleep_sim(3)  # the second agent's phone rings (not part of the talk time)
        engine.start_talking(call, final)
        await hooks.event("ACCEPTED", final)
        await engine.sleep_sim(max(0, spec.talk - before))
    else:
        await engine.sleep_sim(spec.talk)
    await hooks.event("COMPLETED", final)
    await hooks.history("Success", final, spec.wait + spec.talk, engine.recording_url(call.id))
    if spec.rating is not None:
        await hooks.rating(final, spec.rating)


async def _outgoing(engine: Engine, call: Call, hooks: _Hooks) -> None:
    spec = call.spec
    agent = (spec.agent or engine.roster.agents[0].login).split("@")[0]
    call.ringing = [agent]
    await hooks.event("OUTGOING", agent)
    await engine.sleep_sim(spec.wait)
    if spec.outcome != "answered":
        await hooks.event("CANCELLED", agent)
        await hooks.history(OUT_STATUS[spec.outcome], agent, spec.wait, None)
        return
    engine.start_talking(call, agent)
    await hooks.event("ACCEPTED", agent)
    await engine.sleep_sim(spec.talk)
    await hooks.event("COMPLETED", agent)
    await hooks.history("Success", agent, spec.wait + spec.talk, engine.recording_url(call.id))
    if spec.rating is not None:
        await hooks.rating(agent, spec.rating)


def _fallback_user(engine: Engine, call: Call) -> str:
    """Whom a missed call is booked to: the first agent who rang, else the intended one."""
    if call.ringing:
        return call.ringing[0]
    if call.spec.agent:
        return call.spec.agent.split("@")[0]
    group = next((g for g in engine.roster.groups if g.id == call.spec.group), engine.roster.groups[0])
    return group.members[0] if group.members else engine.roster.agents[0].login
