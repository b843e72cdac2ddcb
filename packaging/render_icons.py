"""Render the app icon (``resources/icons/app.svg``) at the freedesktop sizes, with QtSvg.

Usage: ``python packaging/render_icons.py OUT_DIR`` → ``OUT_DIR/hicolor/<n>x<n>/apps/ringdesk.png`` for
every size, plus ``hicolor/scalable/apps/ringdesk.svg``. Why render at build time: desktops pick the
PNG nearest the size they need (16 px menus, 48 px launchers, 256 px app grids), and many do not draw
SVG icons from a user's folder at all.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
SOURCE = Path(__file__).resolve().parents[1] / "resources" / "icons" / "app.svg"


def render(out_dir: Path, source: Path = SOURCE) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(QByteArray(source.read_bytes()))
    if not renderer.isValid():
        raise SystemExit(f"{source} is not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / "ringdesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"cannot write {target}")
        written.append(target)
    scalable = out_dir / "hicolor" / "scalable" / "apps" / "ringdesk.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    return [*written, scalable]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in render(Path(sys.argv[1])):
        print(path)
