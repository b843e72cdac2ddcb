"""The pure webhook parsers and the contact answer: quirks a real deployment sends, refused junk."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.config.settings import GeneralSettings
from app.core.models import CallEvent, Contact, ContactPhone, Direction, EventKind
from app.core.phone import normalize
from app.providers.cloudpbx import webhooks as cloudpbx
from app.providers.telediscount import webhooks as telediscount
from app.providers.webhook_fields import Rejected
from app.services.lookup import ContactLookup
from app.store.contacts import ContactStore
from app.store.db import Database

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def pbx(**fields: str) -> CallEvent | cloudpbx.ContactQuery | Rejected:
    return cloudpbx.parse(fields, account="office", region="PL", arrived=NOW)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1795000000", datetime.fromtimestamp(1795000000, UTC)),
        ("1795000000000", datetime.fromtimestamp(1795000000, UTC)),
        ("1795000000.5", datetime.fromtimestamp(1795000000.5, UTC)),
        ("98798798797897", None),  # the document's own example: neither seconds nor milliseconds
        ("-5", None),
        ("0", None),
        ("soon", None),
        ("", None),
        ("1e400", None),
        ("nan", None),
        (str(int(NOW.timestamp()) + 7 * 86400), None),  # a week in the future
    ],
)
def test_setup_time_is_read_only_when_plausible(value: str, expected: datetime | None) -> None:
    assert telediscount.setup_time(value, NOW) == expected


def test_secrets_never_reach_the_stored_raw_fields_but_everything_else_does() -> None:
    event = pbx(
        cmd="event",
        type="TRANSFERRED",
        phone="48777888999",
        user="anna@t",
        callid="C",
        second_callid="C2",
        crm_token="secret-token-123",
    )
    assert isinstance(event, CallEvent)
    assert event.kind is EventKind.TRANSFERRED
    assert dict(event.raw)["second_callid"] == "C2"
    assert "crm_token" not in dict(event.raw)


def test_group_legs_and_the_pbx_are_not_agents_and_telnum_is_the_line_without_diversion() -> None:
    leg = pbx(
        cmd="event",
        type="INCOMING",
        phone="48777888999",
        user="g_9a8b@acme.megapbx.ru",
        callid="C",
        telnum="48221234500",
    )
    assert isinstance(leg, CallEvent) and leg.agent is None and leg.line == "+48221234500"
    both = pbx(
        cmd="event",
        type="OUTGOING",
        phone="48777888999",
        user="anna",
        callid="C",
        telnum="48221234500",
        diversion="48587654300",
    )
    assert isinstance(both, CallEvent)
    assert (both.line, both.direction, both.kind) == ("+48587654300", Direction.OUT, EventKind.RINGING)


def test_hidden_callers_are_kept_as_written_rather_than_refused() -> None:
    event = pbx(cmd="history", type="in", status="Missed", phone="anonymous", user="pbx", duration="0", callid="C")
    assert isinstance(event, CallEvent) and event.phone == "anonymous"


@pytest.mark.parametrize(
    "fields",
    [
        {
            "cmd": "history",
            "type": "sideways",
            "status": "Success",
            "phone": "1",
            "user": "a",
            "duration": "1",
            "callid": "C",
        },
        {
            "cmd": "history",
            "type": "in",
            "status": "Success",
            "phone": "48777888999",
            "user": "a",
            "duration": "-3",
            "callid": "C",
        },
        {"cmd": "rating", "callid": "C", "rating": "excellent"},
        {"cmd": "rating", "callid": "C"},
        {"cmd": "event", "type": "INCOMING", "phone": "48777888999", "user": "a", "callid": "C" * 3000},
    ],
)
def test_junk_is_refused_with_a_reason(fields: dict[str, str]) -> None:
    result = cloudpbx.parse(fields, account="office", region="PL", arrived=NOW)
    assert isinstance(result, Rejected) and result.reason


def test_unknown_telediscount_hook_is_refused() -> None:
    result = telediscount.parse("ringing", {"api_call_id": "X", "num_a": "1"}, account="td", region="RU", arrived=NOW)
    assert isinstance(result, Rejected)


def test_the_agents_last_choice_wins_when_two_contacts_share_a_number(db: Database) -> None:
    store = ContactStore(db)
    first, _ = store.upsert(Contact("Firma Nowak", [ContactPhone("+48777888999")], responsible="anna"))
    second, _ = store.upsert(Contact("Jan Nowak", [ContactPhone("+48777888999")], responsible="piotr"))
    lookup = ContactLookup(store, GeneralSettings())
    assert lookup.answer(normalize("48777888999", "PL")) == {"contact_name": "Firma Nowak", "responsible": "anna"}
    store.choose("+48777888999", second)
    assert lookup.answer(normalize("777 888 999", "PL")) == {"contact_name": "Jan Nowak", "responsible": "piotr"}
    assert first != second


def test_no_leads_for_extensions_or_hidden_numbers(db: Database) -> None:
    store = ContactStore(db)
    lookup = ContactLookup(store, GeneralSettings(create_leads=True))
    for raw in ("101", "anonymous", "SIP/0000000672"):
        assert lookup.answer(normalize(raw, "PL")) == {}
    assert store.count() == 0


_FIELD_NAMES = st.sampled_from(
    [
        "cmd",
        "type",
        "status",
        "phone",
        "user",
        "duration",
        "callid",
        "diversion",
        "telnum",
        "start",
        "wait",
        "rating",
        "link",
        "direction",
        "num_a",
        "num_b",
        "num_m",
        "setup_time",
        "connection_time",
        "waiting_time",
        "api_call_id",
    ]
)
_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "history",
            "event",
            "contact",
            "rating",
            "in",
            "out",
            "INCOMING",
            "Success",
            "missed",
            "79101234567",
            "SIP/0000000672",
            "98798798797897",
            "-1",
            "1e308",
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_FIELD_NAMES, _VALUES, max_size=12))
def test_no_combination_of_fields_crashes_a_parser(fields: dict[str, str]) -> None:
    results = [cloudpbx.parse(fields, account="a", region="PL", arrived=NOW)]
    results += [telediscount.parse(hook, fields, account="a", region="RU", arrived=NOW) for hook in telediscount.HOOKS]
    for result in results:
        assert isinstance(result, CallEvent | cloudpbx.ContactQuery | Rejected)
        if isinstance(result, CallEvent):
            assert result.call_id and (result.duration_s is None or result.duration_s >= 0)
