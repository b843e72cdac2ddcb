"""The packaged Linux build: built with packaging/build-linux.sh, then run as an agent would run it.

Slow (a PyInstaller build: 80–150 s on this 2-core machine). Needs PyInstaller (``pip install -e .[build]``);
the demo part needs ``xvfb-run`` and the xcb libraries of README › System packages.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import __version__
from app.config.secrets import env_name
from app.sandbox import Sandbox, SandboxConfig
from app.sandbox.config import DOC_CLOUDPBX_TOKEN
from tests.kit import free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="needs PyInstaller (.[build])"),
]


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("build")
    env = {**os.environ, "DIST": str(out / "dist"), "WORK": str(out / "work"), "PYTHON": sys.executable}
    result = subprocess.run(
        [str(ROOT / "packaging" / "build-linux.sh")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    yield out / "dist"


def clean_environment(home: Path, **env: str) -> dict[str, str]:
    """The test's environment without Qt/Ringdesk overrides (a user's session), with ``RINGDESK_HOME``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "RINGDESK_"))}
    environment.update(RINGDESK_HOME=str(home), **env)
    return environment


def run_binary(build: Path, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(build / "ringdesk" / "ringdesk"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_environment(home, **env),
    )


def start_on_xvfb(build: Path, environment: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """The built app on its own Xvfb, in its own process group (Xvfb and the app end together)."""
    return subprocess.Popen(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", str(build / "ringdesk" / "ringdesk"), *args],
        env={**environment, "QT_QPA_PLATFORM": "xcb"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop(process: subprocess.Popen[str]) -> str:
    os.killpg(process.pid, signal.SIGTERM)
    return process.communicate(timeout=30)[0]


async def wait_for(condition: object, what: str, guard_s: float = 90) -> None:
    """Poll ``condition()`` until true; the guard only stops a hang, it is not a speed requirement."""
    deadline = time.monotonic() + guard_s
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        await asyncio.sleep(0.3)


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
    assert "No check failed;" in doctor.stdout
    assert "Audio output" in doctor.stdout and "cannot be loaded" not in doctor.stdout


async def run_async(args: list[str], environment: dict[str, str]) -> tuple[int, str]:
    """Run a command without blocking the loop (the in-process sandbox must keep answering meanwhile)."""
    process = await asyncio.create_subprocess_exec(
        *args, env=environment, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    output, _ = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, output.decode()


def log_text(home: Path) -> str:
    log = home / "logs" / "ringdesk.log"
    return log.read_text() if log.exists() else ""


needs_xvfb = pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt-get install xvfb xauth)")


@needs_xvfb
async def test_the_binary_runs_the_demo_on_an_x_display(build: Path, tmp_path: Path) -> None:
    """``ringdesk demo`` under Xvfb with the xcb platform: it starts, receives the sandbox's calls, stays up."""
    home = tmp_path / "home"
    demo = start_on_xvfb(build, clean_environment(home), "demo", "--home", str(home / "demo"), "--interval", "1")
    try:
        demo_home = home / "demo"  # the demo logs into its own folder, never into the app's
        await wait_for(lambda: demo.poll() is not None or "POST /hooks/" in log_text(demo_home), "the first webhook")
        assert demo.poll() is None, "the demo ended"
        assert "webhook receiver listening" in log_text(demo_home)
        assert "Traceback" not in log_text(demo_home)
    finally:
        output = stop(demo)
    assert "Traceback" not in output


@needs_xvfb
@pytest.mark.skipif(shutil.which("xdg-open") is None, reason="needs xdg-utils")
async def test_a_tel_link_clicked_on_the_desktop_dials_through_the_running_app(build: Path, tmp_path: Path) -> None:
    """The whole path: ``desktop install``, ``xdg-open tel:…`` → ``ringdesk call`` → the running instance
    → ``makeCall`` at the (sandbox) PBX, with the agent's own user ringing first."""
    sandbox = Sandbox(SandboxConfig(prefill_calls=0))
    base = await sandbox.start("127.0.0.1", 0)
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(
        f'[server]\nlisten = "127.0.0.1:{free_port()}"\n\n[[accounts]]\nid = "office"\nprovider = "cloudpbx"\n'
        f'base_url = "{base}"\nuser = "andy"\n'
    )
    xdg = tmp_path / "xdg"
    environment = clean_environment(
        home,
        XDG_DATA_HOME=str(xdg / "data"),
        XDG_CONFIG_HOME=str(xdg / "config"),
        XDG_DATA_DIRS=str(xdg / "usr"),
        XDG_CONFIG_DIRS=str(xdg / "etc"),
        **{env_name("office", "token"): DOC_CLOUDPBX_TOKEN, env_name("office", "crm_token"): "crm-secret"},
    )
    app = start_on_xvfb(build, environment, "run")
    try:
        await wait_for(
            lambda: app.poll() is not None or "webhook receiver listening" in log_text(home), "the app to start"
        )
        code, installed = await run_async([str(build / "ringdesk" / "ringdesk"), "desktop", "install"], environment)
        assert "tel:, callto: and sip: links open Ringdesk" in installed, installed
        code, clicked = await run_async(["xdg-open", "tel:+48777888999"], {**environment, "DISPLAY": ":0"})
        assert code == 0 and "handed to the running Ringdesk" in clicked, clicked

        def dialled() -> list[dict[str, object]]:
            return [r for r in sandbox.requests.list() if (r.get("form") or {}).get("cmd") == "makeCall"]

        await wait_for(dialled, "makeCall at the PBX")
        assert dialled()[0]["form"] == {
            "cmd": "makeCall",
            "phone": "48777888999",
            "user": "andy",
            "token": DOC_CLOUDPBX_TOKEN,
        }
    finally:
        stop(app)
        await sandbox.stop()
