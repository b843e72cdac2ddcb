"""``POST /hooks/<account id>``: the Cloud PBX's CRM endpoint (``history``, ``event``, ``contact``, ``rating``).

Check order (a request with a bad token gets 401 even if its fields are also bad): account → token →
fields. An accepted event is committed by the call tracker before the 200 goes out; a ``contact``
question is answered from the local contacts. Fields may come form-encoded (the document) or as JSON,
and, tolerated, in the query string (body fields win).
"""

from __future__ import annotations

import logging

from aiohttp import web

from app.core.models import utcnow
from app.providers.cloudpbx import webhooks
from app.providers.webhook_fields import Rejected
from app.server import replies
from app.server.bodies import BadBody, body_fields, query_fields, require_text
from app.server.ingest import record
from app.server.services import SERVICES

log = logging.getLogger(__name__)


async def handle(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    account = services.accounts.cloudpbx(request.match_info["account"])
    if account is None:
        return replies.not_found()
    try:
        fields = query_fields(request) | await body_fields(request)
    except BadBody as exc:
        log.info("cloudpbx %s: refused: %s", account.id, exc.reason)
        return replies.refused(exc.status)
    if not services.accounts.crm_token_ok(account, fields.get("crm_token")):
        if services.accounts.secret(account.id, "crm_token"):  # else it is ours that is missing: logged there
            log.warning("cloudpbx %s: invalid crm_token from %s", account.id, request.remote)
        return replies.error(401, replies.INVALID_TOKEN)
    try:
        require_text(fields)
    except BadBody as exc:
        log.info("cloudpbx %s: refused: %s", account.id, exc.reason)
        return replies.error(400, replies.INVALID_PARAMETERS)
    parsed = webhooks.parse(fields, account=account.id, region=services.region, arrived=utcnow())
    if isinstance(parsed, Rejected):
        log.info("cloudpbx %s: refused: %s", account.id, parsed.reason)
        return replies.error(400, replies.INVALID_PARAMETERS)
    if isinstance(parsed, webhooks.ContactQuery):
        return replies.json_answer(services.lookup.answer(parsed.phone))
    return await record(request, parsed)
