"""``ringdesk serve``: the headless app — webhook receiver, call tracking and store, no UI.

Configured from ``config.toml`` and secrets (keyring, or ``RINGDESK_SECRET_<ACCOUNT>_<NAME>``). Prints the
URL(s) to paste into each provider's cabinet — with the secret part of a URL masked, because under
systemd stdout is the journal (``--show-urls`` or ``ringdesk urls`` print them in full) — and names, once,
each secret an account lacks. Logs one line per request (secrets masked), and on SIGINT/SIGTERM stops
accepting, lets requests in flight finish (their events are committed), closes the database and exits 0.
"""

from __future__ import annotations

import argparse
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.runtime import Runtime


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the team hub headless: webhook receiver, history sync and the desktops' API",
        description="Run Ringdesk headless: receive the providers' webhooks, sync and keep the call history, "
        "and serve the desktops that join this hub. Prints the URLs to paste into each provider's cabinet.",
    )
    parser.add_argument(
        "--listen",
        metavar="HOST:PORT",
        help="where the receiver listens (default: [server] listen, 127.0.0.1:8765); "
        "anything beyond 127.0.0.1 is reachable by others and logged as a warning",
    )
    parser.add_argument(
        "--show-urls",
        action="store_true",
        help="print the webhook URLs in full, secret part included (default: masked, as in the logs)",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug details too")
    parser.set_defaults(func=run, log_to_console=True)


def run(args: argparse.Namespace) -> int:
    import asyncio

    return asyncio.run(serve(args.listen, show_urls=args.show_urls))


async def serve(listen: str | None, *, show_urls: bool = False) -> int:
    import asyncio
    import contextlib
    import signal

    from app.cli._common import print_notices
    from app.cli.urls import print_urls
    from app.core.errors import ConfigError
    from app.runtime import Runtime
    from app.services.context import Context
    from app.services.webhook_urls import base_url, is_loopback

    log = logging.getLogger("ringdesk.serve")
    runtime = Runtime(Context.open(), listen=listen, serves_desktops=True)
    print_notices(runtime.context.notices())  # a damaged store set aside at this start
    if runtime.hub_account is not None:
        raise ConfigError(
            f"this configuration has joined the hub at {runtime.hub_account.base_url}: "
            "'ringdesk serve' is the hub itself, not a member of one",
            hint="Run 'ringdesk serve' with the providers' accounts in its own RINGDESK_HOME.",
        )
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows, or not the main thread
            loop.add_signal_handler(sig, stopping.set)
    try:
        address = await runtime.start()
        scheme = "https" if address.tls else "http"
        host = f"[{address.host}]" if ":" in address.host else address.host  # an IPv6 address, e.g. [::]
        print(f"Ringdesk receiver listening on {scheme}://{host}:{address.port}", flush=True)
        server = runtime.context.settings.server
        print_urls(runtime.context.settings, runtime.context.secrets, address.port, show=show_urls, command="serve")
        _name_missing_secrets(runtime, log)
        users = len(runtime.team.list())
        hub = base_url(server, address.port)
        print(f"Desktops join at {hub} ({users} user{'s' if users != 1 else ''}; add one with 'ringdesk users add')")
        if not (is_loopback(server.host) or server.tls_cert or server.trusted_proxies):
            print(
                "  note: beyond this machine the desktop API needs HTTPS: set [server] tls_cert/tls_key, or put a "
                "TLS proxy in front and name it in [server] trusted_proxies",
                flush=True,
            )
        await stopping.wait()
        log.info("stopping: finishing requests in flight")
    finally:
        await runtime.stop()
    print("Ringdesk receiver stopped.", flush=True)
    return 0


def _name_missing_secrets(runtime: Runtime, log: logging.Logger) -> None:
    """Log, once at start, each secret an enabled account lacks, what breaks without it and where it goes.

    A secret whose absence already stopped the account's provider client is skipped: the outbound services
    logged that one, with its variable, a moment ago (once is enough)."""
    from app.config.secrets import missing_secrets, where_to_set

    reported = runtime.outbound.unavailable if runtime.outbound else {}
    for account, spec in missing_secrets(runtime.context.secrets, runtime.context.settings.accounts):
        problem = reported.get(account)
        if problem is not None and problem.fields.get("name") == spec.name:
            continue
        log.warning(
            "account %s: no %s secret, %s: %s until you %s",
            account,
            spec.label,
            spec.what,
            spec.without,
            where_to_set(account, spec.name),
        )
