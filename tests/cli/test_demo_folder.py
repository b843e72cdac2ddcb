"""``ringdesk demo`` keeps to its own folder: its log lands beside its data, never in the real app's log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def test_the_demo_logs_into_its_own_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    environment = os.environ | {"RINGDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    demo = subprocess.Popen(
        [sys.executable, "-m", "app", "demo", "--interval", "1"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    demo_log = home / "data" / "demo" / "logs" / "ringdesk.log"
    try:
        deadline = time.monotonic() + 90
        while demo.poll() is None and "POST /hooks/" not in read(demo_log):
            assert time.monotonic() < deadline, (
                f"no webhook in the demo's log; the app's log: {read(home / 'logs' / 'ringdesk.log')[-2000:]}"
            )
            time.sleep(0.2)
        assert demo.poll() is None, demo.communicate()[0]
    finally:
        demo.send_signal(signal.SIGTERM)
        output = demo.communicate(timeout=60)[0]
    assert "webhook receiver listening" in read(demo_log)
    assert not (home / "logs").exists() or not any((home / "logs").iterdir()), (
        f"the demo wrote into the app's log folder: {sorted((home / 'logs').iterdir())}\n{output}"
    )
