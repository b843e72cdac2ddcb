"""Times written by someone else never crash a parser: out-of-range dates are unreadable, not an OverflowError.

Why it matters: ``0001-01-01T00:00:00+05:00`` is a valid ISO 8601 string, but its UTC time is before year 1,
so converting it raises ``OverflowError`` (not ``ValueError``). A Cloud PBX push carrying it answered 500, and
the history pull reads the same field: one such line in the PBX's CSV failed every sync run over it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.config.settings import parse
from app.core.hub_wire import WireError, decode
from app.core.models import CallEvent
from app.providers.cloudpbx import vocabulary as voc
from app.providers.cloudpbx.client import CloudPbxClient
from app.providers.cloudpbx.pull import parse_history
from app.providers.telecube import records
from app.services.calls import CallTracker
from app.services.hub import CallHub
from app.services.sync import AccountSync
from app.store.calls import CallQuery, CallStore
from app.store.db import Database
from app.store.state import StateStore

HOSTILE = [
    "0001-01-01T00:00:00+05:00",  # before year 1 in UTC
    "9999-12-31T23:59:59-05:00",  # after year 9999 in UTC
    "0001-01-01 00:00:00+23:59",
    "9999-12-31T23:59:59.999999-23:59",
]

# Any ISO 8601 time hypothesis can build, with any offset a datetime allows (strictly within a day).
offsets = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
iso_times = st.builds(
    lambda moment, zone, sep: moment.replace(tzinfo=zone).isoformat(sep=sep),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
    offsets,
    st.sampled_from(["T", " "]),
)


def _usable(moment: datetime) -> None:
    """What the rest of the app does with a time: compare, shift by a day, store as milliseconds."""
    assert moment.utcoffset() == timedelta(0)
    assert moment.year >= 1970
    _ = (moment - timedelta(days=1), moment + timedelta(days=1), int(moment.timestamp() * 1000))


# -- Cloud PBX: webhooks and the pulled CSV share parse_start ------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_an_out_of_range_start_is_unreadable_not_a_crash(text: str) -> None:
    assert voc.parse_start(text) is None


@given(text=iso_times | st.text(max_size=40))
def test_parse_start_never_raises_and_gives_a_usable_utc_time(text: str) -> None:
    moment = voc.parse_start(text)
    if moment is not None:
        _usable(moment)


def test_a_normal_start_still_reads() -> None:
    assert voc.parse_start("20261123T101500Z") == datetime(2026, 11, 23, 10, 15, tzinfo=UTC)
    assert voc.parse_start("2026-11-23T13:15:00+03:00") == datetime(2026, 11, 23, 10, 15, tzinfo=UTC)


GOOD = [
    "PBX-1,in,79101234567,andy,74951234567,2026-11-23T13:15:00+03:00,5,60,",
    "PBX-3,out,79101234569,andy,74951234567,2026-11-23T13:17:00+03:00,0,30,",
]
BAD = "PBX-2,in,79101234568,andy,74951234567,0001-01-01T00:00:00+05:00,5,60,"


def test_one_hostile_line_of_the_pulled_csv_is_skipped_and_the_rest_kept() -> None:
    pulled = parse_history("\n".join([GOOD[0], BAD, GOOD[1]]), "office", "RU")
    assert sorted(e.call_id for e in pulled.events) == ["PBX-1", "PBX-3"]
    assert (pulled.rows, pulled.skipped) == (3, 1)


async def test_a_sync_run_over_a_hostile_line_stores_the_others(db: Database) -> None:
    """The whole path: the PBX's history answer over HTTP, the sync run, the store."""
    settings = parse('[[accounts]]\nid = "office"\nprovider = "cloudpbx"\nbase_url = "https://office.megapbx.ru"\n')
    answered: list[str] = []

    def pbx(request: httpx.Request) -> httpx.Response:
        answered.append(request.content.decode())
        return httpx.Response(200, text="\n".join([GOOD[0], BAD, GOOD[1]]), headers={"Content-Type": "text/csv"})

    db.ensure_account("office", "cloudpbx")
    client = CloudPbxClient(settings.account("office"), "api-token", transport=httpx.MockTransport(pbx))
    tracker = CallTracker(CallStore(db), CallHub())
    sync = AccountSync(client, tracker, StateStore(db))
    try:
        stored = await sync.run_once()
    finally:
        await client.aclose()
    assert answered, "the sync run never asked the PBX"
    assert stored == 2
    assert sorted(row.call_id for row in CallStore(db).page(CallQuery(account="office"))) == ["PBX-1", "PBX-3"]


# -- TeleCube: callDate ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", HOSTILE)
def test_an_out_of_range_telecube_call_date_skips_the_item(text: str) -> None:
    assert records.local_time(text) is None
    item = {"uuid": "u-1", "callDate": text, "callDirection": "in", "from": "48221234567", "to": "101"}
    assert records.call_event(item, "cube", "PL", {}) is None


@given(text=iso_times | st.text(max_size=40))
def test_telecube_local_time_never_raises(text: str) -> None:
    moment = records.local_time(text)
    if moment is not None:
        _usable(moment)


def test_a_normal_telecube_call_date_still_reads() -> None:
    event = records.call_event(
        {"uuid": "u-1", "callDate": "2026-11-23 10:15:00", "callDirection": "in", "from": "48221234567"},
        "cube",
        "PL",
        {},
    )
    assert isinstance(event, CallEvent) and event.started_at == datetime(2026, 11, 23, 9, 15, tzinfo=UTC)


# -- the hub's stream: a desktop reads times the hub wrote -------------------------------------------
def _call_message(first_seen: str, **times: str) -> dict[str, object]:
    call = {"account": "office", "call_id": "C-1", "first_seen": first_seen, "status": "ringing", **times}
    return {"type": "call", "seq": 1, "change": "updated", "call": call}


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("field", ["first_seen", "answered_at", "ended_at", "summary_started_at"])
def test_an_out_of_range_time_from_the_hub_is_a_wire_error(text: str, field: str) -> None:
    """The desktop skips (and reports) a change it cannot read: a WireError, never an OverflowError later."""
    message = _call_message(text) if field == "first_seen" else _call_message("2026-11-23T10:15:00Z", **{field: text})
    with pytest.raises(WireError):
        decode(message)


@given(text=iso_times)
def test_hub_times_decode_to_usable_utc_or_a_wire_error(text: str) -> None:
    try:
        change, _ = decode(_call_message(text, ended_at=text))
    except WireError:
        return
    call = change.call  # type: ignore[attr-defined]
    for moment in (call.first_seen, call.ended_at):
        _usable(moment)
