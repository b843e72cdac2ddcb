"""Which calls get a card and in which state it is, decided without Qt so the rules are easy to test and reuse.

What the card says about the caller is read by the use case :mod:`app.services.caller_facts`.

Why "me" matters: in a call centre a group ring reaches several agents at once. When a colleague picks
up, my card must say "answered by Anna" and go away — not "talking". "Me" is the account's ``user``
(PBX user / SIP account / extension); providers may add ``@tenant`` to it, so logins are compared
without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from urllib.parse import quote

from app.config.settings import Role, Settings
from app.core.callstate import Call
from app.core.models import CallStatus, Direction
from app.core.users import short_login

if TYPE_CHECKING:
    from app.runtime import Runtime


class CardState(StrEnum):
    RINGING = "ringing"
    TALKING = "talking"  # I (or nobody we can tell apart from me) am talking
    ANSWERED_ELSEWHERE = "answered_elsewhere"  # a colleague took it
    ENDED = "ended"  # finished after talking, or an outcome that is nobody's fault (busy, cancelled…)
    MISSED = "missed"

    @property
    def is_over(self) -> bool:
        """Nothing more will happen on this card: the auto-close countdown may start."""
        return self not in (CardState.RINGING, CardState.TALKING)


@dataclass(frozen=True, slots=True)
class CardStatus:
    state: CardState
    who: str = ""  # the login that answered, for ANSWERED_ELSEWHERE and supervisors' TALKING
    since: datetime | None = None  # when talking started (the timer's origin)
    outcome: CallStatus | None = None


@dataclass(slots=True)
class Me:
    """Who the user is at each account (``AccountSettings.user``), and whether they supervise."""

    users: dict[str, str] = field(default_factory=dict)
    supervisor: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> Me:
        return cls({a.id: a.user for a in settings.accounts}, settings.general.role is Role.SUPERVISOR)

    def login(self, account: str) -> str:
        return short_login(self.users.get(account, ""))

    def is_me(self, account: str, agent: str) -> bool:
        mine = self.login(account)
        return bool(mine) and short_login(agent) == mine


def me_of(runtime: Runtime) -> Me:
    """Who the user is: the hub's word for a desktop joined to one (identities at the hub's accounts, the
    role it gave), else the settings'."""
    link = runtime.hub_link
    if link is not None and link.me is not None:
        return Me(dict(link.me.identities), link.me.role is Role.SUPERVISOR)
    return Me.from_settings(runtime.context.settings)


def wants_card(call: Call, me: Me) -> bool:
    """Whether this user should get a card for this call at all.

    Incoming (or undirected) calls only. An agent gets the card when their own leg rings, or when the
    provider does not say whose phone rings (TeleDiscount's ``income``); a supervisor gets every one.
    """
    if call.direction is Direction.OUT or call.direction is Direction.INTERNAL:
        return False
    if me.supervisor or not me.login(call.account):
        return True
    named = {short_login(agent) for agent in call.ringing | call.answered_by if agent}
    return not named or me.login(call.account) in named


def card_status(call: Call, me: Me) -> CardStatus:
    """The card's state for this call, from this user's point of view."""
    status = call.status
    answered = {a for a in call.answered_by if a}
    mine_or_unknown = not answered or not me.login(call.account) or any(me.is_me(call.account, a) for a in answered)
    who = "" if mine_or_unknown and not me.supervisor else (call.agent or min(answered, default=""))
    if status is CallStatus.RINGING:
        return CardStatus(CardState.RINGING)
    if status is CallStatus.TALKING:
        if not mine_or_unknown:
            return CardStatus(CardState.ANSWERED_ELSEWHERE, who, call.answered_at)
        return CardStatus(CardState.TALKING, who, call.answered_at or call.first_seen)
    if status is CallStatus.MISSED:
        return CardStatus(CardState.MISSED, outcome=status)
    if status is CallStatus.ANSWERED and not mine_or_unknown:
        return CardStatus(CardState.ANSWERED_ELSEWHERE, who, call.answered_at, status)
    return CardStatus(CardState.ENDED, who, call.answered_at, status)


def crm_url(template: str, call: Call, name: str) -> str:
    """The CRM link for a card: ``{phone}``, ``{name}``, ``{call_id}``, ``{line}`` filled in, URL-encoded.

    Unknown placeholders are left as written rather than raising, so a typo in the settings shows up
    as a visibly wrong link instead of a card that fails to open.
    """
    if not template.strip():
        return ""
    values = {"phone": call.phone or "", "name": name, "call_id": call.call_id, "line": call.line or ""}
    result = template
    for key, value in values.items():
        result = result.replace("{" + key + "}", quote(value, safe=""))
    return result
