"""TeleDiscount as seen from the CRM: ``GET https://my.telediscount.ru/api.php/telephony/<method>``.

Methods (the document is the whole contract; nothing public adds to it): ``outcome`` (click-to-call:
``num_a`` = the agent's SIP account, ``num_b`` = digits), ``get_calls`` (call records, optional filters
``api_call_id``, ``num_a``, ``num_m``, ``num_b``), ``get_record`` (one call's recording).

The document gives no error format, so any non-2xx — and a 2xx JSON body with an ``error`` field — is a
failure showing the provider's words. ``get_calls`` has no date filter: a history pull fetches the list
and keeps the window locally.
"""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any

import httpx

from app.core.accounts import Account, Provider
from app.core.errors import NOT_DIALLABLE, QT_TRANSLATE_NOOP, InvalidNumber, InvalidRequest, Unavailable
from app.core.models import CallEvent, utcnow
from app.core.phone import DEFAULT_REGION, PhoneNumber
from app.providers.base import CAPABILITIES, DialResult, ProviderClient
from app.providers.http import NO_RETRY, READ_RETRY, TRY_LATER, Download, ErrorStyle, ProviderHttp, RetryPolicy
from app.providers.telediscount.records import record_event, same_sip_account

API_PATH = "/api.php/telephony/"
FILTERS = ("api_call_id", "num_a", "num_m", "num_b")
STYLE = ErrorStyle(
    provider="TeleDiscount",
    auth_hint=QT_TRANSLATE_NOOP(
        "Problem",
        "Check the key shown in the TeleDiscount cabinet as «КЛЮЧ ДЛЯ "
        "ИНТЕГРАЦИИ С CRM» (Settings › Accounts › api_key).",
    ),
    rate_limit_hint=TRY_LATER,
)


class TeleDiscountClient(ProviderClient):
    capabilities = CAPABILITIES[Provider.TELEDISCOUNT]
    provider_name = "TeleDiscount"

    def __init__(
        self,
        account: Account,
        api_key: str,
        *,
        region: str = DEFAULT_REGION,
        transport: httpx.AsyncBaseTransport | None = None,
        **http: Any,
    ) -> None:
        super().__init__(account, region)
        self._key = api_key
        self.http = ProviderHttp(account.id, account.base_url, STYLE, transport=transport, **http)

    async def _get(self, method: str, params: dict[str, str], retry: RetryPolicy = READ_RETRY) -> Any:
        query = {**params, "abonent_api_key": self._key}
        data = self.http.decode_json(await self.http.request("GET", API_PATH + method, params=query, retry=retry))
        if isinstance(data, dict) and data.get("error"):
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "TeleDiscount refused {request}: “{reason}”."),
                fields={"request": method, "reason": data["error"]},
                account=self.account.id,
                status=200,
                body=str(data)[:500],
            )
        return data

    async def make_call(
        self, number: PhoneNumber, caller_id: str | None = None, *, as_user: str | None = None
    ) -> DialResult:
        """``outcome``: rings the SIP account ``num_a`` — ``as_user`` when given, else ``account.user`` — then
        ``num_b``. Never retried."""
        if not number.is_valid:
            raise InvalidNumber(NOT_DIALLABLE, fields={"number": number.raw})
        sip = self.rings_first(as_user)
        if not sip:
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "The account has no SIP account to ring first."),
                hint=QT_TRANSLATE_NOOP(
                    "Problem", "Enter yours (e.g. SIP/00000000672) as 'user' in Settings › Accounts."
                ),
                account=self.account.id,
            )
        data = await self._get("outcome", {"num_a": sip, "num_b": number.digits}, retry=NO_RETRY)
        call_id = data.get("api_call_id") if isinstance(data, dict) else None
        return DialResult(self.account.id, number, str(call_id) if call_id else None, user=sip)

    async def get_calls(self, **filters: str) -> list[dict[str, Any]]:
        """Call records, filtered exactly on any of ``api_call_id``, ``num_a``, ``num_m``, ``num_b``."""
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise ValueError(f"unknown get_calls filters: {sorted(unknown)}")
        data = await self._get("get_calls", {k: v for k, v in filters.items() if v})
        if isinstance(data, dict):
            data = data.get("calls") or data.get("data") or []
        if not isinstance(data, list):
            raise Unavailable(
                "TeleDiscount answered get_calls with something that is not a list.", account=self.account.id
            )
        return [item for item in data if isinstance(item, dict)]

    async def pull_history(self, start: datetime, end: datetime) -> list[CallEvent]:
        now = utcnow()
        events = (record_event(r, self.account.id, self.region, now) for r in await self.get_calls())
        return [e for e in events if e is not None and e.started_at is not None and start <= e.started_at < end]

    def open_recording(self, call_id: str, url: str | None) -> AbstractAsyncContextManager[Download]:
        """``get_record`` (authenticated, on the provider's host) for the call's ``api_call_id``."""
        if not call_id:
            raise InvalidRequest("No call id to fetch a recording for.", account=self.account.id)
        return self.http.stream(
            f"{self.http.base_url}{API_PATH}get_record",
            params={"api_call_id": call_id, "abonent_api_key": self._key},
            allowed_hosts=frozenset({self.http.host}),
        )

    def is_me(self, agent: str | None) -> bool:
        return same_sip_account(agent, self.account.user)

    async def aclose(self) -> None:
        await self.http.aclose()
