"""Each documented provider error comes back as the right typed error, in words a user can act on."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from app.core.accounts import Account, Provider
from app.core.errors import AuthError, InvalidRequest, RateLimited, Unavailable
from app.core.phone import normalize
from app.providers.base import ProviderClient
from app.providers.cloudpbx.client import CloudPbxClient
from app.sandbox import Sandbox
from tests.providers.provider_kit import sent

Make = Callable[..., ProviderClient]


async def test_cloudpbx_wrong_token(sandbox: Sandbox, make_client: Make, secrets) -> None:
    secrets.set("cloudpbx", "token", "not-the-token")
    with pytest.raises(AuthError) as raised:
        await make_client(Provider.CLOUDPBX).agents()
    assert raised.value.status == 401
    assert "Cloud PBX refused the credentials: “Invalid token”" in raised.value.user_text()
    assert "API key (token)" in raised.value.hint


async def test_telediscount_wrong_key(sandbox: Sandbox, make_client: Make, secrets) -> None:
    secrets.set("telediscount", "api_key", "wrong")
    with pytest.raises(AuthError) as raised:
        await make_client(Provider.TELEDISCOUNT).make_call(normalize("+74951234567"))
    assert "Invalid abonent_api_key" in raised.value.user_text() and "КЛЮЧ" in raised.value.hint


@pytest.mark.parametrize("cause", ["key", "ip"])
async def test_telecube_401_names_the_three_causes(sandbox: Sandbox, make_client: Make, secrets, cause: str) -> None:
    if cause == "key":
        secrets.set("telecube", "api_key", "wrong")
    else:
        sandbox.configure(telecube_allowed_ips=["192.0.2.10"])  # our 127.0.0.1 is not on the allow-list
    client = make_client(Provider.TELECUBE)
    for attempt in (client.agents(), client.make_call(normalize("+48601234567"))):
        with pytest.raises(AuthError) as raised:
            await attempt
        assert "API key is wrong" in raised.value.hint and "allow-list" in raised.value.hint
        assert "API service is off" in raised.value.hint


async def test_telecube_403_is_the_request_limit(sandbox: Sandbox, make_client: Make) -> None:
    sandbox.configure(telecube_daily_limit=1)
    client = make_client(Provider.TELECUBE)
    await client.sms_senders()
    with pytest.raises(RateLimited) as raised:
        await client.sms_senders()
    assert raised.value.status == 403 and "Request limit has been exceeded" in raised.value.user_text()
    assert len(sent(sandbox, "/publicApi/")) == 2  # a spent limit is not retried


async def test_reads_are_retried_through_passing_failures(sandbox: Sandbox, make_client: Make) -> None:
    sandbox.add_fault("cloudpbx.accounts:status:502:count=2")
    agents = await make_client(Provider.CLOUDPBX).agents()
    assert [a.login for a in agents][:5] == ["test", "daria", "andy", "mike", "serg"]
    assert [r["status"] for r in sent(sandbox, "/sys/crm_api.wcgp")] == [502, 502, 200]


async def test_a_provider_that_stays_down_is_unavailable(sandbox: Sandbox, make_client: Make) -> None:
    sandbox.add_fault("cloudpbx.groups:status:503")
    with pytest.raises(Unavailable) as raised:
        await make_client(Provider.CLOUDPBX).groups()
    assert "HTTP 503" in raised.value.message and raised.value.hint


async def test_a_time_out_is_unavailable(sandbox: Sandbox, make_client: Make) -> None:
    sandbox.add_fault("cloudpbx.get_dnd:timeout:5")
    with pytest.raises(Unavailable) as raised:
        await make_client(Provider.CLOUDPBX, timeout=0.2).get_dnd()
    assert "did not answer in time" in raised.value.message


async def test_a_garbled_answer_is_unavailable(sandbox: Sandbox, make_client: Make) -> None:
    sandbox.add_fault("telecube.users.sipAccounts:malformed")
    with pytest.raises(Unavailable) as raised:
        await make_client(Provider.TELECUBE).sip_accounts()
    assert "not JSON" in raised.value.message


async def test_a_redirect_means_a_wrong_domain() -> None:
    def portal(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "https://megapbx.ru/"})

    account = Account("office", Provider.CLOUDPBX, base_url="https://typo.megapbx.ru", user="andy")
    client = CloudPbxClient(account, "t", transport=httpx.MockTransport(portal))
    with pytest.raises(InvalidRequest) as raised:
        await client.make_call(normalize("+48777888999"))
    await client.aclose()
    assert "redirected the request to https://megapbx.ru/" in raised.value.message
    assert "domain" in raised.value.message and "megapbx.ru" in raised.value.hint


async def test_rate_limit_answers_carry_retry_after() -> None:
    def busy(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, json={"error": "Too many requests"}, headers={"Retry-After": "120"})

    account = Account("office", Provider.CLOUDPBX, base_url="https://office.megapbx.ru", user="andy")
    client = CloudPbxClient(account, "t", transport=httpx.MockTransport(busy))
    with pytest.raises(RateLimited) as raised:
        await client.agents()
    await client.aclose()
    assert raised.value.retry_after == 120  # longer than a retry policy waits: the caller reschedules
