"""``ringdesk call NUMBER|tel:URI|callto:URI|sip:URI [--account ID] [--caller-id N]``: click-to-call.

Desktop links (``tel:``, ``callto:``, ``sip:``) start this command, one process per click. If a Ringdesk
is running it gets the link (it dials with its own clients and shows the result in the tray) and this
process ends; otherwise the call is placed from here and the result printed. With ``--account`` or
``--caller-id`` the call is always placed from here: the running app's protocol carries the number only.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.providers.base import ProviderClient
    from app.services.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "call", help="call a number through the PBX (your phone rings first)",
        description="Call a number through the provider: your own phone rings first, then the number. "
                    "Accepts any written form (+48 777 888 999, 8 (495) 123-45-67) and tel:/callto:/sip: links.")
    parser.add_argument("target", nargs="+", metavar="NUMBER|URI", help="the number or link to call")
    parser.add_argument("--account", metavar="ID",
                        help="account id from config.toml (default: the first that can dial)")
    parser.add_argument("--caller-id", metavar="N", help="number to present, where the provider lets you choose")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = " ".join(args.target).strip()
    if not args.account and not args.caller_id and _forward(target):
        print("handed to the running Ringdesk")
        return 0
    import asyncio

    outcome = asyncio.run(_dial(target, args.account, args.caller_id))
    print(outcome)
    return 0


def _forward(target: str) -> bool:
    """True if a running desktop instance took the link."""
    try:
        from app.ui.single_instance import forward
    except ImportError:
        return False
    return forward(target)


async def _dial(target: str, account: str | None, caller_id: str | None) -> str:
    from app.services.calls import CallTracker
    from app.services.context import Context
    from app.services.dialer import Dialer
    from app.services.hub import CallHub

    context = Context.open()
    clients = _Clients(context)
    try:
        dialer = Dialer(context.settings, clients.get, CallTracker(context.calls, CallHub()))
        outcome = await dialer.call(target, account=account, caller_id=caller_id)
        return outcome.describe()
    finally:
        await clients.aclose()
        context.close()


class _Clients:
    """Provider clients opened on demand (only the account that dials), closed at the end."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.opened: dict[str, ProviderClient] = {}

    def get(self, account_id: str) -> ProviderClient:
        from app.config.settings import Provider
        from app.providers.base import client_for
        from app.services.budget import RequestBudget

        if account_id not in self.opened:
            settings = self.context.settings
            account = settings.account(account_id)
            budget = None
            if account.provider is Provider.TELECUBE:  # TeleCube requests count from the command line too
                budget = RequestBudget(self.context.state, account.id, daily_limit=account.daily_request_limit,
                                       period_limit=account.period_request_limit)
            self.opened[account_id] = client_for(account, self.context.secrets, region=settings.general.region,
                                                 gate=budget)
        return self.opened[account_id]

    async def aclose(self) -> None:
        for client in self.opened.values():
            await client.aclose()
