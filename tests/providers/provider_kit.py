"""Helpers of the provider-client tests (imported by the tests and by conftest.py)."""

from __future__ import annotations

from typing import Any

from app.core.accounts import Account, Provider
from app.sandbox import Sandbox
from app.sandbox.config import DOC_CLOUDPBX_TOKEN, DOC_TELECUBE_KEY, DOC_TELEDISCOUNT_KEY

ME = {Provider.CLOUDPBX: "andy", Provider.TELEDISCOUNT: "SIP/00000000672", Provider.TELECUBE: "103"}
SECRETS = {
    Provider.CLOUDPBX: ("token", DOC_CLOUDPBX_TOKEN),
    Provider.TELEDISCOUNT: ("api_key", DOC_TELEDISCOUNT_KEY),
    Provider.TELECUBE: ("api_key", DOC_TELECUBE_KEY),
}


async def no_sleep(seconds: float) -> None:
    """Retries in tests wait for nothing (the pauses themselves are tested as numbers)."""


def account_at(sandbox: Sandbox, provider: Provider, **overrides: Any) -> Account:
    """An account of ``provider`` whose every URL is the sandbox's."""
    values: dict[str, Any] = {
        "id": provider.value,
        "provider": provider,
        "base_url": sandbox.base_url,
        "user": ME.get(provider, ""),
    }
    if provider is Provider.TELECUBE:
        values.update(panel_url=sandbox.base_url, login=sandbox.config.telecube_login)
    values.update(overrides)
    return Account(**values)


def sent(sandbox: Sandbox, path: str) -> list[dict[str, Any]]:
    """What the sandbox received on ``path`` (its request log), oldest first."""
    return sandbox.requests.list(path=path)
