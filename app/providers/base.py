"""What every provider client offers: declared capabilities, one interface, and the factory.

Why declared capabilities: the three providers overlap only partly (TeleCube documents no webhooks,
TeleDiscount no agent list, Cloud PBX no caller-ID choice). The UI asks :class:`Capabilities` and offers
only what works, and for what does not it shows the sentence stored here instead of a dead button.
A client method for a missing capability raises :class:`~app.core.errors.NotPermitted` with that
same sentence, so a stray call fails readably rather than with a provider error.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from app.core.accounts import Account, Provider, SecretSource
from app.core.errors import QT_TRANSLATE_NOOP, InvalidRequest, NotPermitted
from app.core.models import Agent, CallEvent
from app.core.phone import DEFAULT_REGION, PhoneNumber

if TYPE_CHECKING:
    import httpx

    from app.providers.http import Download, RequestGate


class Capability(StrEnum):
    LIVE_EVENTS = "live_events"  # the provider pushes ringing/answered/ended (cards)
    CONTACT_ANSWERS = "contact_answers"  # the provider asks us "who is calling?"
    CLICK_TO_CALL = "click_to_call"
    HISTORY_PULL = "history_pull"  # we can fetch past calls (gap filling after an outage)
    RECORDINGS = "recordings"
    AGENTS = "agents"  # list of PBX users / extensions
    CALLER_ID_CHOICE = "caller_id_choice"  # the agent may pick the number presented on outgoing calls
    SMS_SENDERS = "sms_senders"
    PRESENCE = "presence"  # who is online / talking / on DND


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What one provider can do, and for each thing it cannot, a sentence the UI shows instead."""

    supported: frozenset[Capability]
    missing: dict[Capability, str] = field(default_factory=dict)

    def __contains__(self, capability: object) -> bool:
        return capability in self.supported

    def why_not(self, capability: Capability) -> str:
        """The sentence explaining a missing capability ("" if it is supported)."""
        if capability in self.supported:
            return ""
        return self.missing.get(capability, f"This provider does not offer {capability.value.replace('_', ' ')}.")


def _capabilities(supported: set[Capability], missing: dict[Capability, str]) -> Capabilities:
    assert supported.isdisjoint(missing) and supported | set(missing) == set(Capability)
    return Capabilities(frozenset(supported), missing)


C = Capability
CAPABILITIES: dict[Provider, Capabilities] = {
    Provider.CLOUDPBX: _capabilities(
        {C.LIVE_EVENTS, C.CONTACT_ANSWERS, C.CLICK_TO_CALL, C.HISTORY_PULL, C.RECORDINGS, C.AGENTS, C.PRESENCE},
        {
            C.CALLER_ID_CHOICE: QT_TRANSLATE_NOOP(
                "Problem",
                "Cloud PBX offers no list of numbers to present: the caller ID is set in the PBX "
                "cabinet (a fixed one can be entered in the account settings).",
            ),
            C.SMS_SENDERS: QT_TRANSLATE_NOOP("Problem", "Cloud PBX has no SMS API."),
        },
    ),
    Provider.TELEDISCOUNT: _capabilities(
        {C.LIVE_EVENTS, C.CLICK_TO_CALL, C.HISTORY_PULL, C.RECORDINGS},
        {
            C.CONTACT_ANSWERS: QT_TRANSLATE_NOOP(
                "Problem",
                "TeleDiscount does not ask who is calling: it routes by the users mapped in its "
                "cabinet; Ringdesk shows the name from its own contacts.",
            ),
            C.AGENTS: QT_TRANSLATE_NOOP(
                "Problem", "TeleDiscount publishes no list of SIP accounts: enter yours in the account settings."
            ),
            C.CALLER_ID_CHOICE: QT_TRANSLATE_NOOP(
                "Problem", "TeleDiscount does not let the caller pick the presented number."
            ),
            C.SMS_SENDERS: QT_TRANSLATE_NOOP("Problem", "TeleDiscount has no SMS API."),
            C.PRESENCE: QT_TRANSLATE_NOOP("Problem", "TeleDiscount does not report who is online."),
        },
    ),
    Provider.TELECUBE: _capabilities(
        {C.CLICK_TO_CALL, C.HISTORY_PULL, C.AGENTS, C.CALLER_ID_CHOICE, C.SMS_SENDERS, C.PRESENCE},
        {
            C.LIVE_EVENTS: QT_TRANSLATE_NOOP(
                "Problem", "TeleCube does not document webhooks: calls appear after the next history sync."
            ),
            C.CONTACT_ANSWERS: QT_TRANSLATE_NOOP(
                "Problem", "TeleCube does not ask who is calling; contacts are synced from the CCRM instead."
            ),
            C.RECORDINGS: QT_TRANSLATE_NOOP(
                "Problem", "TeleCube publishes no way to download recordings: play them in the TeleCube panel."
            ),
        },
    ),
}
# The sandbox plays Cloud PBX for the desktop (its richest API); its other faces are reached by
# configuring an account of that provider with the sandbox's address.
CAPABILITIES[Provider.SANDBOX] = CAPABILITIES[Provider.CLOUDPBX]


def ceil_second(moment: datetime) -> datetime:
    """``moment`` rounded up to a whole second: history APIs take whole seconds, and an end rounded down
    would leave out a call that started in the last fraction of a second."""
    return moment.replace(microsecond=0) + timedelta(seconds=1) if moment.microsecond else moment


@dataclass(frozen=True, slots=True)
class DialResult:
    """A click-to-call the provider accepted: the number as sent, the provider's call id if it gave one, and
    who the provider rings first (the PBX user / SIP account / extension as sent)."""

    account: str
    number: PhoneNumber
    provider_call_id: str | None = None
    caller_id: str | None = None
    user: str = ""


# A dial "as" an identity that is empty: refused before any request, never dialled from the account's own phone.
NOBODY_TO_RING = QT_TRANSLATE_NOOP(
    "Problem", "No one was named to ring first at account '{account}': no call was placed."
)
NOBODY_TO_RING_HINT = QT_TRANSLATE_NOOP(
    "Problem", "The agent needs their own identity at this account (PBX user, SIP account or extension)."
)


@dataclass(frozen=True, slots=True)
class CallerId:
    """A number the agent may present on outgoing calls (TeleCube ``call/presentation/available``)."""

    number: str  # normal form
    name: str = ""
    display: str = ""


@dataclass(frozen=True, slots=True)
class SmsSender:
    """An SMS sender field (a number or a name such as ``Pozdrawiamy``)."""

    id: str
    presentation: str


class ProviderClient(ABC):
    """One account's connection to its provider. Methods for missing capabilities raise ``NotPermitted``."""

    capabilities: ClassVar[Capabilities]
    provider_name: ClassVar[str]

    def __init__(self, account: Account, region: str = DEFAULT_REGION) -> None:
        self.account = account
        self.region = region  # for numbers the provider writes in national form

    def require(self, capability: Capability) -> None:
        """Raise :class:`NotPermitted` with the human sentence if this provider cannot do ``capability``."""
        if capability not in self.capabilities:
            raise NotPermitted(self.capabilities.why_not(capability))

    # -- what every provider answers --------------------------------------------------------------
    @abstractmethod
    async def make_call(
        self, number: PhoneNumber, caller_id: str | None = None, *, as_user: str | None = None
    ) -> DialResult:
        """Ring ``as_user``'s phone first (the account's own ``account.user`` when None), then ``number``.
        Never retried.

        ``as_user`` is who the agent is at this account (a PBX user, SIP account or extension): the team hub
        holds one account for many agents and dials as the one who asked. An empty ``as_user`` is refused
        (:meth:`rings_first`), never replaced by the account's own user.
        """

    def rings_first(self, as_user: str | None) -> str:
        """The identity the provider rings first: ``as_user`` when given, else ``account.user`` (spaces trimmed).

        A given but empty ``as_user`` raises :class:`~app.core.errors.InvalidRequest` before any request: an
        empty identity must never fall back to the account's own phone. "" is returned only when the account
        itself names nobody, which each client refuses with its own settings hint.
        """
        if as_user is None:
            return self.account.user.strip()
        if not as_user.strip():
            raise InvalidRequest(
                NOBODY_TO_RING, hint=NOBODY_TO_RING_HINT, fields={"account": self.account.id}, account=self.account.id
            )
        return as_user.strip()

    async def pull_history(self, start: datetime, end: datetime) -> list[CallEvent]:
        """Calls that started in [start, end), as ``SUMMARY`` events with source ``PULL``."""
        self.require(Capability.HISTORY_PULL)
        return []

    async def agents(self) -> list[Agent]:
        self.require(Capability.AGENTS)
        return []

    async def caller_ids(self) -> list[CallerId]:
        self.require(Capability.CALLER_ID_CHOICE)
        return []

    def open_recording(self, call_id: str, url: str | None) -> AbstractAsyncContextManager[Download]:
        """Stream a call's recording (the link the provider named, or the provider's own download)."""
        self.require(Capability.RECORDINGS)
        raise NotImplementedError

    def is_me(self, agent: str | None) -> bool:
        """Whether ``agent`` (as a call names it) is this account's own user (role checks)."""
        return bool(agent) and (agent or "").strip().lower() == self.account.user.strip().lower()

    @property
    def request_gate(self) -> RequestGate | None:
        """The budget this client's requests are counted against (None: unlimited)."""
        return None

    @abstractmethod
    async def aclose(self) -> None:
        """Close the connection pool."""


def client_for(
    account: Account,
    secrets: SecretSource,
    *,
    region: str = DEFAULT_REGION,
    transport: httpx.AsyncBaseTransport | None = None,
    gate: RequestGate | None = None,
    **http: Any,
) -> ProviderClient:
    """The client for ``account``, with its secrets from ``secrets`` (in the app, the keyring or the
    environment override: :class:`app.config.secrets.SecretStore`).

    ``region`` is the settings' default region (numbers providers write in national form);
    ``transport`` replaces the network (tests); ``gate`` counts requests against a budget (TeleCube);
    ``http`` goes to :class:`~app.providers.http.ProviderHttp` (``timeout``, ``sleep`` between retries).
    A missing secret raises :class:`~app.core.errors.SecretStoreError` naming it.
    """
    if account.provider in (Provider.CLOUDPBX, Provider.SANDBOX):
        from app.providers.cloudpbx.client import SANDBOX_TOKEN, CloudPbxClient

        token = secrets.get(account.id, "token")
        if token is None and account.provider is Provider.SANDBOX:
            token = SANDBOX_TOKEN
        if token is None:
            token = secrets.require(account.id, "token")
        return CloudPbxClient(account, token, region=region, transport=transport, **http)
    if account.provider is Provider.HUB:
        from app.providers.hub.client import HubClient

        return HubClient(account, secrets.require(account.id, "token"), region=region, transport=transport, **http)
    if account.provider is Provider.TELEDISCOUNT:
        from app.providers.telediscount.client import TeleDiscountClient

        return TeleDiscountClient(
            account, secrets.require(account.id, "api_key"), region=region, transport=transport, **http
        )
    from app.providers.telecube.client import TeleCubeClient

    return TeleCubeClient(
        account,
        secrets.require(account.id, "api_key"),
        secrets.get(account.id, "panel_api_key"),
        region=region,
        transport=transport,
        gate=gate,
        **http,
    )
