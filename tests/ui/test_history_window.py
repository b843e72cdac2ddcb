"""The history window as a user drives it: search as you type, filters, role, live calls, export, notes."""

from __future__ import annotations

import asyncio
import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.config.settings import AccountSettings, Provider, Role
from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind
from app.core.phone import normalize
from app.providers.base import DialResult
from app.runtime import Runtime
from app.services.context import Context
from app.services.dialer import DialOutcome
from app.services.outbound import OutboundServices
from app.ui.history.filters import Kind
from app.ui.history.model import Column
from app.ui.history.window import HistoryWindow

# The offscreen platform cannot raise windows or pass size hints to a window manager: not our failures.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")
NOW = datetime.now(UTC).replace(microsecond=0)


def summary(
    call_id: str,
    phone: str,
    minutes_ago: int,
    status: CallStatus = CallStatus.ANSWERED,
    agent: str = "anna",
    direction: Direction = Direction.IN,
) -> CallEvent:
    at = NOW - timedelta(minutes=minutes_ago)
    return CallEvent(
        "office",
        call_id,
        EventKind.SUMMARY,
        at,
        started_at=at,
        phone=phone,
        status=status,
        direction=direction,
        agent=agent,
        line="+48221234500",
        duration_s=60 if status is CallStatus.ANSWERED else 0,
        wait_s=5,
        raw=(("callid", call_id),),
    )


class RecordingDialer:
    """Stands in for the provider's click-to-call (no call is placed): records what it was asked."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.dialed: list[tuple[str, str | None]] = []

    async def call(self, number: str, account: str | None = None, caller_id: str | None = None) -> DialOutcome:
        self.dialed.append((number, account))
        settings = self.runtime.context.settings.accounts[0]
        result = DialResult(settings.id, normalize(number, "PL"), provider_call_id="P-1")
        return DialOutcome(result, "P-1", settings)


def with_dialer(runtime: Runtime) -> RecordingDialer:
    """The runtime's real outbound services (as started, without their syncs), its dialer's network call
    recorded instead of sent."""
    runtime.outbound = OutboundServices(runtime.context, runtime.tracker)
    dialer = RecordingDialer(runtime)
    runtime.outbound.dialer.call = dialer.call  # type: ignore[method-assign]
    return dialer


@pytest.fixture
def context() -> Context:
    context = Context.open()
    context.settings.accounts.append(
        AccountSettings("office", Provider.CLOUDPBX, base_url="https://pbx.example", user="anna")
    )
    context.settings.general.role = Role.SUPERVISOR
    context.db.ensure_account("office", "cloudpbx")
    context.contacts.upsert(Contact("Zofia Wrona", [ContactPhone("+48600100007")]))
    context.calls.ingest_many(
        summary(
            f"C{i}",
            f"+48600100{i:03d}",
            i * 10,
            CallStatus.MISSED if i % 4 == 0 else CallStatus.ANSWERED,
            agent="anna" if i % 2 else "boris",
        )
        for i in range(300)
    )
    return context


@pytest.fixture
def runtime(context: Context) -> Runtime:
    return Runtime(context)


def window_for(qtbot: Any, runtime: Runtime) -> HistoryWindow:
    window = HistoryWindow(runtime)
    qtbot.addWidget(window)
    window.show()
    return window


def shown_numbers(window: HistoryWindow) -> list[str]:
    return [window.model.index(r, Column.NUMBER).data() for r in range(window.model.rowCount())]


def test_opens_on_the_newest_page_with_a_bounded_count(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    assert window.model.rowCount() == window.model.page_size < 300
    assert shown_numbers(window)[0] == "+48 600 100 000"
    qtbot.waitUntil(lambda: window.status_line.text() == "300 calls")
    assert window.current_row() is not None and window.current_row().call_id == "C0"  # type: ignore[union-attr]


def test_search_as_you_type_filters_after_a_pause(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    qtbot.keyClicks(window.filter_bar.search, "100 29")
    assert window.model.rowCount() == 200  # not yet: the search waits for the typist to pause
    qtbot.waitUntil(lambda: window.model.rowCount() == 10)
    assert all(number.startswith("+48 600 100 29") for number in shown_numbers(window))
    assert window.status_line.text() == "10 calls"

    window.filter_bar.search.clear()
    qtbot.keyClicks(window.filter_bar.search, "wrona")
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Return)  # Enter applies at once
    assert shown_numbers(window) == ["+48 600 100 007"]
    assert window.model.index(0, Column.NAME).data() == "Zofia Wrona"


def test_missed_filter_and_nothing_matches_state(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    qtbot.mouseClick(window.filter_bar._kind_buttons[Kind.MISSED], Qt.MouseButton.LeftButton)
    rows = [window.model.call_at(r) for r in range(window.model.rowCount())]
    assert len(rows) == 75 and {r.status for r in rows if r} == {CallStatus.MISSED}
    assert window.model.index(0, Column.NUMBER).data(Qt.ItemDataRole.ForegroundRole) is not None  # marked red

    window.filter_bar.set_text("no such caller")
    assert window.model.rowCount() == 0
    assert window.empty.isVisible() and "No calls match" in window.empty.text()
    window.empty.linkActivated.emit("reset")
    assert window.model.rowCount() == 200 and not window.empty.isVisible()
    assert window.filter_bar.filters().is_default


def test_a_full_number_in_any_written_form_finds_that_number(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    window.filter_bar.set_text("600-100-007")
    assert shown_numbers(window) == ["+48 600 100 007"]
    window.show_number("+48600100012")
    assert shown_numbers(window) == ["+48 600 100 012"]
    assert window.filter_bar.search.text() == "+48 600 100 012"


def test_an_agent_sees_own_calls_a_supervisor_all(qtbot, context: Context, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    context.settings.general.role = Role.AGENT
    window = window_for(qtbot, runtime)
    rows = [window.model.call_at(r) for r in range(window.model.rowCount())]
    assert rows and {r.agent for r in rows if r} == {"anna"}
    assert not window.role_hint.isVisible()

    context.settings.accounts[0].user = ""  # an agent who has not said who they are: all calls, and a hint
    window = window_for(qtbot, runtime)
    assert {window.model.call_at(r).agent for r in range(50)} == {"anna", "boris"}  # type: ignore[union-attr]
    assert window.role_hint.isVisible()


def test_a_live_call_appears_at_the_top_and_updates_in_place(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = HistoryWindow(runtime)  # not handed to qtbot: this test deletes it itself
    window.show()
    runtime.tracker.record(
        CallEvent(
            "office",
            "LIVE",
            EventKind.RINGING,
            datetime.now(UTC),
            phone="+48600999111",
            agent="anna",
            direction=Direction.IN,
        )
    )
    assert shown_numbers(window)[0] == "+48 600 999 111"
    assert window.model.index(0, Column.STATUS).data() == "Ringing"
    assert window.current_row().call_id == "C0"  # type: ignore[union-attr]  # the selection stayed put
    runtime.tracker.record(CallEvent("office", "LIVE", EventKind.ANSWERED, datetime.now(UTC), agent="anna"))
    assert window.model.index(0, Column.STATUS).data() == "Talking"
    assert window.model.rowCount() == 201

    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: not runtime.hub._listeners)  # a closed, deleted window stops listening


def test_export_writes_every_call_of_the_view_not_just_the_loaded(qtbot, runtime: Runtime, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    target = tmp_path / "calls.csv"
    with qtbot.waitSignal(window.export_to(target).finished, timeout=10_000):
        pass
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 300 > window.model.rowCount()
    assert rows[0]["call_id"] == "C0" and rows[0]["status"] == "missed" and rows[0]["phone"] == "+48600100000"
    assert "300" in window.notice.text()


def test_export_to_an_unwritable_place_says_so(qtbot, runtime: Runtime, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    window.export_to(tmp_path / "missing-dir" / "calls.csv")
    assert "Cannot write" in window.notice.text()
    assert window.export_button.isEnabled()


def test_details_add_a_note_that_the_number_keeps(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, runtime)
    dialog = window.open_details(0)
    assert dialog is not None and "No notes yet." in dialog.notes.item(0).text()
    qtbot.keyClicks(dialog.note_edit, "Wants a quote for 20 seats")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.notes.count() == 1 and dialog.notes.item(0).text().startswith("Wants a quote for 20 seats")
    assert dialog.note_edit.toPlainText() == ""
    stored = runtime.notes.for_number("+48600100000")
    assert [n.text for n in stored] == ["Wants a quote for 20 seats"] and stored[0].author == "anna"


async def test_call_back_dials_the_number_through_its_account(qtbot, runtime: Runtime) -> None:  # type: ignore[no-untyped-def]
    dialer = with_dialer(runtime)
    window = window_for(qtbot, runtime)
    window.select_call("office", "C3")
    assert window.call_button.isEnabled()
    window.call_back()
    for _ in range(100):
        if dialer.dialed and "Calling" in window.notice.text() and "rings" not in window.notice.text():
            break
        await asyncio.sleep(0.01)
    assert dialer.dialed == [("+48600100003", "office")]
    assert window.notice.text().startswith("Calling +48 600 100 003 through ")
