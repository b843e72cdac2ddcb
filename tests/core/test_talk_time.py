"""Talk time excludes the wait (issue 15, point 11b).

Cloud PBX's ``duration`` is the whole call, waiting included; the talk a supervisor reads in the history is
that less ``wait``. Each case goes through the provider's real parser, the fold and the store, and reads the
row every front end reads (``CallRow.talk_s``) and the call the card reads (``Call.talk_seconds``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.core.callstate import fold
from app.core.models import CallEvent, CallStatus, Direction, EventKind
from app.core.views import CallRow
from app.providers.cloudpbx import pull
from app.providers.cloudpbx import webhooks as cloudpbx
from app.providers.telecube import records as telecube
from app.providers.telediscount import webhooks as telediscount
from app.store.calls import CallStore
from app.store.db import Database

ARRIVED = datetime(2026, 11, 23, 10, 5, tzinfo=UTC)
HISTORY = {
    "cmd": "history",
    "type": "in",
    "status": "Success",
    "phone": "79101234567",
    "user": "andy",
    "diversion": "74951500100",
    "callid": "C-315",
    "start": "20261123T100000Z",
}


def store(db: Database, provider: str = "cloudpbx") -> CallStore:
    db.ensure_account("pbx", provider)
    return CallStore(db)


def stored_row(calls: CallStore, event: CallEvent) -> CallRow:
    calls.ingest(event)
    row = calls.row(event.account, event.call_id)
    assert row is not None
    return row


def history(**fields: str) -> CallEvent:
    parsed = cloudpbx.parse({**HISTORY, **fields}, account="pbx", region="RU", arrived=ARRIVED)
    assert isinstance(parsed, CallEvent), parsed
    return parsed


def test_an_answered_cloudpbx_call_talks_its_duration_less_its_wait(db: Database) -> None:
    # The call: 315 s in all, 37 of them waiting → 4:38 of talk, not 5:15.
    row = stored_row(store(db), history(duration="315", wait="37"))
    call = store(db).get("pbx", "C-315")
    assert call is not None and call.talk_seconds == 278  # the card's figure
    assert (row.duration_s, row.wait_s, row.talk_s) == (315, 37, 278)  # the history's: the same rule
    assert row.to_json()["talk_s"] == 278 and row.to_json()["duration_s"] == 315


def test_without_a_wait_the_duration_is_the_talk(db: Database) -> None:
    row = stored_row(store(db), history(duration="124"))  # the document's own example has no wait
    assert (row.duration_s, row.wait_s, row.talk_s) == (124, None, 124)


def test_talk_is_never_negative(db: Database) -> None:
    row = stored_row(store(db), history(duration="20", wait="37"))  # a provider's rounding, or a bad record
    assert row.talk_s == 0


def test_a_row_stored_before_the_rule_reads_right(db: Database) -> None:
    """Rows written by an older Ringdesk kept the whole duration as the talk (the derived column): the talk
    is computed on reading, so the history is right without rewriting a million rows."""
    calls = store(db)
    calls.ingest(history(duration="315", wait="37"))
    db.conn.execute("UPDATE calls SET duration_s = 315 WHERE call_id = 'C-315'")  # as the old code wrote it
    row = calls.row("pbx", "C-315")
    assert row is not None and row.talk_s == 278


def test_a_call_with_no_provider_record_talks_what_was_measured(db: Database) -> None:
    calls = store(db)
    t0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    for kind, second in ((EventKind.RINGING, 0), (EventKind.ANSWERED, 4), (EventKind.COMPLETED, 64)):
        calls.ingest(
            CallEvent("pbx", "C-live", kind, t0 + timedelta(seconds=second), agent="anna", phone="+48777888999")
        )
    row = calls.row("pbx", "C-live")
    assert row is not None and (row.duration_s, row.wait_s, row.talk_s) == (None, 4, 60)


def pulled(line: str) -> CallEvent:
    result = pull.parse_history(line, account="pbx", region="RU")
    assert result.skipped == 0, line
    [event] = result.events
    return event


@pytest.mark.parametrize(
    ("kind", "outcome"), [("in", CallStatus.MISSED), ("out", CallStatus.CANCELLED)], ids=["incoming", "outgoing"]
)
def test_a_pulled_record_that_is_all_waiting_was_not_answered(db: Database, kind: str, outcome: CallStatus) -> None:
    # UID,type,client,account,via,start,wait,duration,record: 37 s of ringing, nobody talked.
    record = pulled(f"P-1,{kind},79101234567,andy,74951500100,2026-11-23T13:00:00+03:00,37,37,")
    assert fold([record]).status is outcome
    row = stored_row(store(db), record)
    assert (row.status, row.talk_s) == (outcome, 0)


def test_a_pulled_record_with_talk_stays_answered(db: Database) -> None:
    record = pulled("P-2,in,79101234567,andy,74951500100,2026-11-23T13:00:00+03:00,37,315,https://pbx/r.mp3")
    row = stored_row(store(db), record)
    assert (row.status, row.talk_s) == (CallStatus.ANSWERED, 278)


def test_a_pushed_success_is_kept_whatever_its_figures(db: Database) -> None:
    # The provider said Success: an answer hung up within the second is still an answer (its word, not ours).
    row = stored_row(store(db), history(duration="37", wait="37"))
    assert (row.status, row.talk_s) == (CallStatus.ANSWERED, 0)


def test_the_pulled_and_the_pushed_record_of_one_call_agree(db: Database) -> None:
    calls = store(db)
    calls.ingest(history(duration="315", wait="37", callid="C-both"))
    calls.ingest(pulled("C-both,in,79101234567,andy,74951500100,2026-11-23T13:00:00+03:00,37,315,"))
    row = calls.row("pbx", "C-both")
    assert row is not None and (row.status, row.duration_s, row.talk_s) == (CallStatus.ANSWERED, 315, 278)


def test_telecube_reports_no_wait_so_its_duration_is_the_talk(db: Database) -> None:
    item = {
        "uuid": "T-1",
        "callDirection": "in",
        "callDate": "2026-11-23 10:00:00",
        "duration": "95",
        "service": "CALL",
        "from": "48601234567",
        "to": "48221234567",
        "userTalk": {"status": "ANSWERED", "receivers": [{"extension": "101"}]},
    }
    event = telecube.call_event(item, "pbx", "PL", {})
    assert event is not None
    row = stored_row(store(db, "telecube"), event)
    assert (row.status, row.duration_s, row.wait_s, row.talk_s) == (CallStatus.ANSWERED, 95, None, 95)


def test_telediscount_talk_is_its_connection_time(db: Database) -> None:
    fields = {
        "num_a": "79039998877",
        "num_m": "79037778899",
        "num_b": "SIP/0000000672",
        "setup_time": "1795000000",
        "connection_time": "40",
        "waiting_time": "3",
        "api_call_id": "TD-1",
    }
    event = telediscount.parse("call_finished", fields, account="pbx", region="RU", arrived=ARRIVED)
    assert isinstance(event, CallEvent) and event.direction is Direction.IN
    row = stored_row(store(db, "telediscount"), event)
    assert (row.wait_s, row.talk_s) == (3, 40)
