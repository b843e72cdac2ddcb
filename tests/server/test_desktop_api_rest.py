"""The hub's desktop REST API over real HTTP: who the user is, pages of changes filtered by who may see
what, dialling as the user, notes and contacts, recordings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.server.hubkit import Hub, running_hub


@pytest.fixture
async def hub(ringdesk_home: Path) -> AsyncIterator[Hub]:
    async with running_hub(ringdesk_home) as running:
        yield running


async def test_me_says_who_the_user_is_and_where_they_work(hub: Hub) -> None:
    answer = await hub.get("anna", "/api/v1/me")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "login": "anna",
        "name": "Anna",
        "role": "agent",
        "identities": {"office": "anna"},
        "accounts": [{"id": "office", "provider": "cloudpbx", "name": "office"}],
        "seq": 0,
    }
    sam = (await hub.get("sam", "/api/v1/me")).json()
    assert (sam["role"], [a["id"] for a in sam["accounts"]]) == ("supervisor", ["office", "td"])
