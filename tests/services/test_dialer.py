"""The dialer refuses bad numbers before any request, reads desktop links, and records the attempt so the
provider's own events merge into it when the provider names the call; on the team hub it dials as the agent
who asked (``as_user``), and the attempt names that agent."""

from __future__ import annotations

import httpx
import pytest

from app.config.settings import AccountSettings, Provider, Settings
from app.core.errors import ConfigError, InvalidNumber, InvalidRequest
from app.core.models import CallStatus, Direction
from app.core.phone import display
from app.providers.cloudpbx.client import CloudPbxClient
from app.services.calls import CallTracker
from app.services.dialer import Dialer, number_from_uri
from app.services.hub import CallHub
from app.store.calls import CallStore
from app.store.db import Database

OFFICE = AccountSettings("office", Provider.CLOUDPBX, base_url="https://office.megapbx.ru", user="andy")


@pytest.mark.parametrize(
    ("link", "number"),
    [
        ("tel:+48-777-888-999", "+48-777-888-999"),
        ("tel:%2B48%20777%20888%20999", "+48 777 888 999"),
        ("callto://+48777888999", "+48777888999"),
        ("sip:48777888999@pbx.example;user=phone", "48777888999"),
        ("SIPS:101@pbx.example", "101"),
        ("+48 777 888 999", "+48 777 888 999"),
    ],
)
def test_links_from_the_desktop(link: str, number: str) -> None:
    assert number_from_uri(link) == number


def dialer(db: Database, answer: httpx.Response, seen: list[httpx.Request]) -> Dialer:
    def pbx(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer

    db.ensure_account("office", "cloudpbx")
    client = CloudPbxClient(OFFICE, "token", transport=httpx.MockTransport(pbx))
    return Dialer(Settings(accounts=[OFFICE]), {"office": client}, CallTracker(CallStore(db), CallHub()))


async def test_invalid_numbers_never_reach_the_provider(db: Database) -> None:
    seen: list[httpx.Request] = []
    dial = dialer(db, httpx.Response(200), seen)
    for typed in ("", "call me", "+48 12", "tel:"):
        with pytest.raises(InvalidNumber) as raised:
            await dial.call(typed)
        assert "is not a phone number" in raised.value.message
    with pytest.raises(InvalidNumber):
        await dial.call("+48777888999", caller_id="nope")
    assert seen == [] and CallStore(db).count() == 0


async def test_a_named_call_is_recorded_under_the_providers_id(db: Database) -> None:
    seen: list[httpx.Request] = []
    outcome = await dialer(db, httpx.Response(200, json={"uuid": "B10D0EB1-1511"}), seen).call("+48 777 888 999")
    assert outcome.call_id == "B10D0EB1-1511" and outcome.merged
    row = CallStore(db).row("office", "B10D0EB1-1511")
    assert row is not None and (row.direction, row.status, row.agent) == (Direction.OUT, CallStatus.RINGING, "andy")


async def test_an_unnamed_call_stays_a_local_attempt(db: Database) -> None:
    seen: list[httpx.Request] = []
    outcome = await dialer(db, httpx.Response(200), seen).call("tel:+48777888999")
    assert outcome.call_id.startswith("local-") and not outcome.merged
    assert CallStore(db).row("office", outcome.call_id).phone == "+48777888999"  # type: ignore[union-attr]
    assert len(seen) == 1


async def test_without_an_account_the_user_is_told_what_to_do(db: Database) -> None:
    dial = Dialer(Settings(), {}, CallTracker(CallStore(db), CallHub()))
    with pytest.raises(ConfigError) as raised:
        await dial.call("+48777888999")
    assert "No account can place calls" in raised.value.user_text() and "Settings" in raised.value.hint


async def test_as_user_rings_first_and_is_the_attempts_agent(db: Database) -> None:
    seen: list[httpx.Request] = []
    dial = dialer(db, httpx.Response(200, json={"uuid": "C-7"}), seen)
    outcome = await dial.call("+48 777 888 999", account="office", as_user="daria")
    (request,) = seen
    assert dict(httpx.QueryParams(request.content.decode()))["user"] == "daria"
    row = CallStore(db).row("office", "C-7")
    assert row is not None and (row.direction, row.status, row.agent) == (Direction.OUT, CallStatus.RINGING, "daria")
    assert outcome.result.user == "daria"
    assert outcome.describe() == f"Calling {display('+48777888999')} through office: your phone rings first."


async def test_without_as_user_the_accounts_user_rings_first(db: Database) -> None:
    seen: list[httpx.Request] = []
    outcome = await dialer(db, httpx.Response(200), seen).call("+48 777 888 999")
    assert dict(httpx.QueryParams(seen[0].content.decode()))["user"] == "andy"
    assert CallStore(db).row("office", outcome.call_id).agent == "andy"  # type: ignore[union-attr]
    assert "your phone rings first" in outcome.describe() and "andy" not in outcome.describe()


@pytest.mark.parametrize("empty", ["", " "])
async def test_an_empty_as_user_places_and_records_nothing(db: Database, empty: str) -> None:
    seen: list[httpx.Request] = []
    with pytest.raises(InvalidRequest) as raised:
        await dialer(db, httpx.Response(200), seen).call("+48 777 888 999", as_user=empty)
    assert "No one was named to ring first at account 'office'" in raised.value.user_text()
    assert seen == [] and CallStore(db).count() == 0


async def test_the_confirmation_names_no_call_id_login_or_port(db: Database) -> None:
    seen: list[httpx.Request] = []
    outcome = await dialer(db, httpx.Response(200, json={"uuid": "B10D0EB1-1511"}), seen).call("+48 777 888 999")
    text = outcome.describe()
    assert text == f"Calling {display('+48777888999')} through office: your phone rings first."
    assert "B10D0EB1" not in text and "andy" not in text and "call id" not in text and ":443" not in text
    # the UI translates the marked template and fills it with the same fields
    assert outcome.template == "Calling {number} through {account}: your phone rings first."
    assert outcome.template.format_map(outcome.fields) == text


async def test_a_presented_number_is_said_as_written_for_people(db: Database) -> None:
    seen: list[httpx.Request] = []
    outcome = await dialer(db, httpx.Response(200), seen).call("+48 777 888 999", caller_id="+48 22 123 45 67")
    assert outcome.describe().endswith(f"your phone rings first, presenting {display('+48221234567')}.")
    assert "local-" not in outcome.describe()
