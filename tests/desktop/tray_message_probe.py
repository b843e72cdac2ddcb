"""Run under a real X display with a StatusNotifier tray and a notification daemon on the session bus:
the desktop app (its :class:`~app.ui.shell.Shell`, started as ``ringdesk`` starts it) tells the user something
through the tray — a provider's refusal quoting an account name and the provider's words.

Why a process of its own: Qt chooses its D-Bus tray (whose balloons are desktop notifications) only on a
real platform (xcb), never offscreen. Prints one JSON line: whether the tray is Qt's D-Bus one, whether
notifications are native, and the message sent. ``python -m tests.desktop.tray_message_probe RECORD`` (the
file the fake daemon writes): waits until the daemon recorded the message, at most 20 s.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.config.settings import AccountSettings, Provider
from app.runtime import Runtime
from app.services.context import Context
from app.ui import tasks
from app.ui.main import run_loop
from app.ui.messages import bridge
from app.ui.shell import Shell

ACCOUNT = "<b>Front desk</b> & Co"
SAID = "<b>Unauthorized</b> & <a href=x>retry</a> <img src=x>"
MESSAGE = f"{ACCOUNT}: the provider says {SAID}"
TITLE = "Call not placed"


async def main(record: Path) -> int:
    context = Context.open()
    context.settings.accounts = [AccountSettings("main", Provider.CLOUDPBX, name=ACCOUNT, user="andy")]
    runtime = Runtime(context)
    shell = Shell(context, runtime)
    shell.start()
    await shell.start_integration()
    try:
        bridge().error(MESSAGE, TITLE)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 20
        while "Unauthorized" not in (record.read_text() if record.exists() else "") and loop.time() < deadline:
            await asyncio.sleep(0.05)
        notifier = shell.alerts.notifier if shell.alerts is not None else None
        print(
            json.dumps(
                {
                    "platform": QApplication.platformName(),
                    "tray": shell.tray.icon is not None and QSystemTrayIcon.isSystemTrayAvailable(),
                    "native": bool(notifier and notifier.native),
                    "message": MESSAGE,
                    "title": TITLE,
                }
            ),
            flush=True,
        )
    finally:
        await shell.stop_integration()
        shell.close()
        await tasks.drain()
        await runtime.stop()
    return 0


if __name__ == "__main__":
    application = QApplication(sys.argv[:1])
    sys.exit(run_loop(main(Path(sys.argv[1]))))
