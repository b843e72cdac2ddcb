"""``/api/v1/me`` and the stream's ``hello``: who the user is, and the accounts they work at."""

from __future__ import annotations

from typing import Any

from app.config.settings import Provider, Settings
from app.core.users import HubUser


def me_json(user: HubUser, settings: Settings, seq: int, hub_id: str) -> dict[str, Any]:
    """The user as the desktop shows them; ``accounts``: the provider accounts whose calls they may see
    (a supervisor all of the hub's, an agent those where they have an identity); ``hub_id``: the store's
    identity (a desktop that sees it change forgets this hub's cache and starts from 0)."""
    accounts = [
        {"id": a.id, "provider": a.provider.value, "name": a.display_name}
        for a in settings.accounts
        if a.enabled and a.provider is not Provider.HUB and (user.supervisor or user.identity(a.id))
    ]
    return {
        "login": user.login,
        "name": user.display_name,
        "role": user.role.value,
        "identities": dict(sorted(user.identities.items())),
        "accounts": accounts,
        "seq": seq,
        "hub_id": hub_id,
    }
