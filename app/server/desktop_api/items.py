"""A change as it leaves the hub: encoded once, with what decides who may see it.

Why encode once: with 500 desktops connected, a change serialised per connection costs 500 encodings;
here it is one ``bytes`` that every connection's task writes as it is.

Who sees what (docs/hub-protocol.md): a call change goes to who may see the call; a note about a call to
who may see *that* call (it says something about a conversation a colleague may not know of); a note
about a number only, and a contact, to the whole team. A note's call is looked up by its account and
call id (:meth:`ChangeReader.call`); a note whose call the store does not have goes to supervisors only.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from app.core.callstate import Call
from app.core.hub_wire import JSON, encode
from app.core.users import HubUser
from app.core.views import CallChange, Change, NoteChange
from app.server.desktop_api.answers import dumps
from app.services.change_feed import ChangeReader
from app.services.visibility import may_see

FROM_STORE = "updated"  # the change word of a call read back from the store (what changed is not kept)


@dataclass(frozen=True, slots=True)
class Item:
    seq: int
    call: Call | None  # a call change's call, in the state it was published with (one per call in a resume)
    data: bytes  # the stream message, UTF-8 JSON
    about: Call | None = None  # a note's call (when ``private``), which decides who sees the note
    private: bool = False  # a note about a call: only for who may see ``about``
    frame: bytes = field(default=b"", repr=False)  # ``data`` as one WebSocket text frame (filled by ``of``)

    @classmethod
    def of(cls, change: Change, what: str = FROM_STORE, *, reader: ChangeReader | None = None) -> Item:
        """``change`` encoded; a note about a call needs ``reader`` to find the call (without it, or when
        the call is gone, the note is for supervisors only)."""
        call = change.call if isinstance(change, CallChange) else None
        data = dumps(encode(change, what=what)).encode()
        if _about_a_call(change):
            return cls(change.seq, None, data, about=note_call(change, reader), private=True, frame=text_frame(data))
        return cls(change.seq, call, data, frame=text_frame(data))

    def visible_to(self, user: HubUser) -> bool:
        if self.private:
            return _sees(user, self.about)
        return self.call is None or may_see(user, self.call)


def text_frame(payload: bytes) -> bytes:
    """``payload`` as one unmasked, uncompressed WebSocket text frame, as a server sends it (RFC 6455 §5.2).

    Why build it here: a live change goes to hundreds of desktops; framed once, it is written to each idle
    connection's socket as it is (:meth:`.connection.Connection.offer`), with no task to wake per desktop.
    """
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", 0x81, size)
    elif size < 1 << 16:
        header = struct.pack("!BBH", 0x81, 126, size)
    else:
        header = struct.pack("!BBQ", 0x81, 127, size)
    return header + payload


def visible(user: HubUser, change: Change, reader: ChangeReader) -> bool:
    """Whether ``user`` may see ``change`` (docs/hub-protocol.md, "Who sees what"); ``reader`` finds the
    call a note is about."""
    if isinstance(change, CallChange):
        return may_see(user, change.call)
    if _about_a_call(change):
        return _sees(user, note_call(change, reader) if not user.supervisor else None)
    return True


def note_call(change: Change, reader: ChangeReader | None) -> Call | None:
    """The call a note is about, as it is now (None: not a note about a call, or the store lacks it)."""
    if reader is None or not isinstance(change, NoteChange) or not change.note.call_id:
        return None
    return reader.call(change.note.account, change.note.call_id)


def message(change: Change) -> JSON:
    return encode(change, what=FROM_STORE)


def _about_a_call(change: Change) -> bool:
    return isinstance(change, NoteChange) and bool(change.note.call_id)


def _sees(user: HubUser, call: Call | None) -> bool:
    return user.supervisor or (call is not None and may_see(user, call))
