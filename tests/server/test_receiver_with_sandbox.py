"""End to end over real loopback HTTP: the provider sandbox plays calls and sends its webhooks to the
receiver; each call must land exactly once, with the right status, agent, line, duration and recording,
in the store and in ``ringdesk history --format json`` (talk time: the whole call less the wait)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from app.cli import main
from app.core.models import Contact, ContactPhone
from app.core.phone import normal_form
from app.sandbox import Sandbox, SandboxConfig
from app.sandbox.calls import Call
from app.store.calls import CallQuery


@dataclass(frozen=True)
class Expected:
    status: str
    agent: str | None
    talk_s: int
    recording: bool


@pytest.fixture
async def sandbox(receiver) -> AsyncIterator[Sandbox]:  # type: ignore[no-untyped-def]
    config = SandboxConfig(
        seed=5,
        time_scale=0.0005,
        prefill_calls=0,
        crm_url=f"{receiver.url}/hooks/office",
        crm_token=receiver.crm_token,
        td_income_url=receiver.url + receiver.td_url("income"),
        td_finished_url=receiver.url + receiver.td_url("call_finished"),
        user_format="tenant",
        mixed_status_case=True,
        rating_share=0.0,
        webhook_retries=0,
    )
    sb = Sandbox(config)
    await sb.start()
    yield sb
    await sb.stop()


async def play(sandbox: Sandbox, **spec: object) -> Call:
    call_id = await sandbox.place_call(**spec)
    return await sandbox.wait_call(call_id, timeout=30)


async def test_calls_of_both_providers_land_once_with_the_right_facts(receiver, sandbox, capsys) -> None:
    region = receiver.context.settings.general.region
    sip = {a.login: a.sip for a in sandbox.roster.agents}
    played: dict[str, tuple[Call, Expected]] = {}

    call = await play(
        sandbox,
        provider="cloudpbx",
        direction="in",
        number="79101234567",
        agent="andy",
        outcome="answered",
        talk=42,
        wait=6,
    )
    played[call.id] = (call, Expected("answered", "andy", 42, True))
    call = await play(
        sandbox, provider="cloudpbx", direction="in", number="79101230000", group="sales", outcome="missed", wait=20
    )
    assert len(call.ringing) > 1  # a real group ring: several phones rang, one CANCELLED each
    played[call.id] = (call, Expected("missed", call.ringing[0], 0, False))
    call = await play(sandbox, provider="cloudpbx", direction="out", number="48777888999", agent="mike", outcome="busy")
    played[call.id] = (call, Expected("busy", "mike", 0, False))

    call = await play(
        sandbox,
        provider="telediscount",
        direction="in",
        number="79039998877",
        agent="daria",
        outcome="answered",
        talk=75,
        wait=4,
    )
    played[call.id] = (call, Expected("answered", sip["daria"], 75, False))
    call = await play(
        sandbox,
        provider="telediscount",
        direction="in",
        number="79039990000",
        group="support",
        outcome="missed",
        wait=30,
    )
    played[call.id] = (call, Expected("missed", None, 0, False))
    call = await play(
        sandbox, provider="telediscount", direction="out", number="48777888000", agent="serg", outcome="busy"
    )
    played[call.id] = (call, Expected("cancelled", sip["serg"], 0, False))  # TeleDiscount cannot tell busy

    assert sandbox.sender.counts["failed"] == 0
    rows = {row.call_id: row for row in receiver.context.calls.page(CallQuery(), limit=100)}
    assert set(rows) == set(played)
    capsys.readouterr()
    assert main(["history", "--format", "json", "--limit", "100"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert sorted(item["call_id"] for item in history) == sorted(played)  # each call exactly once
    for item in history:
        call, want = played[item["call_id"]]
        spec = call.spec
        assert (item["status"], item["agent"], item["talk_s"]) == (want.status, want.agent, want.talk_s), item
        # the provider's figure is the whole call: the wait the sandbox played and the talk
        assert item["duration_s"] == spec.wait + want.talk_s, item
        assert item["direction"] == spec.direction
        assert item["phone"] == normal_form(spec.number, region)
        assert item["line"] == normal_form(spec.line, region)
        assert item["recording_url"] == (f"{sandbox.base_url}/records/{call.id}.wav" if want.recording else None)


async def test_the_pbx_routes_a_group_call_to_the_responsible_agent_we_name(receiver, sandbox) -> None:
    receiver.context.contacts.upsert(Contact("ООО «Вектор»", [ContactPhone("+79101112233")], responsible="mike"))
    call = await play(
        sandbox, provider="cloudpbx", direction="in", number="79101112233", group="sales", outcome="answered", talk=30
    )
    assert call.contact_name == "ООО «Вектор»"
    assert call.ringing == ["mike"]
    row = receiver.context.calls.row("office", call.id)
    assert row is not None and (row.status.value, row.agent, row.contact_name) == ("answered", "mike", "ООО «Вектор»")
