#!/usr/bin/env bash
# Install chairlog (system and Python packages) and open it on the demo clinic.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/system-deps.sh gui
python -m pip install -q --disable-pip-version-check -e .
exec chairlog gui --demo
