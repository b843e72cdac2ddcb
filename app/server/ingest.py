"""Recording an accepted push: committed first, answered after — the receiver's durability promise."""

from __future__ import annotations

import logging

from aiohttp import web

from app.core.errors import StorageError
from app.core.models import CallEvent
from app.server import replies
from app.server.services import SERVICES

log = logging.getLogger(__name__)


async def record(request: web.Request, event: CallEvent) -> web.Response:
    """Commit the event (grouped with others arriving together), then answer 200; a storage failure
    answers 503 so the provider retries."""
    try:
        await request.app[SERVICES].committer.record(event)
    except StorageError as exc:
        log.error("%s %s: not stored: %s", event.account, event.call_id, exc.user_text())
        return replies.error(503, "Temporarily unavailable")
    return replies.empty()
