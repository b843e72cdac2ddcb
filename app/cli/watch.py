"""``ringdesk watch``: a headless desktop joined to a team hub, printing one line per call update a desktop
would show on its cards (``--format json``: JSON lines).

It is the desktop without its windows: the same :class:`~app.runtime.Runtime` in hub mode, so it keeps the
hub's changes in this RINGDESK_HOME's store and, after a dropped connection or a restart, resumes after the
last change it stored there (nothing is printed twice, nothing is missed). Connection problems go to
stderr. SIGINT / SIGTERM stop it cleanly.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.services.hub import CallUpdate
    from app.services.hub_link import HubLink


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="print the call updates of a team hub as they happen",
        description="A headless desktop joined to a team hub: prints one line per call update a desktop would "
        "show on its cards (--format json: JSON lines). Stop it with Ctrl+C.",
    )
    parser.add_argument("--account", metavar="ID", help="the hub account to watch (default: the first one)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text lines (default) or JSON lines")
    parser.add_argument("--count", type=int, default=0, metavar="N", help="stop after N updates (default: never)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import asyncio

    return asyncio.run(watch(args.account, args.format, max(0, args.count)))


async def watch(account: str | None, form: str, count: int = 0) -> int:
    import asyncio
    import contextlib
    import signal

    from app.config.settings import Provider
    from app.core.errors import ConfigError
    from app.runtime import Runtime, hub_account
    from app.services.context import Context

    context = Context.open()
    hubs = [a for a in context.settings.accounts if a.provider is Provider.HUB]
    if account is not None:
        if not any(a.id == account for a in hubs):
            raise ConfigError(
                f"No hub account {account!r} in config.toml.", hint="Join with 'ringdesk join' (it asks for the link)."
            )
        for other in hubs:  # in memory only: never saved
            other.enabled = other.id == account
    chosen = hub_account(context.settings)
    if chosen is None:
        raise ConfigError(
            "This computer has not joined a team hub.",
            hint="Join with 'ringdesk join' (it asks for the link, not shown).",
        )
    runtime = Runtime(context)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows, or not the main thread
            loop.add_signal_handler(sig, stopping.set)
    printed = 0

    def on_update(update: CallUpdate) -> None:
        nonlocal printed
        if update.call is None:
            return
        line = _line(update, runtime)
        print(json.dumps(line, ensure_ascii=False) if form == "json" else _text(line), flush=True)
        printed += 1
        if count and printed >= count:
            stopping.set()

    def on_state(link: HubLink) -> None:
        if link.connected:
            print(
                f"ringdesk watch: connected to {chosen.base_url} as {chosen.user or '?'}", file=sys.stderr, flush=True
            )
        elif link.last_error is not None:
            again = "" if link.stopped else " (reconnecting)"
            print(f"ringdesk watch: {link.last_error.user_text()}{again}", file=sys.stderr, flush=True)
        if link.stopped:
            stopping.set()

    runtime.hub.subscribe(on_update)
    exit_code = 0
    try:
        await runtime.start()
        link = runtime.hub_link
        if link is None:
            problems = runtime.outbound.unavailable.values() if runtime.outbound else ()
            raise next(iter(problems), ConfigError("No connection to the hub."))
        link.listen(on_state)
        await stopping.wait()
        if link.stopped:
            exit_code = 2
    finally:
        await runtime.stop()
    return exit_code


def _line(update: CallUpdate, runtime: Runtime) -> dict[str, Any]:
    call = update.call
    assert call is not None
    contact = runtime.contacts.lookup(call.phone) if call.phone else None
    return {
        "seq": update.seq,
        "account": call.account,
        "call_id": call.call_id,
        "change": update.change.value,
        "status": call.status.value,
        "direction": call.direction.value if call.direction else None,
        "phone": call.phone,
        "line": call.line,
        "agent": call.agent,
        "contact_name": contact.name if contact else None,
        "started_at": call.started_at.isoformat().replace("+00:00", "Z"),
    }


def _text(line: dict[str, Any]) -> str:
    cells = (line["seq"], line["change"], line["status"], line["phone"], line["contact_name"], line["agent"])
    return "  ".join("-" if c is None else str(c) for c in cells) + f"  {line['account']}/{line['call_id']}"
