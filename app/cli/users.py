"""``ringdesk users add|list|remove|reset``: the people who use this team hub.

``add`` and ``reset`` print the user's invite once — a token and the join link a desktop pastes; the hub
keeps only a hash of the token, so a lost invite is replaced with ``reset``, never shown again. A removed
or reset user is cut off by a running hub within a second (it watches the store), and their next request
gets 401.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.team_users import TeamUsers


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "users",
        help="manage the users of this team hub",
        description="Manage the people who use this team hub: add and reset print a user's invite once "
        "(a token and the join link a desktop pastes); the hub keeps only a hash of the token.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a user and print their invite (token + join link)")
    add.add_argument("login", help="short name: 1-32 lower-case letters, digits, - or _")
    add.add_argument("--role", choices=("agent", "supervisor"), required=True, help="agent: own calls; supervisor: all")
    add.add_argument("--name", default="", help='the person\'s full name, e.g. "Anna Nowak"')
    add.add_argument(
        "--identity",
        action="append",
        default=[],
        metavar="ACCOUNT=ID",
        help="who the user is at a provider account (PBX user, SIP account or extension); repeatable",
    )
    add.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or one JSON object")
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", help="list the users (never their tokens)")
    listing.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or a JSON list")
    listing.set_defaults(func=run_list)

    remove = actions.add_parser("remove", help="remove a user; a running hub disconnects them at once")
    remove.add_argument("login", help="the user's login")
    remove.set_defaults(func=run_remove)

    reset = actions.add_parser("reset", help="give a user a new token (the old one stops working at once)")
    reset.add_argument("login", help="the user's login")
    reset.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or one JSON object")
    reset.set_defaults(func=run_reset)


def run_add(args: argparse.Namespace) -> int:
    from app.config.settings import Role
    from app.core.errors import ConfigError

    identities: dict[str, str] = {}
    for item in args.identity:
        account, sep, who = item.partition("=")
        if not sep or not account:
            raise ConfigError(f"--identity {item!r}: write ACCOUNT=ID, e.g. office=andy")
        identities[account.strip()] = who
    invite = _team().add(args.login, Role(args.role), name=args.name, identities=identities)
    _print_invite(invite.to_json(), args.format)
    return 0


def run_reset(args: argparse.Namespace) -> int:
    invite = _team().reset(args.login)
    _print_invite(invite.to_json(), args.format)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    _team().remove(args.login)
    print(f"Removed {args.login}. A running hub disconnects them now.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    users = _team().list()
    if args.format == "json":
        rows = [{"login": u.login, "name": u.name, "role": u.role.value, "identities": u.identities} for u in users]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not users:
        print("No users yet: add one with 'ringdesk users add LOGIN --role agent --identity ACCOUNT=ID'.")
    for user in users:
        who = ", ".join(f"{a}={i}" for a, i in sorted(user.identities.items())) or "no identities"
        print(f"{user.login:<16} {user.role.value:<10} {user.name or '-':<24} {who}")
    return 0


def _team() -> TeamUsers:
    from app.services.context import Context
    from app.services.team_users import TeamUsers

    context = Context.open()
    return TeamUsers(context.users, context.settings)


def _warn_if_plain_http(join_url: str) -> None:
    """Desktops refuse an ``http://`` hub beyond loopback (the token would cross the network in clear)."""
    from urllib.parse import urlsplit

    from app.services.webhook_urls import is_loopback

    parts = urlsplit(join_url)
    if parts.scheme == "http" and not is_loopback(parts.hostname or ""):
        print(
            f"Warning: the join link is plain http ({parts.scheme}://{parts.netloc}): desktops will refuse it: "
            "set [server] public_url to the https address of the proxy, or tls_cert/tls_key.",
            file=sys.stderr,
        )


def _print_invite(invite: dict[str, str], form: str) -> None:
    _warn_if_plain_http(invite["join_url"])
    if form == "json":
        print(json.dumps(invite))
        return
    print(f"Invite for {invite['login']} (shown once; 'ringdesk users reset {invite['login']}' makes a new one):")
    print(f"  join link: {invite['join_url']}")
    print(f"  token:     {invite['token']}")
    print("Paste the join link into Ringdesk › Join your team's hub on the user's computer.")
