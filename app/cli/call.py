"""``ringdesk call NUMBER|tel:URI|callto:URI|sip:URI [--account ID] [--caller-id N]``: click-to-call.

Desktop links (``tel:``, ``callto:``, ``sip:``) start this command, one process per click. If a Ringdesk
is running it gets the link (it dials with its own clients and shows the result in the tray) and this
process ends; otherwise the call is placed from here and the result printed. With ``--account`` or
``--caller-id`` the call is always placed from here: the running app's protocol carries the number only.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "call",
        help="call a number through the PBX (your phone rings first)",
        description="Call a number through the provider: your own phone rings first, then the number. "
        "Accepts any written form (+48 777 888 999, 8 (495) 123-45-67) and tel:/callto:/sip: links. "
        "A number without a country code is read in the country of the caller ID it goes out through, "
        "else in your region: region under [general] in config.toml, or, when that is not set, the country "
        "of the system locale (LC_ALL, LC_TELEPHONE, LC_CTYPE, LANG; PL when the locale names none).",
    )
    parser.add_argument("target", nargs="+", metavar="NUMBER|URI", help="the number or link to call")
    parser.add_argument(
        "--account", metavar="ID", help="account id from config.toml (default: the first that can dial)"
    )
    parser.add_argument(
        "--caller-id",
        metavar="N",
        help="number to present, where the provider lets you choose (its country reads national numbers)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    target = " ".join(args.target).strip()
    if not args.account and not args.caller_id and _forward(target):
        print("handed to the running Ringdesk")
        return 0
    import asyncio

    from app.core.cells import plain

    outcome = asyncio.run(_dial(target, args.account, args.caller_id))
    print(plain(outcome))  # it quotes the number as typed: no terminal controls
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
    from app.services.hub import CallHub
    from app.services.outbound import OutboundServices

    context = Context.open()
    outbound = OutboundServices(context, CallTracker(context.calls, CallHub()))  # same clients as the app
    try:
        outcome = await outbound.dialer.call(target, account=account, caller_id=caller_id)
        return outcome.describe()
    finally:
        await outbound.stop()
        context.close()
