"""A global dial shortcut: press it anywhere, and Ringdesk dials the selected text (or the clipboard).

Where it can work:
- **X11**: a passive key grab on the root window (``XGrabKey``) through our own Xlib connection, read
  with a ``QSocketNotifier`` on the connection's socket — independent of Qt's own xcb connection, so it
  also works when the app runs another Qt platform, and a conflict (another app owns the keys) comes
  back as an error we can name instead of Xlib's default handler ending the process.
- **Windows**: ``RegisterHotKey`` and a native event filter for ``WM_HOTKEY``.
- **Elsewhere** it cannot, and :func:`availability` says why in a sentence the settings dialog shows:
  Wayland lets no application grab keys globally (the desktop's own shortcut settings can run
  ``ringdesk call …`` instead), offscreen has no keyboard, macOS is not supported yet.

ctypes rather than a binding (python-xlib, pywin32): nothing to install, and the handful of calls is
stable C API since the 1990s.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import logging
import os
import sys
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, QSocketNotifier, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

log = logging.getLogger(__name__)

DEFAULT_SHORTCUT = "Ctrl+Alt+D"


@dataclass(frozen=True, slots=True)
class Availability:
    available: bool
    reason: str  # what works, or why it cannot here (shown in the settings next to the shortcut field)


def availability(platform_name: str | None = None, environ: dict[str, str] | None = None) -> Availability:
    """Whether a global shortcut can work in this session, and in plain words why not."""
    env = os.environ if environ is None else environ
    platform = platform_name if platform_name is not None else QGuiApplication.platformName()
    if sys.platform.startswith("win") or platform == "windows":
        return Availability(True, "Windows hot key")
    if platform == "xcb":
        if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
            return Availability(
                False,
                QCoreApplication.translate(
                    "GlobalDialShortcut",
                    "This is a Wayland desktop: Ringdesk only sees the keys while one of its windows has focus. Add a "
                    'shortcut in your desktop\'s keyboard settings that runs: ringdesk call "$(wl-paste --primary)"',
                ),
            )
        if _xlib() is None:
            return Availability(
                False, QCoreApplication.translate("GlobalDialShortcut", "The X11 library (libX11) is missing.")
            )
        return Availability(True, "X11 key grab")
    if platform.startswith("wayland"):
        return Availability(
            False,
            QCoreApplication.translate(
                "GlobalDialShortcut",
                "Wayland does not let applications grab keys for the whole desktop. Add a shortcut in your "
                'desktop\'s keyboard settings that runs: ringdesk call "$(wl-paste --primary)"',
            ),
        )
    if platform == "cocoa":
        return Availability(
            False,
            QCoreApplication.translate(
                "GlobalDialShortcut",
                "Not available on macOS yet: use a Services or Shortcuts action that runs ringdesk call with the "
                "selected text.",
            ),
        )
    return Availability(
        False,
        QCoreApplication.translate("GlobalDialShortcut", "No desktop keyboard here (Qt platform '%1').").replace(
            "%1", platform
        ),
    )


def selected_or_clipboard_text() -> str:
    """What the agent marked: the X11 selection where there is one, else the clipboard."""
    clipboard = QGuiApplication.clipboard()
    if clipboard.supportsSelection():
        selected = clipboard.text(QClipboard.Mode.Selection).strip()
        if selected:
            return selected
    return clipboard.text(QClipboard.Mode.Clipboard).strip()


class ShortcutError(Exception):
    """The shortcut cannot be registered (unknown key, or another application holds it)."""


class GlobalDialShortcut(QObject):
    """Emits ``dial_requested(text)`` with the selection or clipboard when the shortcut is pressed."""

    dial_requested = Signal(str)
    pressed = Signal()

    def __init__(
        self, shortcut: str = DEFAULT_SHORTCUT, parent: QObject | None = None, *, display: str | None = None
    ) -> None:
        super().__init__(parent)
        self.shortcut = shortcut
        self._backend: _X11Grab | _WindowsHotKey | None = None
        self._display = display
        self.pressed.connect(lambda: self.dial_requested.emit(selected_or_clipboard_text()))

    def register(self) -> None:
        """Start listening; raises :class:`ShortcutError` with a sentence for the user."""
        self.unregister()
        modifiers, key = parse_shortcut(self.shortcut)
        if sys.platform.startswith("win"):
            self._backend = _WindowsHotKey(modifiers, key, self.pressed.emit)
        else:
            self._backend = _X11Grab(modifiers, key, self.pressed.emit, self._display)

    def unregister(self) -> None:
        if self._backend is not None:
            self._backend.close()
            self._backend = None


def parse_shortcut(text: str) -> tuple[frozenset[str], str]:
    """``"Ctrl+Alt+D"`` → ({"ctrl", "alt"}, "D"). Modifiers: Ctrl, Alt, Shift, Meta (Super/Win)."""
    parts = [part.strip() for part in text.split("+") if part.strip()]
    if not parts:
        raise ShortcutError(QCoreApplication.translate("GlobalDialShortcut", "No shortcut given."))
    aliases = {"control": "ctrl", "super": "meta", "win": "meta", "cmd": "meta"}
    modifiers = frozenset(aliases.get(p.lower(), p.lower()) for p in parts[:-1])
    unknown = modifiers - {"ctrl", "alt", "shift", "meta"}
    if unknown:
        raise ShortcutError(
            QCoreApplication.translate("GlobalDialShortcut", "Unknown modifier %1 in “%2”.")
            .replace("%1", ", ".join(sorted(unknown)))
            .replace("%2", text)
        )
    if not modifiers:
        raise ShortcutError(
            QCoreApplication.translate(
                "GlobalDialShortcut", "“%1” needs Ctrl, Alt, Shift or Meta: a bare key would stop working everywhere."
            ).replace("%1", text)
        )
    return modifiers, parts[-1]


# --- X11 ----------------------------------------------------------------------------------------------
_X_MODIFIERS = {"shift": 1 << 0, "ctrl": 1 << 2, "alt": 1 << 3, "meta": 1 << 6}
_LOCK_MASKS = (0, 1 << 1, 1 << 4, (1 << 1) | (1 << 4))  # none, Caps Lock, Num Lock, both: grab all four
_KEY_PRESS = 2
_GRAB_MODE_ASYNC = 1
_BAD_ACCESS = 10


class _XKeyEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("root", ctypes.c_ulong),
        ("subwindow", ctypes.c_ulong),
        ("time", ctypes.c_ulong),
        ("x", ctypes.c_int),
        ("y", ctypes.c_int),
        ("x_root", ctypes.c_int),
        ("y_root", ctypes.c_int),
        ("state", ctypes.c_uint),
        ("keycode", ctypes.c_uint),
        ("same_screen", ctypes.c_int),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("key", _XKeyEvent), ("pad", ctypes.c_long * 24)]


class _XErrorEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("resourceid", ctypes.c_ulong),
        ("serial", ctypes.c_ulong),
        ("error_code", ctypes.c_ubyte),
        ("request_code", ctypes.c_ubyte),
        ("minor_code", ctypes.c_ubyte),
    ]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_XErrorEvent))


def _xlib() -> Any:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    try:
        lib = ctypes.cdll.LoadLibrary(name)
    except OSError:
        return None
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XStringToKeysym.restype = ctypes.c_ulong
    lib.XStringToKeysym.argtypes = [ctypes.c_char_p]
    lib.XKeysymToKeycode.restype = ctypes.c_ubyte
    lib.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    lib.XGrabKey.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int,
        ctypes.c_uint,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
    ]
    lib.XUngrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong]
    lib.XConnectionNumber.argtypes = [ctypes.c_void_p]
    lib.XPending.argtypes = [ctypes.c_void_p]
    lib.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XSetErrorHandler.restype = ctypes.c_void_p
    lib.XSetErrorHandler.argtypes = [ctypes.c_void_p]
    return lib


def _keysym_name(key: str) -> bytes:
    """Qt-style key names to X keysym names (``D`` → ``d``; ``F9``, ``space``, ``Return`` as they are)."""
    names = {
        "space": "space",
        "enter": "Return",
        "return": "Return",
        "tab": "Tab",
        "ins": "Insert",
        "insert": "Insert",
        "pause": "Pause",
        "home": "Home",
        "end": "End",
    }
    if len(key) == 1 and key.isalpha():
        return key.lower().encode()
    return names.get(key.lower(), key).encode()


class _X11Grab:
    def __init__(self, modifiers: frozenset[str], key: str, on_press: Any, display: str | None) -> None:
        self._x = _xlib()
        if self._x is None:
            raise ShortcutError(
                QCoreApplication.translate("GlobalDialShortcut", "The X11 library (libX11) is missing.")
            )
        self._display = self._x.XOpenDisplay((display or os.environ.get("DISPLAY", "")).encode() or None)
        if not self._display:
            raise ShortcutError(QCoreApplication.translate("GlobalDialShortcut", "Cannot connect to the X display."))
        self._root = self._x.XDefaultRootWindow(self._display)
        self._on_press = on_press
        keysym = self._x.XStringToKeysym(_keysym_name(key))
        self._keycode = self._x.XKeysymToKeycode(self._display, keysym) if keysym else 0
        if not self._keycode:
            self._x.XCloseDisplay(self._display)
            raise ShortcutError(
                QCoreApplication.translate(
                    "GlobalDialShortcut", "The key “%1” does not exist on this keyboard."
                ).replace("%1", key)
            )
        self._mask = sum(_X_MODIFIERS[m] for m in modifiers)
        self._grab(modifiers, key)
        notifier = QSocketNotifier(self._x.XConnectionNumber(self._display), QSocketNotifier.Type.Read)
        notifier.activated.connect(self._drain)
        self._notifier: QSocketNotifier | None = notifier
        self._drain()

    def _grab(self, modifiers: frozenset[str], key: str) -> None:
        errors: list[int] = []

        def record(_display: int, event: Any) -> int:
            errors.append(event.contents.error_code)
            return 0

        handler = _ERROR_HANDLER(record)
        previous = self._x.XSetErrorHandler(ctypes.cast(handler, ctypes.c_void_p))
        try:
            for lock in _LOCK_MASKS:
                self._x.XGrabKey(
                    self._display, self._keycode, self._mask | lock, self._root, 0, _GRAB_MODE_ASYNC, _GRAB_MODE_ASYNC
                )
            self._x.XSync(self._display, 0)
        finally:
            self._x.XSetErrorHandler(previous)
        if errors:
            self.close()
            taken = "+".join([*(m.capitalize() for m in sorted(modifiers)), key])
            text = (
                QCoreApplication.translate(
                    "GlobalDialShortcut", "%1 is already used by another application: choose another shortcut."
                )
                if _BAD_ACCESS in errors
                else QCoreApplication.translate("GlobalDialShortcut", "The X server refused the shortcut %1.")
            )
            raise ShortcutError(text.replace("%1", taken))

    def _drain(self, *_args: object) -> None:
        event = _XEvent()
        while self._display and self._x.XPending(self._display):
            self._x.XNextEvent(self._display, ctypes.byref(event))
            if event.type == _KEY_PRESS and event.key.keycode == self._keycode:
                self._on_press()

    def close(self) -> None:
        notifier = getattr(self, "_notifier", None)
        if notifier is not None:
            notifier.setEnabled(False)
            notifier.deleteLater()
            self._notifier = None
        if self._display:
            for lock in _LOCK_MASKS:
                self._x.XUngrabKey(self._display, self._keycode, self._mask | lock, self._root)
            self._x.XCloseDisplay(self._display)
            self._display = None


# --- Windows ------------------------------------------------------------------------------------------
_WM_HOTKEY = 0x0312
_WIN_MODIFIERS = {"alt": 0x1, "ctrl": 0x2, "shift": 0x4, "meta": 0x8}
_MOD_NOREPEAT = 0x4000
_HOTKEY_IDS = itertools.count(0x5244)  # "RD", then one more id for every shortcut registered


class _WindowsHotKey(QAbstractNativeEventFilter):
    def __init__(self, modifiers: frozenset[str], key: str, on_press: Any) -> None:
        super().__init__()
        self._user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
        self._on_press = on_press
        virtual_key = _windows_virtual_key(key)
        flags = sum(_WIN_MODIFIERS[m] for m in modifiers) | _MOD_NOREPEAT
        # Each shortcut its own id: the dial and card shortcuts must neither fire on each other's key nor
        # unregister each other.
        self._id = next(_HOTKEY_IDS)
        if not self._user32.RegisterHotKey(None, self._id, flags, virtual_key):
            raise ShortcutError(
                QCoreApplication.translate(
                    "GlobalDialShortcut", "This shortcut is already used by another application: choose another one."
                )
            )
        app = QCoreApplication.instance()
        if app is not None:
            app.installNativeEventFilter(self)

    def nativeEventFilter(self, event_type: Any, message: Any) -> tuple[bool, int]:
        from ctypes import wintypes

        if bytes(event_type) == b"windows_generic_MSG":
            msg = wintypes.MSG.from_address(int(message))
            if msg.message == _WM_HOTKEY and msg.wParam == self._id:
                self._on_press()
                return True, 0
        return False, 0

    def close(self) -> None:
        self._user32.UnregisterHotKey(None, self._id)
        app = QCoreApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self)


def _windows_virtual_key(key: str) -> int:
    if len(key) == 1 and key.isalnum():
        return ord(key.upper())
    if key.upper().startswith("F") and key[1:].isdigit() and 1 <= int(key[1:]) <= 24:
        return 0x6F + int(key[1:])
    named = {"space": 0x20, "enter": 0x0D, "return": 0x0D, "tab": 0x09, "insert": 0x2D, "pause": 0x13}
    if key.lower() in named:
        return named[key.lower()]
    raise ShortcutError(
        QCoreApplication.translate("GlobalDialShortcut", "The key “%1” cannot be used for a Windows hot key.").replace(
            "%1", key
        )
    )
