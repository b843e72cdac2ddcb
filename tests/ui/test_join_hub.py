"""First run › Join your team's hub: paste the invite, and this desktop is a member of the hub."""

from __future__ import annotations

from typing import Any

import pytest

from app.config.settings import Provider
from app.runtime import Runtime
from app.services.context import Context
from app.ui.firstrun import FirstRunDialog
from app.ui.join import JoinHubDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")

TOKEN = "rd1.anna.Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MDEyMw"


def test_the_first_run_offers_joining_the_team_first(qtbot: Any) -> None:
    dialog = FirstRunDialog(Runtime(Context.open()), launch_demo=lambda: pytest.fail("no demo wanted"))
    qtbot.addWidget(dialog)
    buttons = [dialog.join_button, dialog.connect_button, dialog.demo_button]
    assert [b.text() for b in buttons] == [
        "Join your team's hub",
        "Connect a provider account on this computer",
        "Start the demo",
    ]
    dialog.join_button.click()
    assert isinstance(dialog.join_dialog, JoinHubDialog) and dialog.join_dialog.isVisible()


def test_a_pasted_invite_saves_the_hub_account_and_a_wrong_one_says_why(qtbot: Any) -> None:
    runtime = Runtime(Context.open())
    joined: list[bool] = []
    dialog = JoinHubDialog(runtime, on_joined=lambda: joined.append(True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.link.setText("https://hub.example.com/join")
    assert not dialog.join()
    assert dialog.problem.isVisible() and "not a Ringdesk invite link" in dialog.problem.text()
    assert runtime.context.settings.accounts == [] and joined == []

    dialog.link.setText(f"https://hub.example.com/join#{TOKEN}")
    assert dialog.join()
    (account,) = runtime.context.settings.accounts
    assert (account.provider, account.user, account.base_url) == (Provider.HUB, "anna", "https://hub.example.com")
    assert runtime.context.secrets.get(account.id, "token") == TOKEN and joined == [True]
