"""``ringdesk demo``: the desktop app wired to the built-in sandbox — cards, history and recordings
within seconds, with no account and no network. Everything lives in a separate folder (default
``<data folder>/demo``), and the sandbox's keys stay in memory: the real config and keyring are untouched.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="try Ringdesk with simulated providers (no account needed)",
        description="Start the desktop app connected to the built-in sandbox, which "
        "plays Cloud PBX, TeleDiscount and TeleCube: a call rings every "
        "few seconds.",
    )
    parser.add_argument("--home", metavar="DIR", help="folder for the demo's data (default: <data folder>/demo)")
    parser.add_argument(
        "--interval", type=float, default=6.0, metavar="SECONDS", help="a call to you every SECONDS (default 6)"
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=4.0,
        metavar="N",
        help="background calls of other agents per minute, for the history (default 4)",
    )
    parser.add_argument(
        "--team",
        action="store_true",
        help="team mode: a hub between the sandbox and this desktop, which joins it as the agent andy",
    )
    parser.set_defaults(func=run, log_dir=log_dir)


def log_dir(args: argparse.Namespace) -> Path:
    """The demo logs into its own folder (``<demo home>/logs``), never into the real app's log."""
    from app.config import paths
    from app.demo import default_home

    return paths.resolve(args.home or default_home()).log_dir


def run(args: argparse.Namespace) -> int:
    from app.core.errors import ConfigError
    from app.demo import DemoOptions
    from app.ui.main import run as run_desktop

    if args.interval <= 0 or args.rate < 0:
        raise ConfigError("--interval must be above 0 and --rate at least 0")
    options = DemoOptions(interval_s=args.interval, rate_per_minute=args.rate, team=args.team)
    return run_desktop(args.home, demo=options)
