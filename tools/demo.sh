#!/usr/bin/env bash
# Install chairlog in its own virtual environment (.venv) and open it on the demo clinic.
#   bash tools/demo.sh                     the window
#   bash tools/demo.sh --smoke             check the installation: show the window for 10 s, exit
# Needs only a Python 3.11+ (`python3`); installs the Debian/Ubuntu packages it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-deps.sh gui
source tools/venv.sh
ensure_venv .venv
"$VENV_PY" -m pip install -q --disable-pip-version-check -c constraints/lock.txt -e .
exec .venv/bin/chairlog gui --demo "$@"
