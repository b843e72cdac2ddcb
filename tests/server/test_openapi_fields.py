"""The receiver's ``/openapi.json`` tells an integrator what each pushed field means, as docs/providers.md does.

Why it matters: whoever wires a PBX to Ringdesk (or fuzzes it) reads this document, not our source. It said
Cloud PBX's ``duration`` is "talk seconds", but it is the whole call with the wait before the answer
included; talk is ``duration`` − ``wait`` (issue 15, 11b). Most other fields had no description at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.server.conftest import Receiver

PROVIDERS_MD = Path(__file__).resolve().parents[2] / "docs" / "providers.md"


async def _spec(receiver: Receiver) -> dict[str, Any]:
    answer = await receiver.client.get("/openapi.json")
    assert answer.status_code == 200
    spec: dict[str, Any] = answer.json()
    return spec


def _cloudpbx_fields(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    body = spec["paths"]["/hooks/{account}"]["post"]["requestBody"]["content"]
    fields: dict[str, dict[str, Any]] = body["application/x-www-form-urlencoded"]["schema"]["properties"]
    return fields


def _telediscount_fields(spec: dict[str, Any]) -> dict[str, str]:
    parameters = spec["paths"]["/hooks/{account}/{secret}/{hook}"]["get"]["parameters"]
    return {p["name"]: p.get("description", "") for p in parameters if p["in"] == "query"}


async def test_cloudpbx_duration_is_the_whole_call_with_the_wait_as_providers_md_says(receiver: Receiver) -> None:
    docs = PROVIDERS_MD.read_text(encoding="utf-8")
    assert "the whole call, waiting included" in docs  # what the document below must agree with
    fields = _cloudpbx_fields(await _spec(receiver))
    duration, wait = fields["duration"]["description"], fields["wait"].get("description", "")
    assert "whole call" in duration and "wait" in duration and "talk seconds" not in duration
    assert "duration − wait" in duration  # how to get the talk, which is what "talk seconds" promised
    assert "before the answer" in wait and "part of duration" in wait


async def test_telediscount_connection_time_stays_the_talk(receiver: Receiver) -> None:
    """TeleDiscount's figures are the other way round: ``connection_time`` is the talk alone."""
    fields = _telediscount_fields(await _spec(receiver))
    assert fields["connection_time"] == "talk seconds"
    assert fields["waiting_time"] == "seconds before the answer"


async def test_every_pushed_field_says_what_it_is(receiver: Receiver) -> None:
    spec = await _spec(receiver)
    undescribed = [name for name, schema in _cloudpbx_fields(spec).items() if not schema.get("description")]
    undescribed += [f"{name} (TeleDiscount)" for name, text in _telediscount_fields(spec).items() if not text]
    assert undescribed == []
