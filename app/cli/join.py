"""``ringdesk join LINK``: join this computer to a team hub with the link its administrator gave you.

Writes a hub account to config.toml (``id = "team"`` unless taken; ``--account ID`` to choose) and keeps the
token in the system keyring. Without a secure keyring it refuses: set ``RINGDESK_SECRET_<ID>_TOKEN`` instead
(headless machines), and ``join`` then writes only the account.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "join", help="join this computer to a team hub (paste the join link)", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("link", metavar="LINK", help="the join link, https://hub.example.com:8765/join#rd1.<login>.…")
    parser.add_argument("--account", metavar="ID", help='the account id to write (default "team")')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.config.secrets import env_name
    from app.config.settings import ACCOUNT_ID
    from app.core.errors import ConfigError
    from app.runtime import Runtime
    from app.services.context import Context

    if args.account and not ACCOUNT_ID.match(args.account):
        raise ConfigError(f"--account {args.account!r} must be a short slug (lower-case letters, digits, - and _)")
    joined = Runtime(Context.open()).settings.join_hub(args.link, args.account)
    account = joined.account
    if joined.environment_differs:
        print(f"Note: {env_name(account.id, 'token')} is set and overrides the link's token.")
    where = "the environment" if joined.token_from_environment else "the keyring"
    print(f"Joined the team hub {account.base_url} as {account.user} (account '{account.id}').")
    print(f"The token is in {where}.")
    print("Start Ringdesk to see your calls, or run 'ringdesk watch' to follow them here.")
    return 0
