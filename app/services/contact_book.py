"""Contacts as the cards and forms use them: who is this number, and "save this caller as a contact".

Why a use case over the store: the widgets must not know whether contacts live in the local store
(single desktop) or on the team hub; the PBX's own "who is calling?" question is answered by
:mod:`app.services.lookup`, which reads the same store. In team mode a saved contact goes to the hub, which
shares it with every desktop; look-ups stay local (the cache holds the team's contacts).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from app.core.errors import Problem, Unavailable
from app.core.models import Contact
from app.core.views import ContactMatch
from app.services.notes import NOT_CONNECTED
from app.store.contacts import ContactStore

log = logging.getLogger(__name__)


class ContactWriter(Protocol):
    """Where contacts go in team mode (:class:`app.services.hub_link.HubLink`)."""

    async def post_contact(self, contact: Contact) -> Contact: ...


class ContactBook:
    def __init__(self, contacts: ContactStore) -> None:
        self._contacts = contacts
        self.through_hub = False
        self._remote: ContactWriter | None = None
        self._tasks: set[asyncio.Task[Contact]] = set()

    def write_through(self, remote: ContactWriter | None) -> None:
        """Team mode: from now on contacts are saved on the hub through ``remote`` (None: not connected yet)."""
        self.through_hub = True
        self._remote = remote

    def lookup(self, number: str) -> ContactMatch | None:
        """The contact for a normalised number (the one an agent chose last when several share it)."""
        return self._contacts.lookup(number)

    def search(self, text: str, limit: int = 20) -> list[ContactMatch]:
        """Contacts whose name or company contains ``text``."""
        return self._contacts.search(text, limit=limit)

    async def post(self, contact: Contact) -> Contact:
        """Save ``contact`` and return it as stored (in team mode: on the hub)."""
        if not self.through_hub:
            self._contacts.upsert(contact)
            return contact
        if self._remote is None:
            raise Unavailable(NOT_CONNECTED)
        return await self._remote.post_contact(contact)

    def numbers(self, contact_id: int) -> list[str]:
        """The phone numbers of a contact (normal form), e.g. to dial one chosen by name."""
        contact = self._contacts.get(contact_id)
        return [phone.number for phone in contact.phones] if contact is not None else []

    def save(self, contact: Contact) -> bool:
        """Insert or update ``contact``; True when it is new. In team mode it is sent to the hub in the
        background (True: the hub makes a new contact of it); a failure is logged."""
        if not self.through_hub:
            return self._contacts.upsert(contact)[1]
        if self._remote is None:
            raise Unavailable(NOT_CONNECTED)
        task = asyncio.get_running_loop().create_task(self._remote.post_contact(contact), name="hub-contact")
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return True

    def _done(self, task: asyncio.Task[Contact]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if isinstance(error, Problem):
            log.warning("the contact could not be sent to the hub: %s", error.user_text())
        elif error is not None:
            log.error("sending a contact to the hub failed", exc_info=error)

    def save_many(self, contacts: list[Contact]) -> None:
        """Insert or update a batch in one transaction (imports, the demo's people). Local only: a team's
        contacts are imported on the hub."""
        self._contacts.upsert_many(contacts)
