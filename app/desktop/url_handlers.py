"""Register Ringdesk for ``tel:``, ``callto:`` and ``sip:`` links, per user, on each platform.

Clicking ``tel:+48777888999`` in a browser then runs ``ringdesk call tel:+48777888999``, which hands the
link to the running instance (single instance: ``app/ui/single_instance.py``) and dials.

- Linux: ``$XDG_DATA_HOME/applications/ringdesk-call.desktop`` (``MimeType=x-scheme-handler/tel;…``,
  ``Exec=… call %u``, hidden from menus: it is a handler, the menu entry is ``ringdesk.desktop``), made
  the default with ``xdg-mime default`` when available and in ``mimeapps.list`` in any case.
- Windows: ``HKCU\\Software\\Classes\\<scheme>`` (what the shell runs) plus the Capabilities /
  RegisteredApplications keys, so Ringdesk is offered in Settings › Default apps (Windows 10+ lets only
  the user change a protected ``UserChoice``: we detect it and say so rather than fight it).
- macOS: ``CFBundleURLTypes`` in the bundle's ``Info.plist`` (normally already there from the build,
  see ``packaging/macos.md``), then LaunchServices is told to re-read the bundle. macOS delivers the
  link to the app as a ``QEvent.FileOpen``, not on the command line.
Undoing removes only what points at Ringdesk.
"""

from __future__ import annotations

import plistlib
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.core.errors import QT_TRANSLATE_NOOP
from app.desktop import mimeapps
from app.desktop.integration import Integration, Status, platform_family, run_tool
from app.desktop.launcher import launcher_command
from app.desktop.registry import RegistryWriter, command_line
from app.desktop.xdg import data_home, exec_line, read_entry, render_entry, write_atomically

SCHEMES = ("tel", "callto", "sip")  # the links are parsed by app.services.dialer.number_from_uri
HANDLER_FILE = "ringdesk-call.desktop"
MIME_TYPES = tuple(f"x-scheme-handler/{scheme}" for scheme in SCHEMES)
Tool = Callable[[list[str]], "str | None"]


def handler_entry(launcher: Sequence[str]) -> str:
    """The Linux handler's desktop entry for ``launcher`` (also the template in ``packaging/linux``)."""
    return render_entry(
        {
            "Type": "Application",
            "Name": "Ringdesk",
            "GenericName": "Click-to-call",
            "Comment": "Dial tel:, callto: and sip: links through your company's phone system",
            "Exec": exec_line([*launcher, "call"], "%u"),
            "Icon": "ringdesk",
            "Terminal": "false",
            "NoDisplay": "true",
            "StartupNotify": "false",
            "MimeType": ";".join(MIME_TYPES) + ";",
        }
    )


class LinuxUrlHandlers:
    """The freedesktop way: a desktop entry with ``MimeType=x-scheme-handler/…`` made the default."""

    def __init__(self, launcher: Sequence[str] | None = None, tool: Tool = run_tool) -> None:
        self.launcher = list(launcher or launcher_command())
        self.tool = tool

    @property
    def entry_path(self) -> Path:
        return data_home() / "applications" / HANDLER_FILE

    def install(self) -> None:
        write_atomically(self.entry_path, handler_entry(self.launcher))
        if shutil.which("xdg-mime"):
            self.tool(["xdg-mime", "default", HANDLER_FILE, *MIME_TYPES])
        # xdg-mime may be missing, or (in some desktops) write elsewhere: the spec's own file always counts.
        if any(mimeapps.default_for(mime) != HANDLER_FILE for mime in MIME_TYPES):
            mimeapps.set_defaults(HANDLER_FILE, MIME_TYPES)
        if shutil.which("update-desktop-database"):
            self.tool(["update-desktop-database", str(self.entry_path.parent)])

    def uninstall(self) -> None:
        self.entry_path.unlink(missing_ok=True)
        mimeapps.remove(HANDLER_FILE, MIME_TYPES)
        if shutil.which("update-desktop-database"):
            self.tool(["update-desktop-database", str(self.entry_path.parent)])

    def status(self) -> Status:
        entry = read_entry(self.entry_path)
        if not entry:
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "Ringdesk is not registered for tel:, callto: and sip: links."),
                fix=QT_TRANSLATE_NOOP(
                    "Problem", "Turn on “Open phone links with Ringdesk” in Settings, or run: ringdesk desktop install"
                ),
            )
        expected = exec_line([*self.launcher, "call"], "%u")
        if entry.get("Exec") != expected:
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "The link handler {path} starts another copy of Ringdesk ({command})."),
                fix=QT_TRANSLATE_NOOP("Problem", "Run: ringdesk desktop install"),
                path=self.entry_path,
                command=entry.get("Exec", "?"),
            )
        others = {
            scheme: owner
            for scheme, owner in zip(SCHEMES, map(self._default_for, MIME_TYPES), strict=True)
            if owner != HANDLER_FILE
        }
        if others:
            taken = ", ".join(f"{scheme}: → {owner or 'nothing'}" for scheme, owner in others.items())
            return Status.say(
                False,
                QT_TRANSLATE_NOOP(
                    "Problem", "Ringdesk is installed as a link handler but is not the default ({taken})."
                ),
                fix=QT_TRANSLATE_NOOP(
                    "Problem", "Run: ringdesk desktop install (or choose Ringdesk in your desktop's default apps)"
                ),
                taken=taken,
            )
        return Status.say(
            True,
            QT_TRANSLATE_NOOP("Problem", "tel:, callto: and sip: links open Ringdesk ({path})."),
            path=self.entry_path,
        )

    def _default_for(self, mime_type: str) -> str:
        if shutil.which("xdg-mime"):
            answer = self.tool(["xdg-mime", "query", "default", mime_type])
            if answer is not None:
                return answer.strip()
        return mimeapps.default_for(mime_type)


CLASSES = "Software\\Classes"
PROG_ID = "Ringdesk.CallLink"
CAPABILITIES = "Software\\Ringdesk\\Capabilities"
REGISTERED_APPLICATIONS = "Software\\RegisteredApplications"
USER_CHOICE = "Software\\Microsoft\\Windows\\Shell\\Associations\\UrlAssociations\\{scheme}\\UserChoice"


class WindowsUrlHandlers:
    """Per-user URL protocol keys under HKCU, written through a :class:`RegistryWriter`."""

    def __init__(self, registry: RegistryWriter, launcher: Sequence[str] | None = None) -> None:
        self.registry = registry
        self.launcher = list(launcher or launcher_command())

    @property
    def command(self) -> str:
        return command_line([*self.launcher, "call", "%1"])

    def install(self) -> None:
        icon = f"{self.launcher[0]},0"
        for key, description in [(f"{CLASSES}\\{s}", f"URL:{s}") for s in SCHEMES] + [
            (f"{CLASSES}\\{PROG_ID}", "Ringdesk phone link")
        ]:
            self.registry.set(key, "", description)
            self.registry.set(key, "URL Protocol", "")
            self.registry.set(f"{key}\\DefaultIcon", "", icon)
            self.registry.set(f"{key}\\shell\\open\\command", "", self.command)
        self.registry.set(CAPABILITIES, "ApplicationName", "Ringdesk")
        self.registry.set(CAPABILITIES, "ApplicationDescription", "Click-to-call for call-centre agents")
        for scheme in SCHEMES:
            self.registry.set(f"{CAPABILITIES}\\URLAssociations", scheme, PROG_ID)
        self.registry.set(REGISTERED_APPLICATIONS, "Ringdesk", CAPABILITIES)

    def uninstall(self) -> None:
        for scheme in SCHEMES:
            if self._is_ours(f"{CLASSES}\\{scheme}"):
                self.registry.delete_key(f"{CLASSES}\\{scheme}")
        self.registry.delete_key(f"{CLASSES}\\{PROG_ID}")
        self.registry.delete_key("Software\\Ringdesk")
        self.registry.delete_value(REGISTERED_APPLICATIONS, "Ringdesk")

    def status(self) -> Status:
        missing = [s for s in SCHEMES if not self._is_ours(f"{CLASSES}\\{s}")]
        if missing:
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "Ringdesk is not registered for {schemes} links."),
                fix=QT_TRANSLATE_NOOP(
                    "Problem", "Turn on “Open phone links with Ringdesk” in Settings, or run: ringdesk desktop install"
                ),
                schemes=", ".join(m + ":" for m in missing),
            )
        chosen = {s: self.registry.get(USER_CHOICE.format(scheme=s), "ProgId") for s in SCHEMES}
        overridden = {s: prog for s, prog in chosen.items() if prog and prog != PROG_ID}
        if overridden:
            taken = ", ".join(f"{s}: → {prog}" for s, prog in overridden.items())
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "Windows opens some phone links with another app ({taken})."),
                fix=QT_TRANSLATE_NOOP("Problem", "Choose Ringdesk in Settings › Apps › Default apps › Ringdesk."),
                taken=taken,
            )
        return Status.say(True, QT_TRANSLATE_NOOP("Problem", "tel:, callto: and sip: links open Ringdesk."))

    def _is_ours(self, key: str) -> bool:
        return self.registry.get(f"{key}\\shell\\open\\command") == self.command


URL_TYPE_NAME = "eu.ringdesk.phone-link"
Registrar = Callable[[Path], None]


def with_url_types(info: dict[str, Any]) -> dict[str, Any]:
    """``info`` (an Info.plist as a dict) declaring our URL schemes; used by the build and the installer."""
    types = [t for t in info.get("CFBundleURLTypes", []) if t.get("CFBundleURLName") != URL_TYPE_NAME]
    types.append({"CFBundleURLName": URL_TYPE_NAME, "CFBundleURLSchemes": list(SCHEMES)})
    return {**info, "CFBundleURLTypes": types}


def without_url_types(info: dict[str, Any]) -> dict[str, Any]:
    types = [t for t in info.get("CFBundleURLTypes", []) if t.get("CFBundleURLName") != URL_TYPE_NAME]
    result = {k: v for k, v in info.items() if k != "CFBundleURLTypes"}
    return {**result, "CFBundleURLTypes": types} if types else result


def lsregister(bundle: Path) -> None:
    """Tell LaunchServices the bundle changed (a no-op where the tool does not exist)."""
    tool = "/System/Library/Frameworks/CoreServices.framework/Frameworks/LaunchServices.framework/Support/lsregister"
    run_tool([tool, "-f", str(bundle)])


class MacUrlHandlers:
    """``CFBundleURLTypes`` in ``<bundle>/Contents/Info.plist``.

    The build puts the entry there before signing (:func:`with_url_types`); rewriting a signed bundle
    would break its signature, so :meth:`install` writes only when the entry is missing.
    """

    def __init__(self, bundle: Path | None, registrar: Registrar = lsregister) -> None:
        self.bundle = bundle
        self.registrar = registrar

    @property
    def info_plist(self) -> Path | None:
        return self.bundle / "Contents" / "Info.plist" if self.bundle else None

    def install(self) -> None:
        self._rewrite(with_url_types)

    def uninstall(self) -> None:
        self._rewrite(without_url_types)

    def status(self) -> Status:
        if self.info_plist is None or not self.info_plist.is_file():
            return Status.say(
                False,
                QT_TRANSLATE_NOOP(
                    "Problem", "Ringdesk is not running from an app bundle, so macOS cannot hand it phone links."
                ),
                fix=QT_TRANSLATE_NOOP("Problem", "Install Ringdesk.app into Applications and start it from there."),
            )
        if self._read() != with_url_types(self._read()):
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "{path} does not declare tel:, callto: and sip:."),
                fix=QT_TRANSLATE_NOOP("Problem", "Reinstall Ringdesk.app from the official build."),
                path=self.info_plist,
            )
        return Status.say(
            True,
            QT_TRANSLATE_NOOP("Problem", "tel:, callto: and sip: links open Ringdesk (declared in the app bundle)."),
        )

    def _read(self) -> dict[str, Any]:
        assert self.info_plist is not None
        with self.info_plist.open("rb") as handle:
            return dict(plistlib.load(handle))

    def _rewrite(self, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        if self.info_plist is None or not self.info_plist.is_file():
            return
        current = self._read()
        updated = change(current)
        if updated != current:
            write_atomically(self.info_plist, plistlib.dumps(updated))
        assert self.bundle is not None
        self.registrar(self.bundle)


def running_bundle(executable: str | None = None) -> Path | None:
    """The ``.app`` bundle that contains the running binary, if any (``…/Ringdesk.app/Contents/MacOS/x``)."""
    path = Path(executable or sys.executable).resolve()
    for parent in path.parents:
        if parent.suffix == ".app":
            return parent
    return None


def for_this_platform(platform: str | None = None) -> Integration:
    """The URL-handler writer for the running OS."""
    family = platform_family(platform)
    if family == "windows":
        from app.desktop.registry import WinRegistry

        return WindowsUrlHandlers(WinRegistry())
    if family == "macos":
        return MacUrlHandlers(running_bundle())
    return LinuxUrlHandlers()
