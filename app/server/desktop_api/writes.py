"""The desktop API's writes: dial as the user, notes (about a number: the team's; about a call: for who
may see the call), and contacts shared with the whole team.

Why the hub decides who dials: the desktop never holds the provider's token; the hub dials through the
account *as the user's own identity there*, so an agent's phone rings, never a colleague's. A note's
author is the user's login, whatever the body says.

A note or contact written here is numbered in the change sequence by the store; the feed then reads it
back by number and fans it out to every connection that may see it (the writer's own too), like any
other change.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from app.config.settings import Provider
from app.core.errors import Problem
from app.core.models import Contact, ContactPhone, Note
from app.core.phone import normalize
from app.core.users import HubUser
from app.core.views import Change
from app.server.desktop_api.answers import ApiError, from_problem, json_answer, not_found
from app.server.desktop_api.items import message
from app.server.desktop_api.params import json_body, text_field
from app.server.desktop_api.state import USER, DesktopApi, api
from app.services.visibility import may_see

MAX_NOTE = 10_000
MAX_PHONES = 20


async def dial(request: web.Request) -> web.Response:
    state, user = api(request), request[USER]
    body = await json_body(request)
    number = text_field(body, "number", required=True, max_len=200)
    account = _dial_account(state, user, text_field(body, "account", max_len=100))
    caller_id = text_field(body, "caller_id", max_len=200) or None
    dialer = state.services.dialer()
    if dialer is None:
        raise ApiError(503, "The hub's dialer is not running yet; try again in a moment.")
    identity = user.identities[account].strip()
    try:
        outcome = await dialer.call(number, account, caller_id, as_user=identity)
    except Problem as problem:
        raise from_problem(problem) from None
    return json_answer(
        {
            "account": outcome.account.id,
            "call_id": outcome.call_id,
            "number": outcome.result.number.value,
            "caller_id": outcome.result.caller_id,
            "user": outcome.result.user or identity,
        }
    )


def _dial_account(state: DesktopApi, user: HubUser, asked: str) -> str:
    """The account to dial through: the one asked for (the user needs an identity there), else the user's
    only one."""
    mine = [
        a.id
        for a in state.services.settings.accounts
        if a.enabled and a.provider is not Provider.HUB and user.identities.get(a.id, "").strip()
    ]
    if asked:
        if asked not in mine:
            raise ApiError(
                403, f"{user.login} has no identity at the account {asked!r}, so the hub cannot dial as them there."
            )
        return asked
    if not mine:
        raise ApiError(409, f"No account can dial for {user.login}: they have no identity at any account of this hub.")
    if len(mine) > 1:
        raise ApiError(400, f"Say which account to dial through (the field 'account'): one of {', '.join(mine)}.")
    return mine[0]


async def add_note(request: web.Request) -> web.Response:
    state, user = api(request), request[USER]
    body = await json_body(request)
    text = text_field(body, "text", required=True, max_len=MAX_NOTE)
    account = text_field(body, "account", max_len=100)
    call_id = text_field(body, "call_id", max_len=200)
    phone = _number(state, text_field(body, "phone", max_len=200), "phone")
    if bool(account) != bool(call_id):
        raise ApiError(400, "A note about a call needs both 'account' and 'call_id' (or neither).")
    if call_id:
        call = state.services.changes.call(account, call_id)
        if call is None or not may_see(user, call):
            raise not_found()
        phone = phone or (call.phone or "")
    if not phone and not call_id:
        raise ApiError(400, "A note needs a 'phone', or the 'account' and 'call_id' of a call.")
    state.services.notes.add(Note(text, phone, account, call_id, author=user.login))
    return json_answer(await _stored(state))


async def add_contact(request: web.Request) -> web.Response:
    state = api(request)
    body = await json_body(request)
    name = text_field(body, "name", required=True, max_len=300)
    phones = body.get("phones")
    if not isinstance(phones, list) or not phones or len(phones) > MAX_PHONES:
        raise ApiError(400, f"The field 'phones' must be a list of 1 to {MAX_PHONES} numbers.")
    numbers: list[ContactPhone] = []
    for raw in phones:
        if not isinstance(raw, str):
            raise ApiError(400, "Every entry of 'phones' must be a string.")
        numbers.append(ContactPhone(_number(state, raw, "phones"), raw.strip()))
    contact = Contact(
        name,
        numbers,
        company=text_field(body, "company", max_len=300),
        email=text_field(body, "email", max_len=300),
        note=text_field(body, "note", max_len=MAX_NOTE),
        responsible=text_field(body, "responsible", max_len=100),
    )
    state.services.contacts.save(contact)
    return json_answer(await _stored(state))


def _number(state: DesktopApi, raw: str, field: str) -> str:
    if not raw.strip():
        return ""
    parsed = normalize(raw, state.services.settings.general.region)
    if not parsed.is_valid:
        raise ApiError(400, f"{raw.strip()[:60]!r} in {field!r} is not a phone number.")
    return parsed.value


async def _stored(state: DesktopApi) -> dict[str, Any]:
    """The change just written (the newest number: the store writes on this thread, nothing came between),
    after the feed has offered it to every connection."""
    seq = state.services.changes.last_seq()
    await state.feed.catch_up()
    written: list[Change] = state.services.changes.after(seq - 1, 1)
    if not written or written[0].seq != seq:
        raise ApiError(503, "The hub stored the change but cannot read it back; the stream will bring it.")
    return message(written[0])
