"""What the desktop API's handlers need, gathered in one object (the runtime builds it; tests build theirs).

Why getters for the dialer and the recordings: they exist only once the runtime has started its outbound
services, after the application is built; a getter reads them at each request.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.config.settings import Settings
from app.services.change_feed import ChangeReader
from app.services.contact_book import ContactBook
from app.services.dialer import Dialer
from app.services.hub import CallHub
from app.services.notes import NoteBook
from app.services.recordings import RecordingService
from app.services.team_users import TeamUsers


def _none() -> None:
    return None


@dataclass(slots=True)
class DesktopApiServices:
    settings: Settings  # read at each request: accounts and [server] edits apply live
    users: TeamUsers
    changes: ChangeReader
    notes: NoteBook
    contacts: ContactBook
    hub: CallHub
    dialer: Callable[[], Dialer | None] = _none
    recordings: Callable[[], RecordingService | None] = _none
    clock: Callable[[], float] = field(default=time.monotonic)  # the rate limiter's clock (tests move it)

    def contact_name(self, phone: str | None) -> str:
        """The name the hub's contacts give ``phone`` ("" if none): a live call goes out with it."""
        match = self.contacts.lookup(phone) if phone else None
        return match.name if match else ""
