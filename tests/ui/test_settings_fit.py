"""The settings dialog fits a 1080p screen at 200 % (960×540 logical pixels): its size and minimum size stay
inside the screen's available area, in every language and on every page; what does not fit scrolls inside."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from app.config.settings import AccountSettings, Provider
from app.runtime import Runtime
from app.services.context import Context
from app.ui import i18n
from app.ui.settings.dialog import FRAME, PREFERRED, Page, SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|propagateSizeHints)")

SCREEN = QRect(0, 0, 960, 540)  # 1920×1080 at scale 2


def context_with_accounts() -> Context:
    context = Context.open()
    context.settings.accounts = [
        AccountSettings(id="cube", provider=Provider.TELECUBE, name="Biuro TeleCube"),  # the tallest form
        AccountSettings(id="office", provider=Provider.CLOUDPBX, name="Office"),
    ]
    return context


@pytest.mark.parametrize("language", ["en", "pl", "ru"])
def test_the_dialog_fits_960_by_540_on_every_page(qtbot: Any, language: str) -> None:
    i18n.install(language, QApplication.instance())  # type: ignore[arg-type]
    dialog = SettingsDialog(Runtime(context_with_accounts()))
    qtbot.addWidget(dialog)
    dialog.fit_to(SCREEN)
    dialog.show()
    room_w, room_h = SCREEN.width() - FRAME.width(), SCREEN.height() - FRAME.height()
    for page in (Page.ACCOUNTS, Page.RECEIVER, Page.GENERAL):  # the cards page lists audio outputs: not here
        dialog.open_page(page)
        QApplication.processEvents()
        for size in (dialog.size(), dialog.minimumSize(), dialog.minimumSizeHint()):
            assert size.width() <= room_w and size.height() <= room_h, (page, size)
    # The accounts page (TeleCube's form, the widest) needs no sideways scrolling at this size.
    dialog.open_page(Page.ACCOUNTS)
    QApplication.processEvents()
    page = dialog.accounts_page
    assert page.minimumSizeHint().width() <= page.parentWidget().width(), language


def test_a_roomy_screen_gets_the_preferred_size(qtbot: Any) -> None:
    dialog = SettingsDialog(Runtime(context_with_accounts()))
    qtbot.addWidget(dialog)
    dialog.fit_to(QRect(0, 0, 1920, 1040))
    assert dialog.size() == PREFERRED


SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication
    from app.config.settings import AccountSettings, Provider
    from app.runtime import Runtime
    from app.services.context import Context
    from app.ui import i18n
    from app.ui.settings.dialog import Page, open_settings

    app = QApplication([])
    i18n.install(sys.argv[1], app)
    context = Context.open()
    context.settings.accounts = [AccountSettings(id="cube", provider=Provider.TELECUBE, name="Biuro")]
    dialog = open_settings(Runtime(context), Page.ACCOUNTS)
    app.processEvents()
    screen = app.primaryScreen().availableGeometry()
    print(screen.width(), screen.height(), dialog.frameGeometry().width(), dialog.frameGeometry().height(),
          dialog.minimumSize().width(), dialog.minimumSize().height())
    """
)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_at_scale_factor_2_on_a_1080p_screen(tmp_path: Path, language: str) -> None:
    """A real 1920×1080 screen (the offscreen platform's screen configuration) at QT_SCALE_FACTOR=2."""
    config = tmp_path / "screen.json"
    screen = {"name": "fhd", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, language], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    screen_w, screen_h, width, height, min_w, min_h = map(int, run.stdout.split())
    assert (screen_w, screen_h) == (960, 540)
    assert width <= screen_w and height <= screen_h
    assert min_w <= screen_w and min_h <= screen_h
