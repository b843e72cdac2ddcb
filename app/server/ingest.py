"""Recording an accepted push: committed first, answered after — the receiver's durability promise."""

from __future__ import annotations

import logging

from aiohttp import web

from app.core.errors import StorageError
from app.core.models import CallEvent
from app.server import replies
from app.server.services import SERVICES
from app.services.calls import StoreBusy

log = logging.getLogger(__name__)

# One line per refused push, no traceback, the same text for the same account and cause: a full disk
# refuses thousands of pushes in a row (issue 15: 62 MB of tracebacks), and ``app.config.logs`` groups
# repeated lines. Which call was refused does not matter: the provider sends it again.
NOT_STORED = "%s: a push was not stored, answered 503 (the provider retries): %s"


async def record(request: web.Request, event: CallEvent) -> web.Response:
    """Commit the event (grouped with others arriving together), then answer 200; a storage failure
    answers 503 so the provider retries."""
    try:
        await request.app[SERVICES].committer.record(event)
    except StorageError as exc:
        level = logging.WARNING if isinstance(exc, StoreBusy) else logging.ERROR  # a lock passes; a disk does not
        log.log(level, NOT_STORED, event.account, exc.user_text())
        return replies.error(503, replies.UNAVAILABLE)
    return replies.empty()
