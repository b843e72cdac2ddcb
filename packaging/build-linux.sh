#!/usr/bin/env bash
# Build Ringdesk for Linux: dist/ringdesk/ (one folder) and dist/ringdesk-<version>-linux-<arch>.tar.gz.
#
#   packaging/build-linux.sh            # uses python3 (override: PYTHON=/path/to/python)
#   DIST=/tmp/out WORK=/tmp/work packaging/build-linux.sh    # other output / scratch folders
#
# Needs: the project installed with the build extra (pip install -e ".[build]"); PySide6 for the icons.
# Output layout:  dist/ringdesk/ringdesk                      the binary (ringdesk --version, demo, doctor…)
#                 dist/ringdesk/share/applications/*.desktop  menu entry and tel:/callto:/sip: handler
#                 dist/ringdesk/share/icons/hicolor/…         icons, 16–512 px and scalable
# After unpacking, each user runs `ringdesk desktop install` (menu, icons, link handler; no root needed).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
DIST="${DIST:-dist}"
WORK="${WORK:-build/pyinstaller}"
started=$(date +%s)

version=$("$PYTHON" -c 'import app; print(app.__version__)')
arch=$(uname -m)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/ringdesk.spec

share="$DIST/ringdesk/share"
mkdir -p "$share/applications"
QT_QPA_PLATFORM=offscreen "$PYTHON" packaging/render_icons.py "$share/icons" >/dev/null
cp packaging/linux/ringdesk.desktop packaging/linux/ringdesk-call.desktop "$share/applications/"

tarball="$DIST/ringdesk-${version}-linux-${arch}.tar.gz"
tar -C "$DIST" -czf "$tarball" ringdesk

echo "build:   $DIST/ringdesk ($(du -sh "$DIST/ringdesk" | cut -f1))"
echo "tarball: $tarball ($(du -sh "$tarball" | cut -f1))"
echo "time:    $(( $(date +%s) - started )) s"
