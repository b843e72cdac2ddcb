"""``ringdesk join LINK``: join this computer to a team hub with the link its administrator gave you.

Writes a hub account to config.toml (``id = "team"`` unless taken; ``--account ID`` to choose) and keeps the
token in the system keyring. Without a secure keyring it refuses: set ``RINGDESK_SECRET_<ID>_TOKEN`` instead
(headless machines), and ``join`` then writes only the account.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.config.settings import AccountSettings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "join", help="join this computer to a team hub (paste the join link)", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("link", metavar="LINK", help="the join link, https://hub.example.com:8765/join#rd1.<login>.…")
    parser.add_argument("--account", metavar="ID", help='the account id to write (default "team")')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.config.secrets import env_name
    from app.config.settings import ACCOUNT_ID, AccountSettings, Provider
    from app.core.errors import ConfigError, SecretStoreError
    from app.services.context import Context
    from app.services.team_users import login_of, parse_join

    parsed = parse_join(args.link)
    if parsed is None:
        raise ConfigError(
            "That is not a join link.",
            hint="A join link looks like https://hub.example.com:8765/join#rd1.anna.… (ask your administrator).",
        )
    hub_url, token = parsed
    login = login_of(token) or ""
    context = Context.open()
    settings = context.settings
    taken = {a.id: a for a in settings.accounts}
    if args.account:
        if not ACCOUNT_ID.match(args.account):
            raise ConfigError(f"--account {args.account!r} must be a short slug (lower-case letters, digits, - and _)")
        existing = taken.get(args.account)
        if existing is not None and existing.provider is not Provider.HUB:
            raise ConfigError(f"Account {args.account!r} exists already (a {existing.provider.value} account).")
        account_id = args.account
    else:
        account_id = _free_id(taken, hub_url)
    from_env = os.environ.get(env_name(account_id, "token"))
    if from_env is None:
        status = context.secrets.status()
        if not status.secure:
            raise SecretStoreError(
                "Cannot keep the hub's token safely on this computer: no secure keyring.",
                hint=f"Install and unlock a Secret Service (GNOME Keyring or KWallet), or set "
                f"{env_name(account_id, 'token')} to the token and run 'ringdesk join' again.",
            )
        context.secrets.set(account_id, "token", token)  # before the account: a refused keyring leaves no account
    elif from_env != token:
        print(f"Note: {env_name(account_id, 'token')} is set and overrides the link's token.")
    account = AccountSettings(account_id, Provider.HUB, name="Team hub", base_url=hub_url, user=login)
    existing = taken.get(account_id)
    if existing is not None:
        settings.accounts[settings.accounts.index(existing)] = account
    else:
        settings.accounts.append(account)
    context.save_settings()
    where = "the environment" if from_env is not None else "the keyring"
    print(f"Joined the team hub {hub_url} as {login} (account '{account_id}'; the token is in {where}).")
    print("Start Ringdesk to see your calls, or run 'ringdesk watch' to follow them here.")
    return 0


def _free_id(taken: Mapping[str, AccountSettings], hub_url: str) -> str:
    """``team``, or the hub account already pointing at ``hub_url`` (joining again), else ``team-2``, …"""
    from app.config.settings import Provider

    for account_id, account in taken.items():
        if account.provider is Provider.HUB and account.base_url == hub_url:
            return account_id
    candidate, n = "team", 1
    while candidate in taken:
        n += 1
        candidate = f"team-{n}"
    return candidate
