"""Settings › Accounts quotes providers and what a person typed: it shows them as written, never as markup.

"Test connection" puts the provider's own words (an error body) beside the button; a secret field's tooltip
names the keyring entry, which contains the account ID as typed; the list names each account as it was
called. Qt takes any of these for HTML as soon as it looks like a tag.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import keyring
import pytest
from aiohttp import web
from keyring.backends import null
from PySide6.QtCore import QEvent, QModelIndex, QRect
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QToolTip

from app.config.settings import AccountSettings, Provider
from app.runtime import Runtime
from app.services.context import Context
from app.ui.settings.dialog import Page, SettingsDialog
from tests.kit import until
from tests.ui.plainkit import seen

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")

SAID = "<b>Unauthorized</b> & <a href=x>retry</a>"
TYPED_ID = "<b>front</b>&desk"
ACCOUNT = "<b>Front desk</b> & Co"
LONG = "Przybyszewska-Szczepańska-Wróblewska Konstantynopolitańczykiewiczówna — Приёмная Константинопольского"


def label_seen(label: QLabel) -> str:
    return seen(label.text(), label.textFormat())


def hover(view: QAbstractItemView, index: QModelIndex) -> str:
    """The tooltip the view shows when the pointer rests on ``index``, as the user sees it."""
    QToolTip.hideText()
    point = view.visualRect(index).center()
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    return seen(QToolTip.text())


def dialog_for(qtbot, context: Context) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(Runtime(context))
    qtbot.addWidget(dialog)
    dialog.open_page(Page.ACCOUNTS)
    dialog.show()
    return dialog


def secret_edit(dialog: SettingsDialog, name: str) -> QLineEdit:
    edit = dialog.accounts_page.editor.findChild(QLineEdit, f"secret_{name}")
    assert edit is not None
    return edit


@pytest.fixture
async def refusing_pbx() -> AsyncIterator[str]:
    """A Cloud PBX that refuses every request with its own words in the JSON error body."""

    async def refuse(_request: web.Request) -> web.Response:
        return web.Response(status=401, text=json.dumps({"error": SAID}), content_type="application/json")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", refuse)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    yield f"http://{host}:{port}"
    await runner.cleanup()


async def test_test_connection_shows_the_providers_refusal_as_written(qtbot, refusing_pbx: str) -> None:  # type: ignore[no-untyped-def]
    context = Context.open()
    try:
        dialog = dialog_for(qtbot, context)
        page = dialog.accounts_page
        page.add_account(Provider.CLOUDPBX)
        editor = page.editor
        editor.address.setText(refusing_pbx)
        editor.user.setText("andy")
        secret_edit(dialog, "token").setText("wrong-token")
        editor.test_button.click()
        await until(lambda: editor.test_button.isEnabled(), "the provider's answer")
        shown = label_seen(editor.test_result)
        assert f"“{SAID}”" in shown, shown  # the provider's words, as it wrote them
        assert shown == editor.test_result.text()
    finally:
        context.close()


def test_a_typed_account_id_shows_as_written_in_the_keys_tooltip_and_hint(qtbot) -> None:  # type: ignore[no-untyped-def]
    """With no secure keyring the page names the environment variable and the keyring entry of each key,
    both built from the account ID as typed (it is checked only when saving)."""
    keyring.set_keyring(null.Keyring())
    context = Context.open()
    try:
        dialog = dialog_for(qtbot, context)
        page = dialog.accounts_page
        page.add_account(Provider.CLOUDPBX)
        page.editor.account_id.setText(TYPED_ID)
        page.add_account(Provider.CLOUDPBX)  # the typed ID is taken into the account being edited …
        page.list.setCurrentRow(0)  # … and its form is shown again, with keys named after it
        edit = secret_edit(dialog, "token")
        assert seen(edit.toolTip()) == (
            "Or the environment variable RINGDESK_SECRET__B_FRONT__B__DESK_TOKEN; "
            f"in the keyring: ringdesk {TYPED_ID}/token."
        )
        hints = [label_seen(label) for label in page.editor.findChildren(QLabel) if "RINGDESK_SECRET_" in label.text()]
        assert hints and all("RINGDESK_SECRET__B_FRONT__B__DESK_" in hint for hint in hints), hints
        warning = label_seen(page.keyring_warning)
        assert warning.endswith("provide the keys as RINGDESK_SECRET_<ACCOUNT>_<NAME> environment variables."), warning
    finally:
        context.close()


def test_the_account_list_names_accounts_as_written_in_full_on_hover(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A long name is cut in the narrow list: the whole name, as written, on hover."""
    context = Context.open()
    context.settings.accounts = [
        AccountSettings("front", Provider.CLOUDPBX, name=ACCOUNT, user="andy"),
        AccountSettings("long", Provider.TELEDISCOUNT, name=LONG),
    ]
    try:
        dialog = dialog_for(qtbot, context)
        view = dialog.accounts_page.list
        first, second = view.model().index(0, 0), view.model().index(1, 0)
        assert first.data().split("\n")[0] == ACCOUNT
        assert hover(view, first).startswith(ACCOUNT)
        assert hover(view, second).startswith(LONG)
    finally:
        QToolTip.hideText()
        context.close()


def test_every_providers_form_shows_whole_fields_and_hints_after_switching(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Going from one account to another changes the form (other keys, longer labels, longer variable names in
    the hints): the form's area follows at once, so nothing is cut off on the right — in the order a user
    clicks, and at the size the dialog opens on a laptop — and the widest form fits without sideways scrolling
    (a key's long label goes above its field, its help under both)."""
    keyring.set_keyring(null.Keyring())  # the hints then name each key's environment variable as well
    context = Context.open()
    context.settings.accounts = [
        AccountSettings("office", Provider.CLOUDPBX, name=ACCOUNT, user="andy"),
        AccountSettings("konstantinopolskogo", Provider.TELEDISCOUNT, name=LONG),
        AccountSettings("cube", Provider.TELECUBE, name="Biuro TeleCube"),
        AccountSettings("office2", Provider.CLOUDPBX, name="Office"),
    ]
    try:
        dialog = dialog_for(qtbot, context)
        dialog.fit_to(QRect(0, 0, 1366, 768))
        page = dialog.accounts_page
        editor, area = page.editor, page.editor_area

        def whole_form_shown() -> None:
            needed, shown, room = editor.minimumSizeHint().width(), editor.width(), area.viewport().width()
            assert needed <= shown <= room, (row, needed, shown, room)  # the whole form, within its area
            # … and the page needs no sideways scrolling in the dialog (a long ID makes long variable names)
            assert page.minimumSizeHint().width() <= page.parentWidget().width(), (row, page.minimumSizeHint())

        def keys_shown() -> bool:  # Qt shows the rows of the form's keys a moment after they are added
            keys = [edit for edit in editor.findChildren(QLineEdit) if edit.objectName().startswith("secret_")]
            return bool(keys) and all(edit.isVisible() for edit in keys)

        for row in (0, 1, 2, 3, 1, 0):
            page.list.setCurrentRow(row)
            qtbot.waitUntil(keys_shown, timeout=5000)
            qtbot.waitUntil(whole_form_shown, timeout=5000)
    finally:
        context.close()
