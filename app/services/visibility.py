"""Who may see a call on the team hub — decided where a change leaves the hub, with the call as it is now.

- A supervisor sees every call.
- An agent sees, at each account where they have an identity, the calls that rang them (each leg of a
  group ring), that they answered, and that are theirs by the provider's summary (placed or taken); and
  the calls offered to the whole line (a ring that named no agent: TeleDiscount's ``income`` says not whose
  phone rings) — the card rings for all of them, and follows the call when one of them answers it — and the
  calls that name no agent at all (a missed one is everyone's to call back).

Visibility only grows as a call's facts accumulate (legs, answers, the line offer are never taken back), so a
desktop that saw a call ring keeps receiving it to its end, live or on resume.

Notes and contacts are the team's: everyone sees them.
"""

from __future__ import annotations

from app.core.callstate import Call
from app.core.users import HubUser, short_login
from app.services.calls import LOCAL_PREFIX


def agents_of(call: Call) -> set[str]:
    """Every agent a call names: its ringing legs, who answered, the summary's agent (normalised)."""
    named = {short_login(a) for a in call.ringing | call.answered_by | call.cancelled if a}
    if call.summary_agent:
        named.add(short_login(call.summary_agent))
    return named


def may_see(user: HubUser, call: Call) -> bool:
    if call.call_id.startswith(LOCAL_PREFIX):
        # The hub's own record of a dial the provider has not named yet: it is merged into the provider's
        # call (and deleted) when that arrives, and a desktop could never learn of the deletion — so it never
        # leaves the hub; the dialling desktop sees the provider's call itself a moment later.
        return False
    if user.supervisor:
        return True
    me = user.identity(call.account)
    if not me:
        return False
    return me in agents_of(call) or call.line_offered or not agents_of(call)


def may_hear(user: HubUser, call: Call) -> bool:
    """Whether ``user`` may have ``call``'s recording (docs/hub-protocol.md, "Who sees what"): a supervisor;
    an agent who answered it or is its agent by the provider's summary; or, when the call names no agent
    at all (a missed line call), anyone who may see it. Having rung (a group ring's loser) or being on the
    line it was offered to is not enough."""
    if not may_see(user, call):
        return False
    if user.supervisor:
        return True
    me = user.identity(call.account)
    talked = {short_login(a) for a in call.answered_by if a}
    if call.summary_agent:
        talked.add(short_login(call.summary_agent))
    return me in talked or not agents_of(call)
