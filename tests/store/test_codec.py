"""The call ↔ row conversion and the JSON of store columns."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from app.core.callstate import Call
from app.core.models import CallStatus, Direction
from app.store.codec import CALL_COLUMNS, FACT_COLUMNS, call_columns, call_from_facts, to_json


def test_a_call_survives_its_row_with_every_fact() -> None:
    moment = datetime(2026, 11, 24, 9, 0, 1, 234000, tzinfo=UTC)
    call = Call(
        "pbx",
        "C1",
        moment,
        Direction.OUT,
        "+48777888999",
        "+48221234567",
        frozenset({"anna", "mike"}),
        frozenset({"mike"}),
        frozenset({"anna"}),
        True,
        moment,
        moment,
        CallStatus.BUSY,
        "anna",
        moment,
        0,
        3,
        "https://pbx/r.mp3",
        5,
        frozenset({"push", "local"}),
    )
    row = dict(zip(CALL_COLUMNS, call_columns(call), strict=True))
    assert call_from_facts("pbx", "C1", [row[name] for name in FACT_COLUMNS]) == call
    assert (row["status"], row["agent"], row["ringing"]) == ("busy", "anna", '["anna","mike"]')


def test_text_the_fast_encoder_refuses_is_still_stored() -> None:
    # A lone surrogate (an undecodable byte kept by a lenient decoder) or a number beyond 64 bits.
    value = {"name": "Jan \udce9", "big": 2**70}
    assert json.loads(to_json(value)) == value
    assert to_json({"a": [1, "ż"]}) == '{"a":[1,"ż"]}'
