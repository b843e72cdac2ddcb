"""``ringdesk doctor``: check the configuration, secrets, keyring, accounts, receiver port, desktop
integration and audio, and say in plain words what is wrong and how to fix it — in the command line's
words (the config file, the variables, the commands). Exit 1 if any check fails; warnings say what is
worth knowing and leave the exit code at 0, and the last line counts both.

Runs headless (it is the self-check of the packaged build in CI). Network checks make one cheap request
per account (``--offline`` skips them); for TeleCube that request counts against the daily budget.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any, TextIO

EXIT_FAILED = 1
MARKS = {"ok": "[ ok ]", "warn": "[warn]", "FAIL": "[FAIL]", "skip": "[skip]"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check configuration, secrets, accounts, port and desktop, with a fix for each problem",
        description="Check the configuration, the secrets, the keyring, each account (one cheap request), the "
        "receiver's port, desktop integration and audio, and say how to fix what is wrong. Exit code 0: no check "
        "failed (warnings allowed); 1: a check failed.",
    )
    parser.add_argument("--offline", action="store_true", help="do not contact the providers")
    # The audio check's child process (see _doctor_checks.check_audio): prints one JSON line, nothing else.
    parser.add_argument("--audio-probe", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    from app import __version__
    from app.cli import _doctor_checks as checks
    from app.config import paths as paths_module
    from app.config.secrets import SecretStore

    out = out or sys.stdout
    if args.audio_probe:
        print(json.dumps(checks.audio_probe_here()), file=out, flush=True)
        return 0
    paths = paths_module.resolve().ensure()
    secrets = SecretStore()
    config, settings = checks.check_config(paths)
    results = [config]
    if settings is not None:
        results.append(checks.check_region(settings))
    results.append(checks.check_keyring(secrets, settings))
    if settings is not None:
        results += checks.check_secrets(settings, secrets)
    if settings is None:
        results.append(checks.Check("Accounts", checks.Level.SKIP, "Not checked: the configuration is invalid."))
    elif args.offline and settings.accounts:
        results.append(checks.Check("Accounts", checks.Level.SKIP, "Not checked (--offline)."))
    else:
        results += asyncio.run(_accounts(checks, settings, secrets, paths))
    if settings is not None:
        results.append(checks.check_database())
        results.append(checks.check_port(settings.server))
    results += checks.check_desktop(settings)
    from app.cli import _doctor_audio  # which library and package is missing, else the devices

    results.append(_doctor_audio.check_audio(settings))

    print(f"Ringdesk {__version__} — doctor", file=out)
    for result in results:
        print(f"{MARKS[result.level.value]} {result.topic}: {result.detail}", file=out)
        if result.fix and result.level in (checks.Level.FAIL, checks.Level.WARN):
            account = result.topic.removeprefix("Account ") if result.topic.startswith("Account ") else None
            print(f"       Fix: {checks.for_command_line(result.fix, paths.config_file, account)}", file=out)
    failed = sum(result.level is checks.Level.FAIL for result in results)
    warned = sum(result.level is checks.Level.WARN for result in results)
    print(verdict(failed, warned), file=out)
    return EXIT_FAILED if failed else 0


def verdict(failed: int, warned: int) -> str:
    """The last line: how many checks failed and how many warned ("No problems found." under five
    warnings read as if there were nothing to do)."""
    if not failed and not warned:
        return "All checks passed."
    warnings = f"{warned} warning{'s' * (warned != 1)}"
    if not failed:
        return f"No check failed; {warnings}."
    return f"{failed} check{'s' * (failed != 1)} failed; {warnings}."


async def _accounts(checks: Any, settings: Any, secrets: Any, paths: Any) -> list[Any]:
    from app.services.context import Context

    context = Context(paths, settings, secrets)
    try:
        return list(await checks.check_accounts(settings, secrets, lambda account: _budget(context, account)))
    finally:
        context.close()


def _budget(context: Any, account: Any) -> Any:
    from app.services.budget import RequestBudget

    return RequestBudget(
        context.state, account.id, daily_limit=account.daily_request_limit, period_limit=account.period_request_limit
    )
