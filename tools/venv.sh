#!/usr/bin/env bash
# Source this file: `ensure_venv DIR` makes DIR a virtual environment of a Python >= 3.11
# (CHAIRLOG_PYTHON, else python3 on PATH, else /usr/bin/python3) unless it already is one,
# and sets VENV_PY to its python. The system's Python is never installed into (PEP 668).
# Debian/Ubuntu need python3-venv for this (tools/system-deps.sh installs it).

_py_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; }

pick_python() {
    local c
    for c in "${CHAIRLOG_PYTHON:-}" python3 python3.13 python3.12 python3.11 /usr/bin/python3; do
        [ -n "$c" ] && command -v "$c" >/dev/null 2>&1 && _py_ok "$c" && { command -v "$c"; return 0; }
    done
    echo "chairlog needs Python 3.11 or newer (set CHAIRLOG_PYTHON to one)" >&2
    return 1
}

ensure_venv() {
    local dir="$1" py
    if [ -x "$dir/bin/python" ] && _py_ok "$dir/bin/python" \
        && "$dir/bin/python" -m pip --version >/dev/null 2>&1; then
        VENV_PY="$dir/bin/python"
        return 0
    fi
    py="$(pick_python)" || return 1
    echo "creating the virtual environment $dir with $py ($("$py" -V 2>&1))"
    if ! "$py" -m venv --clear "$dir"; then
        echo "cannot create a virtual environment with $py (on Debian/Ubuntu:" \
             "apt-get install python3-venv)" >&2
        return 1
    fi
    VENV_PY="$dir/bin/python"
}
