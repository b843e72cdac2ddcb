"""A damaged store set aside at start is said where the user of each front end looks: `history`'s and
`serve`'s stderr (journald under systemd), the doctor's report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.test_damaged_store import build_store, kept_files, write_garbage

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def ringdesk(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=os.environ | {"RINGDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_history_says_the_store_was_damaged_and_still_answers(ringdesk_home: Path) -> None:
    path, _total = build_store(ringdesk_home)
    write_garbage(path)
    done = ringdesk(ringdesk_home, "history", "--limit", "3", "--format", "json")
    assert done.returncode == 0, done.stderr
    [kept] = kept_files(path)
    assert "ringdesk: The database was damaged." in done.stderr and str(kept) in done.stderr, done.stderr
    assert isinstance(json.loads(done.stdout), list)  # the notice goes to stderr: stdout stays JSON


def test_the_doctor_reports_the_damaged_store_it_set_aside(ringdesk_home: Path) -> None:
    path, _total = build_store(ringdesk_home)
    write_garbage(path)
    done = ringdesk(ringdesk_home, "doctor", "--offline")
    assert "[warn] Database: The database was damaged." in done.stdout, done.stdout + done.stderr
    again = ringdesk(ringdesk_home, "doctor", "--offline")
    assert "[ ok ] Database:" in again.stdout and "checked, schema" in again.stdout, again.stdout
