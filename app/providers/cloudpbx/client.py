"""Cloud PBX (ITooLabs API: MegaFon, Gravitel, …) as seen from the CRM: ``POST /sys/crm_api.wcgp``.

Document commands: ``accounts``, ``makeCall``. Seen in public implementations, not in the provider
document: ``groups``, the ``history`` CSV pull, ``subscribeOnCalls`` / ``subscriptionStatus``,
``set_dnd`` / ``get_dnd``, ``makeCall``'s ``clid`` and its answer variants (empty, ``{"uuid"}``,
``{"CallID"}``), the extra ``accounts`` fields (``ext``, ``telnum``, ``email``).

Wire rules: a form body whose fields are ``cmd`` first, then the command's fields, then ``token``;
``phone`` as digits only (some deployments reject a leading ``+``). A redirect means the PBX domain is
wrong (the platform answers unknown hosts with a redirect to its portal): we never follow it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.core.accounts import Account, Provider
from app.core.errors import NOT_DIALLABLE, QT_TRANSLATE_NOOP, InvalidNumber, InvalidRequest, Unavailable
from app.core.models import Agent, CallEvent
from app.core.phone import DEFAULT_REGION, PhoneNumber
from app.providers.base import CAPABILITIES, DialResult, ProviderClient, ceil_second
from app.providers.cloudpbx import vocabulary as voc
from app.providers.cloudpbx.pull import parse_history
from app.providers.http import NO_RETRY, READ_RETRY, TRY_LATER, Download, ErrorStyle, ProviderHttp, RetryPolicy

log = logging.getLogger(__name__)

API_PATH = "/sys/crm_api.wcgp"
# The key printed in the Cloud PBX document's examples; the sandbox accepts it by default, so a sandbox
# account works with no secret configured. Never valid on a real PBX.
SANDBOX_TOKEN = "5f317b9f-e86c-41f7-a6fc-c76eb0da0000"
PULL_PAGE = 5000  # rows asked per history request
PULL_WINDOW = timedelta(hours=12)  # a long outage is pulled in windows of this size

STYLE = ErrorStyle(
    provider="Cloud PBX",
    auth_hint=QT_TRANSLATE_NOOP(
        "Problem", "Check the API key (token) in the PBX cabinet's CRM integration page and in Settings › Accounts."
    ),
    rate_limit_hint=TRY_LATER,
    redirect_hint=QT_TRANSLATE_NOOP(
        "Problem", "Use your PBX's own address, e.g. https://<company>.megapbx.ru, in Settings › Accounts."
    ),
)


@dataclass(frozen=True, slots=True)
class PbxGroup:
    id: str
    name: str
    ext: str = ""


class CloudPbxClient(ProviderClient):
    capabilities = CAPABILITIES[Provider.CLOUDPBX]
    provider_name = "Cloud PBX"

    def __init__(
        self,
        account: Account,
        token: str,
        *,
        region: str = DEFAULT_REGION,
        transport: httpx.AsyncBaseTransport | None = None,
        **http: Any,
    ) -> None:
        super().__init__(account, region)
        self._token = token
        self.http = ProviderHttp(account.id, account.base_url, STYLE, transport=transport, **http)

    async def command(
        self, cmd: str, fields: Mapping[str, str | None] | None = None, retry: RetryPolicy = READ_RETRY
    ) -> httpx.Response:
        """Send one ``cmd`` with its fields; the token goes last (as the document's examples).

        A field whose value is None is left out, so optional arguments (a group, a caller ID) can be
        passed as they are rather than each call site building its dict conditionally.
        """
        data = {"cmd": cmd, **{k: v for k, v in (fields or {}).items() if v is not None}, "token": self._token}
        return await self.http.request("POST", API_PATH, data=data, retry=retry)

    async def _json(self, cmd: str, fields: Mapping[str, str | None] | None = None) -> Any:
        return self.http.decode_json(await self.command(cmd, fields))

    # -- users and groups ---------------------------------------------------------------------------
    async def accounts(self) -> list[Agent]:
        """The PBX users (``accounts``), for mapping calls to agents."""
        data = await self._json("accounts")
        return [
            Agent(
                self.account.id,
                str(item["name"]),
                name=str(item.get("realName") or ""),
                extension=str(item.get("ext") or ""),
                email=str(item.get("email") or ""),
            )
            for item in _items(data)
            if item.get("name")
        ]

    async def agents(self) -> list[Agent]:
        return await self.accounts()

    async def groups(self, user: str | None = None) -> list[PbxGroup]:
        """Ring groups (all, or those ``user`` belongs to)."""
        data = await self._json("groups", {"user": user} if user else None)
        return [
            PbxGroup(str(g["id"]), str(g.get("realName") or g["id"]), str(g.get("ext") or ""))
            for g in _items(data)
            if g.get("id") is not None
        ]

    # -- click-to-call ------------------------------------------------------------------------------
    async def make_call(
        self, number: PhoneNumber, caller_id: str | None = None, *, as_user: str | None = None
    ) -> DialResult:
        """``makeCall``: the PBX rings ``user`` — ``as_user`` when given, else ``account.user`` — then ``number``
        (digits only). Never retried."""
        if not number.is_valid:
            raise InvalidNumber(NOT_DIALLABLE, fields={"number": number.raw})
        user = self.rings_first(as_user)
        if not user:
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "The account has no PBX user to ring first."),
                hint=QT_TRANSLATE_NOOP("Problem", "Enter yours (e.g. andy) as 'user' in Settings › Accounts."),
                account=self.account.id,
            )
        fields = {"phone": number.digits, "user": user}
        clid = "".join(ch for ch in (caller_id or self.account.caller_id) if ch.isdigit())
        if clid:
            fields["clid"] = clid
        response = await self.command("makeCall", fields, retry=NO_RETRY)
        return DialResult(self.account.id, number, _call_id_of(response), clid or None, user)

    # -- history pull --------------------------------------------------------------------------------
    async def history(self, start: datetime, end: datetime, *, kind: str = "all", limit: int | None = None) -> str:
        """The raw ``history`` CSV for calls that started in [start, end) (whole seconds on the wire: the end
        is rounded up)."""
        fields = {"type": kind, "start": voc.format_start(start), "end": voc.format_start(ceil_second(end))}
        if limit:
            fields["limit"] = str(limit)
        response = await self.command("history", fields)
        return response.text

    async def pull_history(self, start: datetime, end: datetime) -> list[CallEvent]:
        """Every call that started in [start, end), in windows and pages (each page's last start is the
        next page's first, so a full page never hides a row; duplicates are dropped by call id)."""
        seen: dict[str, CallEvent] = {}
        cursor = start
        while cursor < end:
            window_end = min(end, cursor + PULL_WINDOW)
            pulled = parse_history(
                await self.history(cursor, window_end, limit=PULL_PAGE), self.account.id, self.region
            )
            for event in pulled.events:
                seen.setdefault(event.call_id, event)
            if pulled.rows < PULL_PAGE:
                cursor = window_end
                continue
            latest = max((e.started_at for e in pulled.events if e.started_at), default=cursor)
            cursor = latest if latest > cursor else cursor + timedelta(seconds=1)
        return list(seen.values())

    # -- queues and do-not-disturb (public implementations) ------------------------------------------
    async def subscribe_on_calls(self, on: bool, *, user: str | None = None, group_id: str | None = None) -> None:
        """Join (``on``) or leave the call queues (of one group, or all)."""
        await self.command(
            "subscribeOnCalls",
            {"user": user or self.account.user, "status": "on" if on else "off", "group_id": group_id},
            retry=NO_RETRY,
        )

    async def subscription_status(self, group_id: str, *, user: str | None = None) -> bool:
        data = await self._json("subscriptionStatus", {"user": user or self.account.user, "group_id": group_id})
        return _flag(data, "status")

    async def set_dnd(self, state: bool, *, user: str | None = None) -> None:
        await self.command(
            "set_dnd", {"user": user or self.account.user, "state": "true" if state else "false"}, retry=NO_RETRY
        )

    async def get_dnd(self, *, user: str | None = None) -> bool:
        data = await self._json("get_dnd", {"user": user or self.account.user})
        return _flag(data, "state", "status")

    # -- recordings ----------------------------------------------------------------------------------
    def open_recording(self, call_id: str, url: str | None) -> AbstractAsyncContextManager[Download]:
        """The ``link`` of the call's history (unauthenticated; kept about a week by the PBX)."""
        if not url:
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "This call has no recording link."), account=self.account.id
            )
        hosts = {h for h in (self.http.host, urlsplit(url).hostname) if h}
        return self.http.stream(url, allowed_hosts=frozenset(h.lower() for h in hosts))

    def is_me(self, agent: str | None) -> bool:
        return voc.agent_login(agent) == voc.agent_login(self.account.user) and bool(agent)

    async def aclose(self) -> None:
        await self.http.aclose()


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        data = data.get("items") or data.get("data") or []
    if not isinstance(data, list):
        raise Unavailable("Cloud PBX answered with an unexpected list format.")
    return [item for item in data if isinstance(item, dict)]


def _flag(data: Any, *keys: str) -> bool:
    if isinstance(data, dict):
        for key in keys:
            if key in data:
                value = data[key]
                return value is True or str(value).strip().lower() in ("on", "true", "1", "yes")
    raise Unavailable(f"Cloud PBX answered without {' or '.join(keys)}: {str(data)[:100]}")


def _call_id_of(response: httpx.Response) -> str | None:
    """The call id from a ``makeCall`` answer: empty (document), ``{"uuid"}`` or ``{"CallID"}`` (deployments)."""
    text = response.text.strip()
    if not text:
        return None
    try:
        data = response.json()
    except (ValueError, RecursionError):  # unreadable, or nested a thousand levels deep: no call id
        return None
    if isinstance(data, dict):
        for key in ("uuid", "CallID", "callid", "call_id"):
            if data.get(key):
                return str(data[key])
    return None
