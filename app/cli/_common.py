"""What every subcommand shares: logging set-up, and turning problems into messages and exit codes.

Exit codes (also in ``ringdesk --help``): 0 done; 1 the command ran and reports a failure (``doctor``: a
check failed; ``desktop install``: something could not be registered); 2 a problem with the configuration,
the environment or the command line, said in one line; 70 a bug (the traceback is in the log file);
130 interrupted (Ctrl+C).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from app.core.cells import plain
from app.core.errors import Problem

EXIT_FAILED = 1
EXIT_PROBLEM = 2
EXIT_BUG = 70  # EX_SOFTWARE


def run_command(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a subcommand; an environment problem prints one readable line instead of a traceback."""
    try:
        _setup_logging(args)
        return int(func(args) or 0)
    except Problem as problem:  # its text may quote what was typed or sent: no terminal controls
        print(f"ringdesk: {plain(problem.user_text())}", file=sys.stderr)
        # Into the log file only: a command that also logs to the console (serve) would say it twice.
        logging.getLogger("ringdesk").warning(
            "%s: %s", type(problem).__name__, problem.user_text(), extra={FILE_ONLY: True}
        )
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except Exception:
        # A bug, not the environment: keep the traceback in the log and say where it is.

        logging.getLogger("ringdesk").exception("unexpected error in %s", getattr(args, "command", "?"))
        print(
            f"ringdesk: an unexpected error happened (a bug); details are in {log_dir(args) / 'ringdesk.log'}",
            file=sys.stderr,
        )
        return EXIT_BUG


def print_notices(problems: list[Problem]) -> None:
    """What opening the store met and got past (a damaged database set aside and salvaged), on stderr, where
    a command's user and journald both see it."""
    for problem in problems:
        print(f"ringdesk: {plain(problem.user_text())}", file=sys.stderr, flush=True)


FILE_ONLY = "ringdesk_file_only"  # a log record with this attribute set skips the console


def log_dir(args: argparse.Namespace) -> Path:
    """Where this command logs: the app's log folder, unless the command keeps to a folder of its own
    (``demo``: ``parser.set_defaults(log_dir=callable)``, so a demo never writes into the real app's logs)."""
    from app.config import paths

    own: Callable[[argparse.Namespace], Path] | None = getattr(args, "log_dir", None)
    return own(args) if callable(own) else paths.resolve().log_dir


def _setup_logging(args: argparse.Namespace) -> None:
    from app.config import logs

    level = logging.DEBUG if getattr(args, "verbose", False) else logging.INFO
    console = bool(getattr(args, "log_to_console", False))
    logs.setup(log_dir(args), level=level, console=console)
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_ringdesk", False) and not isinstance(handler, logging.FileHandler):
            handler.addFilter(_not_file_only)


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, FILE_ONLY, False)
