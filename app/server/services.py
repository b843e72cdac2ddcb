"""What the receiver's handlers need, gathered in one object stored on the aiohttp application."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from aiohttp import web

from app.config.settings import Settings
from app.server.accounts import WebhookAccounts
from app.server.group_commit import GroupCommit
from app.services.calls import CallTracker
from app.services.lookup import ContactLookup


@dataclass(slots=True)
class ReceiverServices:
    settings: Settings  # read at each request: region and accounts edited in the settings apply live
    accounts: WebhookAccounts
    tracker: CallTracker
    lookup: ContactLookup
    started: float = field(default_factory=time.monotonic)
    committer: GroupCommit = field(init=False)

    def __post_init__(self) -> None:
        self.committer = GroupCommit(self.tracker)

    @property
    def region(self) -> str:
        return self.settings.general.region


SERVICES: web.AppKey[ReceiverServices] = web.AppKey("ringdesk_receiver_services", ReceiverServices)
