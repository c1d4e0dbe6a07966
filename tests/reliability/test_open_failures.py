"""Opening a database that must not be written to: refused with a clear message, file untouched.

Read-only file, a file another program holds locked, a missing folder, a file that is not a
database, a schema from a newer chairlog, and a file with pages overwritten by garbage each
make ``open_app`` raise ``StorageError`` (``CorruptDatabase`` for the damaged file) and leave
the file's bytes unchanged; ``chairlog check`` exits 1 with one line per problem. A damaged
database is repaired by ``chairlog restore`` from the newest verified backup, which keeps the
damaged file aside byte for byte.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chairlog.cli import main as cli
from chairlog.errors import CorruptDatabase, StorageError
from chairlog.services import charting, open_app, views
from chairlog.services.backups import backup_now
from tests.reliability.helpers.dbs import (
    ready_session,
    set_up_clinic,
    sha256,
    sqlite_url,
)

#: SQLite files of its own (or no database): the PostgreSQL pass leaves it out
pytestmark = pytest.mark.sqlite_only

HELPERS = Path(__file__).resolve().parent / "helpers"
ROOT = Path(__file__).resolve().parents[2]


def make_db(folder: Path, *, notes: int = 0) -> tuple[str, Path, int]:
    """A chairlog database with a clinic and one running session; closed (WAL checkpointed)."""
    url = sqlite_url(folder)
    app = open_app(url)
    try:
        st = set_up_clinic(app, chairs=2, patients=2)
        s = ready_session(st, st.patients[0], st.chairs[0])
        for i in range(notes):
            charting.add_note(app, st.nurse, s.id, f"Observation {i}: " + "calm, talking. " * 20)
    finally:
        app.close()
    return url, folder / "chairlog.sqlite3", s.id


AS_ADMIN = ("--as", "admin", "--password-stdin")  # a restore needs the acting admin


def _with_admin_password(args: tuple[str, ...]) -> int:
    import io

    from tests.reliability.helpers.dbs import PASSWORD

    old = sys.stdin
    sys.stdin = io.StringIO(PASSWORD + "\n")
    try:
        return int(cli(list(args)))
    finally:
        sys.stdin = old


def run_cli(*args: str) -> tuple[int, str]:
    from io import StringIO

    buf = StringIO()
    with contextlib.redirect_stdout(buf):
        code = _with_admin_password(args)
    return code, buf.getvalue()


def unprivileged() -> list[str]:
    """A command prefix under which file permissions apply even to root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "root without setpriv: cannot create a read-only condition"
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner"]


def run_as_user(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([*unprivileged(), sys.executable, *args], env=env, text=True,
                          capture_output=True, timeout=120, check=False)


def test_read_only_file_refused_untouched(tmp_path: Path) -> None:
    url, path, _ = make_db(tmp_path)
    digest = sha256(path)
    path.chmod(0o444)
    try:
        out = run_as_user(str(HELPERS / "try_open.py"), url)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        assert result["error"] == "StorageError", out.stderr
        assert "read-only" in result["message"] and "nothing was changed" in result["message"]
        check = run_as_user("-m", "chairlog", "--db", url, "check")
        assert check.returncode == 1
        assert check.stdout.startswith("problem: ") and "read-only" in check.stdout
    finally:
        path.chmod(0o644)
    assert sha256(path) == digest


def test_locked_database_refused_untouched(tmp_path: Path) -> None:
    url, path, _ = make_db(tmp_path)
    digest = sha256(path)
    locker = sqlite3.connect(path, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StorageError) as e:
            open_app(url)
        assert "locked by another program" in str(e.value)
        assert "Nothing was changed" in str(e.value)
        assert sha256(path) == digest
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert sha256(path) == digest
    open_app(url).close()  # once the other program lets go, it opens


def test_missing_folder_refused(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "usb-stick-not-mounted")
    with pytest.raises(StorageError) as e:
        open_app(url)
    assert "does not exist" in str(e.value)
    assert not (tmp_path / "usb-stick-not-mounted").exists()
    code, out = run_cli("--db", url, "check")
    assert code == 1 and out.startswith("problem: ")


def test_not_a_database_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "chairlog.sqlite3"
    path.write_bytes(random.Random(1).randbytes(64 * 1024))
    digest = sha256(path)
    with pytest.raises(StorageError) as e:
        open_app(sqlite_url(tmp_path))
    assert "not a chairlog database" in str(e.value)
    assert sha256(path) == digest
    code, out = run_cli("--db", str(path), "check")
    assert code == 1 and "not a chairlog database" in out
    assert sha256(path) == digest


def test_foreign_sqlite_file_refused_untouched(tmp_path: Path) -> None:
    """Someone else's SQLite file (rollback journal): refused without switching it to WAL."""
    path = tmp_path / "chairlog.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('bread')")
    con.commit()
    con.close()
    digest = sha256(path)
    with pytest.raises(StorageError) as e:
        open_app(sqlite_url(tmp_path))
    assert "not a chairlog database" in str(e.value)
    assert sha256(path) == digest


def test_newer_schema_refused_untouched(tmp_path: Path) -> None:
    url, path, _ = make_db(tmp_path)
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    digest = sha256(path)
    with pytest.raises(StorageError) as e:
        open_app(url)
    assert "newer chairlog (schema 9999)" in str(e.value)
    assert sha256(path) == digest
    code, out = run_cli("--db", url, "check")
    assert code == 1 and "newer chairlog" in out
    assert sha256(path) == digest


def corrupt_middle_pages(path: Path, seed: int = 7) -> None:
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.close()
    rng = random.Random(seed)
    with path.open("r+b") as fh:
        for page in range(pages // 2 - 2, pages // 2 + 2):
            fh.seek(page * page_size)
            fh.write(rng.randbytes(page_size))


@contextlib.contextmanager
def damaged_database(tmp_path: Path) -> Iterator[tuple[str, Path, int, Path]]:
    url, path, session_id = make_db(tmp_path, notes=60)
    app = open_app(url)
    try:
        backup = backup_now(app, kind="daily").path
    finally:
        app.close()
    corrupt_middle_pages(path)
    yield url, path, session_id, backup


def test_corrupt_file_refused_untouched_then_restored(tmp_path: Path) -> None:
    with damaged_database(tmp_path) as (url, path, session_id, backup):
        digest = sha256(path)
        with pytest.raises(CorruptDatabase) as e:
            open_app(url)
        assert "damaged" in str(e.value) and "chairlog restore" in str(e.value)
        assert sha256(path) == digest
        code, out = run_cli("--db", url, "check")
        assert code == 1 and "damaged" in out
        *problems, verdict = out.splitlines()
        assert problems and all(line.startswith("problem: ") for line in problems)
        assert verdict.startswith("verdict: the database file is damaged")
        assert sha256(path) == digest

        code, out = run_cli("--db", url, "restore", *AS_ADMIN)
        assert code == 0, out
        assert str(backup) in out
        aside = [f for f in tmp_path.glob("chairlog.sqlite3.damaged-*")
                 if not f.name.endswith(("-wal", "-shm"))]
        assert len(aside) == 1 and sha256(aside[0]) == digest  # kept aside, byte for byte
        code, out = run_cli("--db", url, "check")
        assert code == 0 and out.startswith("ok: "), out
        app = open_app(url)
        try:
            view = views.get_session(app, session_id)
            assert len([e for e in view.entries if e.kind.value == "note"]) == 60
        finally:
            app.close()


def test_newest_verified_backup_found_for_damaged_database(tmp_path: Path) -> None:
    """What the window's start-up offers for a damaged database: the newest backup that passes
    every check (a newer but broken backup is passed over)."""
    from chairlog.services.restore import latest_verified_backup

    with damaged_database(tmp_path) as (url, _path, _sid, backup):
        newer = backup.with_name(backup.name.replace("-daily", "-session_end"))
        shutil.copy(backup, newer)
        meta = json.loads(Path(str(backup) + ".json").read_text())
        meta["created_at"] = meta["created_at"][:10] + "T23:59:59+00:00"
        Path(str(newer) + ".json").write_text(json.dumps(meta))
        corrupt_middle_pages(newer)
        assert latest_verified_backup(url) == backup
