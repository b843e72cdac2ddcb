"""What an agent's history holds: their own calls, and the calls of their lines that name no agent (a
TeleDiscount missed call says not whose phone rang) — never a colleague's call."""

from __future__ import annotations

from datetime import timedelta

from app.config.settings import AccountSettings, Provider, Role
from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
from app.core.views import CallQuery
from app.runtime import Runtime
from app.services.context import Context


def summary(account: str, call_id: str, agent: str | None, status: CallStatus, minutes_ago: int) -> CallEvent:
    at = utcnow() - timedelta(minutes=minutes_ago)
    return CallEvent(
        account,
        call_id,
        EventKind.SUMMARY,
        at,
        started_at=at,
        phone="+48221234567",
        status=status,
        direction=Direction.IN,
        agent=agent,
    )


def test_an_agent_sees_own_calls_and_the_unnamed_missed_calls_of_their_lines() -> None:
    context = Context.open()
    context.settings.accounts += [
        AccountSettings("td", Provider.TELEDISCOUNT, user="SIP/0000000672"),
        AccountSettings("other", Provider.TELEDISCOUNT, user=""),
    ]
    context.settings.general.role = Role.AGENT
    for account in ("td", "other"):
        context.db.ensure_account(account, "telediscount")
    context.calls.ingest_many(
        [
            summary("td", "MINE", "SIP/0000000672", CallStatus.ANSWERED, 1),
            summary("td", "LINE-MISSED", None, CallStatus.MISSED, 2),
            summary("td", "COLLEAGUE", "SIP/0000000999", CallStatus.ANSWERED, 3),
            summary("other", "NOT-MY-LINE", None, CallStatus.MISSED, 4),
        ]
    )
    history = Runtime(context).history
    assert [r.call_id for r in history.page(CallQuery())] == ["MINE", "LINE-MISSED"]
    missed = history.page(CallQuery(statuses=(CallStatus.MISSED,)))
    assert [r.call_id for r in missed] == ["LINE-MISSED"]  # History › Missed shows what the agent was alerted to
    assert history.row("td", "COLLEAGUE") is None and history.row("td", "LINE-MISSED") is not None
    assert [r.call_id for r in history.recent_for_number("+48221234567")] == ["MINE", "LINE-MISSED"]
