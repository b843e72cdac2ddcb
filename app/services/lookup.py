"""The answer to the PBX's ``contact`` question: "who is this number, and who is responsible?"

Why it must be fast: the PBX holds the ringing call while it waits (public integrations give up after
~1.2 s), so the answer is one indexed probe on the normalised number (:meth:`ContactStore.lookup`: any
written form matches, the agent's last choice wins when several contacts share the number).

Unknown numbers answer ``{}`` (not ``[]``: seen in public implementations). With
``general.create_leads`` on, an unknown caller also becomes a lead contact (the provider document's
section 4.3), keyed by its number so a second call never creates a second lead.
"""

from __future__ import annotations

import logging

from app.config.settings import GeneralSettings
from app.core.errors import StorageError
from app.core.models import Contact, ContactPhone
from app.core.phone import NumberKind, PhoneNumber, display
from app.store.contacts import ContactStore

log = logging.getLogger(__name__)

LEAD_SOURCE = "lead"


class ContactLookup:
    """Answers ``contact`` from the local contacts; reads ``general`` at each call so settings apply live."""

    def __init__(self, contacts: ContactStore, general: GeneralSettings) -> None:
        self.contacts = contacts
        self.general = general

    def answer(self, number: PhoneNumber) -> dict[str, str]:
        """``{"contact_name": …, "responsible": …}`` for a known number, ``{}`` for an unknown one.

        ``responsible`` is left out when the contact has none: an empty user id would ask the PBX to
        route the call to nobody.
        """
        match = self.contacts.lookup(number.value) if number.value else None
        if match is None:
            if self.general.create_leads:
                self._create_lead(number)
            return {}
        result = {"contact_name": match.name}
        if match.responsible:
            result["responsible"] = match.responsible
        return result

    def _create_lead(self, number: PhoneNumber) -> None:
        """A contact named after the number; only real phone numbers (not extensions or hidden callers)."""
        if number.kind is not NumberKind.E164:
            return
        lead = Contact(
            name=f"Lead {display(number.value, self.general.region)}",
            phones=[ContactPhone(number.value, number.raw, "")],
            source=LEAD_SOURCE,
            source_id=number.value,
        )
        try:
            self.contacts.upsert(lead)
        except StorageError as exc:  # the answer matters more than the lead: the call is ringing
            log.warning("could not create a lead for %s: %s", number.value, exc.user_text())
