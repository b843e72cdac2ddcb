"""The team hub's changes as JSON, both ways: the hub encodes, the desktop decodes (docs/hub-protocol.md).

Why in core: the hub's server (``app.server``) writes these messages and the desktop's hub client
(``app.providers.hub``) reads them; the one module both may import is core. Pure functions over plain
values, so a round trip is a unit test.

Provider recording links never leave the hub: a call goes out with ``has_recording`` and the desktop
fetches the audio from ``/api/v1/recordings/{account}/{call_id}`` (:func:`recording_path`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from app.core.callstate import Call
from app.core.models import CallStatus, Contact, ContactPhone, Direction, Note, call_time
from app.core.views import CallChange, Change, ContactChange, NoteChange

JSON = dict[str, Any]

# What a change did to its call (the hub's CallUpdate.change); "" when resumed from the store.
CALL_CHANGES = ("ringing", "answered", "ended", "updated")


class WireError(ValueError):
    """A message that does not follow the protocol (the desktop skips it and says so in its log)."""


def recording_path(account: str, call_id: str) -> str:
    return f"/api/v1/recordings/{quote(account, safe='')}/{quote(call_id, safe='')}"


# -- encoding (the hub) --------------------------------------------------------------------------------
def encode(change: Change, *, what: str = "updated") -> JSON:
    """One change as its stream message; ``what`` is the call's change word (calls only)."""
    if isinstance(change, CallChange):
        return {
            "type": "call",
            "seq": change.seq,
            "change": what,
            "call": encode_call(change.call, change.contact_name),
        }
    if isinstance(change, NoteChange):
        return {"type": "note", "seq": change.seq, "note": encode_note(change.note)}
    return {"type": "contact", "seq": change.seq, "contact": encode_contact(change.contact)}


def encode_call(call: Call, contact_name: str = "") -> JSON:
    return {
        "account": call.account,
        "call_id": call.call_id,
        "first_seen": _time(call.first_seen),
        "direction": call.direction.value if call.direction else None,
        "status": call.status.value,
        "phone": call.phone,
        "line": call.line,
        "ringing": sorted(call.ringing),
        "cancelled": sorted(call.cancelled),
        "answered_by": sorted(call.answered_by),
        "completed": call.completed,
        "answered_at": _time(call.answered_at),
        "ended_at": _time(call.ended_at),
        "summary_status": call.summary_status.value if call.summary_status else None,
        "summary_agent": call.summary_agent,
        "summary_started_at": _time(call.summary_started_at),
        "duration_s": call.duration_s,
        "wait_s": call.wait_s,
        "has_recording": bool(call.recording_url),
        "rating": call.rating,
        "agent": call.agent,
        "line_offered": call.line_offered,
        "contact_name": contact_name,
    }


def encode_note(note: Note) -> JSON:
    return {
        "id": note.id,
        "phone": note.phone,
        "text": note.text,
        "author": note.author,
        "account": note.account,
        "call_id": note.call_id,
        "created_at": _time(note.created_at),
    }


def encode_contact(contact: Contact) -> JSON:
    return {
        "id": contact.id,
        "name": contact.name,
        "company": contact.company,
        "email": contact.email,
        "note": contact.note,
        "responsible": contact.responsible,
        "phones": [phone.number for phone in contact.phones],
    }


# -- decoding (the desktop) ----------------------------------------------------------------------------
def decode(message: JSON, *, recordings_base: str = "") -> tuple[Change, str]:
    """A stream message as a change and its change word ("" for notes and contacts).

    ``recordings_base``: the hub's URL; a call with a recording gets ``{base}/api/v1/recordings/…`` as its
    link, which the desktop's recordings service fetches through the hub client. Raises :class:`WireError`.
    """
    try:
        kind, seq = message["type"], int(message["seq"])
        if kind == "call":
            what = str(message.get("change") or "updated")
            body = message["call"]
            call = decode_call(body, recordings_base=recordings_base)
            return CallChange(seq, call, str(body.get("contact_name") or "")), what
        if kind == "note":
            return NoteChange(seq, decode_note(message["note"])), ""
        if kind == "contact":
            return ContactChange(seq, decode_contact(message["contact"])), ""
    except (KeyError, TypeError, ValueError) as exc:
        raise WireError(f"malformed {message.get('type', '?')!r} message: {exc}") from exc
    raise WireError(f"unknown message type {kind!r}")


def decode_call(body: JSON, *, recordings_base: str = "") -> Call:
    account, call_id = str(body["account"]), str(body["call_id"])
    first_seen = _parse_time(body["first_seen"])
    if first_seen is None:
        raise WireError("a call needs first_seen")
    recording = (
        f"{recordings_base.rstrip('/')}{recording_path(account, call_id)}" if body.get("has_recording") else None
    )
    return Call(
        account=account,
        call_id=call_id,
        first_seen=first_seen,
        direction=Direction(body["direction"]) if body.get("direction") else None,
        phone=body.get("phone"),
        line=body.get("line"),
        ringing=frozenset(map(str, body.get("ringing") or ())),
        cancelled=frozenset(map(str, body.get("cancelled") or ())),
        answered_by=frozenset(map(str, body.get("answered_by") or ())),
        completed=bool(body.get("completed")),
        answered_at=_parse_time(body.get("answered_at")),
        ended_at=_parse_time(body.get("ended_at")),
        summary_status=CallStatus(body["summary_status"]) if body.get("summary_status") else None,
        summary_agent=body.get("summary_agent"),
        summary_started_at=_parse_time(body.get("summary_started_at")),
        duration_s=_int(body.get("duration_s")),
        wait_s=_int(body.get("wait_s")),
        recording_url=recording,
        rating=_int(body.get("rating")),
        sources=frozenset({"hub"}),
        line_offered=bool(body.get("line_offered")),
    )


def decode_note(body: JSON) -> Note:
    return Note(
        text=str(body["text"]),
        phone=str(body.get("phone") or ""),
        account=str(body.get("account") or ""),
        call_id=str(body.get("call_id") or ""),
        author=str(body.get("author") or ""),
        created_at=_parse_time(body.get("created_at")) or datetime.now(UTC),
        id=_int(body.get("id")),
    )


def decode_contact(body: JSON) -> Contact:
    return Contact(
        name=str(body["name"]),
        phones=[ContactPhone(str(number)) for number in body.get("phones") or ()],
        company=str(body.get("company") or ""),
        email=str(body.get("email") or ""),
        note=str(body.get("note") or ""),
        responsible=str(body.get("responsible") or ""),
        source="hub",
        source_id=str(body.get("id") or ""),
    )


def _time(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _parse_time(text: object) -> datetime | None:
    """A time the hub wrote, in UTC. Out of range (its UTC before year 1 or after 9999, which raises
    ``OverflowError``, or outside the years a call can have) is a :class:`WireError`: the desktop skips that
    change instead of failing later on arithmetic with it."""
    if text is None or text == "":
        return None
    moment = call_time(datetime.fromisoformat(str(text).replace("Z", "+00:00")))
    if moment is None:
        raise WireError(f"time out of range: {str(text)[:40]!r}")
    return moment


def _int(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise WireError(f"not a number: {value!r}")
    return int(value)
