"""The packaged Linux build: built with packaging/build-linux.sh, then run as an agent would run it.

Slow (a PyInstaller build: 80–150 s on this 2-core machine). Needs PyInstaller (``pip install -e .[build]``);
the demo part needs ``xvfb-run`` and the xcb libraries of README › System packages.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="needs PyInstaller (.[build])"),
]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("build")
    env = {**os.environ, "DIST": str(out / "dist"), "WORK": str(out / "work")}
    result = subprocess.run([str(ROOT / "packaging" / "build-linux.sh")], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield out / "dist"


def run_binary(build: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "RINGDESK_"))}
    environment.update(RINGDESK_HOME=str(home), **env)
    return subprocess.run([str(build / "ringdesk" / "ringdesk"), *args], capture_output=True, text=True,
                          timeout=120, env=environment)


def test_the_build_is_a_complete_folder_and_tarball(build: Path) -> None:
    folder = build / "ringdesk"
    assert (folder / "share" / "applications" / "ringdesk-call.desktop").is_file()
    assert (folder / "share" / "icons" / "hicolor" / "48x48" / "apps" / "ringdesk.png").is_file()
    assert (folder / "_internal" / "resources" / "icons" / "app.svg").is_file()
    assert list((folder / "_internal" / "PySide6" / "Qt" / "plugins" / "multimedia").glob("*ffmpeg*"))
    assert list((folder / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms").glob("libqxcb.so"))
    with tarfile.open(next(build.glob(f"ringdesk-{__version__}-linux-*.tar.gz"))) as tarball:
        assert "ringdesk/ringdesk" in tarball.getnames()


def test_the_binary_answers_version_and_its_self_check_headless(build: Path, tmp_path: Path) -> None:
    version = run_binary(build, tmp_path / "home", "--version")
    assert version.stdout.strip() == f"ringdesk {__version__}"

    doctor = run_binary(build, tmp_path / "home", "doctor", "--offline", QT_QPA_PLATFORM="offscreen")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "No problems found." in doctor.stdout
    assert "Audio output" in doctor.stdout and "cannot be loaded" not in doctor.stdout


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt-get install xvfb xauth)")
def test_the_binary_runs_the_demo_on_an_x_display(build: Path, tmp_path: Path) -> None:
    """``ringdesk demo`` under Xvfb with the xcb platform: it starts, receives the sandbox's calls, stays up."""
    home = tmp_path / "home"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "RINGDESK_"))}
    environment.update(RINGDESK_HOME=str(home), QT_QPA_PLATFORM="xcb")
    demo = subprocess.Popen(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", str(build / "ringdesk" / "ringdesk"),
                             "demo", "--home", str(home / "demo"), "--interval", "1"],
                            env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)  # its own process group: Xvfb and the app end together
    log = home / "logs" / "ringdesk.log"
    try:
        deadline = time.monotonic() + 90  # a guard against hanging, not a speed requirement
        while time.monotonic() < deadline and demo.poll() is None:
            text = log.read_text() if log.exists() else ""
            if "POST /hooks/" in text and " 200 " in text:
                break
            time.sleep(0.5)
        assert demo.poll() is None, demo.communicate()[0][-3000:]
        text = log.read_text()
        assert "webhook receiver listening" in text and "POST /hooks/" in text
        assert "Traceback" not in text
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        demo.communicate(timeout=30)
