"""The Linux application-menu entry and icons, per user (``ringdesk desktop install`` after unpacking).

Why per user: agents have no root; an unpacked build under ``~/ringdesk`` must still appear in the menu
with its icon. The build carries the icons in ``share/icons/hicolor`` beside the binary (rendered from
``resources/icons/app.svg`` by ``packaging/render_icons.py``); we copy them into
``$XDG_DATA_HOME/icons/hicolor`` so ``Icon=ringdesk`` resolves in the menu, the link handler and
notifications alike.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from app.core.errors import QT_TRANSLATE_NOOP
from app.desktop.integration import Status
from app.desktop.launcher import launcher_command
from app.desktop.xdg import data_home, exec_line, read_entry, render_entry, write_atomically

MENU_FILE = "ringdesk.desktop"


def menu_entry(launcher: Sequence[str]) -> str:
    """The menu entry for ``launcher`` (also the template in ``packaging/linux``)."""
    return render_entry(
        {
            "Type": "Application",
            "Name": "Ringdesk",
            "GenericName": "Call-centre companion",
            "Comment": "Incoming-call cards, click-to-call and call history",
            "Exec": exec_line(launcher),
            "Icon": "ringdesk",
            "Terminal": "false",
            "Categories": "Office;Telephony;Network;",
            "Keywords": "phone;call;PBX;tel;",
            "StartupNotify": "false",
            "SingleMainWindow": "true",
        }
    )


def bundled_icons(executable: str | None = None) -> Path | None:
    """``share/icons/hicolor`` of a build (beside the frozen binary), if this is one."""
    folder = Path(executable or sys.executable).resolve().parent / "share" / "icons" / "hicolor"
    return folder if folder.is_dir() else None


class LinuxMenuEntry:
    def __init__(self, launcher: Sequence[str] | None = None, icons: Path | None = None) -> None:
        self.launcher = list(launcher or launcher_command())
        self.icons = icons if icons is not None else bundled_icons()

    @property
    def entry_path(self) -> Path:
        return data_home() / "applications" / MENU_FILE

    def _icon_targets(self) -> list[tuple[Path, Path]]:
        if self.icons is None:
            return []
        target = data_home() / "icons" / "hicolor"
        return [(icon, target / icon.relative_to(self.icons)) for icon in sorted(self.icons.rglob("ringdesk.*"))]

    def install(self) -> None:
        for source, target in self._icon_targets():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        write_atomically(self.entry_path, menu_entry(self.launcher))

    def uninstall(self) -> None:
        self.entry_path.unlink(missing_ok=True)
        for _source, target in self._icon_targets():
            target.unlink(missing_ok=True)

    def status(self) -> Status:
        if read_entry(self.entry_path).get("Exec") != exec_line(self.launcher):
            return Status.say(
                False,
                QT_TRANSLATE_NOOP("Problem", "Ringdesk is not in the application menu."),
                fix=QT_TRANSLATE_NOOP("Problem", "Run: ringdesk desktop install"),
            )
        return Status.say(
            True, QT_TRANSLATE_NOOP("Problem", "Ringdesk is in the application menu ({path})."), path=self.entry_path
        )
