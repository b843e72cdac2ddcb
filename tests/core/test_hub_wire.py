"""The hub's messages survive the round trip, and never carry a provider's recording link."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.callstate import Call
from app.core.hub_wire import WireError, decode, encode
from app.core.models import CallStatus, Contact, ContactPhone, Direction, Note
from app.core.views import CallChange, ContactChange, NoteChange

AT = datetime(2026, 12, 6, 10, 15, 0, 123000, tzinfo=UTC)
names = st.frozensets(st.sampled_from(["anna", "boris", "0000000672", "101"]), max_size=3)


@given(
    ringing=names,
    answered=names,
    status=st.none() | st.sampled_from(list(CallStatus)),
    recording=st.none() | st.just("https://office.megapbx.ru/rec/secret-token/1.mp3"),
)
def test_a_call_comes_back_as_it_went_out(
    ringing: frozenset[str], answered: frozenset[str], status: CallStatus | None, recording: str | None
) -> None:
    call = Call(
        "office",
        "C-1",
        AT,
        Direction.IN,
        "+48221234567",
        "+48221234500",
        ringing=ringing,
        answered_by=answered,
        summary_status=status,
        duration_s=42,
        wait_s=5,
        recording_url=recording,
        rating=4,
    )
    message = encode(CallChange(7, call, "Zofia Wrona"), what="ended")
    assert "secret-token" not in repr(message)
    change, what = decode(message, recordings_base="https://hub.example:8765")
    assert isinstance(change, CallChange) and what == "ended" and change.seq == 7
    back = change.call
    assert (back.ringing, back.answered_by, back.status, back.agent) == (ringing, answered, call.status, call.agent)
    assert back.first_seen == AT and change.contact_name == "Zofia Wrona"
    expected = "https://hub.example:8765/api/v1/recordings/office/C-1" if recording else None
    assert back.recording_url == expected


def test_notes_and_contacts_come_back() -> None:
    note, _ = decode(encode(NoteChange(3, Note("call back <urgent>", phone="+48221234567", author="anna", id=9))))
    assert isinstance(note, NoteChange) and note.note.text == "call back <urgent>" and note.note.author == "anna"
    contact, _ = decode(encode(ContactChange(4, Contact("Zofia", [ContactPhone("+48221234567")], id=2))))
    assert isinstance(contact, ContactChange) and [p.number for p in contact.contact.phones] == ["+48221234567"]


@pytest.mark.parametrize(
    "message",
    [
        {"type": "call", "seq": 1},
        {"type": "call", "seq": "x", "call": {}},
        {"type": "note", "seq": 1, "note": {}},
        {"type": "weather", "seq": 1},
        {"type": "call", "seq": 1, "call": {"account": "a", "call_id": "b", "first_seen": "yesterday"}},
    ],
)
def test_a_malformed_message_is_a_wire_error(message: dict[str, object]) -> None:
    with pytest.raises(WireError):
        decode(message)


def test_the_visibility_of_a_call_only_grows_as_it_goes_on() -> None:
    """An agent who saw a call ring keeps receiving it: a group ring's loser sees "answered by boris", and a
    ring offered to the whole line stays the line's after one agent answers; a colleague's private call
    never shows."""
    from app.config.settings import Role
    from app.core.users import HubUser
    from app.services.visibility import may_see

    anna = HubUser("anna", Role.AGENT, identities={"office": "anna"})
    group = Call("office", "G", AT, Direction.IN, ringing=frozenset({"anna", "boris"}))
    assert may_see(anna, group) and may_see(anna, group._replace(answered_by=frozenset({"boris"}), completed=True))
    line = Call("office", "Q", AT, Direction.IN, line_offered=True)
    assert may_see(anna, line) and may_see(anna, line._replace(answered_by=frozenset({"boris"})))
    private = Call("office", "P", AT, Direction.IN, ringing=frozenset({"boris"}))
    assert not may_see(anna, private) and not may_see(anna, private._replace(answered_by=frozenset({"boris"})))
    other_account = HubUser("tess", Role.AGENT, identities={"td": "SIP/1"})
    assert not may_see(other_account, line)
