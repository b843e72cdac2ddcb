#!/usr/bin/env bash
# Extract every translatable string of the UI into the Polish and Russian .ts files, then compile them.
#
#   packaging/update-translations.sh            # lupdate (keeps existing translations) + lrelease
#   packaging/update-translations.sh --release  # lrelease only (after editing a .ts by hand)
#
# lupdate scans every app/ui/**/*.py (self.tr(...), QCoreApplication.translate(context, ...)) and every
# module below it that marks problem texts with QT_TRANSLATE_NOOP("Problem", ...) (app/core/errors.py), merges
# into resources/translations/ringdesk_<lang>.ts keeping what is translated, and drops strings that are
# gone from the code (-no-obsolete). lrelease then writes ringdesk_<lang>.qm next to each .ts, which is
# what app/ui/i18n.py loads. New strings arrive as type="unfinished": translate them (Qt Linguist or
# any editor) and run the script again; tests/ui/test_translations.py fails while any is left.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DIR=resources/translations
LANGS=(pl ru)

# A PySide6 tool: $PYSIDE6_LUPDATE / $PYSIDE6_LRELEASE if set, else the project's venv (whether activated or
# not: README runs .venv/bin/python directly), else the active venv, else PATH.
find_tool() {
  local name=$1 dir
  for dir in "$ROOT/.venv/bin" "$ROOT/.venv/Scripts" "${VIRTUAL_ENV:+$VIRTUAL_ENV/bin}"; do
    if [[ -n $dir && -x $dir/$name ]]; then echo "$dir/$name"; return; fi
    if [[ -n $dir && -x $dir/$name.exe ]]; then echo "$dir/$name.exe"; return; fi
  done
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  echo "$name not found: install the project (pip install -e .) into .venv, or set the tool's path" >&2
  return 1
}
LRELEASE="${PYSIDE6_LRELEASE:-$(find_tool pyside6-lrelease)}"

release_only=0
case "${1:-}" in
  --release) release_only=1 ;;
  "") ;;
  *) echo "usage: $0 [--release]" >&2; exit 2 ;;
esac

mkdir -p "$DIR"

if [[ $release_only == 0 ]]; then
  LUPDATE="${PYSIDE6_LUPDATE:-$(find_tool pyside6-lupdate)}"
  # The UI, and the Qt-free modules that mark problem texts with QT_TRANSLATE_NOOP("Problem", …).
  mapfile -t sources < <({ find app/ui -name '*.py' -not -path '*/__pycache__/*';
                           grep -rl --include='*.py' 'QT_TRANSLATE_NOOP(' app; } | LC_ALL=C sort -u)
  if [[ ${#sources[@]} == 0 ]]; then
    echo "no Python sources under app/ui" >&2
    exit 1
  fi
  for lang in "${LANGS[@]}"; do
    "$LUPDATE" -silent -no-obsolete -locations relative -source-language en -target-language "$lang" \
      "${sources[@]}" -ts "$DIR/ringdesk_$lang.ts"
  done
fi

status=0
for lang in "${LANGS[@]}"; do
  "$LRELEASE" "$DIR/ringdesk_$lang.ts" -qm "$DIR/ringdesk_$lang.qm"
  left=$(grep -c 'type="unfinished"' "$DIR/ringdesk_$lang.ts" || true)
  if [[ $left != 0 ]]; then
    echo "ringdesk_$lang.ts: $left message(s) still unfinished" >&2
    status=0  # the test (tests/ui/test_translations.py) is what fails on them
  fi
done
exit $status
