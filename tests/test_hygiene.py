"""The run's own folders: nothing a test does reaches the developer's real chairlog folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chairlog import paths
from tests import conftest, user_folders


def _inside(p: Path, folders: list[Path]) -> bool:
    return any(p.resolve().is_relative_to(f.resolve()) for f in folders)


def test_every_path_chairlog_computes_is_a_temporary_one(monkeypatch: pytest.MonkeyPatch) -> None:
    real = conftest._REAL_FOLDERS
    assert not _inside(paths.data_dir(), real)
    assert not _inside(paths.log_dir(), real)
    # even with the per-test folder unset, the platform's folders are the run's temporary ones
    monkeypatch.delenv("CHAIRLOG_HOME")
    monkeypatch.delenv("CHAIRLOG_LOG_DIR")
    assert paths.data_dir().resolve().is_relative_to(conftest._REDIRECTED.resolve())
    assert paths.log_dir().resolve().is_relative_to(conftest._REDIRECTED.resolve())
    assert not _inside(paths.data_dir(), real)


def test_a_child_process_writes_into_the_run_folders_too(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("CHAIRLOG_HOME", "CHAIRLOG_LOG_DIR")}
    out = subprocess.run(
        [sys.executable, "-c", "from chairlog import paths; print(paths.data_dir())"],
        env=env, capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent,
    ).stdout.strip()
    assert Path(out).resolve().is_relative_to(conftest._REDIRECTED.resolve())


def test_the_difference_check_names_what_changed(tmp_path: Path) -> None:
    folder = tmp_path / "real"
    folder.mkdir()
    (folder / "kept").write_text("x")
    before = user_folders.listing([folder])
    (folder / "ca").mkdir()
    (folder / "ca" / "authority.secret").write_text("s")
    (folder / "kept").write_text("xy")
    changed = user_folders.differences(before, user_folders.listing([folder]))
    assert f"appeared: {folder / 'ca' / 'authority.secret'}" in changed
    assert f"changed: {folder / 'kept'}" in changed


def test_qt_writes_its_own_files_into_the_run_folders_too() -> None:
    """Qt's per-user locations (its settings, caches and application data: a font cache, a
    file dialog's history) follow the XDG variables the run redirected."""
    from PySide6.QtCore import QStandardPaths

    where = QStandardPaths.StandardLocation
    for location in (where.AppDataLocation, where.AppConfigLocation, where.CacheLocation,
                     where.GenericDataLocation, where.GenericConfigLocation,
                     where.GenericCacheLocation, where.AppLocalDataLocation):
        path = Path(QStandardPaths.writableLocation(location))
        assert path.resolve().is_relative_to(conftest._REDIRECTED.resolve()), (location, path)
        assert not _inside(path, conftest._REAL_FOLDERS)
