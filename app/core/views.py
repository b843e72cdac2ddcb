"""What the front ends show and ask of the history: a call as a row, a page position, the filters, and a
caller as the card sees them.

Why in core: the UI, the command line and (next) the hub's desktop API all speak these shapes, while only
the store knows the SQL behind them. Keeping them here lets the UI depend on the use cases in
``app.services`` and on these plain values, never on ``app.store``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.core.callstate import Call, talk_time
from app.core.models import CallStatus, Contact, Direction, Note

# The keys of CallRow.to_json(), in its order: the columns of every CSV of the history (the command line's
# and the history window's export).
ROW_KEYS = (
    "account",
    "call_id",
    "direction",
    "status",
    "phone",
    "contact_name",
    "line",
    "agent",
    "started_at",
    "duration_s",
    "wait_s",
    "talk_s",
    "recording_url",
)


@dataclass(frozen=True, slots=True)
class CallRow:
    """One line of the history: the call as the user sees it.

    ``duration_s`` is the provider's figure for the whole call, waiting included (None when no provider
    record of the call arrived); ``wait_s`` the seconds before the answer; :attr:`talk_s` the talk time
    every front end shows, derived from them by core's one rule (:func:`app.core.callstate.talk_time`).
    """

    id: int
    account: str
    call_id: str
    direction: Direction | None
    status: CallStatus
    phone: str
    contact_name: str
    line: str
    agent: str
    started_at: datetime
    duration_s: int | None
    wait_s: int | None
    recording_url: str
    rating: int | None
    # Talk measured from our own answer and end stamps: the talk time of a call no provider record covers.
    measured_talk_s: int | None = None

    @property
    def talk_s(self) -> int | None:
        """Talk time: ``duration_s`` less ``wait_s`` where the wait is known, else the measured talk."""
        return talk_time(self.duration_s, self.wait_s, self.measured_talk_s)

    @property
    def cursor(self) -> Cursor:
        return Cursor(int(self.started_at.timestamp() * 1000), self.id)

    def to_json(self) -> dict[str, object]:
        """The documented JSON shape of ``ringdesk history --format json`` (and the columns of its CSV and of
        the history window's CSV export): ``duration_s`` the whole call as the provider reported it,
        ``wait_s`` the wait before the answer, ``talk_s`` the talk time (see :attr:`talk_s`)."""
        return {
            "account": self.account,
            "call_id": self.call_id,
            "direction": self.direction.value if self.direction else None,
            "status": self.status.value,
            "phone": self.phone,
            "contact_name": self.contact_name or None,
            "line": self.line or None,
            "agent": self.agent or None,
            "started_at": self.started_at.isoformat().replace("+00:00", "Z"),
            "duration_s": self.duration_s,
            "wait_s": self.wait_s,
            "talk_s": self.talk_s,
            "recording_url": self.recording_url or None,
        }


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ended: the next page starts strictly after this (newest-first order)."""

    started_at_ms: int
    id: int


@dataclass(frozen=True, slots=True)
class CallQuery:
    """Filters of the history. Empty fields filter nothing."""

    text: str = ""  # any part of a number, or of a contact's name/company
    phone: str = ""  # exactly this normalised number
    direction: Direction | None = None
    statuses: tuple[CallStatus, ...] = ()
    agent: str = ""
    line: str = ""
    account: str = ""
    since: datetime | None = None
    until: datetime | None = None
    # Restrict to (account, agent) pairs; an empty agent means the calls of that account that name no agent.
    accounts_agents: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ContactMatch:
    """What the card and the PBX need to know about a caller."""

    id: int
    name: str
    company: str
    responsible: str
    note: str


@dataclass(frozen=True, slots=True)
class CallChange:
    """A call as it is after its change number ``seq`` (the hub's feed; the desktop's cache keeps it)."""

    seq: int
    call: Call
    contact_name: str = ""


@dataclass(frozen=True, slots=True)
class NoteChange:
    seq: int
    note: Note


@dataclass(frozen=True, slots=True)
class ContactChange:
    seq: int
    contact: Contact


Change = CallChange | NoteChange | ContactChange
