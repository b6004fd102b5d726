#!/usr/bin/env bash
# Builds the one-folder PyInstaller bundle and its Linux launcher:
#   packaging/build_bundle.sh [DIST_DIR]          (default: dist/)
# → DIST_DIR/comptoir/comptoir (the program), DIST_DIR/comptoir/comptoir.desktop (launcher,
#   Exec= pointing at the bundle; copy it to ~/.local/share/applications to install it).
# Needs the dev extra: pip install -e '.[dev]' (PyInstaller). Windows and macOS: see
# packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=$(realpath -m "${1:-dist}")
WORK=$(realpath -m "${WORK_DIR:-build/pyinstaller}")
PY=${PYTHON:-python3}
if [ -x .venv/bin/python ] && [ -z "${PYTHON:-}" ]; then PY=.venv/bin/python; fi
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  packaging/comptoir.spec
APP="$DIST/comptoir"
cp packaging/comptoir.svg "$APP/comptoir.svg"
sed -e "s|^Exec=.*|Exec=\"$APP/comptoir\" %U|" -e "s|^Icon=.*|Icon=$APP/comptoir.svg|" \
  packaging/comptoir.desktop > "$APP/comptoir.desktop"
chmod +x "$APP/comptoir.desktop"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$APP/comptoir.desktop"
fi
echo "bundle: $APP/comptoir"
echo "launcher: $APP/comptoir.desktop"
