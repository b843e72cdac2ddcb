"""Seeded traffic: reproducible, realistic numbers in their written forms, plausible mixes and spreads."""

from __future__ import annotations

import csv
import io
import random
import statistics
from collections import Counter

import phonenumbers
import pytest

from app.sandbox import Sandbox, Scenario, build_roster, numbers
from tests.sandbox.sandbox_kit import fast_config


def test_same_seed_same_calls() -> None:
    first = Scenario(build_roster(42), 42).calls(300)
    second = Scenario(build_roster(42), 42).calls(300)
    assert first == second
    assert Scenario(build_roster(43), 43).calls(300) != first


async def test_sandbox_bursts_and_roster_are_reproducible() -> None:
    results = []
    for _ in range(2):
        async with Sandbox(fast_config(seed=5, time_scale=0.0)) as sb:
            await sb.burst(50)
            results.append(([c.spec for c in sb.engine.archive][-50:], sb.contacts_csv(), sb.agents()))
    assert results[0][0] and sorted(map(repr, results[0][0])) == sorted(map(repr, results[1][0]))
    assert results[0][1:] == results[1][1:]


def test_mix_and_spreads() -> None:
    calls = Scenario(build_roster(1), 1).calls(3000)
    directions = Counter(c.direction for c in calls)
    assert 0.55 < directions["in"] / len(calls) < 0.75
    outcomes = Counter(c.outcome for c in calls)
    assert {"answered", "missed", "transferred", "busy", "not_available", "not_allowed"} <= set(outcomes)
    assert Counter(c.provider for c in calls).keys() == {"cloudpbx", "telediscount", "telecube"}
    talks = [c.talk for c in calls if c.outcome == "answered"]
    assert 60 < statistics.median(talks) < 130 and max(talks) > 300 and min(talks) >= 3
    waits = [c.wait for c in calls if c.direction == "in" and c.outcome == "answered"]
    assert 4 <= statistics.median(waits) <= 12
    group_rings = [c for c in calls if c.direction == "in" and c.agent is None]
    assert 0.3 < len(group_rings) / directions["in"] < 0.7 and all(c.group for c in group_rings)
    assert any(c.rating for c in calls)
    assert all(c.transfer_to and c.transfer_to != c.agent for c in calls if c.outcome == "transferred")
    roster = build_roster(1)
    known = sum(1 for c in calls if c.number in roster.by_digits)
    assert 0.3 < known / len(calls) < 0.8


@pytest.mark.parametrize("make", [numbers.pl_mobile, numbers.pl_landline, numbers.ru_mobile, numbers.ru_landline])
def test_numbers_are_valid_in_every_written_form(make: object) -> None:
    rng = random.Random(3)
    for _ in range(200):
        digits = make(rng)  # type: ignore[operator]
        assert digits.isdigit() and len(digits) == 11
        region = "PL" if digits.startswith("48") else "RU"
        for form in numbers.written_forms(digits):
            parsed = phonenumbers.parse(form, region)
            assert phonenumbers.is_valid_number(parsed), (digits, form)
            assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == f"+{digits}"


def test_written_forms_examples() -> None:
    assert "+48 777 888 999" in numbers.written_forms("48777888999")
    assert "777888999" in numbers.written_forms("48777888999")
    assert "8 (495) 123-45-67" in numbers.written_forms("74951234567")
    assert numbers.written_forms("79101234567")[0] == "79101234567"


def test_roster_agents_and_contacts() -> None:
    roster = build_roster(9, extra_agents=6, contacts=300)
    logins = [a.login for a in roster.agents]
    assert logins[:5] == ["test", "daria", "andy", "mike", "serg"] and len(set(logins)) == 11
    assert {a.lang for a in roster.agents} == {"ru", "pl"}
    assert any(ch in "ąćęłńóśźż" for a in roster.agents for ch in (a.first_name + a.last_name).lower())
    assert len({a.sip for a in roster.agents}) == 11 and all(a.sip.startswith("SIP/") for a in roster.agents)
    assert roster.agent_by_sip("SIP/00000000672") is roster.agent("andy")
    assert roster.agent("andy@tenant.example") is roster.agent("andy")
    assert len(roster.contacts) == 300
    forms = Counter("+" in c.phones[0][0] for c in roster.contacts)
    assert forms[True] and forms[False]  # numbers written in several ways
    assert any(c.middle_name for c in roster.contacts)  # Russian patronymics
    assert {c.responsible for c in roster.contacts} - {""} <= set(logins)


async def test_contacts_csv_endpoint(sandbox: Sandbox) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=sandbox.base_url) as http:
        answer = await http.get("/_sandbox/contacts")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == ["name", "phone", "responsible", "company", "email", "note"]
    assert rows[0] == {
        "name": "Менеджер ЗАО Рога и копыта",
        "phone": "+7 910 123-45-67",
        "responsible": "andy",
        "company": "Менеджер ЗАО Рога и копыта",
        "email": "office@roga-kopyta.example",
        "note": "",
    }
    assert len(rows) == len(sandbox.roster.contacts)
