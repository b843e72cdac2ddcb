"""What a test run leaves behind: nothing in the system temp folder, no FFmpeg chatter in its output.

Both are measured on a real pytest run in a subprocess, with the project's own configuration: a
temp folder of its own (``TMPDIR``), and the output read as a developer reads it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def run_pytest(args: list[str], tmpdir: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"TMPDIR": str(tmpdir), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("RINGDESK_HOME", None)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


WRITES_A_STORE = """
def test_writes_a_store(tmp_path):
    (tmp_path / "ringdesk.sqlite3").write_bytes(bytes(4 * 1024 * 1024))
"""


def test_a_passing_run_leaves_no_test_folders_in_the_temp_folder(tmp_path: Path) -> None:
    """Stores and recordings written under tmp_path (MBs per test) are gone once the tests passed, under
    the project's own pytest configuration: pytest's default keeps every test's folder of the last three
    runs, ~480 MB per run of this suite."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    tests = tmp_path / "suite"
    tests.mkdir()
    (tests / "test_store.py").write_text(WRITES_A_STORE)
    run = run_pytest(["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tests), str(tests)], temp)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout
    left = folder_bytes(temp)
    assert left < 64 * 1024, f"{left} bytes left in the temp folder: {sorted(temp.rglob('*'))[:20]}"


PLAY_A_RECORDING = """
import sys, wave
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.ui.player import RecordingPlayer

path = Path(sys.argv[1])
with wave.open(str(path), "wb") as wav:
    wav.setnchannels(1); wav.setsampwidth(2); wav.setframerate(8000); wav.writeframes(bytes(16000))
from app.ui.main import application
app = application([])
player = RecordingPlayer()
player.set_file(path)
player.toggle()
deadline = QTimer(singleShot=True, interval=10000)
deadline.timeout.connect(app.quit)
deadline.start()
poll = QTimer(interval=20)
poll.timeout.connect(lambda: app.quit() if player.position_ms > 300 else None)
poll.start()
app.exec()
print("played to", player.position_ms)
"""


def test_playing_a_recording_prints_no_ffmpeg_stream_dumps(tmp_path: Path) -> None:
    """Opening a recording used to print FFmpeg's ``Input #0, wav, from '…'`` and its streams on stderr
    (logged from Qt's worker thread through an info category): in the terminal, in journald and, whenever it
    fell between two tests, in pytest's progress line."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_LOGGING_RULES", None)
    run = subprocess.run(
        [sys.executable, "-c", PLAY_A_RECORDING, str(tmp_path / "call.wav")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "played to" in run.stdout
    assert "Input #0" not in run.stderr and "Stream #0" not in run.stderr, run.stderr
    assert "symbolsresolver" not in run.stderr, run.stderr
