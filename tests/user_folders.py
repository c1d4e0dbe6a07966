"""The developer's real chairlog folders stay untouched by a test run.

At the start of a run (``pytest_configure``) the real data, config, cache, state and log
folders that platformdirs names for chairlog are listed (every path with its size and
modification time), and the run's environment is pointed away from them: the XDG variables
and ``HOME``-independent ``CHAIRLOG_HOME`` / ``CHAIRLOG_LOG_DIR`` name a temporary folder, so
even code that escapes the per-test ``CHAIRLOG_HOME`` (a child process, a session fixture, a
path computed at import) writes there. At the end (``pytest_sessionfinish``) the listing is
taken again: any difference fails the run and names the paths.

Decision: a difference fails the whole run rather than one test, because the write may come
from anywhere in it; the message lists what appeared, changed or went.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import platformdirs

APP = "chairlog"


def real_folders() -> list[Path]:
    kw = {"appauthor": False}
    return [
        Path(platformdirs.user_data_dir(APP, **kw)),
        Path(platformdirs.user_config_dir(APP, **kw)),
        Path(platformdirs.user_cache_dir(APP, **kw)),
        Path(platformdirs.user_state_dir(APP, **kw)),
        Path(platformdirs.user_log_dir(APP, **kw)),
    ]


def listing(folders: list[Path]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for folder in folders:
        if not folder.exists():
            continue
        for p in [folder, *folder.rglob("*")]:
            try:
                st = p.stat()
            except OSError:
                continue
            out[str(p)] = (st.st_size if p.is_file() else 0, st.st_mtime_ns)
    return out


def redirect() -> Path:
    """Point every per-user location at a fresh temporary folder; returns it."""
    root = Path(tempfile.mkdtemp(prefix="chairlog-test-user-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (root / var.lower()).mkdir()
        os.environ[var] = str(root / var.lower())
    os.environ["CHAIRLOG_HOME"] = str(root / "chairlog-home")
    os.environ["CHAIRLOG_LOG_DIR"] = str(root / "chairlog-logs")
    os.environ["CHAIRLOG_KEYRING"] = "file"
    return root


def differences(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> list[str]:
    lines = [f"appeared: {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"went: {p}" for p in sorted(before.keys() - after.keys())]
    same = sorted(before.keys() & after.keys())
    lines += [f"changed: {p}" for p in same if before[p] != after[p]]
    return lines
