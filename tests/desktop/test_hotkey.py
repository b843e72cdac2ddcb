"""The global dial shortcut on a real X server (Xvfb), pressed through XTest like a keyboard would."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from app.ui.hotkey import GlobalDialShortcut, ShortcutError, _xlib, availability, parse_shortcut

needs_xvfb = pytest.mark.skipif(
    shutil.which("Xvfb") is None or _xlib() is None or ctypes.util.find_library("Xtst") is None,
    reason="needs Xvfb, libX11, libXtst",
)


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private X server for this test."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with open(read) as pipe:
        number = pipe.readline().strip()
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def press(display: str, *keys: str) -> None:
    """Hold ``keys`` down in order, then release them (XTest: the X server sees a real key press)."""
    x = _xlib()
    xtst = ctypes.cdll.LoadLibrary(ctypes.util.find_library("Xtst"))
    xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    connection = x.XOpenDisplay(display.encode())
    codes = [x.XKeysymToKeycode(connection, x.XStringToKeysym(key.encode())) for key in keys]
    for code in codes:
        xtst.XTestFakeKeyEvent(connection, code, 1, 0)
    for code in reversed(codes):
        xtst.XTestFakeKeyEvent(connection, code, 0, 0)
    x.XSync(connection, 0)
    x.XCloseDisplay(connection)


@needs_xvfb
def test_the_shortcut_dials_the_clipboard_from_anywhere(qtbot, x_display: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(" +48 777 888 999 ")
    shortcut = GlobalDialShortcut("Ctrl+Alt+D", display=x_display)
    shortcut.register()
    try:
        with qtbot.waitSignal(shortcut.dial_requested, timeout=10_000) as signal:
            press(x_display, "Control_L", "Alt_L", "d")
        assert signal.args == ["+48 777 888 999"]
        # Other keys (no modifiers) are not ours and reach the focused application as usual.
        with qtbot.assertNotEmitted(shortcut.pressed, wait=300):
            press(x_display, "d")
    finally:
        shortcut.unregister()


@needs_xvfb
def test_a_shortcut_held_by_another_application_is_refused(qtbot, x_display: str) -> None:  # type: ignore[no-untyped-def]
    other = GlobalDialShortcut("Ctrl+Alt+D", display=x_display)
    other.register()  # another client holds it (its own X connection)
    try:
        mine = GlobalDialShortcut("Ctrl+Alt+D", display=x_display)
        with pytest.raises(ShortcutError, match="already used by another application"):
            mine.register()
    finally:
        other.unregister()


def test_shortcuts_are_checked_before_use() -> None:
    assert parse_shortcut("Ctrl+Alt+D") == (frozenset({"ctrl", "alt"}), "D")
    assert parse_shortcut("Super + F9") == (frozenset({"meta"}), "F9")
    with pytest.raises(ShortcutError, match="needs Ctrl"):
        parse_shortcut("D")
    with pytest.raises(ShortcutError, match="Unknown modifier hyper"):
        parse_shortcut("Hyper+D")


def test_settings_can_say_why_there_is_no_global_shortcut() -> None:
    assert availability("xcb", {"DISPLAY": ":0"}).available
    wayland = availability("wayland", {})
    assert not wayland.available and "Wayland" in wayland.reason and "ringdesk call" in wayland.reason
    xwayland = availability("xcb", {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"})
    assert not xwayland.available and "focus" in xwayland.reason
    assert not availability("offscreen", {}).available
