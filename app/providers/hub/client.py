"""The desktop's end of the team hub's API (docs/hub-protocol.md): REST over httpx, the stream over an aiohttp
WebSocket.

An account with ``provider = "hub"`` holds the hub's URL (``base_url``), the user's login (``user``) and the
user's token (secret ``token``), never a provider's. Everything this client is asked goes through the hub,
which dials with the user's own identity and answers only about calls this user may see.

Why its own error mapping rather than :func:`app.providers.http.error_for`: the hub answers every error as
``{"error": word, "message": sentence}``, and a 502 carries the *provider's* problem (``problem``: its
template and fields), which is rebuilt here as the same :class:`~app.core.errors.Problem` type so the user
reads the provider's sentence in their own language. A 401 means this computer's token was reset or its user
removed: :class:`AuthError` with a sentence saying to ask for a new invite (the link stops retrying on it).
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from app.core import errors
from app.core.accounts import Account, Role
from app.core.errors import (
    NOT_DIALLABLE,
    QT_TRANSLATE_NOOP,
    AuthError,
    ConfigError,
    InvalidNumber,
    InvalidRequest,
    NotPermitted,
    Problem,
    ProviderError,
    RateLimited,
    Unavailable,
)
from app.core.hub_wire import WireError, decode, encode_contact
from app.core.models import Contact, Note
from app.core.phone import DEFAULT_REGION, PhoneNumber, normalize
from app.core.views import Change, ContactChange, NoteChange
from app.providers.base import Capabilities, Capability, DialResult, ProviderClient
from app.providers.http import USER_AGENT, Download, readable, retry_after_seconds

if TYPE_CHECKING:
    import aiohttp

log = logging.getLogger(__name__)

HUB = "Ringdesk hub"
TIMEOUT = httpx.Timeout(connect=5.0, read=15.0, write=10.0, pool=5.0)
DIAL_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=10.0, pool=5.0)  # the hub waits for the provider
RECORDING_TIMEOUT = httpx.Timeout(connect=5.0, read=60.0, write=10.0, pool=5.0)
HEARTBEAT_S = 4.0  # WebSocket pings; a missed pong (after half of it) closes: a dead hub is noticed in ~6 s
CONNECT_TIMEOUT_S = 10.0
CLOSE_REVOKED = 4001  # the hub cut a removed or reset user
CLOSE_TOO_SLOW = 4008  # the desktop's send queue overflowed: resume after the last stored seq

REVOKED = QT_TRANSLATE_NOOP("Problem", "This computer's access to the hub was revoked or reset: ask for a new invite.")
REVOKED_HINT = QT_TRANSLATE_NOOP("Problem", "Paste the new join link with 'ringdesk join LINK' or in Settings.")

C = Capability
CAPABILITIES = Capabilities(
    frozenset({C.LIVE_EVENTS, C.CLICK_TO_CALL, C.RECORDINGS}),
    {
        C.CONTACT_ANSWERS: QT_TRANSLATE_NOOP("Problem", "The team hub answers the providers' questions itself."),
        C.HISTORY_PULL: QT_TRANSLATE_NOOP(
            "Problem", "The team hub keeps the history: this desktop receives it over its connection."
        ),
        C.AGENTS: QT_TRANSLATE_NOOP("Problem", "The team hub does not share the providers' user lists."),
        C.CALLER_ID_CHOICE: QT_TRANSLATE_NOOP("Problem", "The team hub dials with the number set for you there."),
        C.SMS_SENDERS: QT_TRANSLATE_NOOP("Problem", "The team hub does not send SMS."),
        C.PRESENCE: QT_TRANSLATE_NOOP("Problem", "The team hub does not report who is online."),
    },
)

# The Problem types a 502's ``problem`` may name (anything else becomes a plain ProviderError).
_PROBLEM_TYPES: dict[str, type[Problem]] = {
    cls.__name__: cls
    for cls in (
        errors.Problem,
        errors.ConfigError,
        errors.SecretStoreError,
        errors.StorageError,
        errors.InvalidNumber,
        errors.NotPermitted,
        errors.ProviderError,
        errors.AuthError,
        errors.RateLimited,
        errors.InvalidRequest,
        errors.Unavailable,
    )
}


# The class a status stands for when its ``problem`` names none (app/server/desktop_api/answers.py).
_PROBLEM_DEFAULTS: dict[int, type[Problem]] = {
    400: InvalidNumber,
    403: NotPermitted,
    409: errors.ConfigError,
    502: ProviderError,
}


# -- what the hub answers ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HubMe:
    """``GET /api/v1/me`` (and the stream's hello): who this token belongs to, and the hub's latest seq."""

    login: str
    name: str = ""
    role: Role = Role.AGENT
    identities: dict[str, str] = field(default_factory=dict)
    accounts: tuple[dict[str, str], ...] = ()
    seq: int = 0
    hub_id: str = ""  # the hub's identity: another one means its numbers started again ("" from older hubs)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HubMe:
        try:
            role = Role(str(data.get("role") or "agent"))
        except ValueError:
            role = Role.AGENT
        return cls(
            login=str(data.get("login") or ""),
            name=str(data.get("name") or ""),
            role=role,
            identities={str(k): str(v) for k, v in dict(data.get("identities") or {}).items()},
            accounts=tuple(
                {str(k): str(v) for k, v in dict(a).items()} for a in data.get("accounts") or () if isinstance(a, dict)
            ),
            seq=int(data.get("seq") or 0),
            hub_id=str(data.get("hub_id") or ""),
        )


@dataclass(frozen=True, slots=True)
class ChangesPage:
    """``GET /api/v1/changes``: the changes (with their call change words), where to ask next, and whether more wait.

    A change this desktop cannot read (e.g. a status a newer hub knows) is left out and named in
    ``undecodable``; ``seq`` then stops before the first of them, so whoever stores up to ``seq`` asks for it
    again later (when an upgraded desktop can read it) — the changes after it are kept, as they are harmless
    to store twice."""

    changes: list[tuple[Change, str]]
    seq: int
    more: bool
    undecodable: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Hello:
    seq: int
    me: HubMe
    hub_id: str = ""  # the hello's own ``hub_id``, else its ``me``'s


@dataclass(frozen=True, slots=True)
class CaughtUp:
    seq: int


@dataclass(frozen=True, slots=True)
class Undecodable:
    """A numbered change this desktop cannot read (e.g. a status value from a newer hub): ``seq`` its number,
    ``reason`` why. Whoever stores the stream keeps its stored number before it, so it is asked for again."""

    seq: int
    reason: str


@dataclass(frozen=True, slots=True)
class Changed:
    """One change of the stream, and its call change word (``ringing`` … ``updated``; "" for notes, contacts)."""

    change: Change
    what: str


StreamMessage = Hello | CaughtUp | Changed | Undecodable


class HubClient(ProviderClient):
    """One desktop's connection to its team hub (see the module docstring)."""

    capabilities = CAPABILITIES
    provider_name = HUB

    def __init__(
        self,
        account: Account,
        token: str,
        *,
        region: str = DEFAULT_REGION,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = TIMEOUT,
        heartbeat_s: float = HEARTBEAT_S,
        **_ignored: Any,
    ) -> None:
        super().__init__(account, region)
        self.base_url = account.base_url.rstrip("/")
        refuse_plain_http(self.base_url)
        self._token = token
        self.heartbeat_s = heartbeat_s
        self._auth = {"Authorization": f"Bearer {token}"}
        self.http = httpx.AsyncClient(
            transport=transport,
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": USER_AGENT, **self._auth},
        )
        self._session: aiohttp.ClientSession | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    # -- REST ------------------------------------------------------------------------------------------
    async def me(self) -> HubMe:
        return HubMe.from_json(await self._json("GET", "/api/v1/me"))

    async def changes(self, after: int, limit: int = 500) -> ChangesPage:
        data = await self._json("GET", "/api/v1/changes", params={"after": str(after), "limit": str(limit)})
        found: list[tuple[Change, str]] = []
        undecodable: list[int] = []
        seq = int(data.get("seq") or after)
        for message in data.get("changes") or ():
            try:
                found.append(decode(message, recordings_base=self.base_url))
            except (WireError, TypeError, AttributeError) as exc:
                number = _seq_of(message)
                log.warning("%s: cannot read change %s the hub sent: %s", self.account.id, number or "?", exc)
                if number is not None:
                    undecodable.append(number)
                    if len(undecodable) == 1:
                        seq = max([after] + [c.seq for c, _ in found])
        return ChangesPage(found, seq, bool(data.get("more")), tuple(undecodable))

    async def make_call(
        self, number: PhoneNumber, caller_id: str | None = None, *, as_user: str | None = None, account: str = ""
    ) -> DialResult:
        """``POST /api/v1/dial``: the hub rings this user's own phone (their identity at ``account``, which may
        be omitted when they have one), then ``number``. Never retried. The hub decides who rings first from
        the token, so a desktop never names anyone (``as_user`` must stay None)."""
        if not number.is_valid:
            raise InvalidNumber(NOT_DIALLABLE, fields={"number": number.raw})
        if as_user is not None:
            raise NotPermitted(QT_TRANSLATE_NOOP("Problem", "A desktop joined to a hub dials only as its own user."))
        body: dict[str, str] = {"number": number.value}
        if account:
            body["account"] = account
        if caller_id:
            body["caller_id"] = caller_id
        data = await self._json("POST", "/api/v1/dial", json_body=body, timeout=DIAL_TIMEOUT)
        dialled = normalize(str(data.get("number") or number.value), self.region)
        return DialResult(
            account=str(data.get("account") or account or self.account.id),
            number=dialled if dialled.is_valid else number,
            provider_call_id=str(data["call_id"]) if data.get("call_id") else None,
            caller_id=str(data["caller_id"]) if data.get("caller_id") else None,
            user=str(data.get("user") or self.account.user),
        )

    async def post_note(self, note: Note) -> NoteChange:
        """``POST /api/v1/notes``: the stored note as its change (every desktop gets it on its stream too)."""
        body: dict[str, str] = {"phone": note.phone, "text": note.text}
        if note.account:
            body["account"] = note.account
        if note.call_id:
            body["call_id"] = note.call_id
        change = self._change(await self._json("POST", "/api/v1/notes", json_body=body))
        if not isinstance(change, NoteChange):
            raise self._garbage("the note it stored")
        return change

    async def post_contact(self, contact: Contact) -> ContactChange:
        """``POST /api/v1/contacts``: the stored contact as its change."""
        body = {k: v for k, v in encode_contact(contact).items() if k != "id" and v not in ("", None)}
        change = self._change(await self._json("POST", "/api/v1/contacts", json_body=body))
        if not isinstance(change, ContactChange):
            raise self._garbage("the contact it stored")
        return change

    def open_recording(self, call_id: str, url: str | None) -> AbstractAsyncContextManager[Download]:
        """The hub's ``/api/v1/recordings/{account}/{call_id}`` with this user's token (only on the hub's host)."""
        if not url:
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "The hub has no recording of this call."), account=self.account.id
            )
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or (parts.hostname or "") != self.host:
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "Refusing to send the hub's token to {host}."),
                fields={"host": parts.hostname or url},
                account=self.account.id,
            )
        return self._stream_get(url)

    @asynccontextmanager
    async def _stream_get(self, url: str) -> AsyncIterator[Download]:
        request = self.http.build_request("GET", url, timeout=RECORDING_TIMEOUT)
        try:
            response = await self.http.send(request, stream=True)
        except httpx.TransportError as exc:
            raise self._unreachable(exc) from exc
        try:
            if not response.is_success:
                await response.aread()
                raise self._error(readable(response))
            yield Download(response)
        finally:
            await response.aclose()

    def is_me(self, agent: str | None) -> bool:
        """Every call in a hub desktop's cache is one the hub let this user see (its recordings included)."""
        return True

    # -- the stream ------------------------------------------------------------------------------------
    async def stream(self, after: int) -> AsyncIterator[StreamMessage]:
        """``GET /api/v1/stream?after=N`` as a WebSocket: hello, the backlog, caught_up, then live changes.

        Ends only by raising: :class:`AuthError` when the token is refused (HTTP 401, close code 4001),
        :class:`RateLimited` on 429, :class:`Unavailable` for anything else (network, a missed heartbeat, the
        hub closing or restarting: the caller reconnects after its last stored seq).
        """
        import aiohttp

        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers={"User-Agent": USER_AGENT},
                timeout=aiohttp.ClientTimeout(total=None, connect=CONNECT_TIMEOUT_S, sock_connect=CONNECT_TIMEOUT_S),
            )
        url = f"{self.base_url}/api/v1/stream"
        try:
            ws = await self._session.ws_connect(
                url,
                params={"after": str(after)},
                headers=self._auth,
                heartbeat=self.heartbeat_s,
                timeout=aiohttp.ClientWSTimeout(ws_close=5.0),
                max_msg_size=16 * 1024 * 1024,
            )
        except aiohttp.WSServerHandshakeError as exc:
            raise self._handshake_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            raise self._unreachable(exc) from exc
        async with ws:
            async for message in ws:
                if message.type is aiohttp.WSMsgType.TEXT:
                    parsed = self._message(message.data)
                    if parsed is not None:
                        yield parsed
                elif message.type is aiohttp.WSMsgType.ERROR:
                    break
            code, reason = ws.close_code, ws.exception()
        if code == CLOSE_REVOKED:
            raise AuthError(REVOKED, hint=REVOKED_HINT, account=self.account.id, status=401)
        raise Unavailable(
            QT_TRANSLATE_NOOP("Problem", "The connection to the hub was lost ({reason})."),
            hint=QT_TRANSLATE_NOOP("Problem", "Ringdesk reconnects by itself."),
            fields={"reason": _close_reason(code, reason)},
            account=self.account.id,
        )

    def _message(self, text: str) -> StreamMessage | None:
        data: Any = _loads(text)
        if data is None:
            log.warning("%s: skipped a message the hub sent: not JSON, or nested too deep", self.account.id)
            return None
        try:
            kind = data.get("type")
            if kind == "hello":
                me = HubMe.from_json(data.get("me") or {})
                return Hello(int(data.get("seq") or 0), me, str(data.get("hub_id") or me.hub_id))
            if kind == "caught_up":
                return CaughtUp(int(data.get("seq") or 0))
            change, what = decode(data, recordings_base=self.base_url)
            return Changed(change, what)
        except (ValueError, TypeError, AttributeError) as exc:  # WireError is a ValueError
            change_like = isinstance(data, dict) and data.get("type") not in ("hello", "caught_up")
            number = _seq_of(data) if change_like else None
            if number is not None:  # a change: the link decides (and logs it once)
                return Undecodable(number, str(exc) or type(exc).__name__)
            log.warning("%s: skipped a message the hub sent: %s", self.account.id, exc)
            return None

    # -- plumbing --------------------------------------------------------------------------------------
    async def _json(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json_body: object = None,
        timeout: httpx.Timeout | None = None,
    ) -> dict[str, Any]:
        try:
            response = await self.http.request(
                method,
                f"{self.base_url}{path}",
                params=params,
                json=json_body,
                timeout=timeout or self.http.timeout,
            )
        except httpx.TransportError as exc:
            raise self._unreachable(exc) from exc
        except httpx.InvalidURL as exc:
            raise InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "The hub's address is not usable ({reason})."),
                fields={"reason": exc},
                account=self.account.id,
            ) from exc
        readable(response)
        if not response.is_success:
            raise self._error(response)
        data = _loads(response.content)
        if not isinstance(data, dict):
            raise self._garbage(path)
        return data

    def _change(self, message: Mapping[str, Any]) -> Change:
        try:
            return decode(dict(message), recordings_base=self.base_url)[0]
        except WireError as exc:
            raise self._garbage(str(exc)) from exc

    def _error(self, response: httpx.Response) -> Problem:
        """The hub's JSON error as a typed problem (see the table in docs/hub-protocol.md)."""
        status = response.status_code
        parsed = _loads(response.content) if response.content else {}
        data = parsed if isinstance(parsed, dict) else {}
        # Text that is no JSON (a proxy's page) is quoted; JSON that cannot be read says nothing worth showing.
        quotable = parsed is not None or "json" not in response.headers.get("content-type", "")
        said = str(data.get("message") or "").strip() or (response.text[:200].strip() if quotable else "")
        common: dict[str, Any] = {"account": self.account.id, "status": status, "body": response.text[:2000]}
        if status == 401:
            return AuthError(REVOKED, hint=REVOKED_HINT, **common)
        problem = data.get("problem")
        if isinstance(problem, dict) and status in _PROBLEM_DEFAULTS:  # the template, for the user's language
            return _provider_problem(problem, said, self.account.id, status, _PROBLEM_DEFAULTS[status])
        if status == 403:
            return NotPermitted(said or QT_TRANSLATE_NOOP("Problem", "The hub does not let you do this."))
        if status == 429:
            return RateLimited(
                QT_TRANSLATE_NOOP("Problem", "The hub refuses for a while: too many failed sign-ins from here."),
                retry_after=retry_after_seconds(response.headers.get("retry-after")),
                **common,
            )
        if 400 <= status < 500:
            return InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "The hub refused the request (HTTP {status}){quoted}."),
                fields={"status": status, "quoted": f": “{said}”" if said else ""},
                **common,
            )
        return Unavailable(
            QT_TRANSLATE_NOOP("Problem", "The hub is having trouble (HTTP {status}){quoted}."),
            hint=QT_TRANSLATE_NOOP("Problem", "Ringdesk will try again later."),
            fields={"status": status, "quoted": f": “{said}”" if said else ""},
            **common,
        )

    def _handshake_error(self, exc: aiohttp.WSServerHandshakeError) -> ProviderError:
        if exc.status == 401:
            return AuthError(REVOKED, hint=REVOKED_HINT, account=self.account.id, status=401)
        if exc.status == 429:
            retry = retry_after_seconds(exc.headers.get("Retry-After") if exc.headers else None)
            return RateLimited(
                QT_TRANSLATE_NOOP("Problem", "The hub refuses for a while: too many failed sign-ins from here."),
                retry_after=retry,
                account=self.account.id,
                status=429,
            )
        if exc.status in (403, 404):
            return InvalidRequest(
                QT_TRANSLATE_NOOP("Problem", "The hub refused the connection (HTTP {status}): {reason}."),
                fields={"status": exc.status, "reason": exc.message},
                account=self.account.id,
                status=exc.status,
            )
        return Unavailable(
            QT_TRANSLATE_NOOP("Problem", "The hub refused the connection (HTTP {status}): {reason}."),
            hint=QT_TRANSLATE_NOOP("Problem", "Ringdesk reconnects by itself."),
            fields={"status": exc.status, "reason": exc.message},
            account=self.account.id,
            status=exc.status,
        )

    def _unreachable(self, exc: BaseException) -> Unavailable:
        timed_out = isinstance(exc, httpx.TimeoutException | TimeoutError | asyncio.TimeoutError)
        fields = {"host": self.host, "reason": str(exc) or type(exc).__name__}
        if timed_out:
            return Unavailable(
                QT_TRANSLATE_NOOP("Problem", "The hub ({host}) did not answer in time."),
                hint=QT_TRANSLATE_NOOP("Problem", "Ringdesk will try again later."),
                fields=fields,
                account=self.account.id,
            )
        return Unavailable(
            QT_TRANSLATE_NOOP("Problem", "Cannot reach the hub at {host}: {reason}."),
            hint=QT_TRANSLATE_NOOP("Problem", "Check the network connection."),
            fields=fields,
            account=self.account.id,
        )

    def _garbage(self, what: str) -> Unavailable:
        return Unavailable(
            QT_TRANSLATE_NOOP("Problem", "The hub answered something Ringdesk cannot read ({what})."),
            fields={"what": what},
            account=self.account.id,
        )

    async def aclose(self) -> None:
        await self.http.aclose()
        if self._session is not None:
            await self._session.close()
            self._session = None


def _loads(text: str | bytes) -> Any:
    """What the hub sent, read as JSON; None when it is none. Why a function: ``json`` raises ``ValueError`` for
    malformed text but ``RecursionError`` for nesting deeper than the interpreter's stack (``[[[[…]]]]`` 1,000
    deep), and whatever answers at the hub's address must never crash a caller or end the stream with either."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _seq_of(message: object) -> int | None:
    """The number a message carries (a change), or None (not a change, or garbage)."""
    seq = message.get("seq") if isinstance(message, dict) else None
    return seq if isinstance(seq, int) and not isinstance(seq, bool) and seq > 0 else None


def refuse_plain_http(url: str) -> None:
    """Raise :class:`ConfigError` for an ``http://`` hub beyond loopback: every request carries the user's token,
    which would cross the network in clear. Loopback (the demo, tests, a hub on this machine) stays allowed."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "http" and not is_loopback(parts.hostname or ""):
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "Problem", "Refusing to send the hub's token in clear to {url}: the hub must be an https:// address."
            ),
            hint=QT_TRANSLATE_NOOP(
                "Problem",
                "Ask for a join link with https:// (e.g. the hub behind its TLS proxy) and join again.",
            ),
            fields={"url": url},
        )


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (``localhost``, 127.0.0.0/8, ``::1``)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _provider_problem(
    problem: Mapping[str, Any], said: str, account: str, status: int, default: type[Problem] = ProviderError
) -> Problem:
    """An error's ``problem`` (``{"template", "hint", "fields"}``, and ``type`` when the hub names the class) as
    the Problem the hub met; without a ``type``, the class the status stands for (``default``)."""
    kind = str(problem.get("type") or problem.get("kind") or "")
    cls = _PROBLEM_TYPES.get(kind, default)
    template = str(problem.get("template") or problem.get("message") or said or "The provider failed.")
    hint = str(problem.get("hint_template") or problem.get("hint") or "")
    raw_fields = problem.get("fields")
    fields = dict(raw_fields) if isinstance(raw_fields, dict) else {}
    if issubclass(cls, RateLimited):
        retry = problem.get("retry_after")
        return cls(
            template,
            hint=hint,
            fields=fields,
            account=account,
            status=status,
            retry_after=float(retry) if isinstance(retry, int | float) else None,
        )
    if issubclass(cls, ProviderError):
        return cls(template, hint=hint, fields=fields, account=account, status=status)
    return cls(template, hint=hint, fields=fields)


def _close_reason(code: int | None, error: BaseException | None) -> str:
    if error is not None:
        return str(error) or type(error).__name__
    if code == CLOSE_TOO_SLOW:
        return "this computer fell behind"
    if code is None or code == 1006:
        return "no answer to the heartbeat"
    if code == 1001:
        return "the hub is restarting"
    return f"closed with code {code}"
