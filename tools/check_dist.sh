#!/usr/bin/env bash
# Packaging checks, run by .ci/run (and by hand). Each step is timed; any failure stops it.
#   build     the sdist, then the wheel from the sdist (python -m build)
#   wheel     the wheel in a fresh virtual environment (locked versions): from a folder outside
#             the checkout, the smoke set — --version, init, check, demo, export (draft and
#             signed), sign, verify, the PDF's Creator/Producer, the window offscreen
#             (gui --demo --smoke); fails on any non-zero exit, traceback or missing file
#   broken    self-check: the same wheel with one resource removed must refuse to start
#             (init writes nothing, the window check fails); then the good wheel again
#   minimum   the wheel with exactly constraints/minimum.txt (the lower bounds), smoke set
#   bundle    tools/bundle.sh (PyInstaller) from the wheel's environment, then the bundled
#             executables' smoke set, outside the checkout, without any Python on PATH
# Usage: bash tools/check_dist.sh [STEP ...]     (default: all, in this order)
# Environment: CHAIRLOG_DIST_WORK (work folder, kept; default a new one under /tmp, removed
#              when every step passed, kept for inspection when one failed),
#              CHAIRLOG_SMOKE_SECONDS (how long the window stays shown, default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
own_work=""
if [ -z "${CHAIRLOG_DIST_WORK:-}" ]; then
    own_work="$(mktemp -d /tmp/chairlog-dist.XXXXXX)"  # removed again when every step passed
fi
work="${CHAIRLOG_DIST_WORK:-$own_work}"
mkdir -p "$work"
smoke_s="${CHAIRLOG_SMOKE_SECONDS:-10}"
steps=("$@")
((${#steps[@]})) || steps=(build wheel broken minimum bundle)
source tools/venv.sh
pip_q=(-q --disable-pip-version-check)
export QT_QPA_PLATFORM=offscreen PIP_DISABLE_PIP_VERSION_CHECK=1
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' chairlog/__init__.py)"
timings=()

fail() { echo "check_dist: FAILED — $*" >&2; exit 1; }

timed() {  # timed LABEL COMMAND...: run it, note how long it took
    local label="$1" t0=$SECONDS
    shift
    echo "--- $label"
    "$@"
    timings+=("$(printf '%-52s %5d s' "$label" $((SECONDS - t0)))")
    echo "--- $label: $((SECONDS - t0)) s"
}

# run OUT COMMAND...: COMMAND must exit 0 with no traceback on stderr; stdout goes to OUT
run() {
    local out="$1" rc=0
    shift
    "$@" >"$out" 2>"$out.err" || rc=$?
    if [ "$rc" -ne 0 ] || grep -q "Traceback (most recent call last)" "$out.err"; then
        echo "exit $rc: $*" >&2
        cat "$out" "$out.err" >&2
        fail "$* (exit $rc)"
    fi
}

session_of_state() {  # session_of_state FILE.json STATE: the first session id in that state
    python3 -c 'import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r["state"] == sys.argv[2]]
print(rows[0]["id"] if rows else "")' "$1" "$2"
}

# smoke_set LABEL BIN_DIR: the installed (or bundled) chairlog, from a folder outside the checkout
smoke_set() {
    local label="$1" bin="$2" dir="$work/run-$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    (
        cd "$dir"
        export CHAIRLOG_HOME="$dir/home"
        local c="$bin/chairlog"
        run version.txt "$c" --version
        grep -qx "chairlog $version" version.txt || fail "$label: --version says $(cat version.txt)"
        printf 'Check-admin-pw-1\n' | run init.txt "$c" --db clinic.sqlite3 init \
            --clinic "Check Clinic" --admin admin --admin-name "Ada Admin" --password-stdin \
            --timezone Europe/Berlin
        run check.txt "$c" --db clinic.sqlite3 check
        run demo.txt "$c" --db demo.sqlite3 demo
        run sessions.json "$c" --db demo.sqlite3 sessions --json
        local discharged signed
        discharged="$(session_of_state sessions.json discharged)"
        signed="$(session_of_state sessions.json signed)"
        [ -n "$discharged" ] && [ -n "$signed" ] || fail "$label: the demo has no discharged/signed session"
        run export-draft.txt "$c" --db demo.sqlite3 export "$discharged" -o draft.pdf
        run export-signed.txt "$c" --db demo.sqlite3 export "$signed" -o signed.pdf
        printf 'demo-doctor-1\n' | run sign.txt "$c" --db demo.sqlite3 sign "$discharged" \
            --user okafor --password-stdin -o new-signed.pdf
        run verify1.txt "$c" --db demo.sqlite3 verify signed.pdf
        run verify2.txt "$c" --db demo.sqlite3 verify new-signed.pdf
        run check-demo.txt "$c" --db demo.sqlite3 check
        for f in draft.pdf signed.pdf new-signed.pdf; do
            [ -s "$f" ] || fail "$label: $f missing"
        done
        if command -v pdfinfo >/dev/null; then
            pdfinfo draft.pdf >info.txt
            grep -q "^Creator: *chairlog $version" info.txt || fail "$label: PDF Creator: $(grep Creator info.txt)"
            grep -q "^Producer: *chairlog $version" info.txt || fail "$label: PDF Producer: $(grep Producer info.txt)"
        fi
        run smoke.txt "$c" gui --demo --smoke --smoke-seconds "$smoke_s" --screenshot window.png
        cat smoke.txt
        [ -s window.png ] || fail "$label: no screenshot of the window"
        [ -s "$CHAIRLOG_HOME/logs/chairlog.log" ] || fail "$label: no log file"
        grep -q "database opened" "$CHAIRLOG_HOME/logs/chairlog.log" || fail "$label: log lacks 'database opened'"
        grep -q "record signed" "$CHAIRLOG_HOME/logs/chairlog.log" || fail "$label: log lacks 'record signed'"
    )
    echo "$label: smoke set passed (outside the checkout, in $dir)"
}

step_build() {
    ensure_venv "$work/build-venv"
    "$VENV_PY" -m pip install "${pip_q[@]}" -c constraints/lock.txt build
    rm -rf "$work/dist"
    "$VENV_PY" -m build -o "$work/dist" . >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
    ls -l "$work"/dist
    local whl sdist
    whl="$(ls "$work"/dist/chairlog-*.whl)"
    sdist="$(ls "$work"/dist/chairlog-*.tar.gz)"
    python3 - "$whl" "$sdist" <<'PY'
import sys, tarfile, zipfile
from pathlib import Path
whl, sdist = sys.argv[1:]
wheel_names = set(zipfile.ZipFile(whl).namelist())
sdist_names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
missing = []
for f in sorted(Path("resources").rglob("*")):
    if f.is_file() and "__pycache__" not in f.parts:
        rel = f.relative_to("resources").as_posix()
        if f"chairlog/resources/{rel}" not in wheel_names:
            missing.append(f"wheel: chairlog/resources/{rel}")
        if f"resources/{rel}" not in sdist_names:
            missing.append(f"sdist: resources/{rel}")
if not any(n.endswith("licenses/resources/fonts/LICENSE-DejaVu.txt") for n in wheel_names):
    missing.append("wheel metadata: the fonts' licence")
if missing:
    sys.exit("not shipped: " + ", ".join(missing))
print(f"wheel {Path(whl).stat().st_size // 1024} KB and sdist carry every resource and the font licence")
PY
}

wheel_file() { ls "$work"/dist/chairlog-*.whl 2>/dev/null || fail "no wheel (run the build step)"; }

step_wheel() {
    local whl
    whl="$(wheel_file)"
    rm -rf "$work/wheel-venv"
    ensure_venv "$work/wheel-venv"
    "$VENV_PY" -m pip install "${pip_q[@]}" -c constraints/lock.txt "$whl"
    "$VENV_PY" -c "import _rl_accel" || fail "reportlab's C accelerator (rl-accel) is not installed"
    echo "installed virtual environment: $(du -sm "$work/wheel-venv" | cut -f1) MB"
    smoke_set wheel "$work/wheel-venv/bin"
}

step_broken() {
    local whl broken out rc
    whl="$(wheel_file)"
    broken="$work/broken/$(basename "$whl")"
    mkdir -p "$work/broken"
    python3 - "$whl" "$broken" chairlog/resources/style.qss <<'PY'
import sys, zipfile
src, dst, drop = sys.argv[1:]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        if item.filename == drop:
            continue
        data = zin.read(item)
        if item.filename.endswith(".dist-info/RECORD"):
            data = b"".join(l for l in data.splitlines(True) if not l.startswith(drop.encode()))
        zout.writestr(item, data)
PY
    "$work/wheel-venv/bin/python" -m pip install "${pip_q[@]}" --no-deps --force-reinstall "$broken"
    out="$work/run-broken"
    rm -rf "$out" && mkdir -p "$out"
    rc=0
    (cd "$out" && printf 'Check-admin-pw-1\n' | CHAIRLOG_HOME="$out/home" "$work/wheel-venv/bin/chairlog" \
        --db clinic.sqlite3 init --clinic C --admin admin --admin-name "A A" --password-stdin \
        >init.txt 2>init.err) || rc=$?
    [ "$rc" -eq 1 ] || fail "broken wheel: init exited $rc, not 1"
    grep -q "incomplete: style.qss missing" "$out/init.err" || fail "broken wheel: init said $(cat "$out/init.err")"
    [ ! -e "$out/clinic.sqlite3" ] || fail "broken wheel: init wrote a database"
    rc=0
    (cd "$out" && CHAIRLOG_HOME="$out/home" "$work/wheel-venv/bin/chairlog" gui --demo --smoke \
        --smoke-seconds 1 >smoke.txt 2>smoke.err) || rc=$?
    [ "$rc" -ne 0 ] || fail "broken wheel: the window check passed without its style sheet"
    echo "broken wheel refused: $(cat "$out/init.err")"
    "$work/wheel-venv/bin/python" -m pip install "${pip_q[@]}" --no-deps --force-reinstall "$whl"
}

step_minimum() {
    local whl
    whl="$(wheel_file)"
    rm -rf "$work/minimum-venv"
    CHAIRLOG_PYTHON="${CHAIRLOG_MIN_PYTHON:-${CHAIRLOG_PYTHON:-}}" ensure_venv "$work/minimum-venv"
    "$VENV_PY" -m pip install "${pip_q[@]}" -c constraints/minimum.txt "$whl"
    "$VENV_PY" -m pip freeze >"$work/minimum-freeze.txt"
    python3 - constraints/minimum.txt "$work/minimum-freeze.txt" <<'PY'
import re, sys
norm = lambda s: re.sub(r"[-_.]+", "-", s.strip()).lower()
pins = [l.split("#")[0].strip() for l in open(sys.argv[1])]
pins = {norm(p.split("==")[0]): p.split("==")[1] for p in pins if "==" in p}
got = {norm(l.split("==")[0]): l.split("==")[1].strip() for l in open(sys.argv[2]) if "==" in l}
wrong = [f"{k} {got.get(k)} (wanted {v})" for k, v in pins.items() if got.get(k) != v]
if wrong:
    sys.exit("minimum versions not installed: " + ", ".join(wrong))
print("installed exactly the minimum versions:", ", ".join(f"{k} {v}" for k, v in pins.items()))
PY
    smoke_set minimum "$work/minimum-venv/bin"
}

step_bundle() {
    local whl app
    whl="$(wheel_file)"
    [ -x "$work/wheel-venv/bin/python" ] || fail "no wheel environment (run the wheel step)"
    CHAIRLOG_BUNDLE_DIR="$work/bundle" CHAIRLOG_BUNDLE_VENV="$work/wheel-venv" \
        bash tools/bundle.sh "$whl"
    app="$work/bundle/chairlog"
    [ -x "$app/chairlog" ] && [ -x "$app/chairlog-gui" ] || fail "bundle lacks its executables"
    # no Python on PATH, no virtual environment: only the bundle
    PATH=/usr/bin:/bin VIRTUAL_ENV= PYTHONPATH= PYTHONHOME= smoke_set bundle "$app"
}

t_all=$SECONDS
for s in "${steps[@]}"; do
    case "$s" in
        build) timed "build sdist and wheel" step_build ;;
        wheel) timed "wheel: fresh venv + smoke set outside checkout" step_wheel ;;
        broken) timed "broken wheel (resource removed) refused" step_broken ;;
        minimum) timed "minimum versions: venv + smoke set" step_minimum ;;
        bundle) timed "PyInstaller bundle: build + smoke set" step_bundle ;;
        *) fail "unknown step $s (build, wheel, broken, minimum, bundle)" ;;
    esac
done
echo
echo "check_dist timings:"
printf '  %s\n' "${timings[@]}"
printf '  %-52s %5d s\n' "total" $((SECONDS - t_all))
[ -z "$own_work" ] || rm -rf "$own_work"
