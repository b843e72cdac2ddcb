"""The settings dialog: values survive a save and a restart, secrets go to the keyring only, bad input is
refused without changing anything, webhook URLs are exact, test connection talks to the sandbox."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import null
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QToolButton

from app.config.settings import AccountSettings, Provider, Role
from app.desktop.integration import Status
from app.runtime import Runtime
from app.sandbox import Sandbox, SandboxConfig
from app.services.context import Context
from app.ui.settings.dialog import Page, SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")


@dataclass
class FakeAutostart:
    """Stands in for the OS login entry; records what the dialog asked."""

    installed: bool = False
    calls: list[str] = field(default_factory=list)

    def install(self) -> None:
        self.installed = True
        self.calls.append("install")

    def uninstall(self) -> None:
        self.installed = False
        self.calls.append("uninstall")

    def status(self) -> Status:
        return Status(self.installed, "starts at login" if self.installed else "does not start at login")


def dialog_for(qtbot: Any, context: Context, autostart: FakeAutostart | None = None) -> SettingsDialog:
    runtime = Runtime(context)
    runtime.settings.use_integrations(start_at_login=autostart or FakeAutostart())
    dialog = SettingsDialog(runtime)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def secret_edit(dialog: SettingsDialog, name: str) -> QLineEdit:
    edit = dialog.accounts_page.editor.findChild(QLineEdit, f"secret_{name}")
    assert edit is not None
    return edit


def add_cloudpbx(
    dialog: SettingsDialog,
    account_id: str = "office",
    token: str = "tok-123",
    base_url: str = "https://office.megapbx.ru",
) -> None:
    dialog.accounts_page.add_account(Provider.CLOUDPBX)
    editor = dialog.accounts_page.editor
    editor.account_id.setText(account_id)
    editor.name.setText("Office")
    editor.address.setText(base_url)
    editor.user.setText("andy")
    editor.caller_id.setText("+48221234500")
    secret_edit(dialog, "token").setText(token)
    secret_edit(dialog, "crm_token").setText("crm-456")


def test_settings_round_trip_with_secrets_in_the_keyring(qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    context = Context.open()
    autostart = FakeAutostart()
    dialog = dialog_for(qtbot, context, autostart)
    add_cloudpbx(dialog)
    dialog.receiver_page.listen.setText("127.0.0.1:9911")
    dialog.receiver_page.allow.setPlainText("10.0.0.0/8\n\n192.168.1.0/24\n")
    general = dialog.general_page
    general.region.setCurrentIndex(general.region.findData("RU"))
    general.language.setCurrentIndex(general.language.findData("pl"))
    general.supervisor.setChecked(True)
    general.start_at_login.setChecked(True)
    general.cache.setValue(512)
    dialog.cards_page.close_after.setValue(20)
    dialog.cards_page.crm_url.setText("https://crm.example/find?q={phone}")
    dialog.cards_page.click_only.setChecked(True)
    assert dialog.save(), dialog.error.text()

    reopened = Context.open()  # a restart: everything read back from config.toml and the keyring
    settings = reopened.settings
    assert settings.accounts == [
        AccountSettings(
            "office",
            Provider.CLOUDPBX,
            name="Office",
            base_url="https://office.megapbx.ru",
            user="andy",
            caller_id="+48221234500",
        )
    ]
    assert (settings.server.listen, settings.server.allow) == ("127.0.0.1:9911", ["10.0.0.0/8", "192.168.1.0/24"])
    assert (settings.general.region, settings.general.language, settings.general.role) == ("RU", "pl", Role.SUPERVISOR)
    assert settings.general.start_at_login and autostart.calls == ["install"]
    assert settings.recordings.cache_max_mb == 512
    assert (settings.card.close_after_s, settings.card.mode) == (20, "click_to_call_only")
    assert settings.card.crm_url_template == "https://crm.example/find?q={phone}"
    assert reopened.secrets.get("office", "token") == "tok-123"
    assert memory_keyring.items[("ringdesk", "office/crm_token")] == "crm-456"
    config_text = reopened.paths.config_file.read_text(encoding="utf-8")
    assert "tok-123" not in config_text and "crm-456" not in config_text

    again = dialog_for(qtbot, reopened)  # the stored secret is never shown back, only said to be stored
    assert secret_edit(again, "token").text() == ""
    assert "Stored" in secret_edit(again, "token").placeholderText()


def test_invalid_input_is_refused_and_nothing_changes(qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    context = Context.open()
    dialog = dialog_for(qtbot, context)
    add_cloudpbx(dialog)
    dialog.receiver_page.listen.setText("localhost")  # no port
    assert not dialog.save()
    assert dialog.error.text().startswith("config.toml, line") and "listen" in dialog.error.text()
    assert not context.paths.config_file.exists()
    assert memory_keyring.items == {}
    assert context.settings.accounts == []

    dialog.receiver_page.listen.setText("127.0.0.1:8765")
    dialog.accounts_page.add_account(Provider.CLOUDPBX)
    dialog.accounts_page.editor.account_id.setText("office")  # the same id as the first account
    assert not dialog.save() and "used twice" in dialog.error.text()
    dialog.accounts_page.editor.account_id.setText("Office Main")
    assert not dialog.save() and "lower-case" in dialog.error.text()
    dialog.accounts_page.remove_current()
    assert dialog.save(), dialog.error.text()
    assert [a.id for a in Context.open().settings.accounts] == ["office"]


def test_removing_an_account_removes_its_secrets(qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    context = Context.open()
    dialog = dialog_for(qtbot, context)
    add_cloudpbx(dialog)
    assert dialog.save()
    dialog.accounts_page.list.setCurrentRow(0)
    dialog.accounts_page.remove_current()
    assert dialog.save()
    assert Context.open().settings.accounts == []
    assert memory_keyring.items == {}


def test_no_secure_keyring_is_said_and_secrets_cannot_be_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    keyring.set_keyring(null.Keyring())
    context = Context.open()
    dialog = dialog_for(qtbot, context)
    dialog.accounts_page.add_account(Provider.CLOUDPBX)
    assert dialog.accounts_page.keyring_warning.isVisible()
    assert "No secure keyring" in dialog.accounts_page.keyring_warning.text()
    assert not secret_edit(dialog, "token").isEnabled()


def test_webhook_urls_are_exact_and_copyable(qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    context = Context.open()
    dialog = dialog_for(qtbot, context)
    add_cloudpbx(dialog)
    dialog.accounts_page.add_account(Provider.TELEDISCOUNT)
    dialog.accounts_page.editor.account_id.setText("td")
    dialog.accounts_page.editor.user.setText("SIP/00000000672")
    secret_edit(dialog, "api_key").setText("td-key")
    dialog.receiver_page.listen.setText("127.0.0.1:9912")
    assert dialog.save(), dialog.error.text()
    secret = memory_keyring.items[("ringdesk", "td/webhook_secret")]  # made at save, for the URL
    dialog.open_page(Page.RECEIVER)
    urls = [e.text() for e in dialog.receiver_page.findChildren(QLineEdit, "webhookUrl")]
    assert urls == [
        "http://127.0.0.1:9912/hooks/office",
        f"http://127.0.0.1:9912/hooks/td/{secret}/income",
        f"http://127.0.0.1:9912/hooks/td/{secret}/call_finished",
    ]
    dialog.receiver_page.findChildren(QToolButton, "copyUrl")[1].click()
    assert QGuiApplication.clipboard().text() == urls[1]


async def test_test_connection_asks_the_sandbox(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async with Sandbox(SandboxConfig(seed=5, prefill_calls=0)) as sandbox:
        context = Context.open()
        dialog = dialog_for(qtbot, context)
        add_cloudpbx(dialog, token=sandbox.credentials()["cloudpbx_token"], base_url=sandbox.urls()["base"])
        editor = dialog.accounts_page.editor
        editor.test_button.click()
        await _until(lambda: editor.test_button.isEnabled())
        assert editor.test_result.text().startswith("Connected: the provider lists")

        secret_edit(dialog, "token").setText("wrong-token")
        editor.test_button.click()
        await _until(lambda: editor.test_button.isEnabled())
        assert "token" in editor.test_result.text().lower() and not editor.test_result.text().startswith("Connected")
    assert not context.paths.config_file.exists()  # testing saves nothing


async def _until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_a_running_receiver_accepts_the_new_crm_key_at_once(qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    import socket

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    context = Context.open()
    context.settings.server.listen = f"127.0.0.1:{port}"
    context.settings.accounts.append(AccountSettings("office", Provider.CLOUDPBX, base_url="https://pbx.example"))
    context.secrets.set("office", "crm_token", "old-key")
    runtime = Runtime(context)
    address = await runtime.start()
    try:
        url = f"http://127.0.0.1:{address.port}/hooks/office"
        event = {"cmd": "event", "type": "INCOMING", "phone": "79101234567", "user": "andy", "callid": "K1"}
        async with httpx.AsyncClient() as client:
            assert (await client.post(url, data={**event, "crm_token": "old-key"})).status_code == 200
            runtime.settings.use_integrations(start_at_login=FakeAutostart())
            dialog = SettingsDialog(runtime)
            qtbot.addWidget(dialog)
            secret_edit(dialog, "crm_token").setText("new-key")
            assert dialog.save(), dialog.error.text()
            assert (await client.post(url, data={**event, "crm_token": "new-key"})).status_code == 200
            assert (await client.post(url, data={**event, "crm_token": "old-key"})).status_code == 401
    finally:
        await runtime.stop()
