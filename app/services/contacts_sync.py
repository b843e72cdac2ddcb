"""Contacts from the TeleCube CCRM (``people``, every page) into the local contact book.

Why into the local store rather than asking the CCRM per call: the CCRM has no phone search and its
1,000-requests-a-day budget could not afford one request per incoming call; a local copy answers in
microseconds. Each person is stored with ``source="ccrm"`` and ``source_id`` = the person's uuid, so a
re-sync updates the same contact (name, company, all three phones) instead of adding a second one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.core.errors import NotPermitted
from app.providers.base import ProviderClient
from app.providers.telecube.client import TeleCubeClient
from app.store.contacts import ContactStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ContactsSyncReport:
    created: int
    updated: int
    without_phone: int  # stored anyway: a name is still useful in search and notes


async def sync_contacts(client: ProviderClient, contacts: ContactStore) -> ContactsSyncReport:
    """Fetch every CCRM person through ``client`` and upsert them; returns what changed."""
    if not isinstance(client, TeleCubeClient):
        raise NotPermitted("Only TeleCube accounts have a CRM contact book to sync.")
    people = await client.people()
    results = contacts.upsert_many(people)
    created = sum(1 for _, was_created in results if was_created)
    report = ContactsSyncReport(created, len(results) - created, sum(1 for p in people if not p.phones))
    log.info("%s: CCRM contacts synced: %d new, %d updated", client.account.id, report.created, report.updated)
    return report
