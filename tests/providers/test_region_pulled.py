"""Pulled history reads a national caller number in the country of OUR line the call came in on, as the
webhooks do (issue 15, point 13).

Why it matters: a Polish user (region PL) with a Russian line gets ``8 (910) 123-45-67`` from the PBX. The
webhook stored it as ``+79101234567``, but the sync run over the same call stored the text as typed, so
the pulled record matched no contact and no earlier call of that caller.
"""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest

from app.config.settings import AccountSettings, Provider
from app.core.models import CallEvent, utcnow
from app.providers.cloudpbx.client import CloudPbxClient
from app.providers.cloudpbx.pull import parse_history
from app.providers.telecube import records
from app.providers.telecube.client import TeleCubeClient
from app.services.calls import CallTracker
from app.services.hub import CallHub
from app.services.sync import AccountSync
from app.store.calls import CallQuery, CallStore
from app.store.db import Database
from app.store.state import StateStore

RU_LINE, PL_LINE = "74951234567", "48221234567"  # our numbers, as the providers write them (E.164 without +)


# -- Cloud PBX: the pulled CSV ---------------------------------------------------------------------------
def _csv_row(uid: str, client: str, via: str) -> str:
    start = (utcnow() - timedelta(hours=1)).isoformat()
    return f"{uid},in,{client},andy,{via},{start},5,60,"


@pytest.mark.parametrize(
    ("client", "via", "region", "phone", "line"),
    [
        ("8 (910) 123-45-67", RU_LINE, "PL", "+79101234567", "+74951234567"),  # Russian line, Polish user
        ("89101234567", RU_LINE, "PL", "+79101234567", "+74951234567"),
        ("600 100 200", PL_LINE, "RU", "+48600100200", "+48221234567"),  # Polish line, Russian user
    ],
)
def test_a_pulled_cloudpbx_row_reads_a_national_caller_in_the_country_of_its_line(
    client: str, via: str, region: str, phone: str, line: str
) -> None:
    pulled = parse_history(_csv_row("PBX-1", client, via), "office", region)
    assert [(e.phone, e.line) for e in pulled.events] == [(phone, line)]


def test_a_national_caller_on_a_line_of_the_users_own_country_is_read_there() -> None:
    """The hint changes nothing when line and user share a country; a line-less row uses the region."""
    rows = [_csv_row("PBX-1", "600 100 200", PL_LINE), _csv_row("PBX-2", "600 100 200", "")]
    pulled = parse_history("\n".join(rows), "office", "PL")
    assert [(e.phone, e.line) for e in pulled.events] == [("+48600100200", "+48221234567"), ("+48600100200", None)]


async def test_a_cloudpbx_sync_run_stores_the_caller_in_the_country_of_the_line(db: Database) -> None:
    """The whole path: the PBX's CSV over HTTP, the sync run, the store, for a user whose region is PL."""
    account = AccountSettings("office", Provider.CLOUDPBX, base_url="https://office.megapbx.ru", user="andy")
    answer = "\n".join([_csv_row("PBX-RU", "8 (910) 123-45-67", RU_LINE), _csv_row("PBX-PL", "600 100 200", PL_LINE)])
    asked: list[str] = []

    def pbx(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return httpx.Response(200, text=answer, headers={"Content-Type": "text/csv"})

    db.ensure_account("office", "cloudpbx")
    client = CloudPbxClient(account, "api-token", region="PL", transport=httpx.MockTransport(pbx))
    try:
        stored = await AccountSync(client, CallTracker(CallStore(db), CallHub()), StateStore(db)).run_once()
    finally:
        await client.aclose()
    assert asked and stored == 2
    rows = {row.call_id: (row.phone, row.line) for row in CallStore(db).page(CallQuery(account="office"))}
    assert rows == {"PBX-RU": ("+79101234567", "+74951234567"), "PBX-PL": ("+48600100200", "+48221234567")}


# -- TeleCube: callHistory items -------------------------------------------------------------------------
def _item(uid: str, caller: str, line: str, direction: str = "in") -> dict[str, object]:
    when = records.format_local(utcnow() - timedelta(hours=1))
    return {"uuid": uid, "callDate": when, "callDirection": direction, "from": caller, "to": line, "duration": 60}


@pytest.mark.parametrize(
    ("caller", "line", "region", "phone", "stored_line"),
    [
        ("8 (910) 123-45-67", RU_LINE, "PL", "+79101234567", "+74951234567"),
        ("89101234567", "+7 495 123-45-67", "PL", "+79101234567", "+74951234567"),
        ("600 100 200", PL_LINE, "RU", "+48600100200", "+48221234567"),
        ("600 100 200", "101", "PL", "+48600100200", "101"),  # an extension is no line to take a country from
    ],
)
def test_a_telecube_record_reads_a_national_caller_in_the_country_of_its_line(
    caller: str, line: str, region: str, phone: str, stored_line: str
) -> None:
    event = records.call_event(_item("u-1", caller, line), "cube", region, {})
    assert isinstance(event, CallEvent) and (event.phone, event.line) == (phone, stored_line)


async def test_a_telecube_sync_run_stores_the_caller_in_the_country_of_the_line(db: Database) -> None:
    """The whole path for TeleCube: ``users`` and ``callHistory`` over HTTP, the sync run, the store."""
    account = AccountSettings("cube", Provider.TELECUBE, base_url="https://api.telecube.example", user="101")
    items = [_item("u-ru", "89101234567", RU_LINE), _item("u-pl", "600 100 200", PL_LINE)]

    def ccrm(request: httpx.Request) -> httpx.Response:
        data = items if request.url.path.endswith("/callHistory") else []
        body = {"success": True, "data": data, "otherData": {"totalCount": len(data)}}
        return httpx.Response(200, text=json.dumps(body), headers={"Content-Type": "application/json"})

    db.ensure_account("cube", "telecube")
    client = TeleCubeClient(account, "api-key", region="PL", transport=httpx.MockTransport(ccrm))
    try:
        stored = await AccountSync(client, CallTracker(CallStore(db), CallHub()), StateStore(db)).run_once()
    finally:
        await client.aclose()
    assert stored == 2
    rows = {row.call_id: (row.phone, row.line) for row in CallStore(db).page(CallQuery(account="cube"))}
    assert rows == {"u-ru": ("+79101234567", "+74951234567"), "u-pl": ("+48600100200", "+48221234567")}
