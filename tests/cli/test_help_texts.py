"""``--help`` as a newcomer reads it: every command and every option says in one plain line what it does.

Why walk the parser rather than list the commands: a command added later is checked without touching this
file (the CLI finds its subcommands by module, see ``app/cli/__init__.py``). argparse prints docstrings and
help strings as they are, so reST markup (````ringdesk doctor````) reaches the terminal raw.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import build_parser

REPO = Path(__file__).resolve().parents[2]


def parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command path, the top level included: (), ("users",), ("users", "add"), …"""
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, (*path, name))


def parser_at(path: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = build_parser()
    for name in path:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[name]
    return parser


COMMANDS = list(parsers(build_parser()))


def test_every_command_is_walked() -> None:
    # The walk reaches the nested commands too (a guard against a walk that silently finds nothing).
    assert ("users", "add") in COMMANDS and ("desktop", "status") in COMMANDS and ("serve",) in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "ringdesk")
def test_help_is_plain_text(path: tuple[str, ...]) -> None:
    text = parser_at(path).format_help()
    assert "`" not in text, f"'ringdesk {' '.join(path)} --help' shows reST markup:\n{text}"


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "ringdesk")
def test_every_option_and_argument_has_help(path: tuple[str, ...]) -> None:
    parser = parser_at(path)
    missing = []
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue  # internal (e.g. the doctor's child-process probe)
        if isinstance(action, argparse._SubParsersAction):
            missing += [f"command {c.dest}" for c in action._choices_actions if not (c.help or "").strip()]
            continue
        if not (action.help or "").strip():
            missing.append("/".join(action.option_strings) or action.dest)
    assert not missing, f"'ringdesk {' '.join(path)}': no help for {', '.join(missing)}"


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "ringdesk")
def test_help_lines_are_one_line_each(path: tuple[str, ...]) -> None:
    """A help string is a sentence for one line of a terminal, not a paragraph with breaks."""
    parser = parser_at(path)
    for action in parser._actions:
        assert "\n" not in (action.help or ""), f"ringdesk {' '.join(path)}: {action.option_strings or action.dest}"


def test_the_exit_codes_are_in_the_top_level_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    for code in ("0", "1", "2", "70"):
        assert f"{code} " in text
    assert "exit codes" in text.lower()
