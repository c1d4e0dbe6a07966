#!/usr/bin/env bash
# Install what the test suite needs (system packages; chairlog with its test extras in its own
# virtual environment, .venv), then run it:
#   1. the whole suite on the embedded SQLite database (GUI tests on Qt's offscreen platform);
#   2. the database, service and reliability suites again on a throwaway PostgreSQL server
#      started on 127.0.0.1 for the run (the multi-workstation tests need one), without the
#      tests marked sqlite_only (no database, or SQLite files of their own: run 1 ran them).
# Both runs spread the tests over every core (pytest-xdist, -n auto); each test process builds
# the test clinic once and copies it per test (tests/template_db.py).
# Usage: bash tools/test.sh              both runs
#        bash tools/test.sh quick        the inner loop: SQLite only, without the slow and
#                                        window-driving tests (about a minute on two cores)
#        bash tools/test.sh [pytest args] only pytest with these arguments, on SQLite
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-deps.sh test
source tools/venv.sh
ensure_venv .venv
"$VENV_PY" -m pip install -q --disable-pip-version-check -c constraints/lock.txt -e ".[test]"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# The tests' files (each test's database, data folder, backups) on a RAM disk where there is
# one: the code, its pragmas and its fsync calls are the same, but an fsync there costs nothing
# (on a VM's disk it was about a third of the suite's time). Set TMPDIR yourself to choose.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR="/dev/shm/chairlog-tests-$(id -u)"
    mkdir -p "$TMPDIR"
    chmod 711 "$TMPDIR"  # the throwaway PostgreSQL servers (user postgres) pass through
fi
parallel=(-n auto --dist worksteal)
# the whole runs print their 25 slowest tests (where the suite's time goes, run after run)
slowest=(--durations=25 --durations-min=2)
if [ "${1:-}" = quick ]; then
    shift
    exec "$VENV_PY" -m pytest "${parallel[@]}" -q -m "not postgres and not slow and not gui" "$@"
fi
if [ $# -gt 0 ]; then
    exec "$VENV_PY" -m pytest "$@"
fi
echo "=== the whole suite on SQLite ==="
"$VENV_PY" -m pytest "${parallel[@]}" "${slowest[@]}" -m "not postgres"
if [ "${CI:-}" = true ]; then
    # the suite above replays the session state machine's fixed exploration; this explores anew
    seed="$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
    echo "=== the session state machine, exploring with a fresh seed: $seed ==="
    CHAIRLOG_MACHINE_EXPLORE=1 "$VENV_PY" -m pytest -q \
        tests/reliability/test_session_machine.py::test_session_life --hypothesis-seed="$seed"
fi
echo "=== database, service and reliability suites on PostgreSQL ==="
source tools/pg.sh
start_throwaway_pg "${CHAIRLOG_TEST_PG_PORT:-54331}"
CHAIRLOG_TEST_PG_URL="$PG_URL" "$VENV_PY" -m pytest "${parallel[@]}" "${slowest[@]}" \
    tests/db tests/services tests/reliability tests/outbox -m "not gui and not sqlite_only" \
    --deselect tests/reliability/test_session_machine.py::test_session_life
