"""Seeded traffic: which calls happen, in what mix, with what ring and talk times.

Why lognormal spreads: real ring and talk times are skewed (many short, a long tail), and a UI or a
parser tested only with round numbers hides bugs. Every draw comes from one ``random.Random`` per
stream (named ``"<seed>:<stream>"``), so the same seed gives the same call list whatever else the
sandbox does (control-API calls use their own stream and do not disturb the background traffic).
"""

from __future__ import annotations

import math
import random
from typing import Any

from app.sandbox import numbers
from app.sandbox.calls import CallSpec, new_call_id
from app.sandbox.people import Contact, Roster

_MAX_TALK = 1200  # seconds: caps a recording at ~19 MB of WAV


class Scenario:
    """Draws :class:`CallSpec` objects for a roster from a named random stream."""

    def __init__(
        self,
        roster: Roster,
        seed: int,
        stream: str = "traffic",
        providers: tuple[str, ...] = ("cloudpbx", "telediscount", "telecube"),
        rating_share: float = 0.2,
    ) -> None:
        self.roster = roster
        self.rng = random.Random(f"{seed}:{stream}")
        self.providers = providers
        self.rating_share = rating_share
        self._workers = [a.login for a in roster.agents if a.login != "test"] or [roster.agents[0].login]

    def calls(self, count: int) -> list[CallSpec]:
        """The next ``count`` calls of the stream."""
        return [self.next_call() for _ in range(count)]

    def next_call(self, provider: str | None = None) -> CallSpec:
        """One realistic call: 65 % incoming, known clients about half the time, lognormal times."""
        return self.fill({"provider": provider} if provider else {})

    def fill(self, given: dict[str, Any]) -> CallSpec:
        """A call with the fields of ``given`` (control API / ``Sandbox.place_call``) and the rest drawn."""
        rng = self.rng
        provider = given.get("provider") or rng.choice(self.providers)
        direction = given.get("direction") or ("in" if rng.random() < 0.65 else "out")
        number = given.get("number") or self._number(rng)
        number = "".join(ch for ch in str(number) if ch.isdigit())
        contact = self.roster.by_digits.get(number)
        agent = given.get("agent")
        group = given.get("group")
        if direction == "in":
            outcome = given.get("outcome") or _pick(rng, (("answered", 72), ("missed", 20), ("transferred", 8)))
            if agent is None and group is None:
                if rng.random() < 0.5:
                    group = rng.choice(self.roster.groups).id
                else:
                    agent = self._owner(contact, rng)
            wait = _lognormal(rng, 8 if outcome != "missed" else 25, 0.6, 1, 90)
        else:
            outcome = given.get("outcome") or _pick(
                rng, (("answered", 72), ("busy", 13), ("not_available", 12), ("not_allowed", 3))
            )
            agent = agent or self._owner(contact, rng)
            wait = _out_wait(rng, outcome)
        answered = outcome in ("answered", "transferred")
        talk = _lognormal(rng, 90, 0.8, 3, _MAX_TALK) if answered else 0
        transfer_to = given.get("transfer_to")
        if outcome == "transferred" and not transfer_to:
            transfer_to = rng.choice([w for w in self._workers if w != agent] or self._workers)
        rating = None
        if answered and rng.random() < self.rating_share:
            rating = _pick(rng, ((5, 50), (4, 25), (3, 12), (2, 6), (1, 7)))
        line = given.get("line") or rng.choice(self.roster.lines.get(provider) or ["74951500100"])
        spec = CallSpec(
            provider=provider,
            direction=direction,
            number=number,
            outcome=outcome,
            line=str(line),
            agent=agent,
            group=group,
            wait=int(given["wait"]) if given.get("wait") is not None else wait,
            talk=int(given["talk"]) if given.get("talk") is not None else talk,
            transfer_to=transfer_to,
            rating=given.get("rating", rating),
            call_id=given.get("call_id") or new_call_id(provider, rng),
        )
        spec.check()
        return spec

    def _owner(self, contact: Contact | None, rng: random.Random) -> str:
        """The agent a direct call goes to: the contact's responsible, else anyone."""
        return contact.responsible if contact and contact.responsible else rng.choice(self._workers)

    def _number(self, rng: random.Random) -> str:
        if self.roster.contacts and rng.random() < 0.55:
            return rng.choice(rng.choice(self.roster.contacts).digits)
        return numbers.any_number(rng)


def _out_wait(rng: random.Random, outcome: str) -> int:
    """Seconds an outgoing call rings before it is answered or fails (a barred direction fails at once)."""
    if outcome == "not_allowed":
        return 0
    if outcome == "busy":
        return _lognormal(rng, 2, 0.4, 1, 6)
    if outcome == "not_available":
        return _lognormal(rng, 8, 0.5, 2, 30)
    return _lognormal(rng, 12, 0.5, 2, 60)


def _lognormal(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    """A whole number of seconds, lognormal around ``median``, clipped to [low, high]."""
    return max(low, min(high, round(rng.lognormvariate(math.log(median), sigma))))


def _pick(rng: random.Random, weighted: tuple[tuple[Any, int], ...]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]
