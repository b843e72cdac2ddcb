"""Agents, groups, queues, DND, caller IDs, SMS senders and the CCRM's lists, read from the sandbox."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.core.accounts import Provider
from app.core.errors import NotPermitted
from app.providers.base import Capability, ProviderClient
from app.providers.cloudpbx.client import CloudPbxClient
from app.providers.telecube.client import TeleCubeClient
from app.providers.telediscount.client import TeleDiscountClient
from app.sandbox import Sandbox, SandboxConfig
from tests.providers.provider_kit import SECRETS, account_at, sent

Make = Callable[..., ProviderClient]


async def test_cloudpbx_users_groups_queues_and_dnd(sandbox: Sandbox, make_client: Make) -> None:
    client = make_client(Provider.CLOUDPBX)
    assert isinstance(client, CloudPbxClient)
    agents = {a.login: a for a in await client.agents()}
    assert agents["andy"].name == "Петров Андрей" and agents["andy"].extension == "103"
    assert [g.id for g in await client.groups()] == ["sales", "support"]
    assert "sales" in [g.id for g in await client.groups(user="andy")]
    await client.subscribe_on_calls(False, group_id="sales")
    assert await client.subscription_status("sales") is False
    await client.set_dnd(True)
    assert await client.get_dnd() is True and sandbox.engine.dnd["andy"] is True
    forms = [r["form"] for r in sent(sandbox, "/sys/crm_api.wcgp")]
    assert {"cmd": "set_dnd", "user": "andy", "state": "true"}.items() <= forms[-2].items()


async def test_telecube_agents_with_presence(sandbox: Sandbox, make_client: Make) -> None:
    sandbox.engine.dnd["mike"] = True
    agents = {a.extension: a for a in await make_client(Provider.TELECUBE).agents()}
    mike = sandbox.roster.agent("mike")
    assert mike is not None and agents[mike.ext].dnd is True
    assert agents[mike.ext].name == f"{mike.first_name} {mike.last_name}"
    assert agents[mike.ext].online is mike.online


async def test_telecube_lists_are_typed_strictly(sandbox: Sandbox, make_client: Make) -> None:
    client = make_client(Provider.TELECUBE)
    assert isinstance(client, TeleCubeClient)
    sip = await client.sip_accounts()
    assert {s["extensionType"] for s in sip} == {"VOICE", "FAX", "SIPT"}
    assert len(await client.groups_type()) == 2
    senders = await client.sms_senders()
    assert [(s.id, s.presentation) for s in senders] == [("9999", "48777888999"), ("10000", "Pozdrawiamy")]
    choices = await client.caller_ids()
    assert choices[1].name == "Biuro Warszawa" and choices[0].display == "+48 777 888 999"


async def test_people_are_read_across_pages() -> None:
    config = SandboxConfig(seed=5, prefill_calls=0, contacts=2500)
    async with Sandbox(config) as sb:
        client = TeleCubeClient(account_at(sb, Provider.TELECUBE), SECRETS[Provider.TELECUBE][1])
        people = await client.people()
        await client.aclose()
        pages = [r["query"].get("page") for r in sb.requests.list(path="/publicApi/people")]
    assert len(people) == 2500 and len({p.source_id for p in people}) == 2500
    assert pages == ["1", "2", "3"]


async def test_telediscount_get_calls_filters(sandbox: Sandbox, make_client: Make) -> None:
    first = await sandbox.place_call(
        provider="telediscount", direction="in", number="79101234567", agent="andy", outcome="answered", talk=20
    )
    second = await sandbox.place_call(
        provider="telediscount", direction="in", number="79161112233", agent="mike", outcome="missed"
    )
    await sandbox.wait_idle(5)
    client = make_client(Provider.TELEDISCOUNT)
    assert isinstance(client, TeleDiscountClient)
    assert len(await client.get_calls()) == 2
    (record,) = await client.get_calls(api_call_id=first)
    assert record["num_a"] == "79101234567" and record["num_b"] == "SIP/0000000672"
    assert [r["api_call_id"] for r in await client.get_calls(num_a="79161112233")] == [second]
    assert sent(sandbox, "/api.php/telephony/get_calls")[-1]["query"]["num_a"] == "79161112233"


async def test_missing_capabilities_say_why(make_client: Make) -> None:
    telecube = make_client(Provider.TELECUBE)
    assert Capability.LIVE_EVENTS not in telecube.capabilities
    assert telecube.capabilities.why_not(Capability.LIVE_EVENTS) == (
        "TeleCube does not document webhooks: calls appear after the next history sync."
    )
    with pytest.raises(NotPermitted) as raised:
        make_client(Provider.TELEDISCOUNT).require(Capability.AGENTS)
    assert "SIP accounts" in raised.value.message
    with pytest.raises(NotPermitted):
        await make_client(Provider.TELEDISCOUNT).caller_ids()
