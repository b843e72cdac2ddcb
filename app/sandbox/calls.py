"""Calls: what a call is meant to be (:class:`CallSpec`), what happened (:class:`Call`), and the bounded
archive every pull API (Cloud PBX ``history``, TeleDiscount ``get_calls``, CCRM ``callHistory``) reads.

Why a bounded archive: the sandbox runs for hours at 30 calls a minute; the oldest calls fall out, as
a provider's retention window would (a recording link of an evicted call answers 404).
"""

from __future__ import annotations

import random
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

PROVIDERS = ("cloudpbx", "telediscount", "telecube")
DIRECTIONS = ("in", "out")
IN_OUTCOMES = ("answered", "missed", "transferred")
OUT_OUTCOMES = ("answered", "busy", "not_available", "not_allowed", "missed")


@dataclass(frozen=True)
class CallSpec:
    """A call to play: who, which way, how it ends, and its simulated durations (whole seconds).

    ``agent`` set means a direct call to (or from) that agent; ``group`` set (and ``agent`` None) means
    a group ring. ``number`` is the client's number as wire digits.
    """

    provider: str
    direction: str
    number: str
    outcome: str
    line: str
    agent: str | None = None
    group: str | None = None
    wait: int = 5
    talk: int = 0
    transfer_to: str | None = None
    rating: int | None = None
    call_id: str = ""

    def check(self) -> None:
        """Raise ``ValueError`` for an impossible call (the control API answers 400 with the message)."""
        if self.provider not in PROVIDERS:
            raise ValueError(f"provider must be one of {PROVIDERS}")
        if self.direction not in DIRECTIONS:
            raise ValueError("direction must be in or out")
        allowed = IN_OUTCOMES if self.direction == "in" else OUT_OUTCOMES
        if self.outcome not in allowed:
            raise ValueError(f"outcome of an {self.direction} call must be one of {allowed}")
        if not self.number.isdigit():
            raise ValueError("number must be digits (E.164 without +)")
        if self.wait < 0 or self.talk < 0:
            raise ValueError("wait and talk must be >= 0")
        if self.direction == "out" and not self.agent:
            raise ValueError("an outgoing call needs an agent")
        if self.outcome == "transferred" and not self.transfer_to:
            raise ValueError("a transferred call needs transfer_to")

    @property
    def answered(self) -> bool:
        return self.outcome in ("answered", "transferred")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Call:
    """One played (or playing) call. Times are UNIX seconds of the wall clock; durations simulated."""

    spec: CallSpec
    started: float = field(default_factory=time.time)
    phase: str = "ringing"  # ringing | talking | done
    ringing: list[str] = field(default_factory=list)  # logins whose phones rang
    answered_by: str | None = None
    contact_name: str | None = None
    ended_real: float | None = None  # monotonic time the call really ended (recording 404 window)
    error: str | None = None  # set if playing the call failed (a sandbox bug, shown in the control API)

    @property
    def id(self) -> str:
        return self.spec.call_id

    @property
    def talk(self) -> int:
        return self.spec.talk if self.spec.answered else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "call_id": self.id,
            "spec": self.spec.as_dict(),
            "started": self.started,
            "phase": self.phase,
            "ringing": list(self.ringing),
            "answered_by": self.answered_by,
            "contact_name": self.contact_name,
            "error": self.error,
        }


class Archive:
    """Finished calls, newest last, at most ``size`` of them (oldest evicted first)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._calls: OrderedDict[str, Call] = OrderedDict()
        self.evicted = 0

    def add(self, call: Call) -> None:
        self._calls[call.id] = call
        self._calls.move_to_end(call.id)
        while len(self._calls) > self.size:
            self._calls.popitem(last=False)
            self.evicted += 1

    def get(self, call_id: str) -> Call | None:
        return self._calls.get(call_id)

    def __iter__(self) -> Iterator[Call]:
        return iter(list(self._calls.values()))

    def __len__(self) -> int:
        return len(self._calls)

    def for_provider(self, provider: str) -> list[Call]:
        """The provider's calls in order of start time (prefilled calls are older than live ones)."""
        mine = (c for c in self._calls.values() if c.spec.provider == provider)
        return sorted(mine, key=lambda c: c.started)


def new_call_id(provider: str, rng: random.Random) -> str:
    """A call id in the provider's own style.

    Cloud PBX: ``B10D0EB124F4E64AF4EA-1511`` (the document's example); TeleDiscount: 32 hex digits
    (``c1f926a8f5727b77f9cbf39d8f35d061``); TeleCube/CCRM: a UUID.
    """
    if provider == "cloudpbx":
        return f"{rng.getrandbits(80):020X}-{rng.randrange(1000, 10000)}"
    if provider == "telediscount":
        return f"{rng.getrandbits(128):032x}"
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
