"""``ringdesk run`` (and bare ``ringdesk``): the desktop app — tray, cards, click-to-call, history.

If Ringdesk is already running, this brings it up instead of starting a second one.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="start the desktop app (the default command)",
        description="Start the Ringdesk desktop app: tray icon, incoming-call cards, "
        "click-to-call and the call history.",
    )
    parser.add_argument("--home", metavar="DIR", help="keep config, data and logs in DIR (like RINGDESK_HOME)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.ui.main import run as run_desktop

    return run_desktop(args.home)
