"""The first-run screen: "connect a provider" opens the accounts page; "start the demo" starts it."""

from __future__ import annotations

import pytest

from app.runtime import Runtime
from app.services.context import Context
from app.ui.firstrun import FirstRunDialog
from app.ui.settings.dialog import Page

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")


def test_connect_a_provider_opens_the_accounts_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstRunDialog(Runtime(Context.open()), launch_demo=lambda: pytest.fail("no demo wanted"))
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.settings_opened) as opened:
        dialog.connect_button.click()
    settings = opened.args[0]
    qtbot.addWidget(settings)
    assert settings.isVisible() and settings.stack.currentIndex() == Page.ACCOUNTS
    assert not dialog.isVisible()


def test_start_the_demo_launches_it_and_says_when_it_cannot(qtbot) -> None:  # type: ignore[no-untyped-def]
    launches: list[int] = []
    dialog = FirstRunDialog(
        Runtime(Context.open()), launch_demo=lambda: launches.append(1) is None and len(launches) > 1
    )
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.demo_button.click()  # the first launch fails (e.g. the program is missing)
    assert dialog.isVisible() and dialog.problem.isVisible() and "ringdesk demo" in dialog.problem.text()
    with qtbot.waitSignal(dialog.demo_started):
        dialog.demo_button.click()
    assert launches == [1, 1] and not dialog.isVisible()
