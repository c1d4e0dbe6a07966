#!/usr/bin/env bash
# Build the standalone application (one folder, needs no Python on the target) with PyInstaller:
#   bash tools/bundle.sh [WHEEL]    -> dist/bundle/chairlog/{chairlog,chairlog-gui}
# It installs the chairlog wheel (given, or built from this checkout) with the locked versions
# and PyInstaller into its own virtual environment (.venv-bundle), then runs
# tools/bundle/chairlog.spec, which leaves Qt WebEngine, QML/Quick, 3D and the translations
# out. Prints the bundle's size (goal: at most 250 MB).
# Environment: CHAIRLOG_BUNDLE_DIR (output, default dist/bundle), CHAIRLOG_BUNDLE_VENV.
# Windows and macOS: the same spec; see README "Standalone application".
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out="${CHAIRLOG_BUNDLE_DIR:-$root/dist/bundle}"
venv="${CHAIRLOG_BUNDLE_VENV:-$root/.venv-bundle}"
work="$out/build"
mkdir -p "$out" "$work"
source tools/venv.sh
ensure_venv "$venv"
pip_q=(-q --disable-pip-version-check)
wheel="${1:-}"
if [ -z "$wheel" ]; then
    rm -rf "$work/wheel"
    "$VENV_PY" -m pip wheel "${pip_q[@]}" --no-deps -w "$work/wheel" .
    wheel="$(ls "$work"/wheel/chairlog-*.whl)"
fi
"$VENV_PY" -m pip install "${pip_q[@]}" -c constraints/lock.txt "$wheel" "pyinstaller>=6.10"
"$VENV_PY" -m pip install "${pip_q[@]}" --no-deps --force-reinstall "$wheel"
(cd "$work" && "$VENV_PY" "$root/tools/bundle/make_icons.py" "$work/icons" >/dev/null)
rm -rf "$out/chairlog"
# from a neutral folder, so the analysis finds the installed chairlog, not this checkout's
(cd "$work" && CHAIRLOG_ICON_DIR="$work/icons" "$VENV_PY" -m PyInstaller --noconfirm \
    --log-level WARN --distpath "$out" --workpath "$work/pyinstaller" \
    "$root/tools/bundle/chairlog.spec")
[ -e "$out/chairlog/chairlog-gui" ] || ln -s chairlog "$out/chairlog/chairlog-gui"
size_mb="$(du -sm "$out/chairlog" | cut -f1)"
echo "bundle: $out/chairlog — ${size_mb} MB (goal ≤ 250 MB)"
if [ "$size_mb" -gt 250 ]; then
    echo "bundle: WARNING — larger than the 250 MB goal" >&2
fi
