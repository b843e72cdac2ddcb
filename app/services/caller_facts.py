"""Who is calling: what an incoming-call card shows about the caller, read once when the card opens.

Why a use case and not a widget's helper: the card, the screenshots and (next) the hub's desktop API must
show the same facts, read through the same use cases — the contact book (local or the team hub's), the
notes and the call history, which also keeps an agent's "last calls" within what the agent may see.
No Qt here, so the rule is tested and reused without a display.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.callstate import Call
from app.core.models import Note
from app.core.views import CallRow, ContactMatch
from app.services.contact_book import ContactBook
from app.services.history import CallHistory
from app.services.notes import NoteBook


@dataclass(frozen=True, slots=True)
class CardFacts:
    """Everything about the caller the card shows."""

    number: str
    contact: ContactMatch | None = None
    responsible_name: str = ""
    line: str = ""
    recent: tuple[CallRow, ...] = ()
    notes: tuple[Note, ...] = ()


def caller_facts(
    call: Call,
    contacts: ContactBook,
    history: CallHistory,
    notes: NoteBook,
    *,
    recent_limit: int = 3,
    notes_limit: int = 2,
) -> CardFacts:
    """The caller's contact, responsible agent, last calls (not this one) and notes: a few indexed look-ups."""
    number = call.phone or ""
    if not number:
        return CardFacts(number="", line=call.line or "")
    contact = contacts.lookup(number)
    responsible = ""
    if contact is not None and contact.responsible:
        responsible = history.agent_name(call.account, contact.responsible)
    recent = tuple(
        row
        for row in history.recent_for_number(number, limit=recent_limit + 1)
        if (row.account, row.call_id) != (call.account, call.call_id)
    )[:recent_limit]
    return CardFacts(
        number, contact, responsible, call.line or "", recent, tuple(notes.for_number(number, limit=notes_limit))
    )
