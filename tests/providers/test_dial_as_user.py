"""Click-to-call "as" an agent (the team hub: one account, many agents): the identity given is the one the
provider rings first — in the field each provider names it, and in the call the sandbox plays — and without
one the account's own user rings, as before. An empty identity is refused before any request."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.core.accounts import Provider
from app.core.errors import InvalidRequest
from app.core.phone import normalize
from app.providers.base import ProviderClient
from app.sandbox import Sandbox
from tests.providers.provider_kit import ME, sent

Make = Callable[..., ProviderClient]
NUMBER = normalize("+48 601 234 567")
# The sandbox's "daria" at each provider (another agent than the accounts' own "andy").
DARIA = {Provider.CLOUDPBX: "daria", Provider.TELEDISCOUNT: "SIP/0000000671", Provider.TELECUBE: "102"}


def request_path(sandbox: Sandbox, provider: Provider) -> str:
    return {
        Provider.CLOUDPBX: "/sys/crm_api.wcgp",
        Provider.TELEDISCOUNT: "/api.php/telephony/outcome",
        Provider.TELECUBE: f"/api/{sandbox.config.telecube_login}/web_call/",
    }[provider]


def who_was_sent(sandbox: Sandbox, provider: Provider) -> str:
    """The identity in the one click-to-call request the sandbox received (``user`` / ``num_a`` / ``contact_a``)."""
    (request,) = sent(sandbox, request_path(sandbox, provider))
    if provider is Provider.CLOUDPBX:
        return str(request["form"]["user"])
    if provider is Provider.TELEDISCOUNT:
        return str(request["query"]["num_a"])
    return str(request["form"]["contact_a"])


PROVIDERS = pytest.mark.parametrize("provider", [Provider.CLOUDPBX, Provider.TELEDISCOUNT, Provider.TELECUBE])


@PROVIDERS
async def test_as_user_is_the_phone_that_rings_first(sandbox: Sandbox, make_client: Make, provider: Provider) -> None:
    sandbox.configure(makecall_answer="uuid")  # Cloud PBX names the call, so the played call can be found
    result = await make_client(provider).make_call(NUMBER, as_user=DARIA[provider])
    assert who_was_sent(sandbox, provider) == DARIA[provider]
    assert result.user == DARIA[provider]
    assert result.provider_call_id
    call = await sandbox.engine.wait_call(result.provider_call_id, timeout=10)
    assert call.ringing[:1] == ["daria"] and call.spec.agent == "daria"


@PROVIDERS
async def test_without_as_user_the_accounts_own_user_rings(
    sandbox: Sandbox, make_client: Make, provider: Provider
) -> None:
    sandbox.configure(makecall_answer="uuid")
    result = await make_client(provider).make_call(NUMBER)
    assert who_was_sent(sandbox, provider) == ME[provider] == result.user
    assert result.provider_call_id
    call = await sandbox.engine.wait_call(result.provider_call_id, timeout=10)
    assert call.ringing[:1] == ["andy"]


@PROVIDERS
@pytest.mark.parametrize("empty", ["", "   "])
async def test_an_empty_as_user_is_refused_not_replaced(
    sandbox: Sandbox, make_client: Make, provider: Provider, empty: str
) -> None:
    with pytest.raises(InvalidRequest) as raised:
        await make_client(provider).make_call(NUMBER, as_user=empty)
    assert "No one was named to ring first at account" in raised.value.user_text()
    assert raised.value.account == provider.value and raised.value.fields == {"account": provider.value}
    assert sandbox.requests.total == 0  # never a call from the account's own phone


@PROVIDERS
async def test_as_user_needs_no_user_in_the_account(sandbox: Sandbox, make_client: Make, provider: Provider) -> None:
    """A hub's account may name nobody of its own: the agent's identity is enough."""
    await make_client(provider, user="").make_call(NUMBER, as_user=f" {DARIA[provider]} ")
    assert who_was_sent(sandbox, provider) == DARIA[provider]  # trimmed


@PROVIDERS
async def test_an_account_with_no_user_and_no_as_user_places_no_call(
    sandbox: Sandbox, make_client: Make, provider: Provider
) -> None:
    with pytest.raises(InvalidRequest) as raised:
        await make_client(provider, user="").make_call(NUMBER)
    assert "Settings › Accounts" in raised.value.hint
    assert sandbox.requests.total == 0


async def test_an_unknown_as_user_is_the_providers_readable_refusal(sandbox: Sandbox, make_client: Make) -> None:
    with pytest.raises(InvalidRequest) as raised:
        await make_client(Provider.CLOUDPBX).make_call(NUMBER, as_user="nobody")
    assert raised.value.status == 400 and "Invalid parameters" in raised.value.user_text()
    assert who_was_sent(sandbox, Provider.CLOUDPBX) == "nobody"
