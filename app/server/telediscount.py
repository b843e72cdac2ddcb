"""``GET /hooks/<account id>/<webhook secret>/income`` and ``…/call_finished``: TeleDiscount's webhooks.

TeleDiscount signs nothing, so the path secret is the credential: an unknown account and a wrong secret
get the same 404 (compared in constant time), revealing nothing. Fields come in the query string (the
document); a form body is tolerated too. Accepted pushes are committed before the empty 200.
"""

from __future__ import annotations

import logging

from aiohttp import web

from app.core.models import utcnow
from app.providers.telediscount import webhooks
from app.providers.webhook_fields import Rejected
from app.server import replies
from app.server.bodies import BadBody, body_fields, query_fields, require_text
from app.server.ingest import record
from app.server.services import SERVICES

log = logging.getLogger(__name__)


async def handle(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    account = services.accounts.telediscount(request.match_info["account"])
    if account is None or not services.accounts.webhook_secret_ok(account, request.match_info["secret"]):
        return replies.not_found()
    hook = request.match_info["hook"]
    try:
        fields = query_fields(request)
        if request.method == "POST":
            fields = fields | await body_fields(request)
        require_text(fields)
    except BadBody as exc:
        log.info("telediscount %s %s: refused: %s", account.id, hook, exc.reason)
        return replies.refused(exc.status)
    parsed = webhooks.parse(hook, fields, account=account.id, region=services.region, arrived=utcnow())
    if isinstance(parsed, Rejected):
        log.info("telediscount %s: refused: %s", account.id, parsed.reason)
        return replies.error(400, replies.INVALID_PARAMETERS)
    return await record(request, parsed)
