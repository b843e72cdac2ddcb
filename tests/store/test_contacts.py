"""Contacts: look-up by any written form, the agent's last choice wins, re-syncs update in place."""

from __future__ import annotations

from app.core.models import Contact, ContactPhone
from app.core.phone import normal_form
from app.store.contacts import ContactStore
from app.store.db import Database


def test_lookup_by_normalised_number(db: Database) -> None:
    contacts = ContactStore(db)
    contacts.upsert(Contact("Иван Петров", [ContactPhone(normal_form("8 (495) 123-45-67", "RU"))], responsible="andy"))
    match = contacts.lookup(normal_form("74951234567", "RU"))
    assert match is not None and match.name == "Иван Петров" and match.responsible == "andy"
    assert contacts.lookup(normal_form("+7 495 000-00-00", "RU")) is None


def test_agents_last_choice_wins_when_a_number_is_shared(db: Database) -> None:
    contacts = ContactStore(db)
    first, _ = contacts.upsert(Contact("Reception", [ContactPhone("+48221234567")]))
    second, _ = contacts.upsert(Contact("Anna Nowak", [ContactPhone("+48221234567")]))
    assert contacts.lookup("+48221234567").id == first
    contacts.choose("+48221234567", second)
    assert contacts.lookup("+48221234567").id == second
    assert [m.id for m in contacts.candidates("+48221234567")] == [second, first]


def test_resync_updates_instead_of_duplicating(db: Database) -> None:
    contacts = ContactStore(db)
    _, created = contacts.upsert(Contact("Old", [ContactPhone("+48601000001")], source="ccrm", source_id="u-1"))
    cid, created_again = contacts.upsert(
        Contact("New Name", [ContactPhone("+48601000002")], source="ccrm", source_id="u-1")
    )
    assert created and not created_again
    assert contacts.count() == 1
    assert contacts.lookup("+48601000001") is None
    assert contacts.lookup("+48601000002").name == "New Name"
    assert [m.name for m in contacts.search("new na")] == ["New Name"]
    assert contacts.get(cid).phones[0].number == "+48601000002"
