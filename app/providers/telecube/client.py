"""TeleCube virtual PBX and its CCRM, as seen from the CRM desktop.

CCRM public API (``https://<name>.ccrm.pl/publicApi/…``, ``Authorization: Bearer <key>``, envelope
``{"success", "data", "otherData", "message"}``): ``users/sipAccounts``, ``call/presentation/available``
and ``sms/presentation/available`` (provider document); ``users`` with presence, ``users/groupsType``,
``people`` and ``callHistory`` (seen in public implementations, not in the provider document). Lists come
1,000 items a page (``?page=N``, total in ``otherData.totalCount``): :meth:`TeleCubeClient.list_all`
reads every page. Click-to-call is the older panel API (public implementations only):
``POST https://panel.telecube.pl/api/<login>/web_call/`` with ``api_key``, ``caller_id``, ``contact_a``
(the agent's extension), ``contact_b`` (digits), ``set_caller_id_leg=ab``; success is ``error == "OK"``.

Every request — panel included — passes the account's request gate first (1,000 a day, 20,000 a
billing period: see :mod:`app.services.budget`); the provider's own 403 "Request limit has been
exceeded" is a :class:`~app.core.errors.RateLimited` and closes the gate until the day turns.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

import httpx

from app.core.accounts import Account, Provider
from app.core.errors import NOT_DIALLABLE, QT_TRANSLATE_NOOP, InvalidNumber, InvalidRequest, Unavailable
from app.core.models import Agent, CallEvent, Contact
from app.core.phone import DEFAULT_REGION, PhoneNumber
from app.providers.base import CAPABILITIES, CallerId, DialResult, ProviderClient, SmsSender, ceil_second
from app.providers.http import NO_RETRY, READ_RETRY, ErrorStyle, ProviderHttp, RequestGate
from app.providers.telecube import records

DEFAULT_PANEL_URL = "https://panel.telecube.pl"
PAGE_SIZE = 1000
MAX_PAGES = 200  # 200,000 items: a guard against a server that never says "last page"
USERS_MAX_AGE_S = 6 * 3600  # the uuid → extension map behind callHistory's receivers
STYLE = ErrorStyle(
    provider="TeleCube",
    auth_hint=QT_TRANSLATE_NOOP(
        "Problem",
        "The API key is wrong, this computer's IP address is not on the "
        "allow-list, or the API service is off (TeleCube panel › Rozbudowa "
        "Centrali › Integracja API).",
    ),
    forbidden_is_rate_limit=True,
    rate_limit_hint=QT_TRANSLATE_NOOP(
        "Problem", "TeleCube allows 1,000 API requests a day and 20,000 a billing period."
    ),
)


class TeleCubeClient(ProviderClient):
    capabilities = CAPABILITIES[Provider.TELECUBE]
    provider_name = "TeleCube"

    def __init__(
        self,
        account: Account,
        api_key: str,
        panel_api_key: str | None = None,
        *,
        region: str = DEFAULT_REGION,
        transport: httpx.AsyncBaseTransport | None = None,
        gate: RequestGate | None = None,
        **http: Any,
    ) -> None:
        super().__init__(account, region)
        self._panel_key = panel_api_key or api_key
        self._gate = gate
        self.http = ProviderHttp(
            account.id,
            account.base_url,
            STYLE,
            transport=transport,
            gate=gate,
            headers={"Authorization": f"Bearer {api_key}", "Accept": "application/json"},
            **http,
        )
        self._extensions: dict[str, str] = {}
        self._extensions_at = float("-inf")

    @property
    def request_gate(self) -> RequestGate | None:
        return self._gate

    # -- the CCRM envelope --------------------------------------------------------------------------
    async def get(self, path: str, params: dict[str, str] | None = None) -> tuple[Any, dict[str, Any]]:
        """``data`` and ``otherData`` of one CCRM answer; ``success: false`` is an error with its message."""
        body = await self.http.json("GET", f"/publicApi/{path.strip('/')}", params=params, retry=READ_RETRY)
        if not isinstance(body, dict):
            raise Unavailable("TeleCube answered without its usual envelope.", account=self.account.id)
        if body.get("success") is False:
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "TeleCube refused {request}: “{reason}”."),
                fields={"request": path, "reason": records.text(body.get("message")) or "?"},
                account=self.account.id,
                status=200,
                body=str(body)[:500],
            )
        return body.get("data"), records.obj(body.get("otherData"))

    async def list_all(self, path: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every item of a paged list (one request per 1,000 items)."""
        items: list[dict[str, Any]] = []
        for page in range(1, MAX_PAGES + 1):
            data, other = await self.get(path, {**(params or {}), "page": str(page)})
            chunk = [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []
            items += chunk
            count = records.text(other.get("totalCount"))  # a number, or the same as text
            total = int(count) if count.isdecimal() else None
            if len(chunk) < PAGE_SIZE or (total is not None and len(items) >= total):
                break
        return items

    # -- lists ------------------------------------------------------------------------------------------
    async def users(self) -> list[dict[str, Any]]:
        return await self.list_all("users")

    async def agents(self) -> list[Agent]:
        """CCRM users with presence (online/offline, DND), keyed by extension."""
        users = await self.users()
        self._remember_extensions(users)
        return [a for a in (records.user_agent(u, self.account.id) for u in users) if a is not None]

    async def sip_accounts(self) -> list[dict[str, Any]]:
        return await self.list_all("users/sipAccounts")

    async def groups_type(self) -> list[dict[str, Any]]:
        return await self.list_all("users/groupsType")

    async def caller_ids(self) -> list[CallerId]:
        items = await self.list_all("call/presentation/available")
        return [c for c in (records.caller_id(i, self.region) for i in items) if c is not None]

    async def sms_senders(self) -> list[SmsSender]:
        items = await self.list_all("sms/presentation/available")
        return [s for s in (records.sms_sender(i) for i in items) if s is not None]

    async def people(self) -> list[Contact]:
        """The CCRM's people as contacts (all pages; people without a name are skipped)."""
        items = await self.list_all("people")
        return [c for c in (records.person_contact(i, self.region) for i in items) if c is not None]

    # -- history ----------------------------------------------------------------------------------------
    async def call_history(self, start: datetime, end: datetime) -> list[dict[str, Any]]:
        """Raw ``callHistory`` items between two times (the range is required by the API; whole seconds)."""
        return await self.list_all(
            "callHistory", {"dateFrom": records.format_local(start), "dateTo": records.format_local(ceil_second(end))}
        )

    async def pull_history(self, start: datetime, end: datetime) -> list[CallEvent]:
        if time.monotonic() - self._extensions_at > USERS_MAX_AGE_S:
            self._remember_extensions(await self.users())
        items = await self.call_history(start, end)
        events = (records.call_event(i, self.account.id, self.region, self._extensions) for i in items)
        return [e for e in events if e is not None and e.started_at is not None and start <= e.started_at < end]

    def _remember_extensions(self, users: list[dict[str, Any]]) -> None:
        self._extensions = {
            records.text(u.get("uuid")): records.text(u.get("extension"))
            for u in users
            if records.text(u.get("uuid")) and records.text(u.get("extension"))
        }
        self._extensions_at = time.monotonic()

    # -- click-to-call (panel API) -----------------------------------------------------------------------
    async def make_call(
        self, number: PhoneNumber, caller_id: str | None = None, *, as_user: str | None = None
    ) -> DialResult:
        """``web_call``: rings the extension ``contact_a`` — ``as_user`` when given, else ``account.user`` —
        then ``number``, presenting ``caller_id``. Never retried."""
        if not number.is_valid:
            raise InvalidNumber(NOT_DIALLABLE, fields={"number": number.raw})
        extension = self.rings_first(as_user)
        if not self.account.login or not extension:
            raise InvalidRequest(
                QT_TRANSLATE_NOOP(
                    "Problem", "Click-to-call through TeleCube needs the panel login and your extension."
                ),
                hint=QT_TRANSLATE_NOOP("Problem", "Enter 'login' and 'user' (extension) in Settings › Accounts."),
                account=self.account.id,
            )
        presented = "".join(ch for ch in (caller_id or self.account.caller_id) if ch.isdigit())
        fields = {"api_key": self._panel_key}
        if presented:
            fields["caller_id"] = presented
        fields.update(contact_a=extension, contact_b=number.digits, set_caller_id_leg="ab")
        panel = (self.account.panel_url or DEFAULT_PANEL_URL).rstrip("/")
        response = await self.http.request(
            "POST", f"{panel}/api/{self.account.login}/web_call/", data=fields, retry=NO_RETRY
        )
        body = self.http.decode_json(response)
        outcome = records.text(body.get("error")) if isinstance(body, dict) else ""
        if outcome.upper() != "OK":
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "TeleCube did not place the call: “{reason}”."),
                fields={"reason": outcome or str(body)[:100]},
                account=self.account.id,
                status=response.status_code,
                body=response.text[:500],
            )
        call_id = records.text(body.get("id")) or None
        return DialResult(self.account.id, number, call_id, presented or None, extension)

    def is_me(self, agent: str | None) -> bool:
        return bool(agent) and records.text(agent) == records.text(self.account.user)

    async def aclose(self) -> None:
        await self.http.aclose()
