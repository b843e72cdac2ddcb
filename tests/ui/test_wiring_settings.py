"""The settings pages of the desktop integration: phone links, the global dial shortcut, the ring's output.

The link handler is the real Linux writer, pointed at a temporary XDG folder: the test reads back the
``.desktop`` file a browser would consult.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence

from app.config.settings import load
from app.desktop.integration import Status
from app.runtime import Runtime
from app.services.context import Context
from app.ui.settings.dialog import Page, SettingsDialog

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|propagateSizeHints)",
    r"Couldn't (load|resolve) (va|pipewire)",
    r"No audio device detected",
    r"PulseAudio",
)


class NoAutostart:
    def install(self) -> None:
        raise AssertionError("start at login was not changed")

    uninstall = install

    def status(self) -> Status:
        return Status(False, "does not start at login")


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The desktop's folders, private to the test (the developer's desktop is never touched)."""
    root = tmp_path / "xdg"
    monkeypatch.setenv("HOME", str(root / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    monkeypatch.setenv("XDG_DATA_DIRS", str(root / "usr-share"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(root / "etc-xdg"))
    for name in ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID"):
        monkeypatch.delenv(name, raising=False)
    return root


def open_dialog(qtbot: Any) -> SettingsDialog:
    runtime = Runtime(Context.open())
    runtime.settings.use_integrations(start_at_login=NoAutostart())
    dialog = SettingsDialog(runtime)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_phone_links_toggle_registers_and_removes_the_handler(qtbot: Any, xdg: Path) -> None:
    dialog = open_dialog(qtbot)
    page = dialog.general_page
    entry = xdg / "data" / "applications" / "ringdesk-call.desktop"
    assert page.url_handlers.isEnabled() and not page.url_handlers.isChecked()
    assert "not registered" in page.url_detail.text()

    page.url_handlers.setChecked(True)
    assert dialog.save()
    text = entry.read_text()
    assert "MimeType=x-scheme-handler/tel;x-scheme-handler/callto;x-scheme-handler/sip;" in text
    assert " call %u" in text
    assert page.url_handlers.isChecked() and "links open Ringdesk" in page.url_detail.text()

    reopened = open_dialog(qtbot)  # the OS, not config.toml, is what the box shows
    assert reopened.general_page.url_handlers.isChecked()
    reopened.general_page.url_handlers.setChecked(False)
    assert reopened.save()
    assert not entry.exists()
    assert not reopened.general_page.url_handlers.isChecked()


def test_the_dial_shortcut_field_says_why_it_cannot_work_here(qtbot: Any) -> None:
    dialog = open_dialog(qtbot)
    dialog.open_page(Page.GENERAL)
    detail = dialog.general_page.hotkey_detail
    assert detail.isVisible()
    assert "cannot work here" in detail.text() and "offscreen" in detail.text()  # QT_QPA_PLATFORM=offscreen


def test_the_dial_shortcut_is_saved_and_a_bare_key_is_refused(qtbot: Any) -> None:
    dialog = open_dialog(qtbot)
    field = dialog.general_page.dial_hotkey
    field.setKeySequence(QKeySequence("D"))
    assert not dialog.save()
    assert dialog.error.text().startswith("Dial shortcut:") and "Ctrl" in dialog.error.text()
    assert not dialog.context.paths.config_file.exists()

    field.setKeySequence(QKeySequence("Ctrl+Alt+D"))
    assert dialog.save()
    assert load(dialog.context.paths.config_file).general.dial_hotkey == "Ctrl+Alt+D"
    assert open_dialog(qtbot).general_page.hotkey_text() == "Ctrl+Alt+D"


def test_a_chosen_ring_device_that_is_unplugged_survives_a_save(qtbot: Any) -> None:
    context = Context.open()
    context.settings.card.ring_sound = True
    context.settings.card.ring_device = "c0ffee"  # the headset, not plugged in now
    context.save_settings()
    runtime = Runtime(context)
    runtime.settings.use_integrations(start_at_login=NoAutostart())
    dialog = SettingsDialog(runtime)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_page(Page.CARDS)
    page = dialog.cards_page
    assert page.ring_device.isEnabled()
    assert page.ring_device.currentData() == "c0ffee" and "not connected" in page.ring_device.currentText()
    assert dialog.save()
    assert load(context.paths.config_file).card.ring_device == "c0ffee"

    page.ring_device.setCurrentIndex(page.ring_device.findData(""))
    page.ring_sound.setChecked(False)
    assert not page.ring_device.isEnabled()
    assert dialog.save()
    saved = load(context.paths.config_file).card
    assert (saved.ring_sound, saved.ring_device) == (False, "")


def test_a_telecube_account_shows_the_requests_it_has_used(qtbot: Any) -> None:
    from app.config.settings import AccountSettings, Provider
    from app.services.budget import RequestBudget

    context = Context.open()
    context.settings.accounts = [
        AccountSettings(id="office", provider=Provider.CLOUDPBX, base_url="https://office.megapbx.ru", user="andy"),
        AccountSettings(
            id="cube", provider=Provider.TELECUBE, base_url="https://x.ccrm.pl", user="101", daily_request_limit=2
        ),
    ]
    budget = RequestBudget(context.state, "cube", daily_limit=2)
    budget.acquire()
    runtime = Runtime(context)
    runtime.settings.use_integrations(start_at_login=NoAutostart())
    dialog = SettingsDialog(runtime)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.accounts_page
    page.list.setCurrentRow(1)
    used = page.editor.budget_used
    assert used.isVisible() and used.text().startswith("Used 1 of 2 requests today")
    budget.acquire()
    page.list.setCurrentRow(0)
    assert not used.isVisible()  # Cloud PBX counts nothing
    page.list.setCurrentRow(1)
    assert "Spent: requests resume" in used.text()
