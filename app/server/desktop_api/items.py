"""A change as it leaves the hub: encoded once, with what decides who may see it.

Why encode once: with 500 desktops connected, a change serialised per connection costs 500 encodings;
here it is one ``bytes`` that every connection's task writes as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.callstate import Call
from app.core.hub_wire import JSON, encode
from app.core.users import HubUser
from app.core.views import CallChange, Change
from app.server.desktop_api.answers import dumps
from app.services.visibility import may_see

FROM_STORE = "updated"  # the change word of a call read back from the store (what changed is not kept)


@dataclass(frozen=True, slots=True)
class Item:
    seq: int
    call: Call | None  # a call's latest state decides who sees it; notes and contacts are everyone's
    data: bytes  # the stream message, UTF-8 JSON

    @classmethod
    def of(cls, change: Change, what: str = FROM_STORE) -> Item:
        call = change.call if isinstance(change, CallChange) else None
        return cls(change.seq, call, dumps(encode(change, what=what)).encode())

    def visible_to(self, user: HubUser) -> bool:
        return self.call is None or may_see(user, self.call)


def visible(user: HubUser, change: Change) -> bool:
    """Whether ``user`` may see ``change`` (docs/hub-protocol.md, "Who sees what")."""
    return not isinstance(change, CallChange) or may_see(user, change.call)


def message(change: Change) -> JSON:
    return encode(change, what=FROM_STORE)
