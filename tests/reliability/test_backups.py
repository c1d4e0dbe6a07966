"""Backups: online while others write, verified, recorded with the audit head (in the live
database and the sidecar), rotated; restore refuses bad backups and keeps the current file."""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3
import sys
import threading
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chairlog.cli import main as cli
from chairlog.clinical.clock import FixedClock
from chairlog.db.migrate import known_revisions
from chairlog.db.models import AuditLog, BackupRecord, ChartEntry
from chairlog.errors import StorageError
from chairlog.services import backups, charting, doses, open_app, views
from chairlog.services.restore import restore, verify_backup
from tests.reliability.helpers.dbs import (
    VITALS,
    audit_ok,
    ready_session,
    set_up_clinic,
    sha256,
    sqlite_url,
)

#: SQLite files of its own (or no database): the PostgreSQL pass leaves it out
pytestmark = pytest.mark.sqlite_only

T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


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


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = _with_admin_password(args)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def clinic(tmp_path: Path) -> Any:
    app = open_app(sqlite_url(tmp_path), clock=FixedClock(T0))
    st = set_up_clinic(app)
    st.session = ready_session(st, st.patients[0], st.chairs[0])  # type: ignore[attr-defined]
    yield st
    app.close()


def backup_entries(path: Path) -> tuple[set[int], set[int]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        entries = {r[0] for r in con.execute("SELECT id FROM chart_entries")}
        audited = {int(r[0]) for r in con.execute(
            "SELECT entity_id FROM audit_log WHERE action LIKE 'entry.create.%'")}
    finally:
        con.close()
    return entries, audited


def test_online_backup_while_another_thread_writes(tmp_path: Path) -> None:
    app = open_app(sqlite_url(tmp_path))  # the real clock: backups named by the second
    try:
        st = set_up_clinic(app)
        s = ready_session(st, st.patients[0], st.chairs[0])
        stop = threading.Event()
        written: list[int] = []
        errors: list[BaseException] = []

        def writer() -> None:
            """A very busy workstation: a save every few milliseconds. (SQLite's busy handler
            is not fair, so a loop with no pause at all could starve the backup's own short
            write of its record for longer than the 5 s busy timeout.)"""
            try:
                while not stop.wait(0.003):
                    written.append(charting.add_note(app, st.nurse, s.id,
                                                     f"note {len(written)}").entry.id)
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        t = threading.Thread(target=writer)
        t.start()
        made = []
        try:
            while len(made) < 5:
                if len(written) > 20 * (len(made) + 1):
                    made.append(backups.backup_now(app, kind="manual"))
        finally:
            stop.set()
            t.join()
        assert not errors
        _, head = known_revisions()
        with app.db.read() as sess:
            recorded = {r.path: (r.audit_head_seq, r.audit_head_hash)
                        for r in sess.scalars(select(BackupRecord))}
        for info in made:
            assert verify_backup(info.path).ok
            entries, audited = backup_entries(info.path)
            assert entries == audited and len(entries) > 0  # a consistent snapshot
            meta = json.loads(info.sidecar.read_text())
            assert meta["sha256"] == sha256(info.path) == info.sha256
            assert meta["audit_head"] == {"seq": info.audit_head_seq, "hash": info.audit_head_hash}
            assert meta["schema_revision"] == head
            assert datetime.fromisoformat(meta["created_at"]) == info.created_at
            assert recorded[str(info.path)] == (info.audit_head_seq, info.audit_head_hash)
        assert len({i.path for i in made}) == 5
        assert audit_ok(app)[0]  # the live chain verifies, with the backup anchors
    finally:
        app.close()


def test_rotation_policy() -> None:
    now = T0
    stamps = [now - timedelta(hours=7 * i) for i in range(0, 24 * 250 // 7)]  # ~8 months
    keep = backups.rotation_keep(stamps, now)
    recent = [t for t in stamps if now - t < timedelta(days=14)]
    assert set(recent) <= keep
    weekly = [t for t in keep if timedelta(days=14) <= now - t < timedelta(days=14 + 84)]
    weeks = [t.isocalendar()[:2] for t in weekly]
    assert len(weeks) == len(set(weeks)) and 12 <= len(weeks) <= 13
    monthly = [t for t in keep if now - t >= timedelta(days=14 + 84)]
    months = [(t.year, t.month) for t in monthly]
    assert len(months) == len(set(months))
    for t in weekly:  # the newest of its week (within the weekly window) is the one kept
        assert t == max(u for u in stamps if u.isocalendar()[:2] == t.isocalendar()[:2]
                        and timedelta(days=14) <= now - u < timedelta(days=14 + 84))
    for t in monthly:
        assert t == max(u for u in stamps if (u.year, u.month) == (t.year, t.month)
                        and now - u >= timedelta(days=14 + 84))
    assert max(stamps) in keep
    assert backups.rotation_keep(keep, now) == keep  # applying it again removes nothing


def test_rotation_of_automatic_backups(clinic: Any, tmp_path: Path) -> None:
    app, clock = clinic.app, clinic.app.clock
    folder = backups.backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    foreign = folder / "chairlog-20250101T000000Z-daily.sqlite3"  # another database's backup
    foreign.write_bytes(b"x")
    (folder / (foreign.name + ".json")).write_text(json.dumps(
        {"source": "/elsewhere/other.sqlite3", "created_at": "2025-01-01T00:00:00+00:00"}))
    made = []
    for _ in range(70):  # one every 3 days for 210 days
        made.append(backups.backup_now(app, kind="daily"))
        clock.advance(days=3)
    now = made[-1].created_at
    present = {m.created_at for m in made if m.path.exists()}
    assert backups.rotation_keep(present, now) == present  # rotated after every backup
    ages = {t: now - t for t in {m.created_at for m in made}}
    assert {t for t, a in ages.items() if a < timedelta(days=14)} <= present
    weekly = {t for t, a in ages.items() if timedelta(days=14) <= a < timedelta(days=98)}
    for week in {t.isocalendar()[:2] for t in weekly}:  # exactly one per week, then per month
        assert len([t for t in present & weekly if t.isocalendar()[:2] == week]) == 1
    monthly = {t for t, a in ages.items() if a >= timedelta(days=98)}
    for month in {(t.year, t.month) for t in monthly}:
        assert len([t for t in present & monthly if (t.year, t.month) == month]) == 1
    assert len(present) < 30
    assert all(m.sidecar.exists() == m.path.exists() for m in made)
    assert foreign.exists()
    with app.db.read() as s:
        assert len(s.scalars(select(BackupRecord)).all()) == 70  # the log keeps every backup
        assert s.scalars(select(AuditLog).where(AuditLog.action == "backup.rotate")).first()
    assert audit_ok(app)[0]


def test_restore_refuses_corrupt_backup(clinic: Any, tmp_path: Path) -> None:
    app = clinic.app
    info = backups.backup_now(app, dest=tmp_path / "b.sqlite3")
    live = Path(app.db.url.removeprefix("sqlite:///"))
    app.close()
    with info.path.open("r+b") as fh:
        size = info.path.stat().st_size
        fh.seek(size // 2 - 8192)
        fh.write(random.Random(3).randbytes(16384))
    digest = sha256(live)
    code, _out, err = run_cli("--db", str(live), "restore", str(info.path), *AS_ADMIN)
    assert code == 2 and "cannot be restored" in err and "integrity" in err
    assert sha256(live) == digest
    assert not list(tmp_path.glob("chairlog.sqlite3.*-2*"))


def test_restore_refuses_backup_with_broken_chain(clinic: Any, tmp_path: Path) -> None:
    app = clinic.app
    info = backups.backup_now(app, dest=tmp_path / "b.sqlite3")
    live = Path(app.db.url.removeprefix("sqlite:///"))
    app.close()
    con = sqlite3.connect(info.path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET after_json = replace(after_json, '72', '27') "
                "WHERE action = 'entry.create.vitals'")
    con.commit()
    con.close()
    info.sidecar.unlink()  # no sidecar to give it away: the chain itself must
    digest = sha256(live)
    code, _out, err = run_cli("--db", str(live), "restore", str(info.path), *AS_ADMIN)
    assert code == 2 and "audit trail does not verify" in err and "altered" in err
    assert sha256(live) == digest


def test_restore_refuses_backup_changed_after_it_was_made(clinic: Any, tmp_path: Path) -> None:
    info = backups.backup_now(clinic.app, dest=tmp_path / "b.sqlite3")
    meta = json.loads(info.sidecar.read_text())
    meta["sha256"] = "0" * 64
    info.sidecar.write_text(json.dumps(meta))
    with pytest.raises(StorageError) as e:
        restore(clinic.app.db.url, info.path)
    assert "SHA-256" in str(e.value)


def test_restore_good_backup_keeps_current_file_aside(clinic: Any, tmp_path: Path) -> None:
    app, s = clinic.app, clinic.session
    info = backups.backup_now(app, dest=tmp_path / "before-infusion.sqlite3")
    doses.start_infusion(app, clinic.nurse, s.id, 0.5)
    live = Path(app.db.url.removeprefix("sqlite:///"))
    app.close()
    code, out, err = run_cli("--db", str(live), "restore", str(info.path), *AS_ADMIN)
    assert code == 0, err
    aside = next(f for f in tmp_path.glob("chairlog.sqlite3.replaced-*") if f.suffix != ".json"
                 and not f.name.endswith(("-wal", "-shm")))
    assert str(aside) in out
    again = open_app(str(live), clock=FixedClock(T0))
    try:
        assert views.get_session(again, s.id).state.value == "pre_infusion"
        assert audit_ok(again)[0]
        with again.db.read() as sess:
            last = sess.scalars(select(AuditLog).order_by(AuditLog.seq.desc())).first()
            assert last is not None and last.action == "backup.restore"
            assert last.seq == info.audit_head_seq + 1
    finally:
        again.close()
    con = sqlite3.connect(aside)
    try:  # the replaced file still holds what was charted after the backup
        sql = "SELECT count(*) FROM chart_entries WHERE kind='dose'"
        assert con.execute(sql).fetchone()[0] == 1
    finally:
        con.close()


def test_cli_backup_and_check(clinic: Any, tmp_path: Path) -> None:
    live = clinic.app.db.url.removeprefix("sqlite:///")
    clinic.app.close()
    dest = tmp_path / "usb" / "monday.sqlite3"
    code, out, _ = run_cli("--db", live, "backup", str(dest))
    assert code == 0 and str(dest) in out and dest.exists()
    assert Path(str(dest) + ".json").exists()
    code, _, err = run_cli("--db", live, "backup", str(dest))
    assert code == 2 and "never overwrites" in err
    code, out, _ = run_cli("--db", live, "check")
    assert code == 0 and out.startswith("ok: integrity ok; audit trail verified")
    con = sqlite3.connect(live)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET reason = 'edited' WHERE seq = 3")
    con.commit()
    con.close()
    code, out, _ = run_cli("--db", live, "check")
    assert code == 1 and out == ("problem: audit trail: record 3 was altered after it was "
                                 "written\nverdict: tampering: the chart or its audit trail "
                                 "was changed outside chairlog; keep this file as evidence and "
                                 "do not restore over it\n")


def test_automatic_backups_daily_and_after_discharge(clinic: Any) -> None:
    app, s, nurse = clinic.app, clinic.session, clinic.nurse
    charting.add_note(app, nurse, s.id, "before install: no automatic backup")
    assert backups.last_backup_at(app) is None
    backups.install(app)
    charting.add_note(app, nurse, s.id, "first write of the day")
    charting.add_note(app, nurse, s.id, "second write of the day")
    with app.db.read() as sess:
        kinds = [r.kind for r in sess.scalars(select(BackupRecord))]
    assert kinds == ["daily"]
    doses.start_infusion(app, nurse, s.id, 0.5)
    app.clock.advance(minutes=60)
    doses.stop_infusion(app, nurse, s.id)
    app.clock.advance(minutes=60)
    charting.record_vitals(app, nurse, s.id, VITALS)
    charting.record_assessment(app, nurse, s.id, "aldrete", items=[2, 2, 2, 2, 2])
    charting.discharge(app, nurse, s.id, criteria=dict.fromkeys(charting.DISCHARGE_CRITERIA, True),
                       escort_name="Sam", instructions_given=True)
    app.clock.advance(days=1)
    charting.add_note(app, nurse, s.id, "next day")
    with app.db.read() as sess:
        kinds = [r.kind for r in sess.scalars(select(BackupRecord).order_by(BackupRecord.id))]
    assert kinds == ["daily", "session_end", "daily"]
    assert audit_ok(app)[0]


def test_failed_automatic_backup_never_undoes_the_discharge(clinic: Any) -> None:
    app, s, nurse = clinic.app, clinic.session, clinic.nurse
    backups.backups_dir().parent.mkdir(parents=True, exist_ok=True)
    backups.backups_dir().write_text("a file where the backups folder should be")
    backups.install(app)
    doses.start_infusion(app, nurse, s.id, 0.5)
    doses.stop_infusion(app, nurse, s.id)
    app.clock.advance(minutes=60)
    charting.record_assessment(app, nurse, s.id, "aldrete", items=[2, 2, 2, 2, 2])
    r = charting.discharge(app, nurse, s.id, escort_name="Sam", instructions_given=True,
                           criteria=dict.fromkeys(charting.DISCHARGE_CRITERIA, True))
    assert r.session.state.value == "discharged"
    with app.db.read() as sess:
        failed = sess.scalars(select(AuditLog).where(AuditLog.action == "backup.failed")).all()
        assert failed and sess.scalar(select(ChartEntry.id).where(
            ChartEntry.kind == "discharge")) == r.entry.id
    assert audit_ok(app)[0]
