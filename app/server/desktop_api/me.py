"""``/api/v1/me`` and the stream's ``hello``: who the user is, and the accounts they work at."""

from __future__ import annotations

from typing import Any

from app.config.settings import Provider, Settings
from app.core.users import HubUser


def me_json(user: HubUser, settings: Settings, seq: int) -> dict[str, Any]:
    """The user as the desktop shows them; ``accounts``: the provider accounts whose calls they may see
    (a supervisor all of the hub's, an agent those where they have an identity)."""
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
    }
