"""A missing audio stack degrades; it does not kill (issue 15, point 10).

Without ``libpulse0``, ``import PySide6.QtMultimedia`` fails with ``ImportError: libpulse.so.0: cannot open
shared object file``. The end-to-end tests run the real ``ringdesk demo`` in a subprocess where that library
really is gone: a private mount namespace lays an overlay over the library folder with a whiteout for
``libpulse.so.0`` (as if the package were removed, for that process only). Where the machine does not allow
that (no ``unshare``, no right to mount), a ``sitecustomize`` on ``PYTHONPATH`` makes the import raise the
same ``ImportError`` instead; the report says which was used, and both check that Qt Multimedia did fail to
load in the child. The unit tests below make the import fail in this process the same way (an import hook
raising the loader's error) and look at the player, the ring, the settings and the doctor.
"""

from __future__ import annotations

import importlib.abc
import json
import os
import re
import shutil
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.ui import media

ROOT = Path(__file__).resolve().parents[2]
LOADER_ERROR = "libpulse.so.0: cannot open shared object file: No such file or directory"
SITECUSTOMIZE = f"""
import sys


class NoLibpulse:
    '''Qt Multimedia's import fails as the loader fails it without libpulse0.'''

    def find_spec(self, name, path=None, target=None):
        if name == "PySide6.QtMultimedia" or name.startswith("PySide6.QtMultimedia"):
            raise ImportError({LOADER_ERROR!r}, name=name)
        return None


sys.meta_path.insert(0, NoLibpulse())
"""
NO_LOG_NOISE = pytest.mark.qt_log_ignore("This plugin does not support", r"Couldn't (load|resolve)", "No audio device")


# -- hiding libpulse from a child process -------------------------------------------------------------------
def libpulse() -> Path | None:
    """Where the loader finds ``libpulse.so.0`` (its cache), if it is installed here."""
    try:
        listed = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"^\s*libpulse\.so\.0 \(.*?\) => (\S+)$", listed, re.MULTILINE)
    return Path(found.group(1)) if found else None


OVERLAY = (
    'mknod "$1/libpulse.so.0" c 0 0 && '
    'mount -t overlay overlay -o "lowerdir=$3,upperdir=$1,workdir=$2" "$3" && shift 3 && exec "$@"'
)


def without_libpulse(command: list[str], scratch: Path) -> tuple[list[str], dict[str, str], str]:
    """``command`` wrapped so that it runs without libpulse: (argv, environment, how it was hidden)."""
    environment = dict(os.environ)
    environment.pop("PYTHONPATH", None)
    library = libpulse()
    if library is not None and shutil.which("unshare") and shutil.which("mount"):
        folder = str(library.parent.resolve())
        wrapped = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
        upper, work = scratch / "upper", scratch / "work"
        upper.mkdir(parents=True)
        work.mkdir()
        trial = [*wrapped, "sh", "-c", OVERLAY, "sh", str(upper), str(work), folder, "true"]
        if subprocess.run(trial, capture_output=True, timeout=60).returncode == 0:
            shutil.rmtree(upper)
            shutil.rmtree(work)
            upper.mkdir()
            work.mkdir()
            return (
                [*wrapped, "sh", "-c", OVERLAY, "sh", str(upper), str(work), folder, *command],
                environment,
                "overlay",
            )
    site = scratch / "site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
    environment["PYTHONPATH"] = str(site)
    return command, environment, "import hook"


def child_environment(environment: dict[str, str], tmp_path: Path) -> dict[str, str]:
    environment.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        RINGDESK_HOME=str(tmp_path / "home"),
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}",  # no bus: start none either
        XDG_RUNTIME_DIR=str(tmp_path / "runtime"),
    )
    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    return environment


def test_the_demo_runs_without_the_audio_library(tmp_path: Path) -> None:
    """Cards, history and click-to-call work; the player says why it cannot play; no "(a bug)" exit."""
    demo = ["demo", "--home", str(tmp_path / "demo"), "--interval", "1", "--rate", "0"]
    probe = [sys.executable, str(ROOT / "tests/ui/no_audio_probe.py"), *demo]
    argv, environment, how = without_libpulse(probe, tmp_path / "hide")
    done = subprocess.run(
        argv, cwd=ROOT, env=child_environment(environment, tmp_path), capture_output=True, text=True, timeout=180
    )
    assert "(a bug)" not in done.stderr, f"[{how}] {done.stderr[-3000:]}"
    assert done.returncode == 0, f"[{how}] exit {done.returncode}: {done.stderr[-3000:]}"
    [line] = [line for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    report: dict[str, Any] = json.loads(line.removeprefix("PROBE "))
    assert "libpulse.so.0" in report["audio_error"], f"[{how}] Qt Multimedia loaded: nothing was hidden"
    assert report["card"]["visible"] and report["card"]["account"] in ("demo-pbx", "demo-td")
    assert report["players"], "the history window shows no recordings player"
    for player in report["players"]:
        assert not player["controls_shown"] and player["message_shown"]
        assert "libpulse.so.0" in player["message"] and "libpulse0 (Debian/Ubuntu)" in player["message"]
    assert report["dialled"] == ["48777888999"]  # click-to-call reached the (sandbox) PBX


def test_the_doctor_names_the_missing_library_and_its_package(tmp_path: Path) -> None:
    code = "from app.cli._doctor_audio import check_audio; c = check_audio(None); print(c.level.value, c.detail, c.fix)"
    argv, environment, how = without_libpulse([sys.executable, "-c", code], tmp_path / "hide")
    done = subprocess.run(
        argv, cwd=ROOT, env=child_environment(environment, tmp_path), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"[{how}] {done.stderr[-3000:]}"
    assert done.stdout.startswith(
        "warn Recordings cannot be played and the ring sound is off: libpulse.so.0 is missing"
    )
    assert "Install libpulse0 (Debian/Ubuntu), pulseaudio-libs (Fedora), libpulse (Arch)" in done.stdout


# -- in this process --------------------------------------------------------------------------------------
class NoLibpulse(importlib.abc.MetaPathFinder):
    """Qt Multimedia's import fails with the loader's words (as without libpulse0)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name.startswith("PySide6.QtMultimedia"):
            raise ImportError(LOADER_ERROR, name=name)


@pytest.fixture
def no_multimedia(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """From here on, importing Qt Multimedia fails; the probe asks again (and again after the test)."""
    monkeypatch.delitem(sys.modules, "PySide6.QtMultimedia", raising=False)
    monkeypatch.setattr(sys, "meta_path", [NoLibpulse(), *sys.meta_path])
    media.audio_stack.cache_clear()
    yield
    media.audio_stack.cache_clear()


def a_wav(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\1" * 8000)
    return path


@NO_LOG_NOISE
def test_the_player_says_why_instead_of_showing_controls(no_multimedia: None, qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    from app.ui.player import RecordingPlayer

    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.show()
    loads: list[str] = []
    player.offer(("office", "C1"), lambda: loads.append("load"), "Press Space or ▶ to play the recording.")
    player.play()
    player.set_file(a_wav(tmp_path / "r.wav"), autoplay=True)
    space = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
    assert not player.handle_key(space)
    assert loads == [] and player.session._player is None  # nothing fetched, no QMediaPlayer made
    assert not player.play_button.isVisible() and not player.seek.isVisible()
    assert player.status.isVisible()
    assert player.status.text() == (
        "Recordings cannot be played and the ring sound is off: the system library libpulse.so.0 is missing. "
        "Install libpulse0 (Debian/Ubuntu), pulseaudio-libs (Fedora), libpulse (Arch) and start Ringdesk again."
    )


@NO_LOG_NOISE
def test_the_ring_is_skipped(no_multimedia: None, qtbot: QtBot, tmp_path: Path) -> None:
    from app.ui.notify import RingPlayer

    ring = RingPlayer(a_wav(tmp_path / "ring.wav"), "no-such-device")
    ring.set_device("")
    ring.play()
    assert not ring.available and not ring.playing
    ring.stop()


@NO_LOG_NOISE
def test_settings_say_what_is_missing(no_multimedia: None, qtbot: QtBot) -> None:
    from app.config.settings import CardSettings, GeneralSettings, RecordingSettings
    from app.ui.settings.general import CardsPage, GeneralPage

    general = GeneralPage()
    qtbot.addWidget(general)
    general.load(GeneralSettings(), RecordingSettings())
    general.show()
    assert general.audio_detail.isVisible() and "libpulse0 (Debian/Ubuntu)" in general.audio_detail.text()
    cards = CardsPage()
    qtbot.addWidget(cards)
    card = CardSettings()
    card.ring_sound = True
    cards.load(card)
    cards.show()  # lists the outputs: must not ask Qt Multimedia
    assert "libpulse.so.0 is missing" in cards.ring_detail.text()
    assert cards.ring_sound.isChecked() and not cards.ring_test.isEnabled() and not cards.ring_device.isEnabled()


@NO_LOG_NOISE
def test_with_sound_nothing_is_said(qtbot: QtBot) -> None:
    """The other side: where Qt Multimedia loads, no warning row and the player has its controls."""
    from app.config.settings import GeneralSettings, RecordingSettings
    from app.ui.player import RecordingPlayer
    from app.ui.settings.general import GeneralPage

    media.audio_stack.cache_clear()
    assert media.audio_available() and media.unavailable_text() == ""
    general = GeneralPage()
    qtbot.addWidget(general)
    general.load(GeneralSettings(), RecordingSettings())
    general.show()
    assert not general.audio_detail.isVisible()
    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.show()
    assert player.play_button.isVisible()


def test_the_doctor_check_in_process(no_multimedia: None) -> None:
    from app.cli._doctor_audio import check_audio
    from app.config.settings import Settings

    settings = Settings()
    settings.card.ring_sound = True
    check = check_audio(settings, probe=lambda: pytest.fail("the device probe must not run"))  # type: ignore[arg-type,return-value]
    assert check.level.value == "FAIL"  # the ring sound is switched on and cannot play
    assert "libpulse.so.0 is missing" in check.detail and "libpulse0 (Debian/Ubuntu)" in check.fix


def test_an_unknown_library_is_named_without_guessing_a_package() -> None:
    from app.desktop.system_packages import missing_library

    odd = missing_library("libfoo.so.3: cannot open shared object file: No such file or directory")
    assert odd is not None and odd.name == "libfoo.so.3" and odd.packages_text() == ""
    pulse = missing_library(f"/opt/x/lib/{LOADER_ERROR}")
    assert pulse is not None and pulse.name == "libpulse.so.0" and "libpulse0 (Debian/Ubuntu)" in pulse.packages_text()
    assert missing_library("undefined symbol: pa_context_new") is None


def test_no_module_imports_qt_multimedia_at_its_top() -> None:
    """Any module importing Qt Multimedia when it is imported (not inside a function, not for type checking)
    would take the app down again where libpulse is missing: every use goes through ``app.ui.media``."""
    import ast

    def run_at_import(node: ast.AST) -> Iterator[ast.AST]:
        """The statements executed when the module is imported (function bodies and TYPE_CHECKING blocks not)."""
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                continue
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                yield from (n for statement in child.orelse for n in [statement, *run_at_import(statement)])
                continue
            yield child
            yield from run_at_import(child)

    def multimedia(node: ast.AST) -> bool:
        if isinstance(node, ast.Import):
            return any(alias.name.startswith("PySide6.QtMultimedia") for alias in node.names)
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            return module.startswith("PySide6.QtMultimedia") or (
                module == "PySide6" and any(alias.name.startswith("QtMultimedia") for alias in node.names)
            )
        return False

    offenders = [
        f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
        for path in sorted((ROOT / "app").rglob("*.py"))
        for node in run_at_import(ast.parse(path.read_text(encoding="utf-8")))
        if multimedia(node)
    ]
    assert offenders == []
