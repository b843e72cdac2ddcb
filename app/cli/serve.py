"""``ringdesk serve``: the headless app — webhook receiver, call tracking and store, no UI.

Configured from ``config.toml`` and secrets (keyring, or ``RINGDESK_SECRET_<ACCOUNT>_<NAME>``). Prints the
URL(s) to paste into each provider's cabinet, logs one line per request (secrets masked), and on
SIGINT/SIGTERM stops accepting, lets requests in flight finish (their events are committed), closes the
database and exits 0.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="run headless: receive the providers' webhooks, keep the history")
    parser.add_argument(
        "--listen",
        metavar="HOST:PORT",
        help="where the receiver listens (default: [server] listen, 127.0.0.1:8765); "
        "anything beyond 127.0.0.1 is reachable by others and logged as a warning",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug details too")
    parser.set_defaults(func=run, log_to_console=True)


def run(args: argparse.Namespace) -> int:
    import asyncio

    return asyncio.run(serve(args.listen))


async def serve(listen: str | None) -> int:
    import asyncio
    import contextlib
    import logging
    import signal

    from app.runtime import Runtime
    from app.services.context import Context

    log = logging.getLogger("ringdesk.serve")
    from app.core.errors import ConfigError
    from app.services.webhook_urls import base_url, is_loopback

    runtime = Runtime(Context.open(), listen=listen, serves_desktops=True)
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
        print(f"Ringdesk receiver listening on {scheme}://{address.host}:{address.port}", flush=True)
        _print_urls(runtime.webhook_urls())
        server = runtime.context.settings.server
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


def _print_urls(urls: dict[str, list[str]]) -> None:
    if not urls:
        print("No accounts in config.toml yet: nothing will call this receiver.", flush=True)
    for account, found in urls.items():
        if not found:
            print(f"  {account}: (no webhooks for this account)", flush=True)
        for url in found:
            print(f"  {account}: {url}", flush=True)
