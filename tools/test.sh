#!/usr/bin/env bash
# Install what the test suite needs (system and Python packages), then run it.
# Usage: bash tools/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-deps.sh test
python -m pip install -q --disable-pip-version-check -e ".[test]"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec python -m pytest "$@"
