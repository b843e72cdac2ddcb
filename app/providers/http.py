"""HTTP plumbing every provider client shares: one long-lived client per account, time-outs, error
mapping, retries for reads, request gating (budgets) and streamed downloads.

Why one ``httpx.AsyncClient`` per account: keep-alive to the provider (a click-to-call must not pay a
TLS handshake), one connection pool to close on shutdown, and one place to inject a transport in tests.

Errors (see :mod:`app.core.errors`) are decided here from the status and the body, so every client
reports the same way::

    3xx            → InvalidRequest  "redirected … the address is probably wrong" (we never follow)
    401            → AuthError       provider's message + the provider's hint (token / IP allow-list …)
    403            → AuthError, or RateLimited where the provider uses 403 for its limit (TeleCube)
    429            → RateLimited     with ``Retry-After`` when sent
    400, 404, 4xx  → InvalidRequest  provider's message (``{"error": …}`` / ``{"message": …}`` / text)
    5xx            → Unavailable
    network, time-out, unreadable body → Unavailable

Why retries are a policy object passed per request: only idempotent reads may be repeated. A second
``makeCall`` rings the agent's phone twice, so writes use :data:`NO_RETRY` and fail on the first error.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from app.core.errors import QT_TRANSLATE_NOOP, AuthError, InvalidRequest, ProviderError, RateLimited, Unavailable
from app.core.models import utcnow
from app.providers.linkguard import GuardedTransport

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=15.0, write=10.0, pool=5.0)
USER_AGENT = "Ringdesk/0.1 (+https://ringdesk.example)"
MAX_RETRY_AFTER_S = 86400.0  # a provider asking us to wait longer than a day is asked again tomorrow
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How often and how patiently to repeat an idempotent request that failed for a passing reason.

    Delays grow exponentially from ``base_delay`` up to ``max_delay``, each stretched by up to
    ``jitter`` (a fraction) so that many desktops coming back online do not hit the provider in step.
    A provider's ``Retry-After`` is honoured when it is no longer than ``max_delay``; longer waits are
    the caller's business (sync reschedules itself), so the error is raised at once.
    """

    attempts: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    jitter: float = 0.3

    def delay(self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
        """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 1)."""
        if retry_after is not None:
            return retry_after
        base = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return base * (1 + self.jitter * (rng or random).random())

    def retries(self, error: ProviderError, attempt: int) -> bool:
        """Whether ``error`` after attempt ``attempt`` is worth another try."""
        if attempt >= self.attempts:
            return False
        if isinstance(error, RateLimited):
            return error.retry_after is not None and error.retry_after <= self.max_delay
        return isinstance(error, Unavailable)


TRY_LATER = QT_TRANSLATE_NOOP("Problem", "Ringdesk will try again later.")
NO_RETRY = RetryPolicy(attempts=1)
READ_RETRY = RetryPolicy()


class RequestGate(Protocol):
    """Asked before every request; raises :class:`RateLimited` to refuse it (TeleCube's request budget)."""

    def acquire(self) -> None: ...

    def provider_refused(self, retry_after: float | None) -> None:
        """The provider itself said its limit is spent: stop asking until it resumes."""


@dataclass(frozen=True, slots=True)
class ErrorStyle:
    """How one provider words its errors, and what to tell the user about them."""

    provider: str  # "Cloud PBX", used in every message
    auth_hint: str
    forbidden_is_rate_limit: bool = False
    rate_limit_hint: str = ""
    redirect_hint: str = QT_TRANSLATE_NOOP("Problem", "Check the account's address in Settings › Accounts.")


def provider_message(body: str) -> str:
    """The provider's own words from an error body: ``error`` / ``message`` of a JSON object, else text."""
    text = body.strip()
    try:
        data = loads_lenient(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("error", "message", "detail"):
            value = data.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    plain = " ".join(_TAGS.sub(" ", text).split())
    return plain[:200]


def loads_lenient(text: str) -> Any:
    """JSON, tolerating the trailing commas the CCRM document's samples have. ``ValueError`` if unreadable."""
    try:
        return json.loads(text)
    except RecursionError as exc:  # a hostile or broken answer nested a thousand levels deep
        raise ValueError("JSON nested too deeply") from exc
    except ValueError:
        try:
            return json.loads(_TRAILING_COMMA.sub(r"\1", text))
        except RecursionError as exc:
            raise ValueError("JSON nested too deeply") from exc


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds (delta-seconds or an HTTP date); None if absent or unreadable.

    Only ASCII digits count (``"²".isdigit()`` is true but no number), and a wait is capped at
    ``MAX_RETRY_AFTER_S``: an absurd value (``9…9`` → infinity) would otherwise overflow the scheduler."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, (moment - utcnow()).total_seconds()), MAX_RETRY_AFTER_S)


def error_for(response: httpx.Response, style: ErrorStyle, account: str) -> ProviderError | None:
    """The typed error a response stands for, or None if it is a success (2xx)."""
    status = response.status_code
    if 200 <= status < 300:
        return None
    body = response.text[:2000] if response.content else ""
    said = provider_message(body)
    fields = {"provider": style.provider, "status": status, "quoted": f": “{said}”" if said else ""}
    common: dict[str, Any] = {"account": account, "status": status, "body": body, "fields": fields}
    if 300 <= status < 400:
        fields["target"] = response.headers.get("location", "") or "?"
        return InvalidRequest(
            QT_TRANSLATE_NOOP(
                "Problem",
                "{provider} redirected the request to {target}: the address (domain) of the account is probably wrong.",
            ),
            hint=style.redirect_hint,
            **common,
        )
    if status == 401 or (status == 403 and not style.forbidden_is_rate_limit):
        return AuthError(
            QT_TRANSLATE_NOOP("Problem", "{provider} refused the credentials{quoted}."), hint=style.auth_hint, **common
        )
    if status == 429 or status == 403:
        return RateLimited(
            QT_TRANSLATE_NOOP("Problem", "{provider} says its request limit is reached{quoted}."),
            retry_after=retry_after_seconds(response.headers.get("retry-after")),
            hint=style.rate_limit_hint,
            **common,
        )
    if 400 <= status < 500:
        return InvalidRequest(
            QT_TRANSLATE_NOOP("Problem", "{provider} rejected the request (HTTP {status}){quoted}."), **common
        )
    return Unavailable(
        QT_TRANSLATE_NOOP("Problem", "{provider} is having trouble (HTTP {status}){quoted}."), hint=TRY_LATER, **common
    )


class ProviderHttp:
    """One provider account's HTTP client: requests with error mapping, retries and gating."""

    def __init__(
        self,
        account: str,
        base_url: str,
        style: ErrorStyle,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        headers: dict[str, str] | None = None,
        gate: RequestGate | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.account = account
        self.base_url = base_url.rstrip("/")
        self.style = style
        self.gate = gate
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._transport = transport
        self._timeout = timeout
        self._headers = {"User-Agent": USER_AGENT, **(headers or {})}
        self.client = httpx.AsyncClient(
            transport=transport, timeout=timeout, follow_redirects=False, trust_env=False, headers=self._headers
        )
        self._downloads: httpx.AsyncClient | None = None

    @property
    def downloads(self) -> httpx.AsyncClient:
        """The client of :meth:`stream`: on the real network, its transport lets a link reach only checked
        addresses (:mod:`app.providers.linkguard`); a transport given for tests is used as it is."""
        if self._downloads is None:
            transport = self._transport or GuardedTransport(
                httpx.AsyncHTTPTransport(trust_env=False), self.host, account=self.account
            )
            self._downloads = httpx.AsyncClient(
                transport=transport,
                timeout=self._timeout,
                follow_redirects=False,
                trust_env=False,
                headers=self._headers,
            )
        return self._downloads

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: dict[str, str] | None = None,
        data: dict[str, str] | None = None,
        retry: RetryPolicy = NO_RETRY,
    ) -> httpx.Response:
        """Send a request (``url`` absolute, or relative to the base URL); a 2xx response or a typed error."""
        target = url if url.startswith(("http://", "https://")) else f"{self.base_url}/{url.lstrip('/')}"
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self._send_once(method, target, params, data)
                error = error_for(response, self.style, self.account)
            except ProviderError as exc:
                error = exc
            if error is None:
                return response
            if isinstance(error, RateLimited) and self.gate is not None and error.status is not None:
                self.gate.provider_refused(error.retry_after)
            if not retry.retries(error, attempt):
                raise error
            pause = retry.delay(attempt, getattr(error, "retry_after", None), self._rng)
            log.info("%s: %s; retrying in %.1f s", self.account, error.message, pause)
            await self._sleep(pause)

    async def _send_once(
        self, method: str, url: str, params: dict[str, str] | None, data: dict[str, str] | None
    ) -> httpx.Response:
        if self.gate is not None:
            self.gate.acquire()
        try:
            return readable(await self.client.request(method, url, params=params, data=data))
        except httpx.TransportError as exc:
            raise self._transport_error(exc) from exc
        except httpx.InvalidURL as exc:
            raise self._invalid_url(exc) from exc

    def _transport_error(self, exc: httpx.TransportError) -> Unavailable:
        host = urlsplit(str(exc.request.url)).hostname if _has_request(exc) else self.host
        fields = {"provider": self.style.provider, "host": host, "reason": str(exc) or type(exc).__name__}
        if isinstance(exc, httpx.TimeoutException):
            return Unavailable(
                QT_TRANSLATE_NOOP("Problem", "{provider} ({host}) did not answer in time."),
                hint=TRY_LATER,
                fields=fields,
                account=self.account,
            )
        return Unavailable(
            QT_TRANSLATE_NOOP("Problem", "Cannot reach {provider} at {host}: {reason}."),
            hint=QT_TRANSLATE_NOOP("Problem", "Check the network connection."),
            fields=fields,
            account=self.account,
        )

    def _invalid_url(self, exc: httpx.InvalidURL) -> InvalidRequest:
        """httpx refuses a URL: ours (a mistyped account address) or a redirect's ``Location`` (httpx parses
        it even when not following), e.g. a portal answering ``Location: javascript:…``."""
        return InvalidRequest(
            QT_TRANSLATE_NOOP(
                "Problem",
                "{provider}: the account's address, or the address it redirected to, is not usable ({reason}).",
            ),
            hint=self.style.redirect_hint,
            fields={"provider": self.style.provider, "reason": exc},
            account=self.account,
        )

    async def json(self, method: str, url: str, **kwargs: Any) -> Any:
        """A request whose answer must be JSON (lenient: trailing commas are forgiven)."""
        response = await self.request(method, url, **kwargs)
        return self.decode_json(response)

    def decode_json(self, response: httpx.Response) -> Any:
        try:
            return loads_lenient(response.text)
        except ValueError:
            raise Unavailable(
                QT_TRANSLATE_NOOP("Problem", "{provider} answered something that is not JSON."),
                fields={"provider": self.style.provider},
                account=self.account,
                status=response.status_code,
                body=response.text[:500],
            ) from None

    @asynccontextmanager
    async def stream(
        self,
        url: str,
        *,
        params: dict[str, str] | None = None,
        allowed_hosts: frozenset[str] = frozenset(),
        max_redirects: int = 3,
    ) -> AsyncIterator[Download]:
        """Open a GET for streaming (recordings). Redirects are followed only to ``allowed_hosts``
        (the provider's host and the link's own), and only over http(s); every hop's addresses are checked
        where the connection is made (:attr:`downloads`)."""
        target = url
        for _ in range(max_redirects + 1):
            check_link(target, allowed_hosts)
            if self.gate is not None:
                self.gate.acquire()
            request = self.downloads.build_request("GET", target, params=params)
            try:
                response = await self.downloads.send(request, stream=True)
            except httpx.TransportError as exc:
                raise self._transport_error(exc) from exc
            except httpx.InvalidURL as exc:
                raise self._invalid_url(exc) from exc
            try:
                if response.is_redirect and response.headers.get("location"):
                    target = str(response.url.join(response.headers["location"]))
                    params = None
                    continue
                if not response.is_success:
                    await response.aread()
                    readable(response)
                    error = error_for(response, self.style, self.account)
                    raise error or Unavailable("unexpected answer", account=self.account)
                yield Download(response)
                return
            finally:
                await response.aclose()
        raise InvalidRequest(
            QT_TRANSLATE_NOOP("Problem", "{provider}: too many redirects for {url}."),
            fields={"provider": self.style.provider, "url": url},
            account=self.account,
        )

    async def aclose(self) -> None:
        await self.client.aclose()
        if self._downloads is not None:
            await self._downloads.aclose()


class Download:
    """A streamed answer: its media type, announced size, and the body in chunks (no httpx outside)."""

    def __init__(self, response: httpx.Response) -> None:
        self._response = response

    @property
    def media_type(self) -> str:
        return self._response.headers.get("content-type", "").split(";", 1)[0].strip()

    @property
    def size(self) -> int | None:
        value = self._response.headers.get("content-length", "")
        return int(value) if value.isdigit() else None

    def chunks(self, size: int = 64 * 1024) -> AsyncIterator[bytes]:
        return self._response.aiter_bytes(size)


def readable(response: httpx.Response) -> httpx.Response:
    """``response`` with a ``.text`` that can be read: a declared charset whose decoder raises even in
    "replace" mode (UTF-16/32 without a byte-order mark: ``UnicodeError``) falls back to UTF-8, so an odd
    answer becomes a readable provider error instead of a crash."""
    try:
        response.text  # noqa: B018 - decodes once and caches
    except UnicodeError:
        response.encoding = "utf-8"
    return response


def check_link(url: str, allowed_hosts: frozenset[str]) -> None:
    """Refuse anything but an http(s) URL to one of ``allowed_hosts`` (empty set: any host)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRequest(
            QT_TRANSLATE_NOOP("Problem", "Refusing to download {url}: only http(s) links are followed."),
            fields={"url": repr(url)},
        )
    if allowed_hosts and parts.hostname.lower() not in allowed_hosts:
        raise InvalidRequest(
            QT_TRANSLATE_NOOP(
                "Problem",
                "Refusing to download from {host}: it is neither the provider's host nor the host the provider named.",
            ),
            fields={"host": parts.hostname},
        )


def _has_request(exc: httpx.TransportError) -> bool:
    try:
        exc.request  # noqa: B018 - raises RuntimeError when the error carries no request
    except RuntimeError:
        return False
    return True
