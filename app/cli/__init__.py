"""The ``ringdesk`` command line.

Every module in this package that defines ``register(subparsers)`` contributes one subcommand, so a
subcommand exists exactly when its module does (no stubs), and adding one never touches this file.
Modules import their heavy dependencies inside their handlers: ``ringdesk --help`` must stay instant.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    """Assemble the parser from every subcommand module found in this package."""
    parser = argparse.ArgumentParser(
        prog="ringdesk",
        description="Ringdesk: incoming-call cards, click-to-call and call history for call-centre agents.",
        epilog="Run 'ringdesk COMMAND --help' for a command's options. Exit codes: 0 done; 1 the command ran "
        "and reports a failure (doctor: a check failed); 2 a problem with the configuration, the environment or "
        "the command line, said in one line; 70 a bug (details in the log file); 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"ringdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        # Bare ``ringdesk`` starts the desktop app (the ``run`` subcommand) once it exists.
        if "run" not in _subcommand_names(parser):
            parser.print_help()
            return 0
        args = parser.parse_args(["run", *(argv or [])])
    from app.cli._common import run_command

    return run_command(args.func, args)


def _subcommand_names(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
