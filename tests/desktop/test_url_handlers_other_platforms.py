"""Windows and macOS link handlers at their boundary: a fake registry, a plist in a temporary bundle."""

from __future__ import annotations

import plistlib
from pathlib import Path
from typing import Any

from app.desktop.url_handlers import (
    CLASSES,
    MacUrlHandlers,
    WindowsUrlHandlers,
    running_bundle,
    with_url_types,
)

EXE = "C:\\Program Files\\Ringdesk\\ringdesk.exe"


def test_windows_install_writes_per_user_protocol_keys(registry: Any) -> None:
    WindowsUrlHandlers(registry, [EXE]).install()

    for scheme in ("tel", "callto", "sip"):
        assert registry.get(f"{CLASSES}\\{scheme}") == f"URL:{scheme}"
        assert registry.get(f"{CLASSES}\\{scheme}", "URL Protocol") == ""
        assert registry.get(f"{CLASSES}\\{scheme}\\shell\\open\\command") == f'"{EXE}" "call" "%1"'
        assert registry.get("Software\\Ringdesk\\Capabilities\\URLAssociations", scheme) == "Ringdesk.CallLink"
    assert registry.get("Software\\RegisteredApplications", "Ringdesk") == "Software\\Ringdesk\\Capabilities"
    assert WindowsUrlHandlers(registry, [EXE]).status().installed
    assert {key.split("\\")[0] for key in registry.keys} == {"software"}  # HKCU\Software only: no admin rights


def test_windows_uninstall_leaves_another_apps_handler(registry: Any) -> None:
    handlers = WindowsUrlHandlers(registry, [EXE])
    handlers.install()
    registry.set(f"{CLASSES}\\callto\\shell\\open\\command", "", '"C:\\Skype\\skype.exe" "%1"')

    handlers.uninstall()

    assert registry.get(f"{CLASSES}\\tel\\shell\\open\\command") is None
    assert registry.get(f"{CLASSES}\\callto\\shell\\open\\command") == '"C:\\Skype\\skype.exe" "%1"'
    assert registry.get("Software\\RegisteredApplications", "Ringdesk") is None
    status = handlers.status()
    assert not status.installed and "tel:" in status.detail


def test_windows_status_says_when_the_user_chose_another_app(registry: Any) -> None:
    handlers = WindowsUrlHandlers(registry, [EXE])
    handlers.install()
    registry.set(
        "Software\\Microsoft\\Windows\\Shell\\Associations\\UrlAssociations\\tel\\UserChoice", "ProgId", "Teams.tel"
    )

    status = handlers.status()
    assert not status.installed
    assert "Teams.tel" in status.detail and "Default apps" in status.fix


def make_bundle(tmp_path: Path, info: dict[str, object]) -> Path:
    bundle = tmp_path / "Ringdesk.app"
    (bundle / "Contents" / "MacOS").mkdir(parents=True)
    (bundle / "Contents" / "Info.plist").write_bytes(plistlib.dumps(info))
    return bundle


def read_plist(bundle: Path) -> dict[str, object]:
    return plistlib.loads((bundle / "Contents" / "Info.plist").read_bytes())


def test_macos_install_declares_the_schemes_and_keeps_the_bundles_own(tmp_path: Path) -> None:
    theirs = {"CFBundleURLName": "eu.ringdesk.other", "CFBundleURLSchemes": ["ringdesk"]}
    bundle = make_bundle(tmp_path, {"CFBundleIdentifier": "eu.ringdesk", "CFBundleURLTypes": [theirs]})
    registered: list[Path] = []

    handlers = MacUrlHandlers(bundle, registrar=registered.append)
    handlers.install()

    info = read_plist(bundle)
    assert info["CFBundleIdentifier"] == "eu.ringdesk"
    assert info["CFBundleURLTypes"] == [
        theirs,
        {"CFBundleURLName": "eu.ringdesk.phone-link", "CFBundleURLSchemes": ["tel", "callto", "sip"]},
    ]
    assert registered == [bundle]  # LaunchServices told to re-read the bundle
    assert handlers.status().installed

    handlers.uninstall()
    assert read_plist(bundle)["CFBundleURLTypes"] == [theirs]
    assert not handlers.status().installed


def test_macos_leaves_a_bundle_built_with_the_schemes_byte_for_byte(tmp_path: Path) -> None:
    """Rewriting a signed bundle would break its signature: the build's Info.plist must stay untouched."""
    bundle = make_bundle(tmp_path, with_url_types({"CFBundleIdentifier": "eu.ringdesk"}))
    before = (bundle / "Contents" / "Info.plist").read_bytes()
    handlers = MacUrlHandlers(bundle, registrar=lambda _bundle: None)
    handlers.install()
    assert (bundle / "Contents" / "Info.plist").read_bytes() == before
    assert handlers.status().installed


def test_macos_outside_a_bundle_explains_instead_of_failing(tmp_path: Path) -> None:
    handlers = MacUrlHandlers(running_bundle(str(tmp_path / "venv" / "bin" / "python")))
    handlers.install()
    status = handlers.status()
    assert not status.installed and "app bundle" in status.detail
    assert running_bundle("/Applications/Ringdesk.app/Contents/MacOS/ringdesk") == Path("/Applications/Ringdesk.app")
