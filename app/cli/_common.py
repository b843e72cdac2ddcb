"""What every subcommand shares: logging set-up, and turning problems into messages and exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from app.core.errors import Problem

EXIT_PROBLEM = 2
EXIT_BUG = 70  # EX_SOFTWARE


def run_command(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a subcommand; an environment problem prints one readable line instead of a traceback."""
    try:
        _setup_logging(args)
        return int(func(args) or 0)
    except Problem as problem:
        print(f"ringdesk: {problem.user_text()}", file=sys.stderr)
        logging.getLogger("ringdesk").warning("%s: %s", type(problem).__name__, problem.user_text())
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        return 130
    except Exception:
        # A bug, not the environment: keep the traceback in the log and say where it is.
        from app.config import paths

        logging.getLogger("ringdesk").exception("unexpected error in %s", getattr(args, "command", "?"))
        print(
            f"ringdesk: an unexpected error happened (a bug); details are in {paths.resolve().log_file}",
            file=sys.stderr,
        )
        return EXIT_BUG


def _setup_logging(args: argparse.Namespace) -> None:
    from app.config import logs, paths

    level = logging.DEBUG if getattr(args, "verbose", False) else logging.INFO
    logs.setup(paths.resolve().log_dir, level=level, console=bool(getattr(args, "log_to_console", False)))
