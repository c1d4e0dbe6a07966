"""Issue 10 on files (SQLite): anchors beside backups, a restore, the check's verdicts, a full
disk during a restore, and the modes of what chairlog writes to disk."""

from __future__ import annotations

import contextlib
import sqlite3
import stat
import sys
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from chairlog.cli import main as cli
from chairlog.clinical.clock import FixedClock
from chairlog.errors import StorageError
from chairlog.paths import data_dir
from chairlog.services import audit_log, backups, charting, open_app
from tests.audit_attacker import drop_guards, head, sql, truncate_to
from tests.reliability.helpers.dbs import (
    PASSWORD,
    VITALS,
    ready_session,
    set_up_clinic,
    sqlite_url,
)

#: SQLite files of its own (or no database): the PostgreSQL pass leaves it out
pytestmark = pytest.mark.sqlite_only

T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def run_cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    old = sys.stdin
    sys.stdin = StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli(list(args))
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def restore_cli(db: Path, src: Path) -> tuple[int, str, str]:
    """``chairlog restore`` as the clinic's admin (the command needs one)."""
    return run_cli("--db", str(db), "restore", str(src), "--as", "admin", "--password-stdin",
                   stdin=PASSWORD + "\n")


@pytest.fixture
def clinic(tmp_path: Path) -> Any:
    app = open_app(sqlite_url(tmp_path), clock=FixedClock(T0))
    st = set_up_clinic(app)
    st.session = ready_session(st, st.patients[0], st.chairs[0])  # type: ignore[attr-defined]
    yield st
    app.close()


def live_path(app: Any) -> Path:
    return Path(app.db.url.removeprefix("sqlite:///"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_truncation_behind_a_backup_is_caught_by_its_sidecar(clinic: Any) -> None:
    """The journal gone and the in-database backup record deleted: the sidecar beside the
    backup still names the head it saw."""
    app, s = clinic.app, clinic.session
    keep, _ = head(app)
    for _ in range(2):
        charting.record_vitals(app, clinic.nurse, s.id, VITALS)
    info = backups.backup_now(app, kind="manual")
    app.db.journal.unlink()
    drop_guards(app)
    truncate_to(app, keep)
    sql(app, "DELETE FROM backups")
    report = audit_log.verify_audit(app)
    assert not report.ok and report.first_bad_seq == keep + 1
    assert report.problem == (
        f"the newest records were removed: record {info.audit_head_seq}, anchored in the "
        f"sidecar of backup {info.path.name}, is missing (the chain ends at {keep})")
    assert dict(report.anchors)["backup sidecars"] == 1


def test_restore_is_anchored_and_verifies(clinic: Any, tmp_path: Path) -> None:
    """After a restore the journal's later anchors describe the replaced file: the restored
    database verifies, and says how many anchors the restore superseded."""
    app, s = clinic.app, clinic.session
    info = backups.backup_now(app, dest=tmp_path / "b.sqlite3")
    app.clock.advance(minutes=20)
    charting.record_vitals(app, clinic.nurse, s.id, VITALS)  # a periodic anchor beyond it
    live = live_path(app)
    app.close()
    code, _, err = restore_cli(live, info.path)
    assert code == 0, err
    code, out, err = run_cli("--db", str(live), "audit", "verify")
    assert code == 0, out + err
    assert "anchors describe the file a restore replaced" in out


def test_check_verdicts(clinic: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = clinic.app
    live = live_path(app)
    code, out, _ = run_cli("--db", str(live), "check")
    assert code == 0 and out.startswith("ok: ")
    # tampering: a chart value changed in place
    sql(app, "UPDATE chart_entries SET hr = 140 WHERE hr IS NOT NULL")
    code, out, _ = run_cli("--db", str(live), "check")
    lines = out.splitlines()
    assert code == 1 and lines[0].startswith("problem: audit trail: chart_entries row ")
    assert lines[-1].startswith("verdict: tampering: the chart or its audit trail was changed")
    app.close()
    # a full disk at start: not "damaged"
    from chairlog import services

    def full(*_a: Any, **_k: Any) -> Any:
        raise StorageError("The disk is full: this entry was NOT saved.")

    monkeypatch.setattr(services, "open_app", full)
    code, out, _ = run_cli("--db", str(live), "check")
    assert code == 1 and out.splitlines()[-1].startswith("verdict: the disk is full (the "
                                                         "database itself is not damaged)")
    monkeypatch.undo()
    # a damaged file
    with live.open("r+b") as fh:  # b-tree pages overwritten: structurally damaged
        fh.seek(4096)
        fh.write(b"\xff" * 4096 * 4)
    for sfx in ("-wal", "-shm"):
        Path(str(live) + sfx).unlink(missing_ok=True)
    code, out, _ = run_cli("--db", str(live), "check")
    assert code == 1 and out.splitlines()[-1].startswith("verdict: the database file is damaged")


def test_restore_on_a_full_disk(clinic: Any, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's max_page_count on the copy being written is what SQLite sees on a full disk:
    one line, exit 2, no traceback, no .restoring file, the database untouched."""
    app = clinic.app
    info = backups.backup_now(app, dest=tmp_path / "b.sqlite3")
    live = live_path(app)
    app.close()
    before = chart_rows(live)
    from chairlog.db import backup as backup_mod

    real = sqlite3.connect

    def capped(target: Any, *a: Any, **k: Any) -> sqlite3.Connection:
        con = real(target, *a, **k)
        if str(target).endswith(".restoring"):
            con.execute("PRAGMA max_page_count = 2")
        return con

    monkeypatch.setattr(backup_mod.sqlite3, "connect", capped)
    code, out, err = restore_cli(live, info.path)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "is full" in err and "nothing was changed" in err
    assert not list(tmp_path.glob("*.restoring*"))
    # the chart is untouched (the admin's sign-in for the restore is itself audited, so the
    # file's bytes differ by that audit record)
    assert chart_rows(live) == before


def chart_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                for t in ("sessions", "chart_entries", "patients", "alerts")}
    finally:
        con.close()


def test_files_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data folder 0700; the database, backups, sidecars, journal and key 0600."""
    monkeypatch.setenv("CHAIRLOG_HOME", str(tmp_path / "home"))
    app = open_app(None, clock=FixedClock(T0))
    try:
        st = set_up_clinic(app)
        ready_session(st, st.patients[0], st.chairs[0])
        info = backups.backup_now(app, kind="manual")
        home = data_dir()
        assert mode(home) == 0o700 and mode(home / "backups") == 0o700
        db = live_path(app)
        for f in (db, Path(str(db) + "-wal"), info.path, info.sidecar, app.db.journal,
                  home / "keys" / "audit-ed25519.pem"):
            assert mode(f) == 0o600, f
    finally:
        app.close()


def test_auditor_checks_a_copy_with_the_clinic_files(clinic: Any, tmp_path: Path) -> None:
    """A copy elsewhere, truncated: given the clinic's backups folder it is caught; given the
    journal too, both anchors name it."""
    import shutil

    app, s = clinic.app, clinic.session
    keep, _ = head(app)
    charting.record_vitals(app, clinic.nurse, s.id, VITALS)
    backups.backup_now(app, kind="manual")  # into the automatic folder
    journal = app.db.journal
    copy = tmp_path / "audit" / "copy.sqlite3"
    copy.parent.mkdir()
    app.close()
    shutil.copy(live_path(app), copy)
    other = open_app(str(copy))
    try:
        drop_guards(other)
        truncate_to(other, keep)
    finally:
        other.close()
    code, out, _ = run_cli("--db", str(copy), "audit", "verify", "--backups",
                           str(data_dir() / "backups"), "--journal", str(journal))
    lines = out.splitlines()
    assert code == 1 and lines[0].startswith(
        f"broken at record {keep + 1}: the newest records were removed: record {keep + 1}, "
        "anchored in the sidecar of backup ")
    assert any(line.startswith("also: the newest records were removed: ")
               and "anchored in the journal at " in line for line in lines)
