"""Click-to-call: from a number typed, clicked or handed over as a ``tel:`` link, to the provider ringing
the agent's own phone first and then the client.

Why the number is checked before any request: a provider's answer to a bad number is a bare
``Invalid parameters`` (or, worse, a call to a wrong number); ours names what was typed. The agent's
identity (PBX user / SIP account / extension), whose phone rings first, is the account's ``user`` from the
settings — or, on the team hub, where one account serves many agents, ``as_user``: the identity at that
account of the agent who asked (an empty one is refused, never replaced by the account's own user).

The attempt is recorded in the history through :meth:`CallTracker.record_dial` as a ``RINGING`` event of an
outgoing call (source ``LOCAL``, agent = the identity that rings first), so it shows at once. Its call id is the
provider's when the answer names one (Cloud PBX ``{"uuid"}`` / ``{"CallID"}`` deployments, TeleDiscount
``api_call_id``, TeleCube ``id``): then the provider's own webhooks and pulled history merge into that
same row. When the provider names none (the Cloud PBX document's empty answer) the attempt is a placeholder
(``local-<uuid>``) that the provider's call of the same number and agent replaces when it arrives within
a short window (:mod:`app.services.calls`): one row per call, never a ghost left ringing.

Which country a number without a country code is in: the line it goes out through (the caller ID chosen,
else the account's ``caller_id``) first, then the settings' region. A number neither reads is refused with
a hint naming the region assumed, where it came from (the settings or the system locale) and how to change
it (:func:`region_hint`): "8 (910) 123-45-67" refused in Poland without a word was the reported case.

What the agent is told (:meth:`DialOutcome.describe`) names the number and the account, never a call id,
a port or a login: the template is marked for translation (context ``"Problem"``) and its fields are kept
apart (:attr:`DialOutcome.template`, :attr:`DialOutcome.fields`), so the UI shows it in the agent's language.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from app.config.region import locale_country
from app.config.settings import AccountSettings, Settings
from app.core.errors import NOT_DIALLABLE, QT_TRANSLATE_NOOP, ConfigError, InvalidNumber, Problem
from app.core.models import CallEvent, Direction, EventKind, EventSource, utcnow
from app.core.phone import PhoneNumber, calling_code, display, normalize, normalize_on_line, region_of
from app.providers.base import CallerId, Capability, DialResult, ProviderClient
from app.services.calls import LOCAL_PREFIX, CallTracker

log = logging.getLogger(__name__)
__all__ = ["LOCAL_PREFIX", "DialOutcome", "Dialer", "number_from_uri", "region_hint"]

DIALLING = QT_TRANSLATE_NOOP("Problem", "Calling {number} through {account}: your phone rings first.")
DIALLING_PRESENTING = QT_TRANSLATE_NOOP(
    "Problem", "Calling {number} through {account}: your phone rings first, presenting {caller_id}."
)
_URI = re.compile(r"^(tel|callto|sip|sips):(//)?", re.IGNORECASE)
READ_IN_SET_REGION = QT_TRANSLATE_NOOP(
    "Problem",
    "Numbers without a country code are read as numbers of {region} (+{code}), the region set in Settings › "
    "General (region under [general] in config.toml). Write it with its country code, or change the region there.",
)
READ_IN_LOCALE_REGION = QT_TRANSLATE_NOOP(
    "Problem",
    "Numbers without a country code are read as numbers of {region} (+{code}), the country of the system locale "
    "{locale}. Write it with its country code, or change the region in Settings › General (region under "
    "[general] in config.toml).",
)
READ_IN_FALLBACK_REGION = QT_TRANSLATE_NOOP(
    "Problem",
    "Numbers without a country code are read as numbers of {region} (+{code}), because no region is set and the "
    "system locale {locale} names no country. Write it with its country code, or set the region in Settings › "
    "General (region under [general] in config.toml).",
)
READ_IN_LINE_REGION = QT_TRANSLATE_NOOP(
    "Problem",
    "Numbers without a country code are read as numbers of {line_region} (+{line_code}), the country of the "
    "line {line}, else of {region} (+{code}). Write it with its country code, or change the region in "
    "Settings › General (region under [general] in config.toml).",
)


def region_hint(settings: Settings, line: str | None = None) -> tuple[str, dict[str, object]]:
    """Why a number was not read (a template marked for translation, and its fields): the region assumed —
    the country of ``line`` (the number dialled out through) first, if it has one — and how to change it."""
    region = settings.general.region
    fields: dict[str, object] = {"region": region, "code": calling_code(region)}
    line_region = region_of(line)
    if line and line_region and line_region != region:
        fields.update(line=display(line), line_region=line_region, line_code=calling_code(line_region))
        return READ_IN_LINE_REGION, fields
    if settings.region_locale is None:
        return READ_IN_SET_REGION, fields
    fields["locale"] = settings.region_locale or "(not set)"
    return (READ_IN_LOCALE_REGION if locale_country(settings.region_locale) else READ_IN_FALLBACK_REGION), fields


@dataclass(frozen=True, slots=True)
class DialOutcome:
    """A call the provider accepted, and the id it is recorded under in the history."""

    result: DialResult
    call_id: str
    account: AccountSettings

    @property
    def merged(self) -> bool:
        """Whether the history row is the provider's own call (it will be updated by the provider)."""
        return not self.call_id.startswith(LOCAL_PREFIX)

    @property
    def template(self) -> str:
        """The confirmation's English template, marked for translation (context ``"Problem"``)."""
        return DIALLING_PRESENTING if self.result.caller_id else DIALLING

    @property
    def fields(self) -> dict[str, object]:
        """The template's fields: the number and caller ID as written for people, the account's name."""
        fields: dict[str, object] = {
            "number": display(self.result.number.value),
            "account": self.account.display_name,
        }
        if self.result.caller_id:
            fields["caller_id"] = display(self.result.caller_id)
        return fields

    def describe(self) -> str:
        """One line for the command line and the tray: what happens now (no call id, login or port)."""
        return self.template.format_map(self.fields)


def number_from_uri(text: str) -> str:
    """The number inside ``tel:+48…``, ``callto://…``, ``sip:48…@host;user=phone`` (plain numbers unchanged)."""
    value = unquote(text.strip())
    if not _URI.match(value):
        return value
    value = _URI.sub("", value)
    value = value.split("?", 1)[0].split(";", 1)[0]
    return value.split("@", 1)[0].strip()


class Dialer:
    """Places calls through the right account's provider client and records the attempt."""

    def __init__(
        self,
        settings: Settings,
        clients: Mapping[str, ProviderClient] | Callable[[str], ProviderClient],
        tracker: CallTracker,
    ) -> None:
        self.settings = settings
        self._clients = clients
        self.tracker = tracker

    def account_for(self, account_id: str | None) -> AccountSettings:
        """The named account, else the first enabled one that can dial."""
        if account_id:
            return self.settings.account(account_id)
        for account in self.settings.accounts:
            if (
                account.enabled
                and self._has_client(account.id)
                and Capability.CLICK_TO_CALL in self._client(account.id).capabilities
            ):
                return account
        raise ConfigError(
            QT_TRANSLATE_NOOP("Problem", "No account can place calls."),
            hint=QT_TRANSLATE_NOOP("Problem", "Add a provider account in Settings › Accounts."),
        )

    def _has_client(self, account_id: str) -> bool:
        return callable(self._clients) or account_id in self._clients

    def _client(self, account_id: str) -> ProviderClient:
        """The account's client; an account without one (its key is missing) is a clear error, not a KeyError."""
        if callable(self._clients):
            return self._clients(account_id)
        if account_id not in self._clients:
            raise ConfigError(
                QT_TRANSLATE_NOOP(
                    "Problem", "The account '{account}' cannot reach its provider: its API key is missing."
                ),
                hint=QT_TRANSLATE_NOOP("Problem", "Enter it in Settings › Accounts."),
                fields={"account": account_id},
            )
        return self._clients[account_id]

    async def caller_ids(self, account_id: str) -> list[CallerId]:
        """The numbers ``account_id`` lets the agent present (TeleCube's list); empty where there is no choice."""
        client = self._client(account_id)
        if Capability.CALLER_ID_CHOICE not in client.capabilities:
            return []
        return await client.caller_ids()

    def normalize(self, number: str, line: str | None = None) -> PhoneNumber:
        """The number to dial — a national form read in the country of ``line`` (the number it goes out
        through) first, then in the settings' region — or :class:`InvalidNumber` naming what was typed and
        the region assumed."""
        written = number_from_uri(number)
        parsed = normalize_on_line(written, line, self.settings.general.region)
        if not parsed.is_valid:
            hint, fields = region_hint(self.settings, line)
            raise InvalidNumber(NOT_DIALLABLE, fields={**fields, "number": number.strip()}, hint=hint)
        return parsed

    def line_of(self, account_id: str | None, caller_id: str | None) -> str:
        """The number a call goes out through, where known: the caller ID chosen, else the account's own."""
        if caller_id:
            return caller_id
        try:
            return self.account_for(account_id).caller_id
        except Problem:  # no such account: the call itself says so, after the number
            return ""

    async def call(
        self, number: str, account: str | None = None, caller_id: str | None = None, *, as_user: str | None = None
    ) -> DialOutcome:
        """Dial ``number`` (any written form or a ``tel:``/``callto:``/``sip:`` URI) through ``account``, ringing
        ``as_user`` first when given (who the agent is at that account), else the account's own ``user``."""
        parsed = self.normalize(number, self.line_of(account, caller_id))
        settings = self.account_for(account)
        client = self._client(settings.id)
        client.require(Capability.CLICK_TO_CALL)
        chosen = None
        if caller_id:
            presented = normalize(caller_id, self.settings.general.region)
            if not presented.is_valid or presented.is_extension:
                raise InvalidNumber(
                    QT_TRANSLATE_NOOP("Problem", "“{number}” is not a number that can be presented as caller ID."),
                    fields={"number": caller_id},
                )
            chosen = presented.value
        result = await client.make_call(parsed, chosen, as_user=as_user)
        call_id = result.provider_call_id or f"{LOCAL_PREFIX}{uuid.uuid4().hex}"
        agent = result.user or (settings.user if as_user is None else as_user).strip()
        call_id = self.tracker.record_dial(
            CallEvent(
                account=settings.id,
                call_id=call_id,
                kind=EventKind.RINGING,
                at=utcnow(),
                source=EventSource.LOCAL,
                direction=Direction.OUT,
                phone=parsed.value,
                line=result.caller_id and normalize(result.caller_id, self.settings.general.region).value,
                agent=agent or None,
                raw=(("dialed", parsed.value), ("user", agent)),
            )
        )
        outcome = DialOutcome(result, call_id, settings)
        log.info("%s (recorded as %s)", outcome.describe(), call_id)
        return outcome
