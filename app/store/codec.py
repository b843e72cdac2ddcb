"""Converting a :class:`~app.core.callstate.Call`'s facts to and from the JSON kept in ``calls.facts``."""

from __future__ import annotations

import json
from typing import Any

from app.core.callstate import Call
from app.core.models import CallStatus, Direction
from app.store.db import from_ms, to_ms

_TIMES = ("first_seen", "answered_at", "ended_at", "summary_started_at")
_SETS = ("ringing", "cancelled", "answered_by", "sources")


def call_to_json(call: Call) -> str:
    data: dict[str, Any] = {
        "direction": call.direction.value if call.direction else None,
        "phone": call.phone,
        "line": call.line,
        "completed": call.completed,
        "summary_status": call.summary_status.value if call.summary_status else None,
        "summary_agent": call.summary_agent,
        "duration_s": call.duration_s,
        "wait_s": call.wait_s,
        "recording_url": call.recording_url,
        "rating": call.rating,
    }
    for name in _TIMES:
        data[name] = to_ms(getattr(call, name))
    for name in _SETS:
        data[name] = sorted(getattr(call, name))
    kept = {k: v for k, v in data.items() if v is not None and v is not False and v != []}  # 0 s is a value
    return json.dumps(kept, separators=(",", ":"))


def call_from_json(account: str, call_id: str, text: str) -> Call:
    data = json.loads(text)
    return Call(
        account=account,
        call_id=call_id,
        first_seen=from_ms(data["first_seen"]),  # type: ignore[arg-type]
        direction=Direction(data["direction"]) if data.get("direction") else None,
        phone=data.get("phone"),
        line=data.get("line"),
        ringing=frozenset(data.get("ringing", ())),
        cancelled=frozenset(data.get("cancelled", ())),
        answered_by=frozenset(data.get("answered_by", ())),
        completed=bool(data.get("completed")),
        answered_at=from_ms(data.get("answered_at")),
        ended_at=from_ms(data.get("ended_at")),
        summary_status=CallStatus(data["summary_status"]) if data.get("summary_status") else None,
        summary_agent=data.get("summary_agent"),
        summary_started_at=from_ms(data.get("summary_started_at")),
        duration_s=data.get("duration_s"),
        wait_s=data.get("wait_s"),
        recording_url=data.get("recording_url"),
        rating=data.get("rating"),
        sources=frozenset(data.get("sources", ())),
    )
