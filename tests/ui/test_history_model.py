"""The history model: keyset pages only (even over a million calls), filters, search, live updates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QTableView

from app.config.settings import Role, Settings
from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind
from app.core.views import CallQuery
from app.services.history import CallHistory
from app.store.agents import AgentStore
from app.store.calls import CallStore
from app.store.contacts import ContactStore
from app.store.db import Database
from app.store.synthetic import generate_calls
from app.ui.history.model import CALL_ROW_ROLE, Column, HistoryModel

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def summary(
    call_id: str,
    phone: str,
    minute: int,
    status: CallStatus = CallStatus.ANSWERED,
    direction: Direction = Direction.IN,
    agent: str = "anna",
) -> CallEvent:
    return CallEvent(
        account="pbx",
        call_id=call_id,
        kind=EventKind.SUMMARY,
        at=T0 + timedelta(minutes=minute),
        started_at=T0 + timedelta(minutes=minute),
        phone=phone,
        status=status,
        direction=direction,
        agent=agent,
        line="+48221234567",
        duration_s=30,
        raw=(("callid", call_id),),
    )


@pytest.fixture
def calls(db: Database) -> CallStore:
    db.ensure_account("pbx", "cloudpbx")
    store = CallStore(db)
    store.ingest_many(
        summary(
            f"C{i}",
            f"+48600100{i:03d}",
            i,
            CallStatus.MISSED if i % 5 == 0 else CallStatus.ANSWERED,
            agent="anna" if i % 2 else "boris",
        )
        for i in range(120)
    )
    return store


def history_of(calls: CallStore) -> CallHistory:
    """The use case the window gives the model: a supervisor's, so every call is in scope."""
    settings = Settings()
    settings.general.role = Role.SUPERVISOR
    return CallHistory(calls, AgentStore(calls.db), settings)


def numbers_shown(model: HistoryModel) -> list[str]:
    return [model.index(r, Column.NUMBER).data() for r in range(model.rowCount())]


@pytest.mark.slow
def test_a_million_calls_are_read_a_page_at_a_time(qtbot) -> None:  # type: ignore[no-untyped-def]
    db = Database.open(":memory:", durable=False)
    db.ensure_account("big", "cloudpbx")
    generate_calls(db, "big", 1_000_000, T0)
    model = HistoryModel(history_of(CallStore(db)), page_size=200)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.setModel(model)
    model.set_query(CallQuery())
    view.show()
    qtbot.waitExposed(view)

    assert model.rowCount() == 200 and model.pages_fetched == 1
    assert model.index(0, Column.TIME).data(CALL_ROW_ROLE).call_id == "SYN00999999"  # newest first

    for _ in range(3):  # the user scrolls to the end three times
        before = model.rowCount()
        view.scrollToBottom()
        qtbot.waitUntil(lambda before=before: model.rowCount() > before, timeout=2000)
    assert model.rowCount() == 800
    assert model.pages_fetched == model.rowCount() // 200
    # Pages join without gaps or repeats: the last loaded row is exactly the N-th newest call.
    last = model.call_at(model.rowCount() - 1)
    assert last is not None and last.call_id == f"SYN{1_000_000 - model.rowCount():08d}"

    model.set_query(CallQuery(statuses=(CallStatus.MISSED,)))
    assert model.rowCount() == 200
    assert {model.call_at(r).status for r in range(200)} == {CallStatus.MISSED}  # type: ignore[union-attr]
    db.close()


def test_search_by_number_fragment_and_by_name(calls: CallStore, db: Database) -> None:
    ContactStore(db).upsert(Contact("Zofia Wrona", [ContactPhone("+48600100007")]))
    model = HistoryModel(history_of(calls), page_size=50)
    model.set_query(CallQuery())
    assert model.rowCount() == 50 and model.canFetchMore()

    model.set_query(CallQuery(text="100 11"))  # typed with a space, as people copy numbers
    assert numbers_shown(model) == [f"+48 600 100 {i:03d}" for i in range(119, 109, -1)]
    assert not model.canFetchMore()

    model.set_query(CallQuery(text="wron"))
    assert numbers_shown(model) == ["+48 600 100 007"]
    assert model.index(0, Column.NAME).data() == "Zofia Wrona"

    model.set_query(CallQuery(text="nobody-like-this"))
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_filters_missed_and_agent(calls: CallStore) -> None:
    model = HistoryModel(history_of(calls), page_size=100)
    model.set_query(CallQuery(statuses=(CallStatus.MISSED,), agent="boris"))
    rows = [model.call_at(r) for r in range(model.rowCount())]
    assert len(rows) == 12 and all(r is not None and r.status is CallStatus.MISSED and r.agent == "boris" for r in rows)
    assert model.index(0, Column.STATUS).data() == "Missed"


def test_new_call_appears_at_the_top_without_reloading(calls: CallStore) -> None:
    model = HistoryModel(history_of(calls), page_size=50)
    model.set_query(CallQuery())
    fetched = model.pages_fetched
    calls.ingest(summary("NEW", "+48600999000", 500))
    model.upsert_call("pbx", "NEW")
    assert model.rowCount() == 51
    assert model.index(0, Column.NUMBER).data() == "+48 600 999 000"
    assert model.pages_fetched == fetched  # no page was read again


def test_live_call_changes_in_place(calls: CallStore) -> None:
    model = HistoryModel(history_of(calls), page_size=50)
    model.set_query(CallQuery())
    ring = CallEvent(
        "pbx",
        "LIVE",
        EventKind.RINGING,
        T0 + timedelta(hours=5),
        phone="+48600555000",
        agent="anna",
        direction=Direction.IN,
    )
    calls.ingest(ring)
    model.upsert_call("pbx", "LIVE")
    assert model.index(0, Column.STATUS).data() == "Ringing"
    calls.ingest(CallEvent("pbx", "LIVE", EventKind.LEG_CANCELLED, ring.at + timedelta(seconds=20), agent="anna"))
    model.upsert_call("pbx", "LIVE")
    assert model.rowCount() == 51
    assert model.index(0, Column.STATUS).data() == "Missed"


def test_update_outside_the_filter_is_not_shown_and_leaves_when_it_stops_matching(calls: CallStore) -> None:
    model = HistoryModel(history_of(calls), page_size=200)
    model.set_query(CallQuery(statuses=(CallStatus.MISSED,)))
    before = model.rowCount()
    calls.ingest(summary("OK", "+48600777000", 600))  # answered: not a missed call
    model.upsert_call("pbx", "OK")
    assert model.rowCount() == before

    ring = CallEvent(
        "pbx",
        "X",
        EventKind.LEG_CANCELLED,
        T0 + timedelta(hours=11),
        phone="+48600777001",
        agent="anna",
        direction=Direction.IN,
    )
    calls.ingest(
        CallEvent("pbx", "X", EventKind.RINGING, ring.at, phone="+48600777001", agent="anna", direction=Direction.IN)
    )
    calls.ingest(ring)
    model.upsert_call("pbx", "X")
    assert model.rowCount() == before + 1
    calls.ingest(summary("X", "+48600777001", 660))  # the provider's summary says it was answered after all
    model.upsert_call("pbx", "X")
    assert model.rowCount() == before and model.row_of("pbx", "X") is None
