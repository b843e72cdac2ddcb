"""The command line that starts this very Ringdesk, for URL handlers and start-at-login entries.

Why not just ``ringdesk``: the desktop's launcher does not read the user's shell profile, so a virtualenv
or an unpacked build is not on its ``PATH``. We write the absolute path of what is running now: the
frozen binary of a PyInstaller build, else the ``ringdesk`` script beside this Python, else
``python -m app``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def launcher_command() -> list[str]:
    """The arguments that start Ringdesk as it is installed now (absolute paths)."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    interpreter = Path(sys.executable)
    for name in ("ringdesk", "ringdesk.exe"):
        script = interpreter.with_name(name)
        if script.is_file():
            return [str(script)]
    return [str(interpreter), "-m", "app"]
