"""``ringdesk desktop install|uninstall|status``: register this Ringdesk with the desktop, per user.

What IT runs (or the user, once) after unpacking a build: the application-menu entry and icons (Linux),
and the handler for ``tel:``, ``callto:`` and ``sip:`` links on every platform. The same writers back the
settings dialog; start at login is a setting (``general.start_at_login``) and is only undone here.
"""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "desktop",
        help="register Ringdesk with the desktop (menu, phone links)",
        description="Register this Ringdesk with the desktop, for this user: the application-menu entry and "
        "icons (Linux) and the handler for tel:, callto: and sip: links.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    install_parser = actions.add_parser("install", help="menu entry, icons and the tel:/callto:/sip: link handler")
    install_parser.add_argument(
        "--start-at-login", action="store_true", help="also start Ringdesk, hidden in the tray, at login"
    )
    install_parser.set_defaults(func=install)
    actions.add_parser("uninstall", help="remove everything 'install' (and start at login) registered").set_defaults(
        func=uninstall
    )
    actions.add_parser("status", help="what is registered now").set_defaults(func=status)


def _integrations(with_autostart: bool) -> list[tuple[str, Any]]:
    from app.desktop import autostart, url_handlers
    from app.desktop.integration import platform_family

    found: list[tuple[str, Any]] = []
    if platform_family() == "linux":
        from app.desktop.menu_entry import LinuxMenuEntry

        found.append(("Menu entry", LinuxMenuEntry()))
    found.append(("Phone links", url_handlers.for_this_platform()))
    if with_autostart:
        found.append(("Start at login", autostart.for_this_platform()))
    return found


def _report(items: list[tuple[str, Any]]) -> int:
    failed = 0
    for name, integration in items:
        result = integration.status()
        print(f"{name}: {result.detail}")
        if result.fix and not result.installed:
            print(f"  Fix: {result.fix}")
        failed += not result.installed
    return failed


def install(args: argparse.Namespace) -> int:
    items = _integrations(with_autostart=bool(getattr(args, "start_at_login", False)))
    for _name, integration in items:
        integration.install()
    return 1 if _report(items) else 0


def uninstall(args: argparse.Namespace) -> int:
    items = _integrations(with_autostart=True)
    for _name, integration in items:
        integration.uninstall()
    _report(items)
    return 0


def status(args: argparse.Namespace) -> int:
    _report(_integrations(with_autostart=True))
    return 0
