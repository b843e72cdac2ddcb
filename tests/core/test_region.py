"""National numbers are read in the country of the line they came in on, then in the user's region; a number
that cannot be read says which region was assumed and how to change it."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from app.config.settings import AccountSettings, Provider, Settings
from app.core.errors import InvalidNumber
from app.core.models import CallEvent, Direction
from app.core.phone import normalize, normalize_on_line, region_of
from app.providers.cloudpbx import webhooks as cloudpbx
from app.providers.cloudpbx.client import CloudPbxClient
from app.providers.telediscount import webhooks as telediscount
from app.providers.telediscount.records import record_event
from app.services.calls import CallTracker
from app.services.dialer import Dialer
from app.services.hub import CallHub
from app.store.calls import CallStore
from app.store.db import Database

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
RU_LINE, PL_LINE = "74951234567", "48221234567"  # our numbers, as the providers send them (E.164 without +)


@pytest.mark.parametrize(
    ("raw", "line", "region", "expected"),
    [
        ("8 (910) 123-45-67", "+74951234567", "PL", "+79101234567"),  # Russian national form on a Russian line
        ("600 100 200", "+48221234567", "RU", "+48600100200"),  # Polish national form on a Polish line
        ("600 100 200", "+74951234567", "PL", "+48600100200"),  # not Russian: the user's region still reads it
        ("+49 30 1234567", "+74951234567", "PL", "+49301234567"),  # international stays international
        ("79101234567", "+48221234567", "PL", "+79101234567"),  # the providers' wire form stays E.164
        ("SIP/0000000672", "+74951234567", "PL", "SIP/0000000672"),  # an extension stays one
        ("8 (910) 123-45-67", None, "RU", "+79101234567"),  # no line: the user's region
        ("8 (910) 123-45-67", "101", "RU", "+79101234567"),  # an extension is no line to take a country from
    ],
)
def test_a_national_number_is_read_in_the_country_of_its_line(
    raw: str, line: str | None, region: str, expected: str
) -> None:
    assert normalize_on_line(raw, line, region).value == expected


def test_the_region_of_a_number() -> None:
    assert (region_of("+74951234567"), region_of("48221234567"), region_of("101"), region_of("junk")) == (
        "RU",
        "PL",
        None,
        None,
    )
    assert normalize("8 (910) 123-45-67", "PL").is_valid is False  # why the hint is needed at all


def test_cloudpbx_pushes_read_national_callers_by_the_line() -> None:
    """A Polish user's Russian PBX line: before, the caller '8 (910) 123-45-67' was stored as typed, matching no
    contact and no earlier call."""
    for cmd, kind in (("event", {"type": "INCOMING"}), ("history", {"type": "in", "status": "Success"})):
        fields = {
            "cmd": cmd,
            **kind,
            "phone": "8 (910) 123-45-67",
            "diversion": RU_LINE,
            "user": "andy",
            "callid": "C1",
            "duration": "5",
        }
        event = cloudpbx.parse(fields, account="office", region="PL", arrived=NOW)
        assert isinstance(event, CallEvent) and (event.phone, event.line) == ("+79101234567", "+74951234567")
    telnum = {"cmd": "event", "type": "INCOMING", "phone": "89101234567", "telnum": RU_LINE, "user": "a", "callid": "C"}
    event = cloudpbx.parse(telnum, account="office", region="PL", arrived=NOW)
    assert isinstance(event, CallEvent) and event.phone == "+79101234567"
    polish = {"cmd": "event", "type": "INCOMING", "phone": "600 100 200", "diversion": PL_LINE}
    polish.update(user="a", callid="C")
    event = cloudpbx.parse(polish, account="office", region="RU", arrived=NOW)
    assert isinstance(event, CallEvent) and event.phone == "+48600100200"


def test_telediscount_pushes_and_records_read_national_numbers_by_the_line() -> None:
    income = {"num_a": "89039998877", "num_m": "79037778899", "api_call_id": "T1"}
    event = telediscount.parse("income", income, account="td", region="PL", arrived=NOW)
    assert isinstance(event, CallEvent) and (event.phone, event.line) == ("+79039998877", "+79037778899")
    outgoing = {"num_a": "SIP/0000000672", "num_b": "8 903 999-88-77", "num_m": "79037778899", "api_call_id": "T2"}
    event = telediscount.parse("call_finished", outgoing, account="td", region="PL", arrived=NOW)
    assert isinstance(event, CallEvent) and (event.direction, event.phone) == (Direction.OUT, "+79039998877")
    pulled = record_event({**income, "connection_time": 3, "service_name": "ivr"}, "td", "PL", NOW)
    assert pulled is not None and pulled.phone == "+79039998877"


def dialer(db: Database, seen: list[httpx.Request], region: str, caller_id: str = "") -> Dialer:
    account = AccountSettings(
        "office", Provider.CLOUDPBX, base_url="https://office.megapbx.ru", user="andy", caller_id=caller_id
    )

    def pbx(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    db.ensure_account("office", "cloudpbx")
    client = CloudPbxClient(account, "token", transport=httpx.MockTransport(pbx))
    settings = Settings(accounts=[account])
    settings.general.region = region
    return Dialer(settings, {"office": client}, CallTracker(CallStore(db), CallHub()))


async def test_a_rejected_number_says_which_region_was_assumed_and_how_to_change_it(db: Database) -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(InvalidNumber) as raised:
        await dialer(db, seen, "PL").call("8 (910) 123-45-67")
    text = raised.value.user_text()
    assert text.startswith("“8 (910) 123-45-67” is not a phone number Ringdesk can dial.")
    assert "read as numbers of PL (+48)" in text
    assert "Settings › General" in text and "region under [general] in config.toml" in text
    assert raised.value.fields["region"] == "PL"  # a field, so the UI's translation names it too
    assert seen == []


async def test_dialling_through_a_known_line_reads_national_numbers_in_its_country(db: Database) -> None:
    """The account presents a Russian number: '8 (910) …' is Russian, though the user's region is Poland."""
    seen: list[httpx.Request] = []
    outcome = await dialer(db, seen, "PL", caller_id="+7 495 123-45-67").call("8 (910) 123-45-67")
    assert outcome.result.number.value == "+79101234567"
    assert dict(httpx.QueryParams(seen[0].content.decode()))["phone"] == "79101234567"
    with pytest.raises(InvalidNumber) as raised:  # what neither country reads names both
        await dialer(db, seen, "PL", caller_id="+7 495 123-45-67").call("8 (999) 000")
    assert "read as numbers of RU (+7), the country of the line +7 495 123-45-67, else of PL (+48)" in (
        raised.value.user_text()
    )
