"""``ringdesk join``: join this computer to a team hub with the link its administrator gave you.

The link holds your token: give it on standard input (``ringdesk join -``, or ``ringdesk join`` alone,
which asks for it without showing it when run in a terminal), so it stays out of ``ps`` and your shell's
history; ``ringdesk join LINK`` works too. Writes a hub account to config.toml (``id = "team"`` unless taken;
``--account ID`` to choose) and keeps the token in the system keyring. Without a secure keyring it refuses:
set ``RINGDESK_SECRET_<ID>_TOKEN`` instead (headless machines), and ``join`` then writes only the account.
"""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "join",
        help="join this computer to a team hub (paste the join link)",
        description="Join this computer to a team hub with the link its administrator gave you. The link holds "
        "your token, which goes to the system keyring (or set RINGDESK_SECRET_<ID>_TOKEN on a headless machine).",
        epilog="Examples: 'ringdesk join' (asks for the link, not echoed), 'ringdesk join - < link.txt'. "
        "A link given as LINK shows in 'ps' and your shell's history.",
    )
    parser.add_argument(
        "link",
        metavar="LINK",
        nargs="?",
        help="'-' (or nothing) to read the join link from standard input — it holds your token; or the link "
        "itself, https://hub.example.com:8765/join#rd1.<login>.…",
    )
    parser.add_argument("--account", metavar="ID", help='the account id to write (default "team")')
    parser.set_defaults(func=run)


def read_link(given: str | None) -> str:
    """The join link: ``given``, or (``-`` or nothing) from standard input — asked for without echo in a
    terminal, else its first non-empty line."""
    from app.core.errors import ConfigError

    if given not in (None, "-"):
        return given
    if sys.stdin is None:
        raise ConfigError("No join link: give it on standard input ('ringdesk join -').")
    if given is None and sys.stdin.isatty():
        import getpass

        try:
            return getpass.getpass("Paste the join link (it is not shown): ").strip()
        except (EOFError, KeyboardInterrupt):
            raise ConfigError("No join link given.") from None
    link = next((line.strip() for line in sys.stdin if line.strip()), "")
    if not link:
        raise ConfigError("No join link on standard input.", hint="Try: ringdesk join - < link.txt")
    return link


def run(args: argparse.Namespace) -> int:
    from app.config.secrets import env_name
    from app.config.settings import ACCOUNT_ID
    from app.core.errors import ConfigError
    from app.runtime import Runtime
    from app.services.context import Context

    if args.account and not ACCOUNT_ID.match(args.account):
        raise ConfigError(f"--account {args.account!r} must be a short slug (lower-case letters, digits, - and _)")
    link = read_link(args.link)
    joined = Runtime(Context.open()).settings.join_hub(link, args.account)
    account = joined.account
    if joined.environment_differs:
        print(f"Note: {env_name(account.id, 'token')} is set and overrides the link's token.")
    where = "the environment" if joined.token_from_environment else "the keyring"
    print(f"Joined the team hub {account.base_url} as {account.user} (account '{account.id}').")
    print(f"The token is in {where}.")
    print("Start Ringdesk to see your calls, or run 'ringdesk watch' to follow them here.")
    return 0
