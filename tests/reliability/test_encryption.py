"""Encryption at rest (issue 10, point 6): ``init --encrypt``; the database, its -wal and its
backups hold neither a patient's name nor MRN; check, backup, restore and audit verify work
the same; the recovery key brings the data back on another workstation."""

from __future__ import annotations

import contextlib
import io
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from chairlog.cli import main as cli
from chairlog.services import audit_log, backups, encryption, open_app, patients
from tests.reliability.helpers.dbs import PASSWORD, ready_session, set_up_clinic

#: SQLite files of its own (or no database): the PostgreSQL pass leaves it out
pytestmark = pytest.mark.sqlite_only

NAME, MRN = "Szczepańska-Oyelaran", "MRN-7734019"


def run_cli(*args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli(list(args))
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


def test_init_encrypt_shows_the_recovery_key_once(tmp_path: Path) -> None:
    db = tmp_path / "clinic.sqlite3"
    code, out, err = run_cli("--db", str(db), "init", "--clinic", "Lakeside", "--admin", "boss",
                             "--admin-name", "Bo Ss", "--password-stdin", "--timezone", "UTC",
                             "--encrypt", stdin="boss-pass-1\n")
    assert code == 0, err
    assert "RECOVERY KEY" in out and "no OS keyring on this computer" in out
    recovery = next(line.strip() for line in out.splitlines() if line.startswith("    "))
    assert len(recovery.replace("-", "")) == 64
    assert not plaintext_in(db)
    code, out, _ = run_cli("--db", str(db), "check")
    assert code == 0 and out.startswith("ok: "), out


@pytest.fixture
def encrypted(tmp_path: Path) -> Any:
    db = tmp_path / "clinic.sqlite3"
    key = encryption.create_key_for(str(db))
    return db, key.recovery_key


def plaintext_in(path: Path) -> bool:
    data = path.read_bytes()
    return any(s.encode() in data for s in (NAME, MRN, "Lakeside", "SQLite format 3"))


def test_encrypted_database_and_backup_hold_no_patient_data(encrypted: Any,
                                                            tmp_path: Path) -> None:
    db, _ = encrypted
    app = open_app(str(db))
    try:
        st = set_up_clinic(app)
        patients.create_patient(app, st.nurse, mrn=MRN, family_name=NAME, given_name="Ada")
        ready_session(st, st.patients[0], st.chairs[0])
        assert app.db.encrypted
        info = backups.backup_now(app, dest=tmp_path / "backup.sqlite3")
        assert audit_log.verify_audit(app).ok
    finally:
        app.close()
    for f in (db, Path(str(db) + "-wal"), info.path):
        if f.exists():
            assert not plaintext_in(f), f
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    # check, audit verify, restore work the same
    code, out, _ = run_cli("--db", str(db), "check")
    assert code == 0 and out.startswith("ok: "), out
    code, out, _ = run_cli("--db", str(db), "audit", "verify")
    assert code == 0 and out.startswith("intact: "), out
    code, out, err = run_cli("--db", str(db), "restore", str(info.path), "--as", "admin",
                             "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert not plaintext_in(db)
    again = open_app(str(db))
    try:
        assert [p.mrn for p in patients.search_patients(again, MRN)] == [MRN]
    finally:
        again.close()


def test_recovery_key_opens_a_copy_elsewhere(encrypted: Any, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db, recovery = encrypted
    app = open_app(str(db))
    try:
        set_up_clinic(app)
        journal = app.db.journal
    finally:
        app.close()
    monkeypatch.setenv("CHAIRLOG_HOME", str(tmp_path / "auditor"))
    code, out, _ = run_cli("--db", str(db), "check")
    assert code == 1 and "encrypted with a key this workstation does not hold" in out
    code, out, err = run_cli("--db", str(db), "audit", "verify")
    assert code == 2 and "encrypted" in err and "Traceback" not in err
    code, out, err = run_cli("key", "restore", "--stdin", stdin=recovery + "\n")
    assert code == 0, err
    code, out, err = run_cli("--db", str(db), "audit", "verify", "--journal", str(journal))
    assert code == 0 and out.startswith("intact: "), out + err


def test_encrypt_refuses_an_existing_database(tmp_path: Path) -> None:
    db = tmp_path / "plain.sqlite3"
    open_app(str(db)).close()
    db.write_bytes(db.read_bytes() or b"x")
    code, _, err = run_cli("--db", str(db), "init", "--clinic", "C", "--admin", "a",
                           "--admin-name", "A A", "--password-stdin", "--encrypt",
                           stdin="admin-pass-1\n")
    assert code == 2 and "already exists" in err


@pytest.mark.gui
def test_window_works_on_an_encrypted_database(encrypted: Any, ui_context: Any,
                                               qtbot: Any) -> None:
    from chairlog.ui.app import build_main_window

    db, _ = encrypted
    app = open_app(str(db))
    ctx = ui_context(app)
    try:
        st = set_up_clinic(app)
        s = ready_session(st, st.patients[0], st.chairs[0])
        ctx.set_user(st.nurse)
        window = build_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        tile = next(iter(window.board.tiles.values()))
        qtbot.waitUntil(lambda: tile.view is not None and tile.view.id == s.id)
        page = window.open_session(s.id)
        assert page is not None and page.view.vitals
        window.shutdown()
    finally:
        ctx.shutdown()  # before its database closes
        app.close()
    assert not plaintext_in(db)


def test_a_plaintext_database_is_converted(tmp_path: Path) -> None:
    db = tmp_path / "plain.sqlite3"
    app = open_app(str(db))
    try:
        st = set_up_clinic(app)
        patients.create_patient(app, st.nurse, mrn=MRN, family_name=NAME, given_name="Ada")
        ready_session(st, st.patients[0], st.chairs[0])
        before = audit_log.verify_audit(app)
        assert before.ok
    finally:
        app.close()
    assert plaintext_in(db)
    code, out, err = run_cli("--db", str(db), "encrypt")
    assert code == 0, err
    assert "RECOVERY KEY" in out and "still hold patient data in clear" in out
    assert not plaintext_in(db)
    assert list(tmp_path.glob("plain.sqlite3.plaintext-*"))
    code, out, _ = run_cli("--db", str(db), "check")
    assert code == 0 and out.startswith("ok: "), out
    again = open_app(str(db))
    try:
        assert again.db.encrypted
        assert [p.mrn for p in patients.search_patients(again, MRN)] == [MRN]
        report = audit_log.verify_audit(again)
        assert report.ok and report.head_seq == before.head_seq
        # the guard triggers came along
        from tests.audit_attacker import sql

        with pytest.raises(Exception, match="append-only"):
            sql(again, "DELETE FROM audit_log WHERE seq = 1")
    finally:
        again.close()
    code, _, err = run_cli("--db", str(db), "encrypt")
    assert code == 2 and "already encrypted" in err
