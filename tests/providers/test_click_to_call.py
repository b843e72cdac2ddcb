"""Click-to-call through each provider arrives at the sandbox as exactly the documented request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.config.paths import resolve
from app.config.secrets import MemorySecretStore
from app.config.settings import parse
from app.core.accounts import Provider
from app.core.errors import InvalidNumber, InvalidRequest, Unavailable
from app.core.models import CallStatus, Direction
from app.core.phone import normalize
from app.core.views import CallQuery
from app.providers.base import ProviderClient
from app.runtime import Runtime
from app.sandbox import Sandbox
from app.sandbox.config import DOC_CLOUDPBX_TOKEN, DOC_CRM_TOKEN, DOC_TELECUBE_KEY, DOC_TELEDISCOUNT_KEY
from app.services.context import Context
from tests.kit import RECEIVER_CONFIG, until
from tests.providers.provider_kit import sent

Make = Callable[..., ProviderClient]
NUMBER = normalize("+48 777 888 999")


def placed(sandbox: Sandbox, call_id: str | None) -> bool:
    """Whether the sandbox is playing (or has played) a call with this id."""
    return bool(call_id) and (call_id in sandbox.engine.active or sandbox.engine.archive.get(call_id) is not None)


async def test_cloudpbx_make_call_is_the_documented_form(sandbox: Sandbox, make_client: Make) -> None:
    result = await make_client(Provider.CLOUDPBX).make_call(NUMBER)
    (request,) = sent(sandbox, "/sys/crm_api.wcgp")
    assert request["method"] == "POST"
    assert list(request["form"].items()) == [
        ("cmd", "makeCall"),
        ("phone", "48777888999"),
        ("user", "andy"),
        ("token", DOC_CLOUDPBX_TOKEN),
    ]
    assert request["status"] == 200 and result.provider_call_id is None  # the document's empty answer


@pytest.mark.parametrize("answer", ["uuid", "CallID"])
async def test_cloudpbx_make_call_reads_every_answer_shape(sandbox: Sandbox, make_client: Make, answer: str) -> None:
    sandbox.configure(makecall_answer=answer)
    result = await make_client(Provider.CLOUDPBX).make_call(NUMBER, caller_id="+48 22 123 45 67")
    assert placed(sandbox, result.provider_call_id)
    (request,) = sent(sandbox, "/sys/crm_api.wcgp")
    assert request["form"]["clid"] == "48221234567"


async def test_telediscount_outcome_is_the_documented_query(sandbox: Sandbox, make_client: Make) -> None:
    result = await make_client(Provider.TELEDISCOUNT).make_call(normalize("8 (495) 123-45-67", "RU"))
    (request,) = sent(sandbox, "/api.php/telephony/outcome")
    assert request["method"] == "GET"
    assert request["query"] == {
        "num_a": "SIP/00000000672",
        "num_b": "74951234567",
        "abonent_api_key": DOC_TELEDISCOUNT_KEY,
    }
    assert placed(sandbox, result.provider_call_id)


async def test_telecube_web_call_presents_the_chosen_number(sandbox: Sandbox, make_client: Make) -> None:
    client = make_client(Provider.TELECUBE)
    choices = await client.caller_ids()
    assert [c.number for c in choices] == ["+48777888999", "+48221234567"]
    result = await client.make_call(normalize("+48 601 234 567"), caller_id=choices[1].number)
    (request,) = sent(sandbox, f"/api/{sandbox.config.telecube_login}/web_call/")
    assert request["method"] == "POST"
    assert request["form"] == {
        "api_key": DOC_TELECUBE_KEY,
        "caller_id": "48221234567",
        "contact_a": "103",
        "contact_b": "48601234567",
        "set_caller_id_leg": "ab",
    }
    assert placed(sandbox, result.provider_call_id) and result.caller_id == "48221234567"


async def test_an_invalid_number_never_reaches_the_provider(sandbox: Sandbox, make_client: Make) -> None:
    for provider in (Provider.CLOUDPBX, Provider.TELEDISCOUNT, Provider.TELECUBE):
        with pytest.raises(InvalidNumber):
            await make_client(provider).make_call(normalize("12 34 56 78 90 12 34 56"))
    assert sandbox.requests.total == 0


async def test_a_refused_make_call_is_not_repeated(sandbox: Sandbox, make_client: Make) -> None:
    sandbox.add_fault("cloudpbx.makeCall:status:503")
    with pytest.raises(Unavailable) as raised:
        await make_client(Provider.CLOUDPBX).make_call(NUMBER)
    assert "HTTP 503" in str(raised.value)
    assert len(sent(sandbox, "/sys/crm_api.wcgp")) == 1  # a second makeCall would ring the agent twice


async def test_unknown_user_is_a_readable_invalid_request(sandbox: Sandbox, make_client: Make) -> None:
    with pytest.raises(InvalidRequest) as raised:
        await make_client(Provider.CLOUDPBX, user="nobody").make_call(NUMBER)
    assert raised.value.status == 400 and "Invalid parameters" in raised.value.user_text()


async def test_a_dial_the_pbx_did_not_name_leaves_one_row_in_its_final_state(
    sandbox: Sandbox, ringdesk_home: Path
) -> None:
    """Dial through Cloud PBX (the document's empty makeCall answer: no call id), let the sandbox play the call
    and push its webhooks to a running receiver: the history holds the call once, under the PBX's id, ended —
    no "Ringing" placeholder beside it."""
    settings = parse(RECEIVER_CONFIG)
    settings.accounts[0].base_url = sandbox.base_url
    settings.server.listen = "127.0.0.1:0"
    secrets = MemorySecretStore({("office", "token"): DOC_CLOUDPBX_TOKEN, ("office", "crm_token"): DOC_CRM_TOKEN})
    runtime = Runtime(Context(resolve(ringdesk_home).ensure(), settings, secrets))
    address = await runtime.start()
    sandbox.configure(crm_url=f"http://127.0.0.1:{address.port}/hooks/office", crm_token=DOC_CRM_TOKEN)
    try:
        assert runtime.dialer is not None
        outcome = await runtime.dialer.call("+48 777 888 999", account="office")
        assert not outcome.merged and "local-" not in outcome.describe()
        (placed_id,) = [*sandbox.engine.active, *(call.id for call in sandbox.engine.archive)]
        played = await sandbox.engine.wait_call(placed_id, timeout=30)
        assert played.spec.outcome == "answered"

        def settled() -> bool:
            call = runtime.context.calls.get("office", played.id)
            return call is not None and not call.status.is_live

        await until(settled, "the PBX's call ended in the history")
        rows = runtime.context.calls.page(CallQuery())
        assert [(r.call_id, r.status, r.direction, r.phone, r.agent) for r in rows] == [
            (played.id, CallStatus.ANSWERED, Direction.OUT, "+48777888999", "andy")
        ]
    finally:
        await runtime.stop()
