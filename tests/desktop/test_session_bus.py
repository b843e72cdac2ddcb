"""A GUI start on a desktop without a D-Bus session bus leaves no ``dbus-daemon`` behind.

The end-to-end test starts the real app on its own Xvfb with no ``DBUS_SESSION_BUS_ADDRESS``, stops it
as a logout would (SIGTERM), and looks for any ``dbus-launch``/``dbus-daemon`` still running with its
``RINGDESK_HOME`` in their environment (they inherit the app's). It needs ``dbus-launch`` (Debian's
``dbus-x11``), which is what libdbus runs to autolaunch a bus.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.desktop.session_bus import ADDRESS_ENV, NO_BUS, forbid_autolaunch


def test_an_address_already_given_is_kept() -> None:
    environ = {ADDRESS_ENV: "unix:path=/run/user/1000/bus"}
    assert forbid_autolaunch(environ) == "unix:path=/run/user/1000/bus"
    assert environ[ADDRESS_ENV] == "unix:path=/run/user/1000/bus"


def test_the_systemd_user_bus_is_named_when_it_exists(tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "bus"))
        environ = {"XDG_RUNTIME_DIR": str(tmp_path)}
        assert forbid_autolaunch(environ) == f"unix:path={tmp_path / 'bus'}"


def test_with_no_bus_at_all_an_address_that_cannot_connect_is_named(tmp_path: Path) -> None:
    environ = {"XDG_RUNTIME_DIR": str(tmp_path)}
    assert forbid_autolaunch(environ) == NO_BUS
    assert environ[ADDRESS_ENV] == NO_BUS


def read(log: Path) -> str:
    return log.read_text() if log.exists() else ""


def processes_of(home: Path) -> dict[int, str]:
    """Process id → command line of the running processes whose environment names ``home`` as RINGDESK_HOME."""
    marker = f"RINGDESK_HOME={home}".encode()
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0"):
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
    return found


@contextmanager
def x_display() -> Iterator[str]:
    """An Xvfb of our own that outlives the app, as a desktop session does (an autolaunched bus ends with
    its X server, so a display that died with the app would hide the leak)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as display:
        number = display.readline().strip()
    try:
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("dbus-launch") is None,
    reason="needs Xvfb and dbus-launch (apt-get install xvfb dbus-x11)",
)
def test_a_gui_start_without_a_session_bus_leaves_no_bus_daemon(tmp_path: Path) -> None:
    home = tmp_path / "home"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "RINGDESK_", "DBUS_", "XDG_"))}
    environment.update(RINGDESK_HOME=str(home), QT_QPA_PLATFORM="xcb")  # no XDG_RUNTIME_DIR: no systemd user bus
    environment["HOME"] = str(tmp_path)  # dbus-launch reuses a bus recorded in ~/.dbus for the display
    log = home / "logs" / "ringdesk.log"
    with x_display() as display:
        app = subprocess.Popen(
            [sys.executable, "-m", "app"],
            env=environment | {"DISPLAY": display},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 90
            while app.poll() is None and "missed-call notifications via" not in read(log):
                assert time.monotonic() < deadline, "the app did not start"
                time.sleep(0.2)
            assert app.poll() is None, app.communicate()[0]
        finally:
            app.send_signal(signal.SIGTERM)
            output = app.communicate(timeout=60)[0]
        left = processes_of(home)
        for pid in left:  # what the old behaviour left is stopped here, then the test fails
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert not left, f"left running after the app ended: {sorted(left.values())}\n{output}"
