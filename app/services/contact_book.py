"""Contacts as the cards and forms use them: who is this number, and "save this caller as a contact".

Why a use case over the store: the widgets must not know whether contacts live in the local store
(single desktop) or on the team hub; the PBX's own "who is calling?" question is answered by
:mod:`app.services.lookup`, which reads the same store.
"""

from __future__ import annotations

from app.core.models import Contact
from app.core.views import ContactMatch
from app.store.contacts import ContactStore


class ContactBook:
    def __init__(self, contacts: ContactStore) -> None:
        self._contacts = contacts

    def lookup(self, number: str) -> ContactMatch | None:
        """The contact for a normalised number (the one an agent chose last when several share it)."""
        return self._contacts.lookup(number)

    def search(self, text: str, limit: int = 20) -> list[ContactMatch]:
        """Contacts whose name or company contains ``text``."""
        return self._contacts.search(text, limit=limit)

    def save(self, contact: Contact) -> bool:
        """Insert or update ``contact``; True when it is new."""
        return self._contacts.upsert(contact)[1]

    def save_many(self, contacts: list[Contact]) -> None:
        """Insert or update a batch in one transaction (imports, the demo's people)."""
        self._contacts.upsert_many(contacts)
