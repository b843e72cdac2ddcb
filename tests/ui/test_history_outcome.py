"""A call whose end never arrived (still ringing or talking in the store, no news for hours) reads
"Outcome unknown" in the history list and the call's details — never "Ringing" or "Talking" — in the grey of
a finished call, not the live accent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.config.settings import AccountSettings, Provider, Role
from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
from app.runtime import Runtime
from app.services.context import Context
from app.store.db import to_ms
from app.ui import theme
from app.ui.history.details import CallDetailsDialog
from app.ui.history.model import Column
from app.ui.history.window import HistoryWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")


def ringing(call_id: str, phone: str, ago: timedelta, kind: EventKind = EventKind.RINGING) -> CallEvent:
    at = utcnow().replace(microsecond=0) - ago
    return CallEvent("office", call_id, kind, at, started_at=at, direction=Direction.IN, phone=phone)


@pytest.fixture
def runtime() -> Runtime:
    context = Context.open()
    context.settings.accounts.append(AccountSettings("office", Provider.CLOUDPBX, user="anna"))
    context.settings.general.role = Role.SUPERVISOR
    context.db.ensure_account("office", "cloudpbx")
    context.calls.ingest_many(
        [
            ringing("STALE", "+48600100001", timedelta(hours=3)),  # its end never arrived
            ringing("LIVE", "+48600100002", timedelta(minutes=1)),  # ringing now
        ]
    )
    # The stale call's last change was 3 h ago (the store stamps an ingest with the wall clock).
    three_hours_ago = to_ms(utcnow() - timedelta(hours=3))
    context.db.conn.execute("UPDATE calls SET updated_at = ? WHERE call_id = 'STALE'", (three_hours_ago,))
    return Runtime(context)


def row_of(window: HistoryWindow, call_id: str) -> int:
    found = window.model.row_of("office", call_id)
    assert found is not None
    return found


def test_a_call_ringing_with_no_news_for_3_hours_reads_outcome_unknown(qtbot: Any, runtime: Runtime) -> None:
    window = HistoryWindow(runtime)
    qtbot.addWidget(window)
    window.show()
    model = window.model
    stale, live = row_of(window, "STALE"), row_of(window, "LIVE")
    stale_row, live_row = model.call_at(stale), model.call_at(live)
    assert stale_row is not None and live_row is not None
    assert stale_row.status is CallStatus.RINGING  # the store still says ringing...
    assert runtime.history.outcome_unknown(stale_row) and not runtime.history.outcome_unknown(live_row)

    assert model.index(stale, Column.STATUS).data() == "Outcome unknown"  # ...the history does not
    assert model.index(live, Column.STATUS).data() == "Ringing"
    shown = [model.index(stale, c).data() for c in Column]
    assert "Ringing" not in shown and "Talking" not in shown

    # Its marker is in the grey of a finished call, the live one's in the accent.
    c = theme.colors()
    dot = model.index(stale, Column.STATUS).data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage()
    live_dot = model.index(live, Column.STATUS).data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage()
    middle = dot.width() // 2, dot.height() // 2
    assert dot.pixelColor(*middle).name() == QColor(c.muted).name()
    assert live_dot.pixelColor(*middle).name() == QColor(c.accent).name()

    dialog = window.open_details(stale)
    assert isinstance(dialog, CallDetailsDialog)
    qtbot.addWidget(dialog)
    assert dialog.status_text.text() == "Incoming · Outcome unknown"
    assert c.muted in dialog.status_text.styleSheet()
    live_dialog = window.open_details(live)
    assert isinstance(live_dialog, CallDetailsDialog)
    qtbot.addWidget(live_dialog)
    assert live_dialog.status_text.text() == "Incoming · Ringing"


def test_a_talking_call_without_news_reads_outcome_unknown_too(qtbot: Any, runtime: Runtime) -> None:
    runtime.context.calls.ingest_many([ringing("STALE", "+48600100001", timedelta(hours=3), EventKind.ANSWERED)])
    three_hours_ago = to_ms(utcnow() - timedelta(hours=3))
    runtime.context.db.conn.execute("UPDATE calls SET updated_at = ? WHERE call_id = 'STALE'", (three_hours_ago,))
    window = HistoryWindow(runtime)
    qtbot.addWidget(window)
    stale = row_of(window, "STALE")
    row = window.model.call_at(stale)
    assert row is not None and row.status is CallStatus.TALKING
    assert window.model.index(stale, Column.STATUS).data() == "Outcome unknown"
