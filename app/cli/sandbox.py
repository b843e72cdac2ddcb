"""``ringdesk sandbox``: the provider simulators alone, on one local port, until Ctrl+C / SIGTERM.

Prints where each provider lives, its tokens and keys, and the webhook URLs it will call, so a user can
paste them into Ringdesk's account settings (or a test can read them). The sandbox library installs no
signal handlers (it also runs inside the desktop app's loop); this command does.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help="run the provider simulators (Cloud PBX, TeleDiscount, TeleCube/CCRM)",
        description="Run the provider sandbox: faithful simulators of the three provider APIs with seeded "
        "call traffic, on one local port. Control API under /_sandbox/ (state, calls, faults, burst...).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8900, help="port (default: 8900; 0 = any free port)")
    parser.add_argument("--rate", type=float, default=0.0, metavar="N", help="background calls per minute")
    parser.add_argument("--seed", type=int, default=1, help="random seed: same seed, same people and calls")
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        metavar="F",
        help="factor on ring/talk times (0.01: a 120 s call plays in 1.2 s)",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="ROUTE:KIND[:ARG]",
        help="switch a fault on, e.g. cloudpbx.history:status:503:count=3, "
        "telecube.*:latency:2, webhook.cloudpbx.event:drop:0.1, "
        "records.cloudpbx:not_ready:10",
    )
    parser.add_argument("--crm-url", help="Cloud PBX: the CRM URL it posts contact/event/history to")
    parser.add_argument("--crm-token", help="Cloud PBX: the crm_token it sends (default: the document's)")
    parser.add_argument("--td-income-url", help="TeleDiscount: URL of the 'start of incoming call' webhook")
    parser.add_argument("--td-finished-url", help="TeleDiscount: URL of the 'end of call' webhook")
    parser.add_argument("--contacts", type=int, default=200, help="size of the contact book / CCRM people")
    parser.add_argument("--daily-limit", type=int, default=1000, help="TeleCube/CCRM requests per day")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="any other sandbox option, e.g. makecall_answer=uuid, user_format=tenant, "
        "send_missed_history=false, mixed_status_case=true, recording_404_seconds=5",
    )
    parser.add_argument(
        "--duration",
        type=float,
        default=None,
        metavar="SECONDS",
        help="stop by itself after this many seconds (soak runs)",
    )
    parser.set_defaults(func=run)


def build_config(args: argparse.Namespace) -> Any:
    """The :class:`SandboxConfig` the flags describe (``ValueError`` for a bad flag value)."""
    from app.sandbox import SandboxConfig

    config = SandboxConfig(seed=args.seed, contacts=args.contacts)
    options: dict[str, Any] = {
        "rate": args.rate,
        "time_scale": args.time_scale,
        "telecube_daily_limit": args.daily_limit,
    }
    for name in ("crm_url", "crm_token", "td_income_url", "td_finished_url"):
        if getattr(args, name) is not None:
            options[name] = getattr(args, name)
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--set needs OPTION=VALUE: {item!r}")
        options[key.strip()] = value
    config.update(options)
    return config


def describe(sandbox: Any) -> str:
    """The banner: base URLs, credentials and webhook targets of a started sandbox."""
    urls, cred, cfg = sandbox.urls(), sandbox.credentials(), sandbox.config
    none = "(none: set it with the flag or POST /_sandbox/config)"
    lines = [
        f"Ringdesk provider sandbox on {urls['base']}  (seed {cfg.seed}, {cfg.rate:g} calls/min, "
        f"time scale {cfg.time_scale:g})",
        "",
        "Cloud PBX (ITooLabs API: MegaFon, Gravitel, …)",
        f"  API         POST {urls['cloudpbx']}",
        f"  token       {cred['cloudpbx_token']}",
        f"  calls CRM   {cfg.crm_url or none}",
        f"  crm_token   {cred['crm_token']}",
        "TeleDiscount",
        f"  API         GET {urls['telediscount']}{{outcome,get_calls,get_record}}",
        f"  abonent_api_key  {cred['telediscount_api_key']}",
        f"  income webhook         {cfg.td_income_url or none}",
        f"  call_finished webhook  {cfg.td_finished_url or none}",
        "TeleCube / CCRM",
        f"  CCRM API    {urls['ccrm']}   (Authorization: Bearer {cred['telecube_api_key']})",
        f"  web_call    POST {urls['telecube_web_call']}   (api_key {cred['telecube_api_key']})",
        f"  limit       {cfg.telecube_daily_limit} requests/day; allowed IPs: "
        f"{', '.join(cfg.telecube_allowed_ips) if cfg.telecube_allowed_ips else 'any'}",
        "",
        f"Recordings  {urls['recordings']}<call id>.wav",
        f"Contacts    {urls['control']}contacts  (CSV to import into Ringdesk)",
        f"Control     {urls['control']}state",
    ]
    faults = sandbox.faults.list()
    if faults:
        lines.append("Faults      " + "; ".join(f"{f['route']}:{f['kind']}" for f in faults))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run until SIGINT/SIGTERM (or ``--duration``); 0 on a clean stop, 2 for a bad flag or a busy port."""
    import asyncio

    from app.sandbox import parse_fault

    try:
        config = build_config(args)
        faults = [parse_fault(text) for text in args.fault]
    except (TypeError, ValueError) as exc:
        print(f"ringdesk sandbox: {exc}", file=sys.stderr)
        return 2
    try:
        return asyncio.run(_serve(args, config, faults))
    except OSError as exc:
        print(f"ringdesk sandbox: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 2


async def _serve(args: argparse.Namespace, config: Any, faults: list[Any]) -> int:
    import asyncio
    import contextlib
    import signal

    from app.sandbox import Sandbox

    sandbox = Sandbox(config)
    for fault in faults:
        sandbox.add_fault(fault)
    await sandbox.start(args.host, args.port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Windows has no add_signal_handler: there Ctrl+C arrives as KeyboardInterrupt.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    print(describe(sandbox), flush=True)
    print("\nPress Ctrl+C to stop.", flush=True)
    try:
        if args.duration is not None:
            await asyncio.wait_for(stop.wait(), args.duration)
        else:
            await stop.wait()
    except TimeoutError:
        pass
    finally:
        await sandbox.stop()
    print("sandbox stopped", flush=True)
    return 0
