""" "Test connection" for an account being edited: one cheap, read-only request with the typed values.

Why with the typed values and not the saved ones: the user tests before saving — a wrong key must be
found while the form is still open. Typed secrets are layered over the keyring for this one request and
never stored by it.

What is asked: the agent list where the provider has one (Cloud PBX ``accounts``, CCRM ``users``), else
the last hour of history (TeleDiscount ``get_calls``). Never a click-to-call. On TeleCube it costs one
request of the daily budget, which the page says.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from app.config.secrets import SecretStore
from app.config.settings import AccountSettings, Provider
from app.core.errors import Problem
from app.core.models import utcnow
from app.providers.base import Capability, client_for
from app.providers.http import RequestGate


class TypedSecrets(SecretStore):
    """The keyring, with the values typed in the form (not yet saved) taking precedence."""

    def __init__(self, base: SecretStore, typed: dict[str, str], account: str) -> None:
        self.base = base
        self.typed = {(account, name): value for name, value in typed.items() if value}

    def get(self, account: str, name: str) -> str | None:
        return self.typed.get((account, name)) or self.base.get(account, name)

    def set(self, account: str, name: str, value: str) -> None:  # never stores: a probe only reads
        self.typed[(account, name)] = value


@dataclass(frozen=True, slots=True)
class ProbeResult:
    ok: bool
    agents: int | None = None  # how many PBX users / extensions the provider listed
    calls: int | None = None  # how many calls of the last hour it returned
    problem: Problem | None = None  # why not, in the user's language where shown (app.ui.problems)


async def probe(account: AccountSettings, secrets: SecretStore, region: str) -> ProbeResult:
    """Ask the provider one harmless question with ``account``'s settings; a problem is returned, not raised."""

    try:
        client = client_for(account, secrets, region=region)
    except Problem as problem:
        return ProbeResult(False, problem=problem)
    try:
        if Capability.AGENTS in client.capabilities:
            return ProbeResult(True, agents=len(await client.agents()))
        if Capability.HISTORY_PULL in client.capabilities:
            end = utcnow()
            return ProbeResult(True, calls=len(await client.pull_history(end - timedelta(hours=1), end)))
        return ProbeResult(True)
    except Problem as problem:
        return ProbeResult(False, problem=problem)
    finally:
        await client.aclose()


Request = Callable[[Any], Awaitable[object]]
# One cheap, read-only request per provider for ``ringdesk doctor`` (TeleCube's counts against its daily
# budget, so exactly one): what it asks, and how.
CHEAP_REQUESTS: dict[Provider, tuple[str, Request]] = {
    Provider.CLOUDPBX: ("the PBX user list", lambda client: client.agents()),
    Provider.SANDBOX: ("the PBX user list", lambda client: client.agents()),
    Provider.TELEDISCOUNT: ("a call-record query", lambda client: client.get_calls(api_call_id="ringdesk-doctor")),
    Provider.TELECUBE: ("the SIP account list", lambda client: client.sip_accounts()),
}


async def ask_once(
    account: AccountSettings, secrets: SecretStore, *, region: str, gate: RequestGate | None, timeout_s: float
) -> str:
    """Send ``account``'s provider its cheap request with the stored credentials; returns what was asked.

    Raises what the client raises (:class:`Problem` subclasses: a missing secret, refused credentials, a
    spent limit, an unreachable host) or :class:`TimeoutError` after ``timeout_s``; the caller words them.
    """
    what, request = CHEAP_REQUESTS[account.provider]
    client = client_for(account, secrets, region=region, gate=gate)
    try:
        await asyncio.wait_for(request(client), timeout_s)
    finally:
        await client.aclose()
    return what
