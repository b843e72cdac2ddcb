"""The people who use a team hub: who they are, what they may see, and who they are at each provider.

Why identities: a Cloud PBX names agents by PBX user, TeleDiscount by SIP account, TeleCube by extension;
one person is ``andy`` at one account and ``0000000672`` at another. The hub decides who sees a call by
these, and dials with them, so no desktop can see or dial as somebody else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.accounts import Role

LOGIN = re.compile(r"^[a-z0-9_-]{1,32}$")


def short_login(login: str | None) -> str:
    """``andy@office.megapbx.ru`` → ``andy`` (deployments differ in whether they add the tenant)."""
    return (login or "").split("@", 1)[0].strip().lower()


@dataclass(frozen=True, slots=True)
class HubUser:
    login: str
    role: Role
    name: str = ""
    identities: dict[str, str] = field(default_factory=dict)  # account id → who the user is there

    @property
    def display_name(self) -> str:
        return self.name or self.login

    @property
    def supervisor(self) -> bool:
        return self.role is Role.SUPERVISOR

    def identity(self, account: str) -> str:
        """Who the user is at ``account`` (normalised as calls name agents), "" if nobody."""
        return short_login(self.identities.get(account, ""))
