"""The desktop API's reads: ``/me``, ``/changes`` (a page of the change sequence), and recordings.

Why a recording has a narrower rule than its call: seeing a call (its card, its outcome) is not hearing
it. A group ring shows the call to every agent whose leg rang, so the losers learn who took it; the
conversation itself is only for who had it (:func:`may_hear`).
"""

from __future__ import annotations

from aiohttp import web

from app.core.errors import Problem
from app.core.hub_wire import JSON
from app.core.users import HubUser
from app.server.desktop_api.answers import ApiError, from_problem, json_answer, not_found
from app.server.desktop_api.items import message, visible
from app.server.desktop_api.me import me_json
from app.server.desktop_api.pacing import Pacer
from app.server.desktop_api.params import int_param
from app.server.desktop_api.state import USER, api
from app.services.change_feed import ChangeReader
from app.services.visibility import may_hear

DEFAULT_LIMIT = 500
MAX_LIMIT = 5_000
PAGE = 200  # changes read from the store at once (the loop is yielded to after each page: .pacing)
EXAMINE_PER_ANSWER = 20_000  # changes examined for one answer at most (then "more": ask again from "seq")


async def me(request: web.Request) -> web.Response:
    services = api(request).services
    reader = services.changes
    return json_answer(me_json(request[USER], services.settings, reader.last_seq(), reader.hub_id()))


async def changes(request: web.Request) -> web.Response:
    after = int_param(request, "after", 0)
    limit = int_param(request, "limit", DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)
    found, seq, more = await visible_page(api(request).services.changes, request[USER], after, limit)
    return json_answer({"changes": found, "seq": seq, "more": more})


async def visible_page(
    reader: ChangeReader, user: HubUser, after: int, limit: int, *, budget: int = EXAMINE_PER_ANSWER
) -> tuple[list[JSON], int, bool]:
    """Up to ``limit`` changes after ``after`` that ``user`` may see, the last number *examined* (so the
    next question starts past what was filtered out, never on the same window again), and whether the
    store holds more after it.

    Why pages and a budget: a user who sees few of the hub's changes (an agent among hundreds) would have
    tens of thousands read for one answer; each page yields to the loop (webhooks keep being answered)
    and at most ``budget`` are examined before answering ``more`` with the number reached."""
    found: list[JSON] = []
    examined, pacer = after, Pacer()
    while budget > 0:
        size = min(PAGE, budget)
        newest = reader.last_seq()  # committed before the read: a short page covers everything up to it
        page = reader.after(examined, size)
        budget -= size
        for index, change in enumerate(page):
            examined = change.seq
            if visible(user, change, reader):
                found.append(message(change))
                if len(found) >= limit:
                    last = len(page) < size and index == len(page) - 1
                    return found, max(examined, newest) if last else examined, not last
            await pacer.step()
        if len(page) < size:
            return found, max(examined, newest), False
        await pacer.pause()
    return found, examined, True


async def recording(request: web.Request) -> web.StreamResponse:
    """The call's recording (fetched into the hub's cache first), if this user may see the call."""
    services = api(request).services
    account, call_id = request.match_info["account"], request.match_info["call_id"]
    call = services.changes.call(account, call_id)
    if call is None or not may_hear(request[USER], call):
        raise not_found()  # the same answer as "no such call": a probe learns nothing
    if not call.recording_url:
        raise not_found("This call has no recording (yet: the provider may add it after the call).")
    recordings = services.recordings()
    if recordings is None:
        raise ApiError(503, "The hub's recordings service is not running yet; try again in a moment.")
    try:
        found = await recordings.get(account, call_id, checked=True)  # may_hear decided above
    except Problem as problem:
        raise from_problem(problem) from None
    except KeyError:  # no provider client for the account (its API key is missing on the hub)
        raise ApiError(
            409, f"The hub cannot fetch recordings of the account {account!r}: its API key is not set on the hub."
        ) from None
    headers = {"Content-Type": found.media_type or "application/octet-stream", "Cache-Control": "private"}
    return web.FileResponse(found.path, headers=headers)
