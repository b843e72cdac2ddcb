"""CCRM people become local contacts with all their phones; a re-sync updates them instead of duplicating."""

from __future__ import annotations

from collections.abc import Callable

from app.core.accounts import Provider
from app.core.phone import normal_form
from app.providers.base import ProviderClient
from app.sandbox import Sandbox
from app.services.contacts_sync import sync_contacts
from app.store.contacts import ContactStore
from app.store.db import Database

Make = Callable[..., ProviderClient]


async def test_people_sync_and_resync(sandbox: Sandbox, make_client: Make, db: Database) -> None:
    contacts = ContactStore(db)
    client = make_client(Provider.TELECUBE)
    first = await sync_contacts(client, contacts)
    assert (first.created, first.updated) == (30, 0) and contacts.count() == 30
    person = next(c for c in sandbox.roster.contacts if len(c.phones) > 1 and c.company)
    for written, _label in person.phones:  # every phone, however it was typed in the CCRM, finds the person
        match = contacts.lookup(normal_form(written, "PL"))
        assert match is not None and match.name == person.name and match.company == person.company
    second = await sync_contacts(client, contacts)
    assert (second.created, second.updated) == (0, 30) and contacts.count() == 30
